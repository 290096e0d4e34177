import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS } from './benchmarks';
import { openBenchContext } from './context';
import { BenchOptions, BenchResult, runBenchmark, table } from './harness';

const USAGE = 'usage: npm run bench -- [--quick] [--rounds N] [--only name,…]';

function parseArguments(argv: string[]): BenchOptions & { only: string[] | null } {
  const options = { quick: false, rounds: 0, only: null as string[] | null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--rounds' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) options.rounds = Number(argv[++i]);
    else if (arg === '--only' && argv[i + 1]) options.only = argv[++i].split(',').map((name) => name.trim());
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\nBenchmarks: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
      process.exit(0);
    } else {
      process.stderr.write(`unknown or incomplete argument '${arg}'\n${USAGE}\n`);
      process.exit(2);
    }
  }
  if (options.rounds === 0) options.rounds = options.quick ? 3 : 5;
  return options;
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const selected = options.only ? BENCHMARKS.filter((b) => options.only?.includes(b.name)) : BENCHMARKS;
  const unknown = options.only?.filter((name) => !BENCHMARKS.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write('BENCH_DATABASE_URL is not set; run the benchmarks with `npm run bench`\n');
    return 2;
  }
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const started = new Date();
  const context = await openBenchContext(databaseUrl);
  const results: BenchResult[] = [];
  try {
    for (const benchmark of selected) results.push(await runBenchmark(benchmark, context, options, log));
  } finally {
    await context.close();
  }

  process.stdout.write(`\n${table(results)}\n\n(${options.quick ? 'quick' : 'full'} run: median of ${options.rounds} rounds after a warm-up; ratio = ours / baseline)\n`);
  const out = join(__dirname, '..', '..', 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const server = await serverVersion(databaseUrl);
  writeFileSync(
    join(out, 'results.json'),
    `${JSON.stringify({ startedAt: started.toISOString(), finishedAt: new Date().toISOString(), mode: options.quick ? 'quick' : 'full', rounds: options.rounds, node: process.version, server, results }, null, 2)}\n`,
  );
  process.stderr.write(`[bench] wrote ${join('bench', 'out', 'results.json')}\n`);
  // A report, not a test: over target still exits 0; a benchmark that failed (or did other work than its baseline) does not.
  return results.some((r) => r.verdict === 'error') ? 1 : 0;
}

async function serverVersion(databaseUrl: string): Promise<string | null> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
