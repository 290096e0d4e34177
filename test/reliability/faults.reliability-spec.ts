import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import request, { Response } from 'supertest';
import Stripe from 'stripe';
import { UnitOfWork } from '@buurtcoop/core';
import { DUES_CHUNK_SIZE } from '@buurtcoop/finance';
import { FakeStripe, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, startFakeStripe, stripeObjects } from '@buurtcoop/testing';
import { recordCases } from './summary';
import { ApiProcess, buildApi, killAllApis, startApi, waitFor } from './support/api-process';
import { ingCsv } from './support/bank-files';
import { ThrowawayPostgres, canStartPostgres, startThrowawayPostgres } from './support/throwaway-postgres';

/**
 * Faults: the built API as a process of its own, killed with SIGKILL in the middle of a dues run, a
 * statement import and a burst of Stripe webhooks, then started again; and the database stopped under a
 * running API and started again. Each ends by proving the end state exactly.
 */

jest.setTimeout(240_000);

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const WEBHOOK_SECRET = 'whsec_buurtcoopFaultSigningSecret012';
// Only for signing test deliveries, offline, as Stripe would.
const signer = new Stripe('sk_test_signingonly0000');

/** What a request that was cut by the kill ends as: its status, or 0 for no answer at all. */
const statusOrCut = (pending: request.Test): Promise<number> => pending.then((r) => r.status, () => 0);

afterAll(() => killAllApis());

