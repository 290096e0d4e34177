import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request, { Response } from 'supertest';
import Stripe from 'stripe';
import { CoreModule, Database, JobQueue, UnitOfWork, asCooperativeId, loadConfig } from '@buurtcoop/core';
import { SCHEMA, WORKER_MODULES } from '@buurtcoop/platform';
import {
  FakeStripe,
  TEST_JWT_SECRET,
  TestApp,
  TestCooperative,
  bearer,
  createTestApp,
  createTestCooperative,
  dutchInstant,
  enrolMember,
  registerMember,
  startFakeStripe,
  stripeObjects,
} from '@buurtcoop/testing';
import { recordCases } from './summary';
import { ingCsv } from './support/bank-files';
import { waitFor } from './support/api-process';

/**
 * Races: the same request fired many times at once, counting the winners. On PostgreSQL the requests are
 * spread over two API instances on one database, as replicas behind a load balancer would receive them; on
 * the embedded database (one session) there is one instance.
 */

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const RACERS = 16;
const WEBHOOK_SECRET = 'whsec_buurtcoopRaceSigningSecret0123';
// Only for signing test deliveries, offline, as Stripe would.
const signer = new Stripe('sk_test_signingonly0000');

const PROBLEM_JSON = 'application/problem+json';

/** Statuses seen, e.g. { 201: 1, 409: 15 }. */
function statuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Responses that are neither the expected success nor a clean problem+json refusal of the given statuses. */
function unclean(responses: Response[], success: number, refusals: number[]): Response[] {
  return responses.filter((r) => r.status !== success && !(refusals.includes(r.status) && String(r.headers['content-type']).startsWith(PROBLEM_JSON) && typeof r.body.code === 'string'));
}

