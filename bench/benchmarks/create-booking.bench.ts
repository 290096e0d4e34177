import { BenchContext } from '../context';
import { Benchmark, Round } from '../harness';
import { startApi, startBaseline } from '../servers/api-process';
import { ServerProcess, orStop, startAll } from '../servers/server-process';
import { BookingPlan, BookingTally, CONNECTIONS, Exchange, LoadFigures, bookingRequest, checkBookings, load, loadFigures, logIn, requireAll2xx, setUpExchange } from './http-load';

/**
 * Booking over HTTP at 50 connections: the product's API (validation, the rules of BookingsService.book,
 * the exclusion constraints, the audit event) against a bare Fastify process writing the same rows with
 * `pg` in one transaction (baseline-server.ts). Every request books a slot of its own from one plan the
 * two sides share, so no request ever clashes and each round gets fresh slots.
 */

interface BookingState {
  context: BenchContext;
  exchange: Exchange;
  plan: BookingPlan;
  api: ServerProcess;
  baseline: ServerProcess;
  tokens: string[];
  seconds: number;
}

interface BookingSide extends LoadFigures {
  tally: BookingTally;
}

const PROVIDERS = 30;

const tally = (side: string, round: Round): BookingTally => ({ tag: `bench ${side} round ${round.index}`, sent: new Set(), succeeded: new Set() });

export const createBooking: Benchmark<BookingState, BookingSide> = {
  name: 'create-booking',
  describe: ({ quick }) => `POST bookings, each a free slot of its own, ${CONNECTIONS} connections for ${quick ? 2 : 10} s: the API vs bare Fastify + pg writing the same rows`,
  target: { minRatio: 0.5 },
  unit: 'req/s',

  async setup(context, { quick }) {
    // As many residents as providers: the plan gives the providers' bookings of one hour to different residents.
    const exchange = await setUpExchange(context, 'bench-booking', { providers: PROVIDERS, residents: PROVIDERS });
    const [api, baseline] = await startAll([() => startApi(context.databaseUrl), () => startBaseline(context.databaseUrl)]);
    return orStop([api, baseline], async () => ({
      context,
      exchange,
      plan: new BookingPlan(exchange),
      api,
      baseline,
      tokens: await logIn(api, exchange.residents),
      seconds: quick ? 2 : 10,
    }));
  },

  async ours(state, round) {
    const side = tally('ours', round);
    const request = bookingRequest('book', `/api/v1/cooperatives/${state.exchange.cooperativeId}/bookings`, state.plan, side, (b, notes) => ({
      body: { offerId: b.offerId, start: b.start, notes },
      headers: { authorization: `Bearer ${state.tokens[b.resident]}` },
    }));
    return { ...(await load(state.api, [request], state.seconds)), tally: side };
  },

  async baseline(state, round) {
    const side = tally('baseline', round);
    const request = bookingRequest('book', `/cooperatives/${state.exchange.cooperativeId}/bookings`, state.plan, side, (b, notes) => {
      const resident = state.exchange.residents[b.resident];
      return { body: { offerId: b.offerId, start: b.start, notes, consumerMemberId: resident.memberId, bookedBy: resident.userId } };
    });
    return { ...(await load(state.baseline, [request], state.seconds)), tally: side };
  },

  measure: (side) => side.requestsPerSecond,
  figures: loadFigures,

  async verify(state, ours, baseline) {
    requireAll2xx('ours', ours);
    requireAll2xx('the baseline', baseline);
    for (const side of [ours, baseline]) await checkBookings(state.context, state.exchange.cooperativeId, side.tally, side.statuses.book);
  },

  async teardown(state) {
    await Promise.all([state.api.stop(), state.baseline.stop()]);
  },
};
