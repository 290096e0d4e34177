import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApi, freePort } from '../../reliability/support/api-process';

const ROOT = resolve(__dirname, '../../..');
const NODE_FLAGS: string[] = require(join(ROOT, 'scripts', 'node-flags.cjs'));
const READY_WITHIN_MS = 120_000;

/**
 * Builds the product as `npm start` does (API and web UI) and starts it once for the whole suite, on a fresh
 * embedded database with the demo seeded, exactly as a newcomer's `npm install && npm start` would.
 */
export default async function globalSetup(): Promise<void> {
  buildApi();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'buurtcoop-browser-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|TEST_DATABASE_URL|JWT_SECRET|NODE_ENV|PORT|HOST|DATA_DIR|SEED_DEMO|PUBLIC_URL|STRIPE_.*|SMTP_URL)$/.test(name)));
  const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'warn', LOGIN_RATE_PER_MINUTE: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API ended before it was ready:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    // The demo is seeded before the server listens, so ready means the demo is there.
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API was not ready within ${READY_WITHIN_MS / 1000} s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  process.env.BROWSER_BASE_URL = url;
  (globalThis as { browserApi?: { pid: number; dataDir: string } }).browserApi = { pid: child.pid!, dataDir };
}
