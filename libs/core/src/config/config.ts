import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  publicUrl: string;
  /** Unset means: run the embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  corsOrigins: string[];
  /**
   * Which peers may say, in X-Forwarded-For, whom they forward for: false (none), a hop count, or
   * addresses, CIDR ranges and proxy-addr names (`loopback`, `linklocal`, `uniquelocal`).
   */
  trustProxy: boolean | number | string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  seedDemo: boolean;
  runWorkerInProcess: boolean;
  /** SMTP server for the outbox, e.g. smtp://user:pass@mail.example.nl:587; unset: mail stays in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  login: { maxFailures: number; lockoutMinutes: number; ratePerMinute: number };
  signUpRatePerHour: number;
  donationRatePerHour: number;
  stripe: StripeConfig;
}

/** Card and iDEAL payments through Stripe Connect; without a secret key they are off and everything else works. */
export interface StripeConfig {
  /** `sk_…` or restricted `rk_…` key of the platform account; unset: card/iDEAL payment is not offered. */
  secretKey: string | undefined;
  /** `whsec_…` signing secret of the webhook endpoint. */
  webhookSecret: string | undefined;
  /** Another API address (a local fake in tests), e.g. http://127.0.0.1:12111; unset: Stripe's own. */
  apiUrl: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads one variable, records a problem that names it when the value is bad. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got '${value}')`);
      return fallback;
    }
    return Number(value);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got '${value}')`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) throw new Error('protocol');
      return value;
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')}// URL (got '${redact(value)}')`);
      return undefined;
    }
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Parses and validates the process environment. Every problem is collected, so one start-up
 * reports all bad variables at once.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const port = read.int('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const dataDir = resolve(read.string('DATA_DIR', './data'));
  const corsOrigins = (read.raw('CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) read.problems.push(`CORS_ORIGINS has an invalid origin '${origin}' (expected e.g. https://example.nl)`);
  }
  const trustProxy = readTrustProxy(read);
  const publicUrl = read.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;

  let jwtSecret = read.raw('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    read.problems.push('JWT_SECRET must be at least 32 characters long');
  } else if (jwtSecret === undefined && nodeEnv === 'production') {
    read.problems.push('JWT_SECRET is required when NODE_ENV=production');
  }

  const config: AppConfig = {
    nodeEnv,
    host,
    port,
    publicUrl,
    databaseUrl,
    // PGlite is one session: more than one connection would interleave transactions.
    databasePoolSize: databaseUrl ? read.int('DATABASE_POOL_SIZE', 10, 1, 200) : 1,
    dataDir,
    jwtSecret: jwtSecret ?? '',
    accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlDays: read.int('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    corsOrigins,
    trustProxy,
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    // Demo accounts share a published password: never by default in production.
    seedDemo: read.bool('SEED_DEMO', nodeEnv !== 'production'),
    runWorkerInProcess: read.bool('RUN_WORKER_IN_PROCESS', !databaseUrl),
    smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read.string('MAIL_FROM', 'Buurtcoop <noreply@buurtcoop.local>'),
    login: {
      maxFailures: read.int('LOGIN_MAX_FAILURES', 5, 1, 100),
      lockoutMinutes: read.int('LOGIN_LOCKOUT_MINUTES', 15, 1, 1440),
      ratePerMinute: read.int('LOGIN_RATE_PER_MINUTE', 10, 1, 10000),
    },
    signUpRatePerHour: read.int('SIGNUP_RATE_PER_HOUR', 20, 1, 100000),
    donationRatePerHour: read.int('DONATION_RATE_PER_HOUR', 30, 1, 100000),
    stripe: stripeConfig(read),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  if (!config.jwtSecret) config.jwtSecret = developmentSecret(config.dataDir);
  return config;
}

const PROXY_ADDRESS = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;

/**
 * The client address counts for rate limits, lockouts and the audit trail; any caller can write an
 * X-Forwarded-For header, so it is believed only from the proxies named. By default that is a proxy on
 * the same host: a port published straight to the internet cannot be talked into another address.
 */
function readTrustProxy(read: EnvReader): AppConfig['trustProxy'] {
  const value = read.raw('TRUST_PROXY')?.toLowerCase();
  if (value === undefined) return ['loopback'];
  if (['false', 'no', 'none'].includes(value)) return false;
  if (/^\d+$/.test(value)) return read.int('TRUST_PROXY', 1, 1, 10);
  const addresses = value.split(',').map((a) => a.trim()).filter(Boolean);
  const bad = addresses.filter((a) => !PROXY_ADDRESS.test(a));
  if (bad.length > 0 || addresses.length === 0) {
    read.problems.push(`TRUST_PROXY must be false, a number of proxy hops (1 to 10), or proxy addresses/CIDR ranges/loopback, comma-separated (got '${value}')`);
    return ['loopback'];
  }
  return addresses;
}

function stripeConfig(read: EnvReader): StripeConfig {
  const secretKey = read.raw('STRIPE_SECRET_KEY');
  const webhookSecret = read.raw('STRIPE_WEBHOOK_SECRET');
  // The values are secrets: a problem names the variable and the expected form, never the value.
  if (secretKey !== undefined && !/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/.test(secretKey)) {
    read.problems.push('STRIPE_SECRET_KEY must be a Stripe secret key (sk_live_…, sk_test_… or a restricted rk_… key)');
  }
  if (webhookSecret !== undefined && !/^whsec_[A-Za-z0-9+/=]{8,}$/.test(webhookSecret)) {
    read.problems.push('STRIPE_WEBHOOK_SECRET must be the signing secret of the webhook endpoint (whsec_…)');
  }
  // Without the signing secret, payments would be taken but never booked.
  if (secretKey !== undefined && webhookSecret === undefined) {
    read.problems.push('STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (payments are booked from the signed webhooks)');
  }
  const apiUrl = read.url('STRIPE_API_URL', ['http:', 'https:']);
  return { secretKey, webhookSecret, apiUrl };
}

/** Outside production a missing JWT_SECRET is generated once and kept beside the data, so restarts keep sessions. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
