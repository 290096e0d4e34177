/**
 * Every bank statement sample under ../shared/reference-data, imported the way the treasurer imports one: uploaded
 * through the API, stored once (a second upload adds nothing), with the file's line count and total, and the
 * balance check the file allows. What the readers make of each sample is checked against the raw files in the
 * camt053 and bank-exports conformance suites; this suite checks that nothing is lost between reader and ledger.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { parseStatementFile } from '../../libs/finance/src/statements/parsers/detect';
import { StatementItem } from '../../libs/finance/src/statements/parsers/parsed-statement';
import { TestApp, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';
import globalSetup from '../global-setup';
import globalTeardown from '../global-teardown';
import { REFERENCE_DATA, describeWithReferenceData, listReference } from './reference-data';

const FALLBACK_ACCOUNT = 'NL91ABNA0417164300';
const SAMPLES = fs.existsSync(REFERENCE_DATA) ? [...listReference('camt053-samples'), ...listReference('nl-bank-exports/mt940'), ...listReference('nl-bank-exports/csv')] : [];

async function readAll(file: string): Promise<StatementItem[]> {
  const items: StatementItem[] = [];
  for await (const item of parseStatementFile(fs.createReadStream(path.join(REFERENCE_DATA, file), { highWaterMark: 4096 }))) items.push(item);
  return items;
}

describeWithReferenceData('bank statement samples imported through the API', () => {
  let sut: TestApp;

  beforeAll(async () => {
    await globalSetup();
    sut = await createTestApp();
  }, 120_000);
  afterAll(async () => {
    await sut.close();
    await globalTeardown();
  });

  it.each(SAMPLES)('%s: every line stored once, with the file’s count and total', async (file) => {
    const items = await readAll(file);
    const entries = items.filter((i) => i.kind === 'entry');
    const starts = items.filter((i) => i.kind === 'statement');
    const coop = await createTestCooperative(sut, path.basename(file).replace(/[^a-z0-9]/gi, '').slice(0, 20).toLowerCase());
    const treasurer = bearer(await coop.token('treasurer'));
    // Some exports name the account by an old account number only: the treasurer names it on upload.
    const account = starts.every((s) => s.kind === 'statement' && s.accountIban === null) ? `?account=${FALLBACK_ACCOUNT}` : '';
    const upload = () => request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/bank-statements${account}`).set(treasurer).attach('file', path.join(REFERENCE_DATA, file));

    const first = await upload();
    expect(first.status).toBe(200);
    expect(first.body.lineCount).toBe(entries.length);
    expect(first.body.newLineCount).toBe(entries.length);
    expect(first.body.statements).toHaveLength(starts.length);
    const total = entries.reduce((sum, e) => sum + (e.kind === 'entry' ? e.amountCents : 0), 0);
    expect(first.body.statements.reduce((sum: number, s: { totalCents: number }) => sum + s.totalCents, 0)).toBe(total);
    for (const statement of first.body.statements) {
      if (statement.openingCents === null || statement.closingCents === null) expect(statement.balanced).toBeNull();
      else expect(statement.balanced).toBe(statement.openingCents + statement.totalCents === statement.closingCents);
    }
    const lines = (await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/statement-lines?pageSize=1`).set(treasurer).expect(200)).body.total;
    expect(lines).toBe(entries.length);

    const again = await upload().expect(200);
    expect(again.body).toMatchObject({ duplicate: true, lineCount: entries.length, newLineCount: 0 });
    // The earlier import's statements, in file order, whatever the file holds: nothing new is listed.
    const ids = (body: { statements: Array<{ id: string }> }) => body.statements.map((s) => s.id);
    expect(ids(again.body)).toEqual(ids(first.body));
    expect((await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/bank-statements`).set(treasurer).expect(200)).body.total).toBe(starts.length);
  }, 60_000);
});
