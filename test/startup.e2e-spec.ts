import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { DEMO_LOGINS, DEMO_PASSWORD, migrationsInOrder } from '@buurtcoop/core';
import { SCHEMA } from '@buurtcoop/platform';

// These tests start the built product as `npm start` and `npm run cli` do: each start runs a fresh PGlite.
jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..');
const READY_WITHIN_MS = 90_000;
const EXIT_WITHIN_MS = 60_000;

/** Variables the product reads: the child gets none of the test run's, only what each test sets. */
const PRODUCT_VARIABLES = new Set([
  'NODE_ENV',
  'HOST',
  'PORT',
  'PUBLIC_URL',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'DATA_DIR',
  'JWT_SECRET',
  'ACCESS_TOKEN_TTL_SECONDS',
  'REFRESH_TOKEN_TTL_DAYS',
  'CORS_ORIGINS',
  'LOG_LEVEL',
  'SEED_DEMO',
  'RUN_WORKER_IN_PROCESS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCKOUT_MINUTES',
  'LOGIN_RATE_PER_MINUTE',
  'TEST_DATABASE_URL',
]);

function userEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !PRODUCT_VARIABLES.has(name) && !name.startsWith('BUURTCOOP_'));
  return { ...Object.fromEntries(inherited), ...env };
}

interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();

/** `node scripts/run-built.mjs …` in its own process group, so a failed test can kill the wrapper and the app together. */
function runBuilt(args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run-built.mjs'), ...args], { cwd: ROOT, env: userEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Waits for the process to end; a bound, not a measurement: a hung process fails the test instead of the run. */
async function exitOf(spawned: Spawned, withinMs = EXIT_WITHIN_MS): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      killGroup(spawned.child);
      reject(new Error(`Process did not exit within ${withinMs} ms.\nstdout:\n${spawned.stdout()}\nstderr:\n${spawned.stderr()}`));
    }, withinMs);
  });
  try {
    return await Promise.race([spawned.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runToEnd(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const spawned = runBuilt(args, env);
  const { code } = await exitOf(spawned);
  return { code, stdout: spawned.stdout(), stderr: spawned.stderr() };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return port;
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolveProbe(true);
    });
    socket.once('error', () => resolveProbe(false));
  });
}

