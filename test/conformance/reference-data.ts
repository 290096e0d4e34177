/**
 * Shared plumbing for the conformance suites: where the third-party reference files live, and small, deliberately
 * literal readers for them (regular expressions over XML, a quote-aware CSV splitter, MT940 tag lines). These readers
 * only serve the tests; they are not the product's importers.
 *
 * See ../shared/reference-data/SOURCES.md for the origin and licence of every file.
 */
import * as fs from 'fs';
import * as path from 'path';

export const REFERENCE_DATA = path.resolve(__dirname, '../../../shared/reference-data');
export const HAS_REFERENCE_DATA = fs.existsSync(REFERENCE_DATA);

/**
 * `describe` when the reference data folder exists, otherwise `describe.skip` with the reason in the title (and once
 * on stderr) so a skipped run is never mistaken for a passing one.
 */
export function describeWithReferenceData(title: string, body: () => void): void {
  if (HAS_REFERENCE_DATA) {
    describe(title, body);
    return;
  }
  const reason = `reference data folder not found at ${REFERENCE_DATA}; see ../shared/reference-data/SOURCES.md`;
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${title}": ${reason}`);
  describe.skip(`${title} [SKIPPED: ${reason}]`, body);
}

/** A reference file as text, with CRLF normalised and, for XML, comments removed (a parser ignores them too). */
export function readReference(relativePath: string): string {
  const text = fs.readFileSync(path.join(REFERENCE_DATA, relativePath), 'utf8').replace(/\r\n/g, '\n');
  return relativePath.endsWith('.xml') ? text.replace(/<!--[\s\S]*?-->/g, '') : text;
}

/** Files in a reference sub-folder, as paths relative to the reference data root. */
export function listReference(folder: string): string[] {
  return fs
    .readdirSync(path.join(REFERENCE_DATA, folder))
    .filter((name) => fs.statSync(path.join(REFERENCE_DATA, folder, name)).isFile())
    .sort()
    .map((name) => `${folder}/${name}`);
}

// ---------------------------------------------------------------------------------------------------------------
// XML

/** Text content of every element named `name` (any namespace prefix), in document order, whitespace-trimmed. */
export function xmlTexts(xml: string, name: string): string[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1].trim());
}

/** Inner XML of every element named `name` (no nesting of the same name assumed). */
export function xmlBlocks(xml: string, name: string): string[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]);
}

export interface XmlAmount {
  currency: string;
  text: string;
}

/** Every `<Amt Ccy="…">` element (single or double quotes), in document order. */
export function xmlAmounts(xml: string): XmlAmount[] {
  const re = /<(?:[\w.-]+:)?Amt\s+Ccy=(["'])([A-Z]{3})\1\s*>([^<]*)<\/(?:[\w.-]+:)?Amt>/g;
  return [...xml.matchAll(re)].map((m) => ({ currency: m[2], text: m[3].trim() }));
}

/** The first `<Amt>` that is a direct child of the block (before any nested details), with the block's indicator. */
export function firstAmountAndIndicator(block: string): { amount: XmlAmount; indicator: string } {
  const amount = xmlAmounts(block)[0];
  const indicator = xmlTexts(block, 'CdtDbtInd')[0];
  if (!amount || !indicator) throw new Error(`No Amt/CdtDbtInd in block: ${block.slice(0, 200)}`);
  return { amount, indicator };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/** Splits CSV text into rows of fields. Handles quoted fields with doubled quotes; no embedded newlines needed. */
export function parseCsv(text: string, delimiter: ',' | ';', quote: '"' | "'" = '"'): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => splitCsvLine(line, delimiter, quote));
}

function splitCsvLine(line: string, delimiter: string, quote: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === quote && line[i + 1] === quote) {
        field += quote;
        i++;
      } else if (char === quote) {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === quote && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** Rows as objects keyed by the header row. */
export function csvRecords(rows: string[][]): Record<string, string>[] {
  const [header, ...data] = rows;
  return data.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

// ---------------------------------------------------------------------------------------------------------------
// MT940

/** Values of every `:tag:` line (first line only), e.g. mt940Fields(text, '25') for the account lines. */
export function mt940Fields(text: string, tag: string): string[] {
  const re = new RegExp(`^:${tag}:(.*)$`, 'gm');
  return [...text.matchAll(re)].map((m) => m[1].trim());
}
