import autocannon from 'autocannon';
import { CooperativeId, PasswordHasher } from '@buurtcoop/core';
import { BenchContext } from '../context';
import { ServerProcess } from '../servers/server-process';

/**
 * What the HTTP benchmarks share: load from this process with autocannon (a process apart from both
 * servers), and an exchange to load: providers with offers, residents with accounts, and a plan of free
 * slots to book so that no two requests ever clash.
 */

export const CONNECTIONS = 50;
const PASSWORD = 'Bench-IJsselkade-2026';
/** Slots per day of a provider in the booking plan: 09:00 to 17:00, an hour each (the `klussen` category). */
const SLOTS_PER_DAY = 8;
/** Providers' member numbers follow the residents': provider n is member PROVIDER_NUMBERS_AFTER + n. */
const PROVIDER_NUMBERS_AFTER = 100_000;
/** Days over which the booking plan deals consecutive hours. */
const SPREAD_DAYS = 64;

export type LoadRequest = autocannon.Request & { name: string };

/** One load of one server: what autocannon measured, and the status codes per request name. */
export interface LoadFigures {
  /** Completed requests per second over the load. */
  requestsPerSecond: number;
  /** Completed requests. */
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statuses: Record<string, Record<string, number>>;
}

/**
 * `CONNECTIONS` clients for `seconds`. Each connection cycles through `requests`; with `mixed`, every request
 * sent is instead the next of `requests` across all connections, so the mix stays the same however slowly
 * each connection gets through it. Statuses are counted per request name.
 */
export async function load(server: Pick<ServerProcess, 'url'>, requests: LoadRequest[], seconds: number, { mixed = false } = {}): Promise<LoadFigures> {
  const statuses: Record<string, Record<string, number>> = Object.fromEntries(requests.map((r) => [r.name, {}]));
  type Context = { chosen?: LoadRequest };
  const answer = (request: LoadRequest) => (status: number, body: string, context: object, headers: autocannon.Request['headers']) => {
    const tally = statuses[request.name];
    tally[status] = (tally[status] ?? 0) + 1;
    if (typeof request.onResponse === 'function') request.onResponse(status, body, context, headers);
  };
  const strip = ({ name: _name, onResponse: _onResponse, ...fields }: LoadRequest): autocannon.Request => fields;
  let next = 0;
  const sent: autocannon.Request[] = mixed
    ? [
        {
          setupRequest: (request, context) => {
            const chosen = requests[next++ % requests.length];
            (context as Context).chosen = chosen;
            const { setupRequest, ...fields } = strip(chosen);
            const built = { ...request, ...fields, headers: { ...fields.headers } };
            return typeof setupRequest === 'function' ? setupRequest(built, context) : built;
          },
          onResponse: (status, body, context, headers) => answer((context as Context).chosen as LoadRequest)(status, body, context, headers),
        },
      ]
    : requests.map((request) => ({ ...strip(request), onResponse: answer(request) }));
  const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, requests: sent });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses,
  };
}

/** The tokens of the mixed load's callers: residents (at least as many as providers), a board member and a treasurer. */
export interface MixedCallers {
  residents: string[];
  board: string;
  treasurer: string;
}

/**
 * A realistic mix for `load(…, { mixed: true })`: residents search offers, look at their bookings, invoices
 * and obligations, and book the plan's next slot (recorded in `tally`); the board lists members; the
 * treasurer reads the trial balance.
 */
export function mixedRequests(exchange: Exchange, plan: BookingPlan, callers: MixedCallers, tally: BookingTally): LoadRequest[] {
  const coop = `/api/v1/cooperatives/${exchange.cooperativeId}`;
  // Half a day far ahead, where the bookings of the load do not reach: the result stays the same size.
  const from = exchange.dayStarts[1000];
  const search = new URLSearchParams({ categoryId: exchange.categoryId, postcode: '7411 HE', from: from.toISOString(), to: new Date(from.getTime() + 4 * 3_600_000).toISOString() });
  const resident = asEachInTurn(callers.residents);
  return [
    { name: 'search offers', method: 'GET', path: `${coop}/offers/search?${search}`, setupRequest: resident },
    { name: 'my bookings', method: 'GET', path: `${coop}/bookings/mine`, setupRequest: resident },
    bookingRequest('book', `${coop}/bookings`, plan, tally, (b, notes) => ({
      body: { offerId: b.offerId, start: b.start, notes },
      headers: { authorization: `Bearer ${callers.residents[b.resident]}` },
    })),
    { name: 'my invoices', method: 'GET', path: `${coop}/me/invoices`, setupRequest: resident },
    { name: 'my obligations', method: 'GET', path: `${coop}/me/obligations`, setupRequest: resident },
    { name: 'members (board)', method: 'GET', path: `${coop}/members?pageSize=50`, headers: { authorization: `Bearer ${callers.board}` } },
    { name: 'trial balance (treasurer)', method: 'GET', path: `${coop}/ledger/trial-balance`, headers: { authorization: `Bearer ${callers.treasurer}` } },
  ];
}

