import { Benchmark } from '../harness';
import { camtMemory } from './camt-memory.bench';
import { createBooking } from './create-booking.bench';
import { duesRun } from './dues-run.bench';
import { mixedLoad } from './mixed-load.bench';
import { municipalityReport } from './municipality-report.bench';
import { offerSearch } from './offer-search.bench';
import { reconciliation } from './reconciliation.bench';

/** Every benchmark, in the order they run and are printed. Add a new one here. */
export const BENCHMARKS: Benchmark<any, any>[] = [duesRun, reconciliation, municipalityReport, camtMemory, offerSearch, createBooking, mixedLoad];
