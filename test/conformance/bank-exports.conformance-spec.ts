/**
 * The MT940 and CSV exports of Dutch banks in ../shared/reference-data/nl-bank-exports, read by the product's
 * statement parsers. What each file should yield is counted here straight from the raw text (`:61:` lines and their
 * amounts; CSV rows and their amount and sign columns), independently of the parsers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseBankCsv } from '../../libs/finance/src/statements/parsers/bank-csv';
import { parseMt940 } from '../../libs/finance/src/statements/parsers/mt940';
import { StatementItem, StatementParser } from '../../libs/finance/src/statements/parsers/parsed-statement';
import { REFERENCE_DATA, csvRecords, describeWithReferenceData, listReference, parseCsv, readReference } from './reference-data';

/** Cents from the amount text as the file writes it: `1.234,56`, `500,`, `2500`, or with `.` for decimals. */
function cents(text: string, decimal: ',' | '.'): number {
  const [whole, fraction = ''] = (decimal === ',' ? text.replace(/\./g, '') : text.replace(/,/g, '')).split(decimal);
  const negative = whole.startsWith('-');
  const value = Number(whole.replace(/^[+-]/, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -value : value;
}

async function parseFile(parser: StatementParser, relativePath: string): Promise<StatementItem[]> {
  // Small chunks, so lines and quoted fields fall across chunk boundaries as they would in a large upload.
  const stream = fs.createReadStream(path.join(REFERENCE_DATA, relativePath), { highWaterMark: 97 });
  const items: StatementItem[] = [];
  for await (const item of parser(stream)) items.push(item);
  return items;
}

interface Expected {
  entries: number;
  sumCents: number;
  opening: number | null;
  closing: number | null;
}

/** Entry counts and sums per statement, as the parser yielded them. */
function perStatement(items: StatementItem[]): Expected[] {
  const statements: Expected[] = [];
  for (const item of items) {
    if (item.kind === 'statement') statements.push({ entries: 0, sumCents: 0, opening: item.opening?.amountCents ?? null, closing: null });
    const current = statements[statements.length - 1];
    if (item.kind === 'entry') {
      current.entries++;
      current.sumCents += item.amountCents;
    }
    if (item.kind === 'end') current.closing = item.closing?.amountCents ?? null;
  }
  return statements;
}

/** The messages of an MT940 file, each starting at its `:20:` line, read with regular expressions. */
function rawMt940(text: string): Expected[] {
  return text
    .split(/^(?=:20:)/m)
    .filter((message) => /^:20:/.test(message))
    .map((message) => {
      const lines = [...message.matchAll(/^:61:[0-9]{6}(?:[0-9]{4})?(R?[CD])[A-Z]?([0-9]+(?:,[0-9]*)?)/gm)];
      const balance = (tag: string) => {
        const match = new RegExp(`^:${tag}[FM]:([CD])[0-9]{6}[A-Z]{3}([0-9,]+)`, 'm').exec(message);
        return match ? (match[1] === 'D' ? -1 : 1) * cents(match[2], ',') : null;
      };
      return {
        entries: lines.length,
        sumCents: lines.reduce((sum, [, mark, amount]) => sum + (mark === 'D' || mark === 'RC' ? -1 : 1) * cents(amount, ','), 0),
        opening: balance('60'),
        closing: balance('62'),
      };
    });
}

/** How to count each CSV sample's rows and amounts; a new sample without an entry here fails the suite. */
const CSV_SAMPLES: Record<string, (text: string) => Expected> = {
  'asnbank-transactie-historie.csv': (text) => {
    // Header-less: column 8 is the balance before the row, column 10 the signed amount with a decimal point.
    const rows = parseCsv(text, ',');
    const last = rows[rows.length - 1];
    return {
      entries: rows.length,
      sumCents: rows.reduce((sum, row) => sum + cents(row[10], '.'), 0),
      opening: cents(rows[0][8], '.'),
      closing: cents(last[8], '.') + cents(last[10], '.'),
    };
  },
  'ing-export-comma.csv': (text) => ingRows(csvRecords(parseCsv(text, ','))),
  'ing-export-semicolon.csv': (text) => ingRows(csvRecords(parseCsv(text, ';'))),
  'knab-transactieoverzicht.csv': (text) => {
    const records = csvRecords(parseCsv(text.split('\n').slice(1).join('\n'), ';'));
    return {
      entries: records.length,
      sumCents: records.reduce((sum, r) => sum + (r.CreditDebet === 'D' ? -1 : 1) * cents(r.Bedrag, ','), 0),
      opening: null,
      closing: null,
    };
  },
};

function ingRows(records: Record<string, string>[]): Expected {
  return {
    entries: records.length,
    sumCents: records.reduce((sum, r) => sum + (r['Af Bij'] === 'Af' ? -1 : 1) * cents(r['Bedrag (EUR)'], ','), 0),
    opening: null,
    closing: null,
  };
}

/**
 * Messages of the jejik test files whose balances were made up and do not add up (opening + entries ≠ closing);
 * listed so that the check below still holds every other message to it.
 */
const INCONSISTENT_SAMPLE_MESSAGES = ['jejik-abnamro.sta#1', 'jejik-abnamro.sta#2', 'jejik-ing.sta#1', 'jejik-knab.sta#2', 'jejik-triodos.sta#1'];

describeWithReferenceData('Dutch bank exports (nl-bank-exports)', () => {
  describe('MT940', () => {
    const files = listReference('nl-bank-exports/mt940');

    it('has samples to read', () => expect(files.length).toBeGreaterThanOrEqual(6));

    it.each(files)('%s: statements, entries, sums and balances as the raw file has them', async (file) => {
      const raw = rawMt940(readReference(file));
      const items = await parseFile(parseMt940, file);
      expect(perStatement(items)).toEqual(raw);
      expect(items.filter((item) => item.kind === 'issue' && item.skipped)).toEqual([]);
    });

    it('opening + entries = closing for every message except the listed made-up ones', () => {
      const inconsistent = files.flatMap((file) =>
        rawMt940(readReference(file)).flatMap((message, i) =>
          message.opening !== null && message.closing !== null && message.opening + message.sumCents !== message.closing ? [`${path.basename(file)}#${i + 1}`] : [],
        ),
      );
      expect(inconsistent).toEqual(INCONSISTENT_SAMPLE_MESSAGES);
    });
  });

  describe('CSV', () => {
    const files = listReference('nl-bank-exports/csv');

    it('has a way to count every sample', () => {
      expect(files.map((file) => path.basename(file)).sort()).toEqual(Object.keys(CSV_SAMPLES).sort());
    });

    it.each(files)('%s: one statement, entries and sum as the raw file has them', async (file) => {
      const expected = CSV_SAMPLES[path.basename(file)](readReference(file));
      const items = await parseFile(parseBankCsv, file);
      expect(perStatement(items)).toEqual([expected]);
      expect(items.filter((item) => item.kind === 'issue' && item.skipped)).toEqual([]);
      if (expected.opening !== null && expected.closing !== null) expect(expected.opening + expected.sumCents).toBe(expected.closing);
    });
  });
});