/** The figures the harness keeps per side and round, and what the targets' limits read. */
export function loadFigures(figures: LoadFigures): Record<string, number> {
  return { requests: figures.requests, p50: figures.p50, p99: figures.p99, non2xx: figures.non2xx, errors: figures.non2xx + figures.errors };
}

/** Throws, naming the request and status, unless every response of the load was a 2xx and no connection failed. */
export function requireAll2xx(side: string, figures: LoadFigures): void {
  const failed = Object.entries(figures.statuses).flatMap(([name, tally]) => Object.entries(tally).filter(([status]) => !status.startsWith('2')).map(([status, n]) => `${name}: ${n}× ${status}`));
  if (figures.errors > 0) failed.push(`${figures.errors} connection errors or timeouts`);
  if (failed.length > 0) throw new Error(`${side}: not every request succeeded: ${failed.join(', ')}`);
}

export interface Resident {
  memberId: string;
  userId: string;
  email: string;
}

export interface Exchange {
  cooperativeId: CooperativeId;
  /** The `klussen` category (an hour, no VOG needed), which every provider offers. */
  categoryId: string;
  /** The `klussen` offers that serve the residents' postcode, one per provider, in provider order. */
  offers: Array<{ id: string; providerMemberId: string }>;
  residents: Resident[];
  /** 09:00 in Amsterdam of each day of the booking plan, from the day after tomorrow on. */
  dayStarts: Date[];
}

/**
 * A cooperative through the real lifecycle, loaded the way an import would (set-based, as the owner):
 * `providers` providers with a `klussen` offer each (every other one a `tuin` offer too), open every day
 * from 09:00 to 17:00 unless `windows` (SQL that may name the offer `o`) says otherwise, serving postcodes 7400–7499 (every fifth only
 * 7420–7429); and `residents` residents in 7411 with an account (one password hash for all) and the member role.
 */
