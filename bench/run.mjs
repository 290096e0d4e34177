// `npm run bench [-- --quick] [-- --rounds N] [-- --only name,…]`
//
// Builds the product if it is stale, compiles bench/ next to it (dist/bench), and runs the benchmarks
// against BENCH_DATABASE_URL, or else against a throwaway PostgreSQL 15 that this script starts and
// always stops again (on success, failure, or Ctrl-C). The benchmarks run in a child process, so a
// crash there cannot leave the server behind.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';

const root = new URL('..', import.meta.url).pathname;
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

buildIfNeeded();
// The product's build leaves bench/ out; compiling it is about a second, so it is done every time.
execFileSync(
  process.execPath,
  [join(root, 'node_modules', '@swc', 'cli', 'bin', 'swc.js'), 'bench', '-d', 'dist', '--config-file', '.swcrc', '--extensions', '.ts', '--quiet'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

let databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
let scratch;
let stopped = false;

function stopServer() {
  if (!scratch || stopped) return;
  stopped = true;
  log('stopping the throwaway PostgreSQL');
  const result = spawnSync(join(root, 'scripts', 'throwaway-postgres.sh'), ['stop'], { env: { ...process.env, PG_STATE_FILE: join(scratch, 'pg-state') }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? '');
    log('could not stop the throwaway PostgreSQL cleanly');
  }
  rmSync(scratch, { recursive: true, force: true });
}

if (databaseUrl) {
  log(`using BENCH_DATABASE_URL (${databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')})`);
} else {
  // Our own state file: others may run a throwaway server (CI, tests) with the default one at the same time.
  scratch = mkdtempSync(join(os.tmpdir(), 'buurtcoop-bench.'));
  log('starting a throwaway PostgreSQL 15 (set BENCH_DATABASE_URL to use another server)');
  // initdb is chatty: its output is shown only when the server does not start.
  const started = spawnSync(join(root, 'scripts', 'throwaway-postgres.sh'), ['start'], {
    env: { ...process.env, PG_STATE_FILE: join(scratch, 'pg-state'), PG_DB_NAME: 'buurtcoop_bench' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  databaseUrl = started.status === 0 ? started.stdout.trim() : undefined;
  if (!databaseUrl) {
    process.stderr.write(started.stderr ?? '');
    stopServer();
    log('PostgreSQL did not start');
    process.exit(1);
  }
  log(started.stderr.trim().split('\n').findLast((line) => line.includes('ready:')) ?? `ready: ${databaseUrl}`);
}

const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', 'bench', 'main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  stopServer();
  process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0));
});
