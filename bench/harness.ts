import { performance } from 'node:perf_hooks';
import { BenchContext } from './context';

export interface BenchOptions {
  /** Fewer rounds and smaller sizes, so the whole run takes well under two minutes. */
  quick: boolean;
  /** Measured rounds (the warm-up round comes on top). */
  rounds: number;
}

/** Which round a side runs in: the warm-up is round 0 and is not counted. */
export interface Round {
  index: number;
  warmUp: boolean;
}

/**
 * One benchmark of the performance issue: the product's way ("ours") against a raw baseline doing the
 * same work on the same database in the same process. The harness times each side (wall time, unless
 * `measure` says otherwise), alternates which side goes first, and calls `verify` after every round,
 * because a comparison of two sides that did different work is worthless.
 */
export interface Benchmark<State = unknown, Result = unknown> {
  name: string;
  /** One line for the table's reader: what is measured, at what size. */
  describe(options: BenchOptions): string;
  /** The target from the issue: ours may take at most this many times the baseline. */
  target: { maxRatio: number };
  /** Unit of the measurement; wall time in milliseconds unless `measure` is given. */
  unit?: string;
  /** Untimed: make the data both sides work on. */
  setup(context: BenchContext, options: BenchOptions): Promise<State>;
  /** Timed: the product's way, through its services. Must leave the other side's next round as much work as its own. */
  ours(state: State, round: Round): Promise<Result>;
  /** Timed: the same work done the shortest raw way (one set-based statement, a bare driver call, …). */
  baseline(state: State, round: Round): Promise<Result>;
  /** Untimed: throws when the two sides did not do the same work in this round. */
  verify(state: State, ours: Result, baseline: Result, round: Round): Promise<void>;
  /** Overrides wall time with another measurement of a side's result (e.g. peak memory in MiB). */
  measure?(result: Result): number;
  teardown?(state: State): Promise<void>;
}

export interface BenchResult {
  name: string;
  description: string;
  unit: string;
  /** Medians over the measured rounds; null when the benchmark failed. */
  ours: number | null;
  baseline: number | null;
  ratio: number | null;
  target: number;
  verdict: 'ok' | 'over target' | 'error';
  samples: { ours: number[]; baseline: number[] };
  error?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed<R>(work: () => Promise<R>, measure?: (result: R) => number): Promise<{ result: R; value: number }> {
  const start = performance.now();
  const result = await work();
  const elapsed = performance.now() - start;
  return { result, value: measure ? measure(result) : elapsed };
}

export async function runBenchmark<S, R>(benchmark: Benchmark<S, R>, context: BenchContext, options: BenchOptions, log: (message: string) => void): Promise<BenchResult> {
  const result: BenchResult = {
    name: benchmark.name,
    description: benchmark.describe(options),
    unit: benchmark.unit ?? 'ms',
    ours: null,
    baseline: null,
    ratio: null,
    target: benchmark.target.maxRatio,
    verdict: 'error',
    samples: { ours: [], baseline: [] },
  };
  let state: S | undefined;
  try {
    log(`${benchmark.name}: setting up (${result.description})`);
    state = await benchmark.setup(context, options);
    const measure = benchmark.measure?.bind(benchmark);
    for (let index = 0; index <= options.rounds; index++) {
      const round: Round = { index, warmUp: index === 0 };
      // Alternate who goes first, so neither side always meets the tables, caches and autovacuum in the same state.
      const oursFirst = index % 2 === 0;
      let ours: { result: R; value: number };
      let baseline: { result: R; value: number };
      if (oursFirst) {
        ours = await timed(() => benchmark.ours(state as S, round), measure);
        baseline = await timed(() => benchmark.baseline(state as S, round), measure);
      } else {
        baseline = await timed(() => benchmark.baseline(state as S, round), measure);
        ours = await timed(() => benchmark.ours(state as S, round), measure);
      }
      await benchmark.verify(state, ours.result, baseline.result, round);
      log(`${benchmark.name}: ${round.warmUp ? 'warm-up' : `round ${index}/${options.rounds}`}: ours ${format(ours.value)} ${result.unit}, baseline ${format(baseline.value)} ${result.unit} (verified)`);
      if (!round.warmUp) {
        result.samples.ours.push(ours.value);
        result.samples.baseline.push(baseline.value);
      }
    }
    result.ours = median(result.samples.ours);
    result.baseline = median(result.samples.baseline);
    result.ratio = result.ours / result.baseline;
    result.verdict = result.ratio <= result.target ? 'ok' : 'over target';
  } catch (error) {
    result.error = (error as Error).stack ?? String(error);
    log(`${benchmark.name}: ERROR ${result.error}`);
  } finally {
    if (state !== undefined && benchmark.teardown) await benchmark.teardown(state).catch((error: unknown) => log(`${benchmark.name}: teardown failed: ${String(error)}`));
  }
  return result;
}

export function format(value: number | null): string {
  if (value === null) return '—';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The one table the run prints: medians, their ratio, the target and the verdict. */
export function table(results: BenchResult[]): string {
  const rows = [
    ['benchmark', 'ours', 'baseline', 'ratio', 'target', 'verdict'],
    ...results.map((r) => [
      r.name,
      r.ours === null ? '—' : `${format(r.ours)} ${r.unit}`,
      r.baseline === null ? '—' : `${format(r.baseline)} ${r.unit}`,
      r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
      `≤ ${r.target}×`,
      r.verdict,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === 5 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
