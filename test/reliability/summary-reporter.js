// Prints the reliability suite's summary: per category the cases tried, the failures, and the records
// lost or duplicated. Specs add their counts with recordCases() (summary.ts); a failing test counts as a
// failure of the category its file name starts with, so a crash can never show as zero failures.
const { mkdtempSync, readFileSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { basename, join } = require('node:path');

const CATEGORIES = ['authorisation', 'isolation', 'fuzzing', 'races', 'faults', 'load', 'hardening'];

class ReliabilitySummaryReporter {
  constructor() {
    // Set before the workers start, so they inherit it.
    this.file = join(mkdtempSync(join(tmpdir(), 'buurtcoop-reliability-')), 'cases.jsonl');
    process.env.RELIABILITY_SUMMARY_FILE = this.file;
  }

  onRunComplete(_contexts, results) {
    const rows = new Map(CATEGORIES.map((c) => [c, { tried: 0, failed: 0, lost: 0, duplicated: 0, tests: 0, failedTests: 0 }]));
    const lines = existsSync(this.file) ? readFileSync(this.file, 'utf8').split('\n').filter(Boolean) : [];
    for (const line of lines) {
      const entry = JSON.parse(line);
      const row = rows.get(entry.category);
      if (!row) continue;
      row.tried += entry.tried;
      row.failed += entry.failed;
      row.lost += entry.lost;
      row.duplicated += entry.duplicated;
    }
    for (const file of results.testResults) {
      const category = CATEGORIES.find((c) => basename(file.testFilePath).startsWith(c));
      const row = rows.get(category);
      if (!row) continue;
      row.tests += file.numPassingTests + file.numFailingTests;
      row.failedTests += file.numFailingTests + (file.testExecError ? 1 : 0);
    }
    const table = [['category', 'tests', 'cases tried', 'failures', 'lost', 'duplicated']];
    for (const [category, row] of rows) {
      table.push([category, String(row.tests), String(row.tried), String(row.failed + row.failedTests), String(row.lost), String(row.duplicated)]);
    }
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    const format = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    const missing = [...rows].filter(([, row]) => row.tests === 0).map(([c]) => c);
    process.stdout.write(`\nReliability summary\n${format(table[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${table.slice(1).map(format).join('\n')}\n`);
    if (missing.length > 0) process.stdout.write(`(no tests ran for: ${missing.join(', ')})\n`);
  }
}

module.exports = ReliabilitySummaryReporter;
