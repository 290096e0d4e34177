import { setTimeout as sleep } from 'node:timers/promises';
import { BenchContext } from '../context';
import { Benchmark } from '../harness';
import { startApi } from '../servers/api-process';
import { ServerProcess, orStop } from '../servers/server-process';
import { BookingPlan, BookingTally, CONNECTIONS, Exchange, LoadFigures, checkBookings, load, loadFigures, logIn, mixedRequests, setUpExchange } from './http-load';

/**
 * The API under a realistic mix at 50 connections: residents search offers, look at their bookings,
 * invoices and obligations, and book; the board lists members; the treasurer reads the trial balance.
 * Its memory must stay flat: the RSS after the load against the RSS after a warm-up with the same mix
 * (run in that order, once: schedule `sequence`), and not one request may fail. The live heap (what a full
 * collection leaves) is reported beside it: it tells a leak from memory V8 keeps after a peak.
 */

interface MixedState {
  context: BenchContext;
  exchange: Exchange;
  plan: BookingPlan;
  api: ServerProcess;
  residents: string[];
  board: string;
  treasurer: string;
  warmUpSeconds: number;
  loadSeconds: number;
  /** Quiet time before the RSS is read, after the warm-up and after the load. */
  settleMs: number;
}

interface MixedSide extends LoadFigures {
  tally: BookingTally;
  rssMiB: number;
  liveHeapMiB: number;
}

const PROVIDERS = 30;

async function run(state: MixedState, tag: string, seconds: number): Promise<MixedSide> {
  const tally: BookingTally = { tag, sent: new Set(), succeeded: new Set() };
  const figures = await load(state.api, mixedRequests(state.exchange, state.plan, state, tally), seconds, { mixed: true });
  // Quiet seconds, the same after the warm-up and after the load: the last responses and timers end, and V8's
  // memory reducer, which collects once allocation stops, returns what was only garbage (as in the load spec).
  await sleep(state.settleMs);
  // RSS first: writing the heap snapshot makes the process itself larger for a while.
  const rssMiB = state.api.rss();
  return { ...figures, tally, rssMiB, liveHeapMiB: Math.round(await state.api.liveHeap()) };
}

export const mixedLoad: Benchmark<MixedState, MixedSide> = {
  name: 'mixed-load',
  describe: ({ quick }) =>
    `RSS of the API after ${quick ? 8 : 60} s of a mixed load (search, book, own bookings/invoices/obligations, members, trial balance) at ${CONNECTIONS} connections vs after a ${quick ? 3 : 20} s warm-up`,
  target: { maxRatio: 1.1, limits: [{ figure: 'errors', atMost: 0 }] },
  unit: 'MiB',
  schedule: 'sequence',

  async setup(context, { quick }) {
    const exchange = await setUpExchange(context, 'bench-mixed', { providers: PROVIDERS, residents: PROVIDERS, staff: ['board', 'treasurer'] });
    const api = await startApi(context.databaseUrl);
    return orStop([api], async () => {
      const [board, treasurer, ...residents] = await logIn(api, [...exchange.staff, ...exchange.residents]);
      return { context, exchange, plan: new BookingPlan(exchange), api, residents, board, treasurer, warmUpSeconds: quick ? 3 : 20, loadSeconds: quick ? 8 : 60, settleMs: quick ? 2_000 : 10_000 };
    });
  },

  // The baseline is the API's own memory after the warm-up; ours, after the load that follows it.
  baseline: (state) => run(state, 'bench mixed warm-up', state.warmUpSeconds),
  ours: (state) => run(state, 'bench mixed load', state.loadSeconds),

  measure: (side) => side.rssMiB,
  figures: (side) => ({ ...loadFigures(side), rssMiB: side.rssMiB, liveHeapMiB: side.liveHeapMiB, requestsPerSecond: side.requestsPerSecond }),

  async verify(state, ours, baseline) {
    for (const side of [baseline, ours]) {
      // A 4xx means the scenario itself is wrong (a 5xx or a dropped connection is the API failing under load: the `errors` limit).
      const refused = Object.entries(side.statuses).flatMap(([name, tally]) => Object.entries(tally).filter(([status]) => status.startsWith('4')).map(([status, n]) => `${name}: ${n}× ${status}`));
      if (refused.length > 0) throw new Error(`mixed-load (${side.tally.tag}): requests refused: ${refused.join(', ')}`);
      const unexercised = Object.entries(side.statuses).filter(([, tally]) => Object.keys(tally).length === 0).map(([name]) => name);
      if (unexercised.length > 0) throw new Error(`mixed-load (${side.tally.tag}): never answered: ${unexercised.join(', ')}`);
      await checkBookings(state.context, state.exchange.cooperativeId, side.tally, side.statuses.book);
    }
  },

  async teardown(state) {
    await state.api.stop();
  },
};
