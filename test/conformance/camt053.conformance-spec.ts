/**
 * The CAMT.053 reader against every camt.053 sample in ../shared/reference-data/camt053-samples: it yields as many
 * entries and the same total as the file itself says (counted here with plain regular expressions, not the reader),
 * the balances the file states, and only the deviations each sample is known to have.
 */
import * as fs from 'fs';
import * as path from 'path';
import { type Camt053Item, readCamt053 } from '../../libs/finance/src/statements/parsers/camt053';
import { REFERENCE_DATA, describeWithReferenceData, listReference, readReference, xmlAmounts, xmlBlocks, xmlTexts } from './reference-data';

const FOLDER = 'camt053-samples';

/**
 * Files whose balances do not reconcile with their own entries (opening + entries ≠ closing), as the file stands.
 * Each is checked to be still true, so the list cannot hide a reader that loses entries.
 */
const UNBALANCED: Record<string, string> = {
  'bng-50-sdd-entries.camt053.001.02.xml': 'the balances come from a Goldman Sachs USD sample; the 50 EUR entries were pasted in',
  'genkgo-nl.camt053.001.08.xml': 'the closing balance 27.00 is marked DBIT, though 18.15 CRDT + 8.85 CRDT is 27.00 CRDT',
  'ing-style-batch.camt053.001.02.xml': 'a hand-made fixture: 7329.80 + 2934.26 is not the closing 23038.20',
  'oca-abnamro-style.camt053.001.02.xml': 'a hand-made fixture: 15568.27 − 12.99 is not the closing 15121.12',
};

