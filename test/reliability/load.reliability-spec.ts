import request from 'supertest';
import { asCooperativeId } from '@buurtcoop/core';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, dutchInstant, enrolMember } from '@buurtcoop/testing';
import { BookingPlan, BookingTally, Exchange, LoadFigures, load, mixedRequests } from '../../bench/benchmarks/http-load';
import { recordCases } from './summary';
import { ApiProcess, buildApi, killAllApis, pause, startApi } from './support/api-process';

/**
 * Load: the built API as a process of its own under a mixed read/write load at 50 connections (residents
 * search, book and read their bookings, invoices and obligations; the board lists members; the treasurer
 * reads the trial balance): a warm-up, then the load proper. Not one request may fail, every booking
 * answered 2xx must exist exactly once, and the memory must be stable: what a full collection leaves of the
 * API's heap after the load is within 10 % of what it left after the warm-up. Its resident set size is
 * reported beside it (the RSS target itself is the mixed-load benchmark's).
 */

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
// The heap, the compiled code and the pools reach their working size during the first twenty seconds or so of
// load; growth after that is what a leak would show.
const WARM_UP_SECONDS = 20;
const LOAD_SECONDS = loadSeconds(process.env.RELIABILITY_LOAD_SECONDS);
const PROVIDERS = 4;
const RESIDENTS = 20;
/** The live heap after the load at most this times the live heap after the warm-up. */
const MAX_HEAP_GROWTH = 1.1;

jest.setTimeout((WARM_UP_SECONDS + LOAD_SECONDS) * 1000 + 260_000);

/** RELIABILITY_LOAD_SECONDS: how long the load runs (a developer may run it short), 60 unless set. */
function loadSeconds(value: string | undefined): number {
  if (value === undefined || value === '') return 60;
  if (!/^[1-9]\d{0,3}$/.test(value)) throw new Error(`RELIABILITY_LOAD_SECONDS must be a whole number of seconds from 1 to 9999, got '${value}'`);
  return Number(value);
}

/** 09:00 in Amsterdam of each of the next ten years' days, from the day after tomorrow on: the days the booking plan deals out. */
function dayStarts(): Date[] {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()).split('-').map(Number);
  return Array.from({ length: 3649 }, (_, i) => dutchInstant(new Date(Date.UTC(year, month - 1, day + 2 + i)).toISOString().slice(0, 10), '09:00'));
}

interface Round {
  tally: BookingTally;
  figures: LoadFigures;
  rssKiB: number;
  liveHeapKiB: number;
}

afterAll(() => killAllApis());