/** Polls /health/ready until it answers 200; fails early when the process dies. */
async function waitUntilReady(spawned: Spawned, url: string): Promise<void> {
  let exited = false;
  void spawned.exit.then(() => (exited = true));
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The API exited before it was ready.\nstdout:\n${spawned.stdout()}\nstderr:\n${spawned.stderr()}`);
    const status = await request(url)
      .get('/health/ready')
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  killGroup(spawned.child);
  throw new Error(`The API was not ready within ${READY_WITHIN_MS} ms.\nstdout:\n${spawned.stdout()}\nstderr:\n${spawned.stderr()}`);
}

const tempDirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'buurtcoop-startup-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children) killGroup(child);
});
afterAll(() => {
  for (const child of children) killGroup(child);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('Start-up with a bad configuration', () => {
  it('stops with a non-zero exit that names PORT, before opening the database', async () => {
    const dataDir = tempDataDir();
    const sut = await runToEnd(['api'], { DATA_DIR: dataDir, PORT: 'abc' });
    expect(sut.code).not.toBe(0);
    expect(sut.stderr).toMatch(/PORT must be a whole number .*'abc'/);
    expect(sut.stdout).not.toContain('running at');
    // The configuration is checked first: no embedded database and no generated secret were made.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('does not listen on a valid port when another variable is bad', async () => {
    const port = await freePort();
    const sut = await runToEnd(['api'], { DATA_DIR: tempDataDir(), PORT: String(port), LOG_LEVEL: 'loud' });
    expect(sut.code).not.toBe(0);
    expect(sut.stderr).toContain('LOG_LEVEL');
    expect(await acceptsConnections(port)).toBe(false);
  });
});

describe('Restarting `npm start` on the embedded database', () => {
  const board = DEMO_LOGINS.find((l) => l.role === 'board')!;
  const resident = DEMO_LOGINS.find((l) => l.email === 'bewoner@rivierenwijk.example')!;

  async function startApi(dataDir: string): Promise<{ api: Spawned; url: string }> {
    const port = await freePort();
    const api = runBuilt(['api'], { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(api, url);
    return { api, url };
  }

  async function stop(api: Spawned): Promise<void> {
    // As a service manager stops it: SIGTERM to the process it started, which passes it on.
    api.child.kill('SIGTERM');
    await exitOf(api);
  }

  async function loginAs(url: string, email: string): Promise<string> {
    const response = await request(url).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  }

  it('keeps the data, seeds the demo only once, and keeps sessions valid', async () => {
    const dataDir = tempDataDir();

    const first = await startApi(dataDir);
    // The welcome text a new user reads: the address and every demo login.
    const banner = first.api.stdout();
    expect(banner).toContain(first.url);
    expect(banner).toContain(`${first.url}/api/docs`);
    expect(banner).toContain(DEMO_PASSWORD);
    for (const login of DEMO_LOGINS) expect(banner).toContain(login.email);

    const token = await loginAs(first.url, board.email);
    const auth = { authorization: `Bearer ${token}` };
    const cooperatives = await request(first.url).get('/api/v1/cooperatives').set(auth).expect(200);
    expect(cooperatives.body).toHaveLength(1);
    const cooperativeId = cooperatives.body[0].id as string;
    const granted = await request(first.url)
      .post(`/api/v1/cooperatives/${cooperativeId}/role-assignments`)
      .set(auth)
      .send({ email: resident.email, role: 'coordinator' })
      .expect(201);
    expect(granted.body).toMatchObject({ email: resident.email, role: 'coordinator' });
    const rolesBefore = (await request(first.url).get(`/api/v1/cooperatives/${cooperativeId}/role-assignments`).set(auth).expect(200)).body;
    const membersBefore = (await request(first.url).get(`/api/v1/cooperatives/${cooperativeId}/members`).set(auth).expect(200)).body.total as number;
    expect(membersBefore).toBeGreaterThan(0);

    await stop(first.api);
    expect(first.api.stderr()).not.toMatch(/error/i);

    const second = await startApi(dataDir);
    // The development JWT secret was kept in DATA_DIR, so a token from before the restart still works.
    await request(second.url).get('/api/v1/auth/me').set(auth).expect(200);
    await loginAs(second.url, board.email);
    await loginAs(second.url, resident.email);

    const cooperativesAfter = await request(second.url).get('/api/v1/cooperatives').set(auth).expect(200);
    expect(cooperativesAfter.body).toEqual(cooperatives.body);
    const rolesAfter = (await request(second.url).get(`/api/v1/cooperatives/${cooperativeId}/role-assignments`).set(auth).expect(200)).body as Array<{ id: string; email: string; role: string }>;
    expect(rolesAfter.map((r) => r.id).sort()).toEqual(rolesBefore.map((r: { id: string }) => r.id).sort());
    expect(rolesAfter).toContainEqual(expect.objectContaining({ id: granted.body.id, email: resident.email, role: 'coordinator' }));
    // Seeded once: the same roles and members as before the restart, the board role held once.
    expect(rolesAfter.filter((r) => r.email === board.email && r.role === 'board')).toHaveLength(1);
    expect((await request(second.url).get(`/api/v1/cooperatives/${cooperativeId}/members`).set(auth).expect(200)).body.total).toBe(membersBefore);

    await stop(second.api);
  });
});

describe('The CLI', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = tempDataDir();
  });

  it('applies the migrations on a fresh DATA_DIR, and then finds the schema up to date', async () => {
    const first = await runToEnd(['cli', 'migration:run'], { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(first).toMatchObject({ code: 0 });
    const migrations = migrationsInOrder(SCHEMA).map((migration) => migration.name);
    expect(first.stdout).toContain(`Applied: ${migrations.join(', ')}\n`);

    const again = await runToEnd(['cli', 'migration:run'], { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('The schema is up to date.');
  });

  it('lists the dead letters of the job queue, and runs a job once on request', async () => {
    const letters = await runToEnd(['cli', 'jobs:dead-letters'], { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(letters).toMatchObject({ code: 0, stdout: 'No dead letters.\n' });
    const run = await runToEnd(['cli', 'jobs:run', 'booking-deadlines'], { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(run).toMatchObject({ code: 0, stdout: 'booking-deadlines: nothing to do\n' });
    const unknown = await runToEnd(['cli', 'jobs:run', 'no-such-job'], { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Error: No job is named 'no-such-job'");
  });

  it('refuses a bad slug with exit code 2 and a message that names it', async () => {
    const sut = await runToEnd(['cli', 'cooperative:create', '--name', 'Buurtcoöperatie Test', '--slug', 'Not A Slug!', '--municipality', '0150'], {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    });
    expect(sut.code).toBe(2);
    expect(sut.stderr).toContain("Error: Slug must be lower-case letters, digits and hyphens, e.g. rivierenwijk (got 'Not A Slug!')");
    // A usage mistake, not a crash: no stack trace.
    expect(sut.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('The worker', () => {
  it('works the job queue with the scheduled jobs of every module, and stops on SIGTERM', async () => {
    const dataDir = tempDataDir();
    // The API migrates in production; here the CLI does, as an operator would before a first worker start.
    expect(await runToEnd(['cli', 'migration:run'], { DATA_DIR: dataDir, LOG_LEVEL: 'warn' })).toMatchObject({ code: 0 });
    const worker = runBuilt(['worker'], { DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const deadline = Date.now() + READY_WITHIN_MS;
    while (!worker.stdout().includes('Buurtcoop worker started') && Date.now() < deadline) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
    expect(worker.stdout()).toContain('Buurtcoop worker started');
    // Jobs come from core and from the domain libs (membership ends memberships after notice).
    expect(worker.stdout()).toMatch(/Scheduled [^\n]*deliver-outbox/);
    expect(worker.stdout()).toMatch(/Scheduled [^\n]*end-memberships-after-notice/);
    expect(worker.stdout()).toMatch(/Scheduled [^\n]*dunning/);
    worker.child.kill('SIGTERM');
    const { code } = await exitOf(worker);
    expect([0, 143]).toContain(code);
    expect(worker.stderr()).not.toMatch(/error/i);
  });
});