/** The deviations each sample is known to have (see SOURCES.md), as issue text patterns with how often they occur. */
const KNOWN_ISSUES: Record<string, [RegExp, number][]> = {
  'abnamro-example.camt053.001.02.xml': [[/^counterparty IBAN \w+ does not pass the IBAN check/, 18]],
  'bng-50-sdd-entries.camt053.001.02.xml': [
    [/^amount in EUR in a statement in USD/, 50],
    [/^text outside any field ignored: "-" in BkTxCd, "-" in CdtrAcct$/, 50],
    [/^amount -148\.45 is negative, which the standard does not allow; took its absolute value, signed by CdtDbtInd DBIT$/, 6],
  ],
  'bng-anonymised-23-entries.camt053.001.02.xml': [[/^TxDtls\/RmtInf\/Ustrd is 1[45]\d characters, more than the 140/, 7]],
  'genkgo-nl.camt053.001.08.xml': [],
  'ing-example.camt053.001.02.xml': [],
  'ing-style-batch.camt053.001.02.xml': [
    [/^account IBAN NL18INGB00012345678 does not pass the IBAN check/, 1],
    [/^counterparty IBAN \w+ does not pass the IBAN check/, 2],
    [/^Btch\/MsgId comes after PmtInfId, against the standard's order/, 1],
  ],
  'oca-abnamro-style.camt053.001.02.xml': [[/^counterparty IBAN \w+ does not pass the IBAN check/, 3]],
  'rabobank-example.camt053.001.02.xml': [[/^NtryDtls\/Btch\/PmtInfId is 49 characters, more than the 35/, 4]],
};

/** Cents from the file's decimal text; the sign is the indicator's (a negative Amt is taken by its absolute value). */
function cents(text: string): number {
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

const signed = (text: string, indicator: string) => (indicator === 'DBIT' ? -1 : 1) * cents(text);

interface Expected {
  ntry: number;
  lines: number;
  totalCents: number;
  opening: number | null;
  closing: number | null;
}

/** What one `Stmt` of the file says, read with regular expressions only. */
function expectedOf(stmt: string): Expected {
  const entries = xmlBlocks(stmt, 'Ntry');
  let lines = 0;
  let totalCents = 0;
  for (const block of entries) {
    const amount = signed(xmlAmounts(block)[0].text, xmlTexts(block, 'CdtDbtInd')[0]);
    totalCents += amount;
    // A batch with several details is yielded as its transactions when they add up to the entry.
    const details = xmlBlocks(block, 'TxDtls');
    const detailTotal = details.reduce((sum, tx) => sum + signed(xmlAmounts(tx)[0]?.text ?? 'NaN', xmlTexts(tx, 'CdtDbtInd')[0] ?? xmlTexts(block, 'CdtDbtInd')[0]), 0);
    lines += details.length > 1 && detailTotal === amount ? details.length : 1;
  }
  const balance = (...types: string[]) => {
    for (const type of types) {
      const block = xmlBlocks(stmt, 'Bal').find((b) => xmlTexts(b, 'Cd')[0] === type);
      if (block) return signed(xmlAmounts(block)[0].text, xmlTexts(block, 'CdtDbtInd')[0]);
    }
    return null;
  };
  return { ntry: entries.length, lines, totalCents, opening: balance('OPBD', 'PRCD'), closing: balance('CLBD') };
}

async function parse(relativePath: string, chunkSize: number): Promise<Camt053Item[]> {
  async function* chunks(): AsyncGenerator<Buffer> {
    const bytes = fs.readFileSync(path.join(REFERENCE_DATA, relativePath));
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const items: Camt053Item[] = [];
  for await (const item of readCamt053(chunks())) items.push(item);
  return items;
}

/** Items split per statement: [start, entries, end]. */
function perStatement(items: Camt053Item[]) {
  const statements: { start: Camt053Item; entries: number[]; end: Camt053Item | null }[] = [];
  for (const item of items) {
    if (item.kind === 'statement') statements.push({ start: item, entries: [], end: null });
    else if (item.kind === 'entry') statements.at(-1)!.entries.push(item.amountCents);
    else if (item.kind === 'end') statements.at(-1)!.end = item;
  }
  return statements;
}

describeWithReferenceData('CAMT.053 reader against the camt.053 samples', () => {
  const files = listReference(FOLDER);

  it('covers every sample, and every sample has its known deviations listed', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(Object.keys(KNOWN_ISSUES).sort());
  });

  describe.each(files)('%s', (file) => {
    const name = path.basename(file);
    const xml = readReference(file);
    const statements = xmlBlocks(xml, 'Stmt').map(expectedOf);
    let items: Camt053Item[];

    beforeAll(async () => {
      items = await parse(file, 4096);
    });

    it('yields one start and end per Stmt, with the format of its namespace', () => {
      const version = /camt\.053\.001\.(\d\d)/.exec(xml)![1];
      const starts = items.filter((i) => i.kind === 'statement');
      expect(starts).toHaveLength(statements.length);
      expect(items.filter((i) => i.kind === 'end')).toHaveLength(statements.length);
      for (const start of starts) expect(start).toMatchObject({ format: `camt.053.001.${version}` });
    });

    it('yields every Ntry (a batch as its transactions) and the sum of the Ntry amounts', () => {
      const read = perStatement(items);
      expect(read.map((s) => s.entries.length)).toEqual(statements.map((s) => s.lines));
      expect(read.map((s) => s.entries.reduce((a, b) => a + b, 0))).toEqual(statements.map((s) => s.totalCents));
      expect(items.filter((i) => i.kind === 'issue' && i.skipped)).toEqual([]);
    });

    it('gives the balances the file states, and they reconcile with the entries unless the file is known not to', () => {
      const read = perStatement(items);
      read.forEach((statement, i) => {
        const expected = statements[i];
        expect(statement.start).toMatchObject({ opening: expected.opening === null ? null : { amountCents: expected.opening } });
        expect(statement.end).toMatchObject({ closing: expected.closing === null ? null : { amountCents: expected.closing } });
        const total = statement.entries.reduce((a, b) => a + b, 0);
        const reconciles = expected.opening !== null && expected.closing !== null && expected.opening + total === expected.closing;
        expect({ file: name, reconciles }).toEqual({ file: name, reconciles: !(name in UNBALANCED) });
      });
    });

    it('reports the known deviations of the sample and nothing else', () => {
      const issues = items.flatMap((i) => (i.kind === 'issue' ? [i.problem] : []));
      const known = KNOWN_ISSUES[name];
      const surprises = issues.filter((problem) => !known.some(([pattern]) => pattern.test(problem)));
      expect(surprises).toEqual([]);
      expect(known.map(([pattern]) => [String(pattern), issues.filter((problem) => pattern.test(problem)).length])).toEqual(known.map(([pattern, count]) => [String(pattern), count]));
    });

    it('reads the same items in one piece as in 4 KiB chunks', async () => {
      expect(await parse(file, Number.MAX_SAFE_INTEGER)).toEqual(items);
    });
  });
});
