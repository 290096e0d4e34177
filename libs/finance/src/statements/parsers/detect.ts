import { parseBankCsv } from './bank-csv';
import { parseCamt053 } from './camt053';
import { parseMt940 } from './mt940';
import { StatementParser } from './parsed-statement';

/**
 * Which reader a file needs, from its first bytes: XML is CAMT.053, SWIFT tags (`:20:`, `:25:`) make an
 * MT940, anything else is taken for a bank's CSV export (whose reader knows the layouts by their header).
 */
export function parserFor(head: Buffer): StatementParser {
  const text = head.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (text.startsWith('<')) return parseCamt053;
  if (/^(\{1:|:20:)/.test(text) || /(^|\r?\n):(20|25|28C|60F):/.test(text)) return parseMt940;
  return parseBankCsv;
}

/** Reads the first chunk to choose the reader, then hands it the whole stream, first chunk included. */
export async function* parseStatementFile(input: AsyncIterable<Buffer>) {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.length === 0) throw new RangeError('The file is empty');
  const head: Buffer = first.value;
  async function* whole(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  yield* parserFor(head)(whole());
}
