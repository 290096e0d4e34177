import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { liveHeapBytes, liveHeapFlags } from './live-heap';

/** The Node flags `npm start` runs the product with; the benchmarks' children (baseline servers too) get them, so all run alike. */
export const NODE_FLAGS: string[] = require(join(__dirname, '..', '..', '..', 'scripts', 'node-flags.cjs'));

/**
 * With BENCH_CPU_PROFILE_DIR set, every server writes a V8 CPU profile of its whole life there when it stops
 * (`--cpu-prof`; open it in Chrome DevTools' Performance panel or https://www.speedscope.app), named after the
 * server: `npm run bench -- --only create-booking` with it set shows where the API's time per request goes.
 */
function profileFlags(name: string): string[] {
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name.replace(/\W+/g, '-')}-${Date.now()}.cpuprofile`] : [];
}

/** An HTTP server the benchmarks load from this process: the product's API or a bare baseline. */
export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Resident set size now, in MiB (VmRSS of /proc/<pid>/status). */
  rss(): number;
  /** What a full garbage collection leaves of its heap, in MiB (asked over its inspector: live-heap.ts). */
  liveHeap(): Promise<number>;
  stop(): Promise<void>;
}

/** Every server still running, so that no exit path (failure, Ctrl-C, SIGTERM) leaves one behind. */
const running = new Set<ChildProcess>();
let guarded = false;

function guardExit(): void {
  if (guarded) return;
  guarded = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill('SIGKILL');
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
}

/** A port on loopback that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** VmRSS of a process in MiB. */
export function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/**
 * Starts `node <script>` with `env` on a free loopback port (passed as PORT and HOST) and waits until
 * `readyPath` answers 200. The child also ends itself when this process goes, even by SIGKILL
 * (`exit-with-parent`, preloaded, watches the IPC channel).
 */
export async function startServer(name: string, script: string, env: Record<string, string>, readyPath: string, timeoutMs = 60_000): Promise<ServerProcess> {
  guardExit();
  const port = await freePort();
  const inspectorPort = await freePort();
  const child = spawn(process.execPath, [...NODE_FLAGS, ...liveHeapFlags(inspectorPort), ...profileFlags(name), '--require', join(__dirname, 'exit-with-parent.js'), script], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  // Kept for the error message when the server does not come up; otherwise quiet.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    running.delete(child);
    exited = `exited with ${code ?? signal}`;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${name} ${exited} before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${output}`);
    }
    const ready = await fetch(`${url}${readyPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid as number;
  return {
    name,
    url,
    pid,
    rss: () => rssMiB(pid),
    liveHeap: async () => (await liveHeapBytes(inspectorPort)) / 1024 / 1024,
    async stop() {
      if (exited) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Starts every server, or none: when one fails to start, the others are stopped again. */
export async function startAll(starts: Array<() => Promise<ServerProcess>>): Promise<ServerProcess[]> {
  const outcomes = await Promise.allSettled(starts.map((start) => start()));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  const started = outcomes.filter((o): o is PromiseFulfilledResult<ServerProcess> => o.status === 'fulfilled').map((o) => o.value);
  if (failed) {
    await Promise.all(started.map((server) => server.stop()));
    throw failed.reason;
  }
  return started;
}

/** Runs the rest of a set-up; when it fails, stops the servers it was started with, so they do not outlive it. */
export async function orStop<T>(servers: ServerProcess[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}