// Killing a process that holds the embedded database kills the database with it: a different fault, and
// not the deployment these tests are about (several API processes on one PostgreSQL).
(onPostgres ? describe : describe.skip)('Faults: the API killed mid-way and started again (real PostgreSQL only: set TEST_DATABASE_URL)', () => {
  let fake: FakeStripe;
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let api: ApiProcess;
  let env: Record<string, string>;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;

  beforeAll(async () => {
    buildApi();
    fake = await startFakeStripe();
    env = { STRIPE_SECRET_KEY: 'sk_test_buurtcoopFaults001', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url };
    // In process: for the fixtures, the tokens and reading the rows; the API under test is the child.
    sut = await createTestApp({ env });
    coop = await createTestCooperative(sut, 'storing');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    api = await startApi(sut.testDatabase.url, env);
  });
  afterEach(async () => {
    // A test that failed half-way leaves the next one a running API all the same.
    if (!api?.alive()) api = await startApi(sut.testDatabase.url, env);
  });
  afterAll(async () => {
    await killAllApis();
    await sut?.close();
    await fake?.close();
  });

  it('finishes a dues run killed after its first chunk: one invoice per member, numbered without gaps, the ledger balanced', async () => {
    const MEMBERS = 4 * DUES_CHUNK_SIZE;
    const treasurer = bearer(await coop.token('treasurer'));
    const types = Object.fromEntries(
      ((await request(sut.url).get(`${base}/membership-types`).set(bearer(await coop.token('board'))).expect(200)).body as Array<{ code: string; id: string }>).map((t) => [t.code, t.id]),
    );
    await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.resident, yearlyAmountCents: 2400, frequency: 'yearly' }).expect(200);
    // The register loaded as an import of an old register would be: ten thousand enrolments through the service would take minutes.
    await sut.app.get(UnitOfWork).run({ as: 'owner' }, () =>
      sut.app.get(UnitOfWork).rows(
        `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, joined_on)
         SELECT $1, n, $2, 'consumer', 'active', 'Lid', 'Nummer ' || n, 'Keizerstraat', n::text, '7411HE', 'Deventer', DATE '2020-01-01' FROM generate_series(1, $3::int) AS n`,
        [coop.cooperativeId, types.resident, MEMBERS],
      ),
    );
    const invoices = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM invoices WHERE cooperative_id = $1 AND kind = 'dues'`, [coop.cooperativeId]))[0].n;

    const first = statusOrCut(request(api.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2027', issueDate: '2027-01-02' }));
    await waitFor('the first chunk of invoices', async () => (await invoices()) > 0, 120_000, 20);
    await api.kill();
    const atKill = await invoices();
    expect(await first).toBe(0);
    // Killed half-way: whole chunks committed, the run still open.
    expect(atKill % DUES_CHUNK_SIZE).toBe(0);
    expect(atKill).toBeLessThan(MEMBERS);
    expect(await sql(`SELECT status FROM dues_runs WHERE cooperative_id = $1`, [coop.cooperativeId])).toEqual([{ status: 'running' }]);

    api = await startApi(sut.testDatabase.url, env);
    const resumed = await request(api.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2027' }).expect(201);
    expect(resumed.body).toMatchObject({ resumed: true, issued: MEMBERS - atKill, run: { status: 'completed', invoiceCount: MEMBERS, issueDate: '2027-01-02' } });

    const [end] = await sql<{ invoices: number; members: number; gapless: boolean; entries: number; balance: string; receivable: string }>(
      `SELECT (SELECT count(*) FROM invoices WHERE cooperative_id = $1 AND kind = 'dues')::int AS invoices,
              (SELECT count(DISTINCT member_id) FROM invoices WHERE cooperative_id = $1 AND kind = 'dues')::int AS members,
              (SELECT max(sequence) = count(*) FROM invoices WHERE cooperative_id = $1) AS gapless,
              (SELECT count(*) FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key LIKE 'invoice:%')::int AS entries,
              (SELECT coalesce(sum(amount_cents), 0) FROM journal_lines WHERE cooperative_id = $1)::text AS balance,
              (SELECT coalesce(sum(l.amount_cents), 0) FROM journal_lines l JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
                WHERE l.cooperative_id = $1 AND a.code = '1300')::text AS receivable`,
      [coop.cooperativeId],
    );
    recordCases('faults', 'dues run killed after a chunk, then resumed', { tried: MEMBERS, failed: end.gapless && end.balance === '0' ? 0 : 1, lost: Math.max(0, MEMBERS - end.members), duplicated: end.invoices - end.members });
    expect(end).toEqual({ invoices: MEMBERS, members: MEMBERS, gapless: true, entries: MEMBERS, balance: '0', receivable: String(MEMBERS * 2400) });
  });

  it('leaves nothing of a statement import killed while it writes lines, and imports the file once, whole, when it comes again', async () => {
    const LINES = 3000;
    const iban = 'NL69INGB0123456789';
    const csv = ingCsv(iban, LINES, '20270301');
    const treasurer = bearer(await coop.token('treasurer'));
    const lines = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM statement_lines l JOIN bank_accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.bank_account_id WHERE a.cooperative_id = $1 AND a.iban = $2`, [coop.cooperativeId, iban]))[0].n;
    // The import's own session, seen from the server: the killed process cannot say where it was.
    const writing = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'INSERT INTO statement_lines%' AND state <> 'idle'`))[0].n;

    const first = statusOrCut(request(api.url).post(`${base}/bank-statements`).set(treasurer).set('content-type', 'text/csv').send(csv));
    await waitFor('the import to write lines', async () => (await writing()) > 0, 60_000, 10);
    await api.kill();
    expect(await first).toBe(0);
    // The server rolls the transaction back once it notices its client is gone.
    await waitFor('the killed import to be rolled back', async () => (await writing()) === 0);
    const atKill = await lines();
    // All or nothing: the import is one transaction.
    expect([0, LINES]).toContain(atKill);

    api = await startApi(sut.testDatabase.url, env);
    const again = await request(api.url).post(`${base}/bank-statements`).set(treasurer).set('content-type', 'text/csv').send(csv).expect(200);
    expect(again.body).toMatchObject({ lineCount: LINES, newLineCount: LINES - atKill });
    const [end] = await sql<{ lines: number; distinct: number; cents: string; statements: number }>(
      `SELECT count(*)::int AS lines, count(DISTINCT l.dedupe_key)::int AS distinct, sum(l.amount_cents)::text AS cents,
              (SELECT count(*) FROM bank_statements s WHERE s.cooperative_id = a.cooperative_id AND s.bank_account_id = a.id AND s.new_line_count > 0)::int AS statements
         FROM bank_accounts a JOIN statement_lines l ON l.cooperative_id = a.cooperative_id AND l.bank_account_id = a.id
        WHERE a.cooperative_id = $1 AND a.iban = $2 GROUP BY a.cooperative_id, a.id`,
      [coop.cooperativeId, iban],
    );
    // ingCsv's amounts: 1000 + i cents for line i.
    const expectedCents = String(LINES * 1000 + (LINES * (LINES - 1)) / 2);
    recordCases('faults', 'statement import killed while writing, then imported again', { tried: LINES, failed: end.cents === expectedCents ? 0 : 1, lost: Math.max(0, LINES - end.distinct), duplicated: end.lines - end.distinct });
    expect(end).toEqual({ lines: LINES, distinct: LINES, cents: expectedCents, statements: 1 });
  });

  it('applies every webhook of a burst exactly once when the API is killed during it and Stripe delivers them all again', async () => {
    const EVENTS = 80;
    const account = `acct_1${randomUUID().replace(/-/g, '').slice(0, 15)}`;
    await request(sut.url).put(`${base}/payments/stripe`).set(bearer(await coop.token('treasurer'))).send({ accountId: account }).expect(200);
    const events = Array.from({ length: EVENTS }, (_, i) => {
      const paymentIntent = `pi_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
      const session = stripeObjects.checkoutSession({ paymentIntent, amount: 500 + i, metadata: { purpose: 'donation', cooperative_id: coop.cooperativeId, donor_name: `Gever ${i + 1}` } });
      return { paymentIntent, amount: 500 + i, event: stripeObjects.event('checkout.session.completed', session, account) };
    });
    const deliver = (url: string, event: object) => {
      const payload = JSON.stringify(event);
      return request(url).post('/api/v1/stripe/webhooks').set('content-type', 'application/json').set('stripe-signature', signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET })).send(payload);
    };
    const stored = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM stripe_events WHERE cooperative_id = $1`, [coop.cooperativeId]))[0].n;

    // Every event twice, as Stripe may: all at once.
    const burst = Promise.all(events.flatMap(({ event }) => [statusOrCut(deliver(api.url, event)), statusOrCut(deliver(api.url, event))]));
    await waitFor('part of the burst to be applied', async () => (await stored()) >= 5, 60_000, 10);
    await api.kill();
    const during = await burst;
    const atKill = await stored();
    // Answered or cut, never an error: a 500 would be a fault of its own.
    expect(during.filter((s) => s !== 200 && s !== 0)).toEqual([]);

    // Stripe delivers again what was not acknowledged; here everything, the acknowledged ones too.
    api = await startApi(sut.testDatabase.url, env);
    const redelivered: Response[] = await Promise.all(events.map(({ event }) => deliver(api.url, event)));
    expect(redelivered.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);

    const rows = await sql<{ key: string; lines: number; debit: number; balance: number }>(
      `SELECT e.idempotency_key AS key, count(l.*)::int AS lines, max(l.amount_cents)::int AS debit, sum(l.amount_cents)::int AS balance
         FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id
        WHERE e.cooperative_id = $1 AND e.idempotency_key LIKE 'stripe:payment:%' GROUP BY e.id, e.idempotency_key`,
      [coop.cooperativeId],
    );
    const byKey = new Map<string, number>();
    for (const row of rows) byKey.set(row.key, (byKey.get(row.key) ?? 0) + 1);
    const lost = events.filter((e) => !byKey.has(`stripe:payment:${e.paymentIntent}`)).length;
    const duplicated = [...byKey.values()].reduce((sum, n) => sum + n - 1, 0);
    const wrong = rows.filter((r) => r.lines !== 2 || r.balance !== 0 || r.debit !== events.find((e) => r.key === `stripe:payment:${e.paymentIntent}`)?.amount).length;
    recordCases('faults', 'Stripe webhook burst killed, then delivered again', { tried: during.length + redelivered.length, failed: wrong, lost, duplicated });
    expect({ lost, duplicated, wrong, events: await stored() }).toEqual({ lost: 0, duplicated: 0, wrong: 0, events: EVENTS });
    // The kill landed mid-burst: some were applied before it, the rest only on redelivery.
    expect(atKill).toBeLessThan(EVENTS);
    expect(redelivered.filter((r) => r.body.duplicate === false)).toHaveLength(EVENTS - atKill);
  });
});

const ROOT = resolve(__dirname, '../..');

(onPostgres && canStartPostgres() ? describe : describe.skip)('Faults: PostgreSQL stopped under a running API, and started again (real PostgreSQL only: set TEST_DATABASE_URL)', () => {
  let pg: ThrowawayPostgres | undefined;
  let api: ApiProcess;
  const slug = 'storing-buurt';

  const cli = (args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: pg?.url, JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });

  beforeAll(async () => {
    buildApi();
    pg = startThrowawayPostgres();
    // The API migrates the empty database as it starts.
    api = await startApi(pg.url);
    cli(['municipality:create', '--name', 'Olst-Wijhe', '--cbs-code', '1773']);
    cli(['cooperative:create', '--name', 'Buurtcoöperatie Storing', '--slug', slug, '--municipality', '1773']);
  });
  afterAll(async () => {
    await killAllApis();
    pg?.destroy();
  });

  it('answers 503 problem+json while the database is down, stays up, and serves again once it is back, without a restart', async () => {
    const page = () => request(api.url).get(`/api/v1/public/cooperatives/${slug}`);
    expect((await page().expect(200)).body.name).toBe('Buurtcoöperatie Storing');
    const pid = api.child.pid;

    pg?.stop();
    const ready = await request(api.url).get('/health/ready');
    const live = await request(api.url).get('/health/live');
    const down = await Promise.all(Array.from({ length: 10 }, () => page()));
    const login = await request(api.url).post('/api/v1/auth/login').send({ email: 'niemand@storing.example', password: 'wat-dan-ook-1234' });
    const refusals = [...down, login];
    const unclean = refusals.filter((r) => !(r.status === 503 && String(r.headers['content-type']).startsWith('application/problem+json') && Number(r.headers['retry-after']) > 0));

    pg?.start();
    await waitFor('readiness after the database is back', async () => (await request(api.url).get('/health/ready')).status === 200);
    const back = await page();

    recordCases('faults', 'PostgreSQL stopped and started under the API', { tried: refusals.length + 3, failed: unclean.length + (ready.status === 503 ? 0 : 1) + (back.status === 200 ? 0 : 1) + (api.alive() ? 0 : 1) });
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toContain('application/problem+json');
    expect(live.status).toBe(200);
    expect(unclean.map((r) => [r.status, r.headers['content-type'], r.headers['retry-after'], r.body])).toEqual([]);
    expect(refusals[0].body).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(api.alive()).toBe(true);
    expect(api.child.pid).toBe(pid);
    expect(back.status).toBe(200);
  });
});
