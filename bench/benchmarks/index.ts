import { Benchmark } from '../harness';
import { duesRun } from './dues-run.bench';

/** Every benchmark, in the order they run and are printed. Add a new one here. */
export const BENCHMARKS: Benchmark<any, any>[] = [duesRun];
