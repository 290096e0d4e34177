import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { liveHeapBytes, liveHeapFlags } from '../../../bench/servers/live-heap';
import { TEST_JWT_SECRET } from '@buurtcoop/testing';

const ROOT = resolve(__dirname, '../../..');
const READY_WITHIN_MS = 60_000;
/** The Node flags `npm start` runs the API with (scripts/run-built.mjs). */
const NODE_FLAGS: string[] = require(join(ROOT, 'scripts', 'node-flags.cjs'));

/** The built API (dist/apps/api) running as a process of its own, so a test can kill it the hard way. */
export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** What it wrote, for the failure message of a test. */
  output(): string;
  /** Whether it is still running. */
  alive(): boolean;
  /** Its resident set size now (VmRSS of /proc/<pid>/status), in KiB. */
  rssKiB(): number;
  /** What a full garbage collection leaves of its heap, in KiB (asked over its inspector: bench/servers/live-heap.ts). */
  liveHeapKiB(): Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `kill -9`: no shutdown hooks, no closing of connections; resolves once the process is gone. */
  kill(): Promise<void>;
}

const running = new Set<ApiProcess>();

/** Compiles apps/ and libs/ (and builds the web UI) when a source is newer than dist/, as `npm start` does. */
export function buildApi(): void {
  execFileSync(process.execPath, ['--input-type=module', '-e', `import('${join(ROOT, 'scripts', 'build-if-needed.mjs')}').then((m) => m.buildIfNeeded())`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return port;
}

/**
 * Starts `node <the product's Node flags> dist/apps/api/src/main.js`, as `npm start` does, on the given database with the test run's JWT secret (so tokens
 * from the in-process test app work on it too) and waits until /health/ready answers 200. None of the test
 * run's own database variables reach it.
 */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}, port?: number): Promise<ApiProcess> {
  const listenOn = port ?? (await freePort());
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|TEST_DATABASE_URL|DATABASE_POOL_SIZE|JWT_SECRET|NODE_ENV|PORT|HOST|DATA_DIR|SEED_DEMO|RUN_WORKER_IN_PROCESS|BUURTCOOP_.*|STRIPE_.*|SMTP_URL)$/.test(name)));
  const inspectorPort = await freePort();
  const child = spawn(process.execPath, [...NODE_FLAGS, ...liveHeapFlags(inspectorPort), join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(listenOn),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      SEED_DEMO: 'false',
      RUN_WORKER_IN_PROCESS: 'false',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let isAlive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('exit', (code, signal) => {
      isAlive = false;
      running.delete(api);
      resolveExit({ code, signal });
    }),
  );
  const api: ApiProcess = {
    url: `http://127.0.0.1:${listenOn}`,
    child,
    output: () => output,
    alive: () => isAlive,
    rssKiB() {
      const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (!match) throw new Error(`No VmRSS for the API process ${child.pid}`);
      return Number(match[1]);
    },
    liveHeapKiB: async () => Math.round((await liveHeapBytes(inspectorPort)) / 1024),
    exited,
    async kill() {
      if (isAlive) child.kill('SIGKILL');
      await exited;
    },
  };
  running.add(api);
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (!isAlive) throw new Error(`The API exited before it was ready:\n${output}`);
    const status = await request(api.url)
      .get('/health/ready')
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return api;
    if (Date.now() > deadline) {
      await api.kill();
      throw new Error(`The API was not ready within ${READY_WITHIN_MS} ms:\n${output}`);
    }
    await pause(200);
  }
}

/** Kills every API process still running: for afterAll/afterEach, so a failed test leaves none behind. */
export async function killAllApis(): Promise<void> {
  await Promise.all([...running].map((api) => api.kill()));
}

export const pause = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

/** Polls until `done` holds; a bound, not a measurement. */
export async function waitFor(what: string, done: () => Promise<boolean>, withinMs = 60_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Waited ${withinMs} ms for ${what}`);
    await pause(everyMs);
  }
}
