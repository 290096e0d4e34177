import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess, startServer } from './server-process';

/** Connections each server keeps to PostgreSQL: the API's DATABASE_POOL_SIZE and the baseline's `pg` Pool alike. */
export const BENCH_POOL_SIZE = 10;

/**
 * The built API (`dist/apps/api/src/main.js`, as `npm start` runs it) on the benchmark database: no demo data,
 * no worker in the process, warnings only, the same pool size as the baseline.
 */
export function startApi(databaseUrl: string): Promise<ServerProcess> {
  return startServer(
    'the API',
    join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js'),
    {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(BENCH_POOL_SIZE),
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: join(tmpdir(), 'buurtcoop-bench-data'),
      SEED_DEMO: 'false',
      RUN_WORKER_IN_PROCESS: 'false',
      LOG_LEVEL: 'warn',
    },
    '/health/ready',
  );
}

/** The bare Fastify baseline (`baseline-server.ts`) on the same database, with the same pool size. */
export function startBaseline(databaseUrl: string): Promise<ServerProcess> {
  return startServer('the baseline server', join(__dirname, 'baseline-server.js'), { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(BENCH_POOL_SIZE) }, '/ready');
}