// Several connections' worth of concurrent writes on one server, from a process apart: the embedded database
// is one session inside the test process, not the deployment whose behaviour under load this is about.
(onPostgres ? describe : describe.skip)('Load: the API under a mixed read/write load (real PostgreSQL only: set TEST_DATABASE_URL)', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let api: ApiProcess;
  let exchange: Exchange;
  let plan: BookingPlan;
  let callers: { residents: string[]; board: string; treasurer: string };

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;

  beforeAll(async () => {
    buildApi();
    // In process: for the fixtures, the tokens and counting the rows; the API under load is the child.
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'belasting');
    const base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    const address = (street: string, n: number, postcode: string) => ({ street, houseNumber: String(n + 1), postcode, city: 'Deventer' });
    const providers = [];
    for (let i = 0; i < PROVIDERS; i++) {
      providers.push(await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Aanbieder', lastName: `Nummer ${i + 1}`, email: `aanbieder-${i + 1}@belasting.example`, ...address('Brink', i, '7412AB') }));
    }
    const residents = [];
    for (let i = 0; i < RESIDENTS; i++) {
      residents.push(await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Bewoner', lastName: `Nummer ${i + 1}`, email: `bewoner-${i + 1}@belasting.example`, ...address('Keizerstraat', i, '7411HE') }));
    }
    const categories = (await request(sut.url).get(`${base}/service-categories`).set(bearer(providers[0].accessToken)).expect(200)).body as Array<{ id: string; code: string }>;
    const categoryId = categories.find((c) => c.code === 'klussen')?.id as string;
    const offers = [];
    for (const provider of providers) {
      // Open every day from 09:00 to 17:00, eight hours a day: the shape the booking plan deals slots in.
      const offer = await request(sut.url)
        .post(`${base}/offers`)
        .set(bearer(provider.accessToken))
        .send({
          categoryId,
          description: 'Klussen in en om het huis, elke dag van de week.',
          serviceArea: [{ from: '7400', to: '7499' }],
          rateCents: 1000,
          maxBookingsPerDay: 8,
          windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })),
        })
        .expect(201);
      offers.push({ id: offer.body.id as string, providerMemberId: provider.id });
    }
    exchange = {
      cooperativeId: asCooperativeId(coop.cooperativeId),
      categoryId,
      offers,
      residents: residents.map((r) => ({ memberId: r.id, userId: '', email: r.email })),
      dayStarts: dayStarts(),
    };
    plan = new BookingPlan(exchange);
    callers = { residents: residents.map((r) => r.accessToken), board: await coop.token('board'), treasurer: await coop.token('treasurer') };
    api = await startApi(sut.testDatabase.url);
  });
  afterAll(async () => {
    await killAllApis();
    await sut?.close();
  });

  const round = async (tag: string, seconds: number): Promise<Round> => {
    const tally: BookingTally = { tag, sent: new Set(), succeeded: new Set() };
    const figures = await load(api, mixedRequests(exchange, plan, callers, tally), seconds, { mixed: true });
    // Ten quiet seconds, the same after the warm-up and after the load: the last responses and timers end,
    // and V8's memory reducer, which collects once allocation stops, returns what was only garbage, so the
    // two figures compare what the process keeps rather than where its last collection happened to fall.
    await pause(10_000);
    // RSS first: writing the heap snapshot makes the process itself larger for a while.
    const rssKiB = api.rssKiB();
    return { tally, figures, rssKiB, liveHeapKiB: await api.liveHeapKiB() };
  };

  /** The rows each booking of a round left, by its number in the plan (carried in its notes). */
  const bookingRows = async (tally: BookingTally) => {
    const rows = await sql<{ k: number; n: number }>(
      `SELECT substring(notes FROM '#([0-9]+)$')::int AS k, count(*)::int AS n FROM bookings WHERE cooperative_id = $1 AND notes LIKE $2 GROUP BY 1`,
      [coop.cooperativeId, `${tally.tag} #%`],
    );
    const rowsOf = new Map(rows.map((r) => [r.k, r.n]));
    // A booking sent but never answered (still in flight when the load stopped) may or may not have been made.
    const lost = [...tally.succeeded].filter((k) => !rowsOf.has(k)).length;
    const duplicated = rows.reduce((sum, r) => sum + (r.n - 1) + (tally.sent.has(r.k) ? 0 : 1), 0);
    return { rows: rows.length, lost, duplicated };
  };

  it(`answers every request of ${LOAD_SECONDS} s of mixed load at 50 connections and loses and doubles no booking`, async () => {
    const warmUp = await round('load warm-up', WARM_UP_SECONDS);
    const loaded = await round('load', LOAD_SECONDS);

    const rounds = [warmUp, loaded];
    const requests = rounds.reduce((sum, r) => sum + r.figures.requests, 0);
    const errors = rounds.reduce((sum, r) => sum + r.figures.non2xx + r.figures.errors, 0);
    const bookings = await Promise.all(rounds.map((r) => bookingRows(r.tally)));
    const lost = bookings.reduce((sum, b) => sum + b.lost, 0);
    const duplicated = bookings.reduce((sum, b) => sum + b.duplicated, 0);
    const ready = await request(api.url)
      .get('/health/ready')
      .then((r) => r.status)
      .catch(() => 0);
    const figures = {
      requestsPerSecond: Math.round(loaded.figures.requestsPerSecond),
      p99Ms: loaded.figures.p99,
      bookingsMade: bookings.map((b) => b.rows),
      rssMiB: { afterWarmUp: Math.round(warmUp.rssKiB / 1024), afterLoad: Math.round(loaded.rssKiB / 1024) },
      liveHeapMiB: { afterWarmUp: Math.round(warmUp.liveHeapKiB / 1024), afterLoad: Math.round(loaded.liveHeapKiB / 1024) },
    };
    process.stdout.write(`load: ${JSON.stringify(figures)}\n`);
    recordCases('load', `mixed read/write load, 50 connections, ${LOAD_SECONDS} s after a ${WARM_UP_SECONDS} s warm-up`, { tried: requests, failed: errors, lost, duplicated });
    // Stable memory: the heap a full collection leaves, which only grows when the API keeps something. RSS
    // (reported above) also holds what V8 and the allocator keep after a peak; it swings from run to run on
    // a shared machine and is the mixed-load benchmark's target.
    const heapGrowth = loaded.liveHeapKiB / warmUp.liveHeapKiB;
    recordCases('load', `live heap after the load within ${Math.round((MAX_HEAP_GROWTH - 1) * 100)} % of after the warm-up`, { tried: 1, failed: heapGrowth > MAX_HEAP_GROWTH ? 1 : 0 });

    // Per request and status, so that a failure names what failed.
    const notAll2xx = rounds.flatMap((r) =>
      Object.entries(r.figures.statuses).flatMap(([name, tally]) => Object.entries(tally).filter(([status]) => !status.startsWith('2')).map(([status, n]) => `${r.tally.tag}: ${name} ${n}× ${status}`)),
    );
    expect(notAll2xx).toEqual([]);
    expect(rounds.map((r) => ({ non2xx: r.figures.non2xx, errors: r.figures.errors }))).toEqual([
      { non2xx: 0, errors: 0 },
      { non2xx: 0, errors: 0 },
    ]);
    // Every request of the mix was exercised in both rounds.
    const unexercised = rounds.flatMap((r) => Object.entries(r.figures.statuses).filter(([, tally]) => Object.keys(tally).length === 0).map(([name]) => `${r.tally.tag}: ${name}`));
    expect(unexercised).toEqual([]);
    expect(bookings.map((b) => b.rows).every((n) => n > 0)).toBe(true);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect({ liveHeapMiB: figures.liveHeapMiB, withinTenPercent: heapGrowth <= MAX_HEAP_GROWTH }).toEqual({ liveHeapMiB: figures.liveHeapMiB, withinTenPercent: true });
    expect(api.alive()).toBe(true);
    expect(ready).toBe(200);
  });
});