export async function setUpExchange(
  context: BenchContext,
  label: string,
  sizes: { providers: number; residents: number; staff?: Array<'board' | 'treasurer'> },
  windows = `SELECT weekday, time '09:00' AS start_time, time '17:00' AS end_time FROM generate_series(1, 7) AS weekday`,
): Promise<Exchange & { staff: Resident[] }> {
  const cooperativeId = await context.createCooperative(label);
  const hash = await context.app.get(PasswordHasher).hash(PASSWORD);
  const suffix = cooperativeId.slice(0, 8);
  const accounts = async (kind: string, n: number) =>
    context.ownerRows<{ id: string; email: string }>(
      `INSERT INTO users (email, display_name, password_hash) SELECT $1 || '-' || n || '-' || $2 || '@bench.example', initcap($1) || ' ' || n, $3
         FROM generate_series(1, $4::int) AS n RETURNING id, email`,
      [kind, suffix, hash, n],
    );
  const grant = (userIds: string[], role: string) =>
    context.ownerRows(`INSERT INTO role_assignments (cooperative_id, user_id, role) SELECT $1, u, $3 FROM unnest($2::uuid[]) AS u`, [cooperativeId, userIds, role]);

  const users = await accounts('bewoner', sizes.residents);
  await grant(users.map((u) => u.id), 'member');
  const residents = await context.ownerRows<{ id: string; user_id: string }>(
    `INSERT INTO members (cooperative_id, member_number, membership_type_id, user_id, role, status, first_name, last_name, email, street, house_number, postcode, city, joined_on)
     SELECT $1, n, t.id, u.id, 'consumer', 'active', 'Bewoner', 'Nummer ' || n, u.email, 'Keizerstraat', n::text, '7411HE', 'Deventer', DATE '2020-01-01'
       FROM unnest($2::uuid[]) WITH ORDINALITY AS u_(user_id, n) JOIN users u ON u.id = u_.user_id
       JOIN membership_types t ON t.cooperative_id = $1 AND t.code = 'resident'
     RETURNING id, user_id`,
    [cooperativeId, users.map((u) => u.id)],
  );
  const providers = await context.ownerRows<{ id: string; member_number: number }>(
    `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, joined_on)
     SELECT $1, $3::int + n, t.id, 'provider', 'active', 'Aanbieder', 'Nummer ' || n, 'Brink', n::text, '7412AB', 'Deventer', DATE '2020-01-01'
       FROM generate_series(1, $2::int) AS n JOIN membership_types t ON t.cooperative_id = $1 AND t.code = 'provider'
     RETURNING id, member_number`,
    [cooperativeId, sizes.providers, PROVIDER_NUMBERS_AFTER],
  );
  providers.sort((a, b) => a.member_number - b.member_number);
  const offers = await context.ownerRows<{ id: string; provider_member_id: string; code: string }>(
    `WITH provider AS (SELECT id, row_number() OVER (ORDER BY member_number) AS n FROM members WHERE cooperative_id = $1 AND id = ANY($2::uuid[]))
     INSERT INTO offers (cooperative_id, provider_member_id, category_id, description, service_area, rate_cents, max_bookings_per_day)
     SELECT $1, p.id, c.id, initcap(c.code) || ' door aanbieder ' || p.n,
            CASE WHEN p.n % 5 = 0 THEN '{[7420,7429]}' ELSE '{[7400,7499]}' END::int4multirange, 500 + p.n, $3
       FROM provider p JOIN service_categories c ON c.cooperative_id = $1 AND (c.code = 'klussen' OR (c.code = 'tuin' AND p.n % 2 = 0))
     RETURNING id, provider_member_id, (SELECT code FROM service_categories WHERE cooperative_id = $1 AND id = category_id) AS code`,
    [cooperativeId, providers.map((p) => p.id), SLOTS_PER_DAY],
  );
  await context.ownerRows(
    `INSERT INTO offer_windows (cooperative_id, offer_id, weekday, start_time, end_time)
     SELECT $1, o.id, w.weekday, w.start_time, w.end_time FROM offers o CROSS JOIN LATERAL (${windows}) AS w
      WHERE o.cooperative_id = $1`,
    [cooperativeId],
  );
  const staff: Resident[] = [];
  for (const role of sizes.staff ?? []) {
    const [user] = await accounts(role, 1);
    await grant([user.id], role);
    staff.push({ memberId: '', userId: user.id, email: user.email });
  }
  const [category] = await context.ownerRows<{ id: string }>(`SELECT id FROM service_categories WHERE cooperative_id = $1 AND code = 'klussen'`, [cooperativeId]);
  const days = await context.ownerRows<{ start_at: Date }>(
    `SELECT ((current_date + d) + time '09:00') AT TIME ZONE 'Europe/Amsterdam' AS start_at FROM generate_series(2, 3650) AS d ORDER BY d`,
  );
  await context.ownerRows('ANALYZE');
  const byProvider = new Map(offers.filter((o) => o.code === 'klussen').map((o) => [o.provider_member_id, o.id]));
  const servesResidents = (n: number) => n % 5 !== 0;
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return {
    cooperativeId,
    categoryId: category.id,
    offers: providers.filter((p) => servesResidents(p.member_number - PROVIDER_NUMBERS_AFTER)).map((p) => ({ id: byProvider.get(p.id) as string, providerMemberId: p.id })),
    residents: residents.map((r) => ({ memberId: r.id, userId: r.user_id, email: emailOf.get(r.user_id) as string })),
    dayStarts: days.map((d) => new Date(d.start_at)),
    staff,
  };
}

/** Logs in over the API, a few at a time (each login verifies an argon2 hash): the access tokens, in order. */
export async function logIn(api: ServerProcess, accounts: Array<{ email: string }>): Promise<string[]> {
  const tokens: string[] = new Array(accounts.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < accounts.length; i = next++) {
      const response = await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: accounts[i].email, password: PASSWORD }),
      });
      const body = (await response.json()) as { accessToken?: string };
      if (response.status !== 200 || !body.accessToken) throw new Error(`login of ${accounts[i].email} failed: ${response.status} ${JSON.stringify(body)}`);
      tokens[i] = body.accessToken;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}

/** A setupRequest that sends each request with the next of `tokens`, in turn. */
export function asEachInTurn(tokens: string[]): (request: autocannon.Request) => autocannon.Request {
  let next = 0;
  return (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } });
}

/** One slot of the booking plan: the offer, its start, and the resident who books it. */
export interface PlannedBooking {
  /** Its number in the plan, carried in the booking's notes so the rows can be counted. */
  k: number;
  offerId: string;
  start: string;
  resident: number;
}

