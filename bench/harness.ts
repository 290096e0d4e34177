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
 * What the issue accepts. A ratio bound (ours ÷ baseline): `maxRatio` where lower is better (time, memory),
 * `minRatio` where higher is better (throughput). `limits` are bounds on ours' own figures besides the ratio
 * (e.g. its p99 latency, its errors), read from the figures `figures` reports.
 */
export type Target = ({ maxRatio: number; minRatio?: never } | { minRatio: number; maxRatio?: never }) & { limits?: FigureLimit[] };

/**
 * A bound on one of ours' figures: `below` applies to the median over the measured rounds (a latency),
 * `atMost` to the highest of any measured round (a count of errors).
 */
export type FigureLimit = { figure: string; unit?: string } & ({ below: number; atMost?: never } | { atMost: number; below?: never });

/**
 * How the sides run. `alternate` (the default): a warm-up round, then the measured rounds, swapping which side
 * goes first. `sequence`: the baseline, then ours, once, no warm-up: for a benchmark whose baseline is an
 * earlier state of the same run (memory after a warm-up load, then after the full load).
 */
export type Schedule = 'alternate' | 'sequence';

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
  /** The target from the issue. */
  target: Target;
  schedule?: Schedule;
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
  /** Further figures of a side's result kept with the samples (e.g. p99 latency, errors, requests), and what `target.limits` read. */
  figures?(result: Result): Record<string, number>;
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
  target: Target;
  /** `over target` misses a maxRatio, `missed` a minRatio or a limit on ours' figures. */
  verdict: 'ok' | 'over target' | 'missed' | 'error';
  samples: { ours: number[]; baseline: number[] };
  /** Per measured round, the side's `figures`, when the benchmark reports any. */
  figures?: { ours: Array<Record<string, number>>; baseline: Array<Record<string, number>> };
  /** Why the verdict is not ok, in words. */
  misses?: string[];
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
    target: benchmark.target,
    verdict: 'error',
    samples: { ours: [], baseline: [] },
    ...(benchmark.figures ? { figures: { ours: [], baseline: [] } } : {}),
  };
  let state: S | undefined;
  try {
    log(`${benchmark.name}: setting up (${result.description})`);
    state = await benchmark.setup(context, options);
    const measure = benchmark.measure?.bind(benchmark);
    const run = (side: 'ours' | 'baseline', round: Round) => timed(() => benchmark[side](state as S, round), measure);
    const sequence = benchmark.schedule === 'sequence';
    const last = sequence ? 1 : options.rounds;
    for (let index = sequence ? 1 : 0; index <= last; index++) {
      const round: Round = { index, warmUp: index === 0 };
      let ours: { result: R; value: number };
      let baseline: { result: R; value: number };
      // Alternate who goes first, so neither side always meets the tables, caches and autovacuum in the same state.
      if (!sequence && index % 2 === 0) {
        ours = await run('ours', round);
        baseline = await run('baseline', round);
      } else {
        baseline = await run('baseline', round);
        ours = await run('ours', round);
      }
      await benchmark.verify(state, ours.result, baseline.result, round);
      log(`${benchmark.name}: ${round.warmUp ? 'warm-up' : `round ${index}/${last}`}: ours ${format(ours.value)} ${result.unit}, baseline ${format(baseline.value)} ${result.unit} (verified)`);
      if (!round.warmUp) {
        result.samples.ours.push(ours.value);
        result.samples.baseline.push(baseline.value);
        result.figures?.ours.push(benchmark.figures?.(ours.result) ?? {});
        result.figures?.baseline.push(benchmark.figures?.(baseline.result) ?? {});
      }
    }
    result.ours = median(result.samples.ours);
    result.baseline = median(result.samples.baseline);
    result.ratio = result.ours / result.baseline;
    result.misses = targetMisses(benchmark.target, result.ratio, result.figures?.ours ?? []);
    const overMaxRatio = benchmark.target.maxRatio !== undefined && result.ratio > benchmark.target.maxRatio;
    result.verdict = result.misses.length === 0 ? 'ok' : overMaxRatio ? 'over target' : 'missed';
  } catch (error) {
    result.error = (error as Error).stack ?? String(error);
    log(`${benchmark.name}: ERROR ${result.error}`);
  } finally {
    if (state !== undefined && benchmark.teardown) await benchmark.teardown(state).catch((error: unknown) => log(`${benchmark.name}: teardown failed: ${String(error)}`));
  }
  return result;
}

/** What of the target the measured rounds missed, in words; empty when every bound is met. */
function targetMisses(target: Target, ratio: number, ours: Array<Record<string, number>>): string[] {
  const missed: string[] = [];
  if (target.maxRatio !== undefined && ratio > target.maxRatio) missed.push(`ratio ${ratio.toFixed(2)} > ${target.maxRatio}`);
  if (target.minRatio !== undefined && ratio < target.minRatio) missed.push(`ratio ${ratio.toFixed(2)} < ${target.minRatio}`);
  for (const limit of target.limits ?? []) {
    const values = ours.map((figures) => figures[limit.figure]);
    if (values.some((value) => typeof value !== 'number' || Number.isNaN(value))) {
      missed.push(`${limit.figure} was not reported`);
      continue;
    }
    const unit = limit.unit ? ` ${limit.unit}` : '';
    if (limit.below !== undefined && median(values) >= limit.below) missed.push(`${limit.figure} ${format(median(values))}${unit} (median) ≥ ${limit.below}${unit}`);
    if (limit.atMost !== undefined && Math.max(...values) > limit.atMost) missed.push(`${limit.figure} ${Math.max(...values)} > ${limit.atMost}`);
  }
  return missed;
}

/** The target column: `≤ 1.5×`, `≥ 0.6×, p99 < 50 ms`, `≤ 1.1×, no errors`. */
export function describeTarget(target: Target): string {
  const parts = [target.maxRatio !== undefined ? `≤ ${target.maxRatio}×` : `≥ ${target.minRatio}×`];
  for (const limit of target.limits ?? []) {
    const unit = limit.unit ? ` ${limit.unit}` : '';
    if (limit.below !== undefined) parts.push(`${limit.figure} < ${limit.below}${unit}`);
    else parts.push(limit.atMost === 0 ? `no ${limit.figure}` : `${limit.figure} ≤ ${limit.atMost}${unit}`);
  }
  return parts.join(', ');
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
      describeTarget(r.target),
      r.verdict,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === 5 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
