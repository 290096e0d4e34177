import { BenchContext } from '../context';
import { Benchmark } from '../harness';
import { startApi, startBaseline } from '../servers/api-process';
import { ServerProcess, orStop, startAll } from '../servers/server-process';
import { CONNECTIONS, Exchange, LoadFigures, asEachInTurn, load, loadFigures, logIn, requireAll2xx, setUpExchange } from './http-load';

/**
 * Searching offers over HTTP, authenticated, at 50 connections: the product's API against a bare Fastify
 * process running the very same statements with `pg` (baseline-server.ts). Both only read, so every
 * round searches the same data.
 */

interface SearchState {
  context: BenchContext;
  exchange: Exchange;
  api: ServerProcess;
  baseline: ServerProcess;
  tokens: string[];
  query: string;
  seconds: number;
}

interface SearchSide extends LoadFigures {
  /** One response, fetched after the load: per offer, its number of free slots. */
  sample: Array<{ offerId: string; slots: number }>;
}

const PROVIDERS = 30;
const SEARCHERS = 8;

async function sample(url: string, headers: Record<string, string>): Promise<SearchSide['sample']> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const results = (await response.json()) as Array<{ offerId: string; slots: unknown[] }>;
  return results.map((r) => ({ offerId: r.offerId, slots: r.slots.length })).sort((a, b) => a.offerId.localeCompare(b.offerId));
}

export const offerSearch: Benchmark<SearchState, SearchSide> = {
  name: 'offer-search',
  describe: ({ quick }) =>
    `GET offers/search, a week of ${PROVIDERS} providers' slots, ${CONNECTIONS} connections for ${quick ? 2 : 10} s: the API (authenticated) vs bare Fastify + pg, same SQL`,
  target: { minRatio: 0.6, limits: [{ figure: 'p99', below: 50, unit: 'ms' }] },
  unit: 'req/s',

  async setup(context, { quick }) {
    // Each offer is open on two weekdays of its own, 09:00–12:00 (three slots).
    const exchange = await setUpExchange(
      context,
      'bench-search',
      { providers: PROVIDERS, residents: PROVIDERS },
      `SELECT 1 + (abs(hashtext(o.id::text)) + shift) % 7 AS weekday, time '09:00' AS start_time, time '12:00' AS end_time FROM (VALUES (0), (3)) AS v(shift)`,
    );
    const from = new Date(exchange.dayStarts[0].getTime() - 9 * 3_600_000);
    const to = new Date(from.getTime() + 7 * 86_400_000);
    // Every other provider already has a 10:00 booking on each of their days in that week, by a resident of their own.
    await context.ownerRows(
      `WITH offer AS (SELECT o.*, row_number() OVER (ORDER BY o.id) AS n FROM offers o JOIN service_categories c ON c.cooperative_id = o.cooperative_id AND c.id = o.category_id
                       WHERE o.cooperative_id = $1 AND c.code = 'klussen'),
            resident AS (SELECT m.*, row_number() OVER (ORDER BY m.member_number) AS n FROM members m WHERE m.cooperative_id = $1 AND m.role = 'consumer')
       INSERT INTO bookings (cooperative_id, offer_id, category_id, provider_member_id, consumer_member_id, during, status, booked_by, rate_cents, confirmed_at)
       SELECT $1, o.id, o.category_id, o.provider_member_id, r.id, tstzrange(s.at, s.at + interval '1 hour'), 'confirmed', r.user_id, o.rate_cents, now()
         FROM offer o JOIN resident r ON r.n = o.n JOIN offer_windows w ON w.cooperative_id = $1 AND w.offer_id = o.id
         CROSS JOIN LATERAL generate_series(($2::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, ($3::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date - 1, interval '1 day') AS day
         CROSS JOIN LATERAL (SELECT (day::date + time '10:00') AT TIME ZONE 'Europe/Amsterdam' AS at) AS s
        WHERE o.n % 2 = 0 AND extract(isodow FROM day) = w.weekday`,
      [exchange.cooperativeId, from, to],
    );
    await context.ownerRows('ANALYZE bookings');
    const [api, baseline] = await startAll([() => startApi(context.databaseUrl), () => startBaseline(context.databaseUrl)]);
    return orStop([api, baseline], async () => ({
      context,
      exchange,
      api,
      baseline,
      tokens: await logIn(api, exchange.residents.slice(0, SEARCHERS)),
      query: new URLSearchParams({ categoryId: exchange.categoryId, postcode: '7411 HE', from: from.toISOString(), to: to.toISOString() }).toString(),
      seconds: quick ? 2 : 10,
    }));
  },

  async ours(state) {
    const path = `/api/v1/cooperatives/${state.exchange.cooperativeId}/offers/search?${state.query}`;
    const figures = await load(state.api, [{ name: 'search', method: 'GET', path, setupRequest: asEachInTurn(state.tokens) }], state.seconds);
    return { ...figures, sample: await sample(`${state.api.url}${path}`, { authorization: `Bearer ${state.tokens[0]}` }) };
  },

  async baseline(state) {
    const path = `/cooperatives/${state.exchange.cooperativeId}/offers/search?${state.query}`;
    const figures = await load(state.baseline, [{ name: 'search', method: 'GET', path }], state.seconds);
    return { ...figures, sample: await sample(`${state.baseline.url}${path}`, {}) };
  },

  measure: (side) => side.requestsPerSecond,
  figures: loadFigures,

  async verify(state, ours, baseline) {
    requireAll2xx('ours', ours);
    requireAll2xx('the baseline', baseline);
    const slots = ours.sample.reduce((sum, o) => sum + o.slots, 0);
    if (ours.sample.length === 0 || slots === 0) throw new Error('offer-search: the search found nothing, so it measures nothing');
    if (JSON.stringify(ours.sample) !== JSON.stringify(baseline.sample)) {
      throw new Error(`offer-search: the two sides found different offers or slots: ${JSON.stringify(ours.sample)} vs ${JSON.stringify(baseline.sample)}`);
    }
  },

  async teardown(state) {
    await Promise.all([state.api.stop(), state.baseline.stop()]);
  },
};
