import { BadRequestException, ExecutionContext, HttpException, UnsupportedMediaTypeException, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { ValidationFailed } from '@buurtcoop/core';

export const CSV_UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

const UPLOAD = Symbol('csv-upload');

type UploadRequest = FastifyRequest & { [UPLOAD]?: Buffer };

async function readFilePart(request: FastifyRequest): Promise<Buffer> {
  try {
    const part = await request.file({ limits: { fileSize: CSV_UPLOAD_LIMIT_BYTES, files: 1 } });
    if (!part) return Buffer.alloc(0);
    if (part.fieldname !== 'file') throw new BadRequestException(`Send the CSV in a form field named file (got '${part.fieldname}')`);
    return await part.toBuffer();
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    // @fastify/multipart's limits (413) and malformed forms (400, 406) are the client's doing.
    if (!(error instanceof HttpException) && status && status >= 400 && status < 500) throw new HttpException((error as Error).message, status);
    throw error;
  }
}

/**
 * The uploaded CSV as bytes: the body of a `text/csv` request (configureApp keeps it as a Buffer),
 * or the `file` field of a `multipart/form-data` form. Kept on the request, so a transaction retry
 * of the handler reads the same bytes.
 */
export const CsvUpload = createParamDecorator(async (_: unknown, context: ExecutionContext): Promise<Buffer> => {
  const request = context.switchToHttp().getRequest<UploadRequest>();
  if (request[UPLOAD]) return request[UPLOAD];
  let csv: Buffer;
  if (typeof request.isMultipart === 'function' && request.isMultipart()) csv = await readFilePart(request);
  else if (Buffer.isBuffer(request.body)) csv = request.body;
  else if (request.body === undefined || request.body === null || request.body === '') csv = Buffer.alloc(0);
  else throw new UnsupportedMediaTypeException('Send the member list with content-type text/csv, or as multipart/form-data in a field named file');
  if (csv.length === 0) throw new ValidationFailed([{ field: 'file', messages: ['The file is empty: send the member list as CSV'] }]);
  request[UPLOAD] = csv;
  return csv;
});
