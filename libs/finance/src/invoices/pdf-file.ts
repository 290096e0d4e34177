import { StreamableFile } from '@nestjs/common';

/** A PDF as an HTTP download, with a name the member will recognise in their downloads folder. */
export function pdfFile(pdf: Buffer, filename: string): StreamableFile {
  return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`, length: pdf.length });
}