describe('Races', () => {
  let fake: FakeStripe;
  let instances: TestApp[];
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;

  /** The i-th racer's instance: round robin over the instances. */
  const url = (i: number) => instances[i % instances.length].url;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;
  const race = <T>(make: (url: string, i: number) => Promise<T>) => Promise.all(Array.from({ length: RACERS }, (_, i) => make(url(i), i)));

  beforeAll(async () => {
    fake = await startFakeStripe();
    const env = { STRIPE_SECRET_KEY: 'sk_test_buurtcoopRaces0001', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url };
    sut = await createTestApp({ env });
    instances = onPostgres ? [sut, await createTestApp({ env, sameDatabaseAs: sut })] : [sut];
    coop = await createTestCooperative(sut, 'wedloop');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
  });
  afterAll(async () => {
    // The second instance first: the first one drops the database.
    for (const instance of [...(instances ?? [])].reverse()) await instance.close();
    await fake?.close();
  });

  it(`gives one slot to exactly one of ${RACERS} parallel bookings`, async () => {
    const provider = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Ahmet', lastName: 'Yildiz', email: 'ahmet.yildiz@wedloop.example', street: 'Vechtstraat', houseNumber: '3', postcode: '7416AB', city: 'Deventer' });
    const categories = (await request(sut.url).get(`${base}/service-categories`).set(bearer(provider.accessToken)).expect(200)).body as Array<{ id: string; code: string }>;
    const offer = await request(sut.url)
      .post(`${base}/offers`)
      .set(bearer(provider.accessToken))
      .send({
        categoryId: categories.find((c) => c.code === 'klussen')?.id,
        description: 'Klussen in en om het huis, ook in het weekend.',
        serviceArea: [{ from: '7411', to: '7419' }],
        rateCents: 1000,
        maxBookingsPerDay: 24,
        windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '08:00', endTime: '20:00' })),
      })
      .expect(201);
    const types = await membershipTypes();
    const residents: string[] = [];
    for (let i = 0; i < RACERS; i++) residents.push(await registerMember(sut, asCooperativeId(coop.cooperativeId), { membershipTypeId: types.resident, lastName: `Boeker ${i}`, joinedOn: '2025-01-01' }));
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const start = dutchInstant(day, '10:00');
    const coordinator = bearer(await coop.token('coordinator'));

    const responses = await race((u, i) => request(u).post(`${base}/bookings`).set(coordinator).send({ offerId: offer.body.id, start: start.toISOString(), consumerMemberId: residents[i] }));

    const [{ n: live }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE offer_id = $1 AND lower(during) = $2 AND status NOT IN ('cancelled', 'expired')`, [offer.body.id, start]);
    const bad = unclean(responses, 201, [409]);
    recordCases('races', 'one slot booked in parallel', { tried: RACERS, failed: bad.length + Math.abs(statuses(responses)[201] - 1), duplicated: Math.max(0, live - 1), lost: live === 0 ? 1 : 0 });
    expect(statuses(responses)).toEqual({ 201: 1, 409: RACERS - 1 });
    expect(bad).toEqual([]);
    expect(live).toBe(1);
  });

  it(`makes one member of one application approved ${RACERS} times at once`, async () => {
    const info = (await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200)).body;
    const email = 'truus.bakker@wedloop.example';
    const submitted = await request(sut.url)
      .post(`/api/v1/public/cooperatives/${coop.slug}/applications`)
      .send({
        membershipTypeId: info.membershipTypes.find((t: { code: string }) => t.code === 'resident').id,
        role: 'consumer',
        firstName: 'Truus',
        lastName: 'Bakker',
        email,
        street: 'Singel',
        houseNumber: '12',
        postcode: '7411HV',
        city: 'Deventer',
        privacyConsent: true,
        privacyStatementVersion: info.privacyStatement.version,
      })
      .expect(201);
    const board = bearer(await coop.token('board'));

    const responses = await race((u) => request(u).post(`${base}/applications/${submitted.body.id}/approve`).set(board));

    // A repeated approval is answered with the member it made: idempotent, not an error.
    const winners = responses.filter((r) => r.status === 200 && r.body.created === true).length;
    const [{ n: members }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM members WHERE cooperative_id = $1 AND email = $2`, [coop.cooperativeId, email]);
    const invitations = await outboxTo(email, 'member.invitation');
    const bad = unclean(responses, 200, [409]);
    recordCases('races', 'one application approved in parallel', { tried: RACERS, failed: bad.length + Math.abs(winners - 1), duplicated: Math.max(0, members - 1) + Math.max(0, invitations - 1), lost: members === 0 ? 1 : 0 });
    expect(bad).toEqual([]);
    expect(winners).toBe(1);
    expect(new Set(responses.filter((r) => r.status === 200).map((r) => r.body.member.id)).size).toBe(1);
    expect({ members, invitations }).toEqual({ members: 1, invitations: 1 });
  });

  it(`books one payment for one Stripe event delivered ${RACERS} times at once`, async () => {
    const account = `acct_1${randomUUID().replace(/-/g, '').slice(0, 15)}`;
    await request(sut.url).put(`${base}/payments/stripe`).set(bearer(await coop.token('treasurer'))).send({ accountId: account }).expect(200);
    const paymentIntent = `pi_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const session = stripeObjects.checkoutSession({ paymentIntent, amount: 2750, metadata: { purpose: 'donation', cooperative_id: coop.cooperativeId, donor_name: 'Henk de Wit' } });
    const event = stripeObjects.event('checkout.session.completed', session, account);
    const payload = JSON.stringify(event);

    const responses = await race((u) =>
      request(u)
        .post('/api/v1/stripe/webhooks')
        .set('content-type', 'application/json')
        .set('stripe-signature', signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
        .send(payload),
    );

    const winners = responses.filter((r) => r.status === 200 && r.body.duplicate === false).length;
    const [{ events, entries }] = await sql<{ events: number; entries: number }>(
      `SELECT (SELECT count(*) FROM stripe_events WHERE cooperative_id = $1 AND event_id = $2)::int AS events,
              (SELECT count(*) FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key = $3)::int AS entries`,
      [coop.cooperativeId, event.id, `stripe:payment:${paymentIntent}`],
    );
    // Stripe retries anything but a 2xx: a duplicate delivery must be acknowledged, not refused.
    const bad = responses.filter((r) => r.status !== 200);
    recordCases('races', 'one Stripe event delivered in parallel', { tried: RACERS, failed: bad.length + Math.abs(winners - 1), duplicated: Math.max(0, entries - 1), lost: entries === 0 ? 1 : 0 });
    expect(statuses(responses)).toEqual({ 200: RACERS });
    expect(winners).toBe(1);
    expect({ events, entries }).toEqual({ events: 1, entries: 1 });
  });

  it(`bills each member once when one period's dues run is started ${RACERS} times at once`, async () => {
    const MEMBERS = 60;
    const types = await membershipTypes();
    const treasurer = bearer(await coop.token('treasurer'));
    await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.steunlid, yearlyAmountCents: 1800, frequency: 'yearly' }).expect(200);
    await sut.app.get(UnitOfWork).run({ as: 'owner' }, () =>
      sut.app.get(UnitOfWork).rows(
        `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, joined_on)
         SELECT $1, 10000 + n, $2, 'consumer', 'active', 'Steunlid', 'Nummer ' || n, 'Brink', n::text, '7411BR', 'Deventer', DATE '2024-01-01' FROM generate_series(1, $3::int) AS n`,
        [coop.cooperativeId, types.steunlid, MEMBERS],
      ),
    );

    const responses = await race((u) => request(u).post(`${base}/dues-runs`).set(treasurer).send({ period: '2029' }));

    const issued = responses.filter((r) => r.status === 201).reduce((sum, r) => sum + (r.body.issued as number), 0);
    const [row] = await sql<{ invoices: number; billed: number; twice: number; entries: number; runs: number }>(
      `WITH billed AS (SELECT i.number, i.member_id FROM invoices i JOIN dues_runs r ON r.cooperative_id = i.cooperative_id AND r.id = i.dues_run_id
                        WHERE i.cooperative_id = $1 AND r.period = '2029')
       SELECT (SELECT count(*) FROM billed)::int AS invoices,
              (SELECT count(DISTINCT member_id) FROM billed)::int AS billed,
              (SELECT count(*) FROM (SELECT member_id FROM billed GROUP BY member_id HAVING count(*) > 1) AS d)::int AS twice,
              (SELECT count(*) FROM journal_entries e JOIN billed b ON e.idempotency_key = 'invoice:' || b.number WHERE e.cooperative_id = $1)::int AS entries,
              (SELECT count(*) FROM dues_runs WHERE cooperative_id = $1 AND period = '2029')::int AS runs`,
      [coop.cooperativeId],
    );
    const bad = unclean(responses, 201, [409]);
    recordCases('races', 'one dues period run in parallel', { tried: RACERS, failed: bad.length + (issued === MEMBERS ? 0 : 1), duplicated: row.twice, lost: MEMBERS - row.billed });
    expect(bad).toEqual([]);
    expect(issued).toBe(MEMBERS);
    expect(row).toEqual({ invoices: MEMBERS, billed: MEMBERS, twice: 0, entries: MEMBERS, runs: 1 });
  });

  it(`stores one statement, and its lines once, when the file is imported ${RACERS} times at once`, async () => {
    const LINES = 40;
    const iban = 'NL20INGB0007654321';
    const csv = ingCsv(iban, LINES);
    const treasurer = bearer(await coop.token('treasurer'));

    const responses = await race((u) => request(u).post(`${base}/bank-statements`).set(treasurer).set('content-type', 'text/csv').send(csv));

    const added = responses.filter((r) => r.status === 200).reduce((sum, r) => sum + (r.body.newLineCount as number), 0);
    const winners = responses.filter((r) => r.status === 200 && r.body.newLineCount > 0).length;
    const duplicates = responses.filter((r) => r.status === 200 && r.body.duplicate === true);
    const [row] = await sql<{ lines: number; distinct: number; statements: number; entries: number }>(
      `SELECT count(*)::int AS lines, count(DISTINCT l.dedupe_key)::int AS distinct,
              (SELECT count(*) FROM bank_statements s WHERE s.cooperative_id = $1)::int AS statements,
              (SELECT count(*) FROM journal_entries e WHERE e.cooperative_id = $1 AND e.idempotency_key LIKE 'statement-line:%')::int AS entries
         FROM bank_accounts a JOIN statement_lines l ON l.cooperative_id = a.cooperative_id AND l.bank_account_id = a.id
        WHERE a.cooperative_id = $1 AND a.iban = $2 GROUP BY a.cooperative_id, a.id`,
      [coop.cooperativeId, iban],
    );
    const bad = unclean(responses, 200, [409]);
    recordCases('races', 'one statement file imported in parallel', {
      tried: RACERS,
      failed: bad.length + Math.abs(winners - 1) + Math.abs(duplicates.length - (RACERS - 1)),
      duplicated: Math.max(0, row.lines - LINES) + Math.max(0, row.statements - 1),
      lost: Math.max(0, LINES - row.distinct),
    });
    expect(bad).toEqual([]);
    // One import stores the statement and every line; the others are told the file is imported, and by which statement.
    expect({ winners, added, duplicates: duplicates.length }).toEqual({ winners: 1, added: LINES, duplicates: RACERS - 1 });
    const winner = responses.find((r) => r.status === 200 && r.body.duplicate === false);
    expect(new Set(duplicates.map((r) => r.body.statements[0]?.id))).toEqual(new Set([winner?.body.statements[0].id]));
    expect(row).toMatchObject({ lines: LINES, distinct: LINES, statements: 1 });
  });

  async function membershipTypes(): Promise<Record<string, string>> {
    const list = (await request(sut.url).get(`${base}/membership-types`).set(bearer(await coop.token('board'))).expect(200)).body as Array<{ code: string; id: string }>;
    return Object.fromEntries(list.map((t) => [t.code, t.id]));
  }

  async function outboxTo(to: string, kind: string): Promise<number> {
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE cooperative_id = $1 AND to_address = $2 AND kind = $3`, [coop.cooperativeId, to, kind]);
    return n;
  }
});

// Two worker processes on one embedded PGlite is not a deployment (PGlite is one session): on PostgreSQL only.
(onPostgres ? describe : describe.skip)('Races: two workers claiming one queue (real PostgreSQL only: set TEST_DATABASE_URL)', () => {
  const JOBS = 20;
  const EVENTS = 150;
  let sut: TestApp;
  let coop: TestCooperative;
  const workers: INestApplicationContext[] = [];
  const databases: Database[] = [];

  @Module({})
  class WorkerModule {
    static forRoot(database: Database, config: ReturnType<typeof loadConfig>): DynamicModule {
      return { module: WorkerModule, imports: [CoreModule.forRoot({ config, database }), ...WORKER_MODULES] };
    }
  }

  /** A worker as apps/worker makes one: its own connections, the worker modules, the queue polled. */
  async function startWorker(): Promise<INestApplicationContext> {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: sut.testDatabase.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    const database = await Database.open(config, SCHEMA);
    databases.push(database);
    const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(database, config), { logger: false });
    workers.push(context);
    return context;
  }

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'werkers');
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    for (const database of databases) await database.close();
    await sut?.close();
  });

  it(`invoices each of ${EVENTS} completed bookings once when two workers share ${JOBS} queued invoicing jobs`, async () => {
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    const list = (await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/membership-types`).set(bearer(await coop.token('board'))).expect(200)).body as Array<{ code: string; id: string }>;
    const resident = list.find((t) => t.code === 'resident')?.id as string;
    const consumer = await registerMember(sut, cooperativeId, { membershipTypeId: resident, lastName: 'Afnemer', joinedOn: '2025-01-01' });
    const provider = await registerMember(sut, cooperativeId, { membershipTypeId: resident, lastName: 'Aanbieder', joinedOn: '2025-01-01' });
    await sut.app.get(UnitOfWork).run({ as: 'owner' }, () =>
      sut.app.get(UnitOfWork).rows(
        `INSERT INTO exchange_events (cooperative_id, kind, booking_id, consumer_member_id, provider_member_id, amount_cents, details)
         SELECT $1, 'booking.completed', gen_random_uuid(), $2, $3, 1000 + n, jsonb_build_object('contributionCents', 1000 + n, 'materialCents', 0, 'reducedTariff', false)
           FROM generate_series(1, $4::int) AS n`,
        [coop.cooperativeId, consumer, provider, EVENTS],
      ),
    );
    const [first, second] = [await startWorker(), await startWorker()];
    // Every job waiting before either worker polls, so they race for each one.
    await first.get(UnitOfWork).run({ as: 'owner' }, async () => {
      for (let i = 0; i < JOBS; i++) await first.get(JobQueue).send('invoice-exchange-events', { race: 'werkers' });
    });
    await Promise.all([first, second].map((w) => w.get(JobQueue).start({ pollingIntervalSeconds: 0.5 })));

    const jobs = () => sut.database.dataSource.query(`SELECT state, retry_count AS retries FROM pgboss.job WHERE name = 'invoice-exchange-events' AND data->>'race' = 'werkers'`) as Promise<Array<{ state: string; retries: number }>>;
    await waitFor('every queued job to finish', async () => (await jobs()).every((j) => j.state === 'completed' || j.state === 'failed'), 60_000, 200);
    const states = await jobs();
    const [row] = (await sut.database.dataSource.query(
      `SELECT count(*)::int AS invoices, count(DISTINCT l.booking_id)::int AS bookings, coalesce(sum(i.amount_cents), 0)::int AS cents
         FROM invoices i JOIN LATERAL (SELECT min(booking_id::text) AS booking_id FROM invoice_lines WHERE cooperative_id = i.cooperative_id AND invoice_id = i.id) AS l ON true
        WHERE i.cooperative_id = $1 AND i.kind = 'contribution'`,
      [coop.cooperativeId],
    )) as Array<{ invoices: number; bookings: number; cents: number }>;
    const failed = states.filter((j) => j.state !== 'completed' || j.retries !== 0).length;
    recordCases('races', 'two workers sharing one queue', { tried: JOBS, failed, lost: EVENTS - row.bookings, duplicated: row.invoices - row.bookings });
    expect({ jobs: states.length, failed }).toEqual({ jobs: JOBS, failed: 0 });
    expect(row).toEqual({ invoices: EVENTS, bookings: EVENTS, cents: EVENTS * 1000 + (EVENTS * (EVENTS + 1)) / 2 });
  });
});
