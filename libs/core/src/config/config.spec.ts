import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';

const SECRET = 'a-secret-that-is-at-least-32-characters-long';

/** The ConfigError loadConfig throws for `env`; fails the test when it does not throw one. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe(loadConfig.name, () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'buurtcoop-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with nothing set: development, loopback port 3000, embedded database, demo seeded', () => {
    // JWT_SECRET is given so that the default DATA_DIR (./data) is not written to by the test.
    const sut = loadConfig({ JWT_SECRET: SECRET });
    expect(sut).toEqual({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      databaseUrl: undefined,
      databasePoolSize: 1,
      dataDir: resolve('./data'),
      jwtSecret: SECRET,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlDays: 30,
      corsOrigins: [],
      trustProxy: ['loopback'],
      logLevel: 'info',
      seedDemo: true,
      runWorkerInProcess: true,
      smtpUrl: undefined,
      mailFrom: 'Buurtcoop <noreply@buurtcoop.local>',
      login: { maxFailures: 5, lockoutMinutes: 15, ratePerMinute: 10 },
      signUpRatePerHour: 20,
      donationRatePerHour: 30,
      stripe: { secretKey: undefined, webhookSecret: undefined, apiUrl: undefined },
    });
  });

  it('takes the Stripe keys and another API address, and refuses a key without the webhook secret', () => {
    const stripe = { STRIPE_SECRET_KEY: 'sk_test_51Habc123def456', STRIPE_WEBHOOK_SECRET: 'whsec_abcdefgh12345678', STRIPE_API_URL: 'http://127.0.0.1:12111' };
    expect(loadConfig({ JWT_SECRET: SECRET, ...stripe }).stripe).toEqual({ secretKey: stripe.STRIPE_SECRET_KEY, webhookSecret: stripe.STRIPE_WEBHOOK_SECRET, apiUrl: stripe.STRIPE_API_URL });
    expect(problemsOf({ JWT_SECRET: SECRET, DATA_DIR: dataDir, STRIPE_SECRET_KEY: stripe.STRIPE_SECRET_KEY })).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET is required/)]);
  });

  it('does not print a refused Stripe key', () => {
    const [problem] = problemsOf({ JWT_SECRET: SECRET, DATA_DIR: dataDir, STRIPE_SECRET_KEY: 'pk_live_secretish123456', STRIPE_WEBHOOK_SECRET: 'whsec_abcdefgh12345678' });
    expect(problem).toContain('STRIPE_SECRET_KEY');
    expect(problem).not.toContain('secretish');
  });

  it.each([
    ['false', false],
    ['2', 2],
    ['10.0.0.0/8, 192.168.1.10', ['10.0.0.0/8', '192.168.1.10']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
  ])('takes TRUST_PROXY=%s as the proxies whose X-Forwarded-For counts', (value, expected) => {
    expect(loadConfig({ JWT_SECRET: SECRET, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('treats blank variables as unset, as an empty line in an .env file would give', () => {
    const sut = loadConfig({ JWT_SECRET: SECRET, PORT: '  ', LOG_LEVEL: '', DATABASE_URL: '' });
    expect(sut).toMatchObject({ port: 3000, logLevel: 'info', databaseUrl: undefined });
  });

  it('is quiet by default under NODE_ENV=test and takes the values a deployment sets', () => {
    const sut = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: SECRET,
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://app:pw@db.internal:5432/buurtcoop',
      DATABASE_POOL_SIZE: '20',
      CORS_ORIGINS: 'https://buurt.example, http://intranet.local:8080',
      SEED_DEMO: 'no',
      SMTP_URL: 'smtp://mail.buurt.example:587',
    });
    expect(sut).toMatchObject({
      smtpUrl: 'smtp://mail.buurt.example:587',
      nodeEnv: 'test',
      logLevel: 'silent',
      port: 8080,
      // 0.0.0.0 is where it listens, not an address a browser can open.
      publicUrl: 'http://localhost:8080',
      databaseUrl: 'postgres://app:pw@db.internal:5432/buurtcoop',
      databasePoolSize: 20,
      corsOrigins: ['https://buurt.example', 'http://intranet.local:8080'],
      seedDemo: false,
      // With a real server the worker runs as its own process.
      runWorkerInProcess: false,
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'maybe'],
    ['SMTP_URL', 'http://mail.example'],
    ['NODE_ENV', 'staging'],
    ['CORS_ORIGINS', 'not-a-url'],
    ['CORS_ORIGINS', 'https://buurt.example/path'],
    ['TRUST_PROXY', 'everyone'],
    ['TRUST_PROXY', '99'],
    ['PUBLIC_URL', 'ftp://buurt.example'],
    ['DATABASE_POOL_SIZE', '0'],
    ['ACCESS_TOKEN_TTL_SECONDS', '5'],
    ['LOGIN_MAX_FAILURES', 'many'],
    ['DONATION_RATE_PER_HOUR', '0'],
    ['STRIPE_WEBHOOK_SECRET', 'not-a-signing-secret'],
    ['STRIPE_API_URL', 'ftp://127.0.0.1:12111'],
  ])('refuses %s=%s with a problem that names the variable', (name, value) => {
    // DATABASE_POOL_SIZE is only read for a real server.
    const base: Record<string, string> = name === 'DATABASE_POOL_SIZE' ? { DATABASE_URL: 'postgres://localhost/x' } : {};
    const problems = problemsOf({ JWT_SECRET: SECRET, DATA_DIR: dataDir, ...base, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('never seeds the demo (whose accounts share a published password) by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL: 'postgres://localhost/x' }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATABASE_URL: 'postgres://localhost/x', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(problemsOf({ JWT_SECRET: 'short', DATA_DIR: dataDir })).toEqual(['JWT_SECRET must be at least 32 characters long']);
  });

  it('does not print the password of a refused DATABASE_URL', () => {
    const [problem] = problemsOf({ JWT_SECRET: SECRET, DATABASE_URL: 'mysql://app:hunter2-secret@db/x' });
    expect(problem).toContain('DATABASE_URL');
    expect(problem).not.toContain('hunter2-secret');
  });

  it('reports every bad variable at once, so one restart fixes them all', () => {
    const env = { DATA_DIR: dataDir, PORT: 'abc', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(5);
    for (const name of ['PORT', 'LOG_LEVEL', 'SEED_DEMO', 'DATABASE_URL', 'JWT_SECRET']) {
      expect(problems.filter((p) => p.startsWith(name))).toHaveLength(1);
      expect(message).toContain(name);
    }
  });

  it('refuses NODE_ENV=production without a JWT_SECRET, and writes no generated one', () => {
    expect(problemsOf({ NODE_ENV: 'production', DATA_DIR: dataDir })).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
  });

  it('uses one database connection for the embedded database, whatever DATABASE_POOL_SIZE says', () => {
    // PGlite is one session: a second connection would interleave transactions.
    expect(loadConfig({ JWT_SECRET: SECRET, DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(1);
    expect(loadConfig({ JWT_SECRET: SECRET, DATABASE_POOL_SIZE: '25', DATABASE_URL: 'postgresql://localhost/x' }).databasePoolSize).toBe(25);
    expect(loadConfig({ JWT_SECRET: SECRET, DATABASE_URL: 'postgresql://localhost/x' }).databasePoolSize).toBe(10);
  });

  it('generates the development JWT secret once in DATA_DIR and reuses it, so a restart keeps sessions', () => {
    const nested = join(dataDir, 'not-yet-created');
    const first = loadConfig({ DATA_DIR: nested }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(nested, 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    // Only the owner may read the key that signs every session.
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: nested }).jwtSecret).toBe(first);

    const elsewhere = join(dataDir, 'other');
    expect(loadConfig({ DATA_DIR: elsewhere }).jwtSecret).not.toBe(first);
  });

  it('prefers a configured JWT_SECRET over the generated one', () => {
    loadConfig({ DATA_DIR: dataDir });
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
  });
});
