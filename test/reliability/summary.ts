import { appendFileSync } from 'node:fs';

/** The categories of the reliability suite, in the order the summary prints them; a spec file's name starts with one. */
export const RELIABILITY_CATEGORIES = ['authorisation', 'isolation', 'fuzzing', 'races', 'faults', 'load', 'hardening'] as const;
export type ReliabilityCategory = (typeof RELIABILITY_CATEGORIES)[number];

export interface CaseCounts {
  /** Cases tried: requests of the matrix, generated inputs, racing attempts, … */
  tried: number;
  /** Cases whose outcome was wrong (the test asserts them too; this is what the summary shows). */
  failed?: number;
  /** Records that should exist and do not (a payment, an invoice, a booking, a message). */
  lost?: number;
  /** Records that exist more often than they should. */
  duplicated?: number;
}

/**
 * Adds counts to the summary `npm run test:reliability` prints. The reporter (summary-reporter.js) sets
 * the file before the test files run; outside that run (a single spec under plain jest) nothing is written.
 */
export function recordCases(category: ReliabilityCategory, what: string, counts: CaseCounts): void {
  const file = process.env.RELIABILITY_SUMMARY_FILE;
  if (!file) return;
  const line = { category, what, tried: counts.tried, failed: counts.failed ?? 0, lost: counts.lost ?? 0, duplicated: counts.duplicated ?? 0 };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
