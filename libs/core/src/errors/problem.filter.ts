import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain.error';
import { ValidationFailed } from './validation';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  requestId?: string;
  errors?: Array<{ field: string; messages: string[] }>;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://buurtcoop.nl/problems/';

/** SQLSTATEs that are the client's fault, not ours: the database enforced an invariant. */
/** What pg's pool rejects with when no connection comes free within `connectionTimeoutMillis`. */
const POOL_WAIT_EXPIRED = 'timeout exceeded when trying to connect';

const SQLSTATE_PROBLEMS: Record<string, { status: number; code: string; detail: string }> = {
  '23505': { status: 409, code: 'already_exists', detail: 'A record with the same unique values already exists' },
  '23P01': { status: 409, code: 'overlaps', detail: 'This overlaps with an existing record' },
  '23502': { status: 422, code: 'value_required', detail: 'A value that may be left out may not be null' },
  '23503': { status: 422, code: 'reference_invalid', detail: 'A referenced record does not exist or is still in use' },
  '23514': { status: 422, code: 'rule_violated', detail: 'This would break a rule of the books (e.g. an unbalanced entry, or a closed period)' },
  '40001': { status: 409, code: 'concurrent_update', detail: 'The record was changed at the same time by someone else; try again' },
  '40P01': { status: 409, code: 'concurrent_update', detail: 'The record was changed at the same time by someone else; try again' },
};

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'Error';
}

/** Every error leaves the API as problem+json; unknown errors are logged and answered with a bare 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error, request);
    problem.requestId = String(request.id);
    problem.instance = request.url.split('?')[0];
    if ((problem.status === 429 || problem.status === 503) && typeof problem.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    }
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  private toProblem(error: unknown, request: FastifyRequest): Problem {
    if (error instanceof ValidationFailed) {
      return {
        type: `${PROBLEM_BASE}validation-failed`,
        title: 'Your request has invalid fields',
        status: 400,
        code: 'validation_failed',
        detail: error.errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join('. '),
        errors: error.errors,
      };
    }
    if (error instanceof DomainError) {
      return {
        type: `${PROBLEM_BASE}${error.code.replace(/_/g, '-')}`,
        title: titleOf(error.status),
        status: error.status,
        code: error.code,
        detail: error.message,
        ...(error.field ? { errors: [{ field: error.field, messages: [error.message] }] } : {}),
        ...error.extensions,
      };
    }
    if (error instanceof ThrottlerException) {
      return { type: `${PROBLEM_BASE}too-many-requests`, title: 'Too many requests', status: 429, code: 'too_many_requests', detail: 'Too many requests; wait a minute and try again' };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'string' ? body : Array.isArray((body as { message?: unknown }).message) ? ((body as { message: string[] }).message).join('; ') : String((body as { message?: unknown }).message ?? error.message);
      if (status >= 500) this.logger.error({ err: error, requestId: request.id }, 'HTTP error');
      // Nest's and Fastify's own refusals (malformed JSON, media type, size, unknown route) carry no code of their
      // own: the status's name is one a client can branch on.
      const code = HttpStatus[status]?.toLowerCase() ?? 'http_error';
      return { type: status === 404 ? `${PROBLEM_BASE}not-found` : 'about:blank', title: titleOf(status), status, code, detail };
    }
    const sqlstate = error instanceof QueryFailedError ? (error.driverError as { code?: string })?.code : undefined;
    const mapped = sqlstate ? SQLSTATE_PROBLEMS[sqlstate] : undefined;
    if (mapped) {
      const { constraint, column } = (error as QueryFailedError & { driverError: { constraint?: string; column?: string } }).driverError;
      // A null the DTO let through for a NOT NULL column: the column is the request field, in the API's spelling.
      const field = sqlstate === '23502' && column ? column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : undefined;
      return {
        type: `${PROBLEM_BASE}${mapped.code.replace(/_/g, '-')}`,
        title: titleOf(mapped.status),
        status: mapped.status,
        code: mapped.code,
        detail: field ? `${field}: ${mapped.detail}` : mapped.detail,
        ...(constraint ? { constraint } : {}),
        ...(field ? { errors: [{ field, messages: [`${field} may not be null`] }] } : {}),
      };
    }
    if (error instanceof Error && error.message === POOL_WAIT_EXPIRED) {
      // Every connection stayed busy (a long dues run, say) for as long as a request may wait: come back shortly.
      this.logger.warn({ requestId: request.id, url: request.url }, 'No database connection came free in time');
      return { type: `${PROBLEM_BASE}database-busy`, title: titleOf(503), status: 503, code: 'database_busy', detail: 'The database is busy; try again in a few seconds', retryAfterSeconds: 5 };
    }
    this.logger.error({ err: error, requestId: request.id, url: request.url }, 'Unhandled error');
    return { type: 'about:blank', title: 'Internal server error', status: 500 };
  }
}