/**
 * Every slot of every provider, each booked once. Slot k goes to provider k mod P and resident k mod R, at
 * the j-th hour, j = ⌊k / P⌋; the hours are dealt over blocks of SPREAD_DAYS days, one day after the other,
 * so that the requests in flight at once book different days, as residents booking at the same moment
 * mostly do (two bookings of one offer on one day wait for each other: the day's limit is checked under a lock).
 * The P bookings of one hour go to P different residents (R ≥ P): neither a provider nor a resident is ever
 * booked twice at once.
 */
export class BookingPlan {
  private next = 0;

  constructor(private readonly exchange: Exchange) {
    if (exchange.residents.length < exchange.offers.length) throw new Error('the booking plan needs at least as many residents as providers');
  }

  take(): PlannedBooking {
    const k = this.next++;
    const { offers, residents, dayStarts } = this.exchange;
    const j = Math.floor(k / offers.length);
    const block = Math.floor(j / (SPREAD_DAYS * SLOTS_PER_DAY));
    const inBlock = j % (SPREAD_DAYS * SLOTS_PER_DAY);
    const day = block * SPREAD_DAYS + (inBlock % SPREAD_DAYS);
    if (day >= dayStarts.length) throw new Error('the booking plan ran out of days');
    const start = new Date(dayStarts[day].getTime() + Math.floor(inBlock / SPREAD_DAYS) * 3_600_000);
    return { k, offerId: offers[k % offers.length].id, start: start.toISOString(), resident: k % residents.length };
  }
}

/** Which bookings of a load were sent, and which of them were answered 2xx. */
export interface BookingTally {
  tag: string;
  sent: Set<number>;
  succeeded: Set<number>;
}

/**
 * A request that books the plan's next slot, with `notes` `<tag> #<k>`, built by `body`; it records what
 * was sent and what succeeded in `tally`.
 */
export function bookingRequest(name: string, path: string, plan: BookingPlan, tally: BookingTally, body: (booking: PlannedBooking, notes: string) => { body: object; headers?: Record<string, string> }): LoadRequest {
  return {
    name,
    method: 'POST',
    path,
    setupRequest: (request, context) => {
      const booking = plan.take();
      (context as { k?: number }).k = booking.k;
      tally.sent.add(booking.k);
      const made = body(booking, `${tally.tag} #${booking.k}`);
      return { ...request, body: JSON.stringify(made.body), headers: { ...request.headers, 'content-type': 'application/json', ...made.headers } };
    },
    onResponse: (status, _body, context) => {
      if (status >= 200 && status < 300) tally.succeeded.add((context as { k: number }).k);
    },
  };
}

/**
 * Checks a load's bookings against the rows: every 2xx left a booking and its audit event, and a booking
 * without a 2xx can only be one still in flight when the load stopped (sent, never answered).
 */
export async function checkBookings(context: BenchContext, cooperativeId: CooperativeId, tally: BookingTally, statuses: Record<string, number>): Promise<number> {
  const unanswered = tally.sent.size - Object.values(statuses).reduce((sum, n) => sum + n, 0);
  const rows = await context.ownerRows<{ k: number; audited: boolean }>(
    `SELECT substring(b.notes FROM '#([0-9]+)$')::int AS k,
            EXISTS (SELECT 1 FROM audit_events a WHERE a.cooperative_id = $1 AND a.action = 'booking.create' AND a.object_id = b.id::text) AS audited
       FROM bookings b WHERE b.cooperative_id = $1 AND b.notes LIKE $2`,
    [cooperativeId, `${tally.tag} #%`],
  );
  const made = new Set(rows.map((r) => r.k));
  const problems: string[] = [];
  const missing = [...tally.succeeded].filter((k) => !made.has(k));
  if (missing.length > 0) problems.push(`${missing.length} bookings answered 2xx have no row`);
  const unsent = rows.filter((r) => !tally.sent.has(r.k)).length;
  if (unsent > 0) problems.push(`${unsent} rows for bookings never sent`);
  const extra = rows.length - tally.succeeded.size;
  if (extra > unanswered) problems.push(`${extra} rows beyond the ${tally.succeeded.size} 2xx answers, but only ${unanswered} requests were unanswered`);
  const unaudited = rows.filter((r) => !r.audited).length;
  if (unaudited > 0) problems.push(`${unaudited} bookings without their audit event`);
  if (problems.length > 0) throw new Error(`${tally.tag}: ${problems.join('; ')}`);
  return rows.length;
}
