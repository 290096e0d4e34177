import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  CoreModule,
  CoreModuleOptions,
  CooperativeId,
  Database,
  DomainError,
  PinoNestLogger,
  TenancyModule,
  TenancyService,
  UnitOfWork,
  asCooperativeId,
  createRootLogger,
  loadConfig,
} from '@buurtcoop/core';
import { ExchangeModule } from '@buurtcoop/exchange';
import { FinanceModule } from '@buurtcoop/finance';
import { MembershipModule } from '@buurtcoop/membership';
import { SCHEMA } from '@buurtcoop/platform';
import { ReportingModule } from '@buurtcoop/reporting';

/** The product's domain modules without HTTP: what the worker and the CLI run the services with. */
@Module({})
class BenchModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return { module: BenchModule, imports: [CoreModule.forRoot(options), TenancyModule, MembershipModule, ExchangeModule, FinanceModule, ReportingModule] };
  }
}

/** What every benchmark gets: the booted product on the benchmark database, and a way to make a tenant. */
export interface BenchContext {
  readonly app: INestApplicationContext;
  readonly uow: UnitOfWork;
  readonly databaseUrl: string;
  /** A fresh municipality and cooperative made through the real lifecycle (membership types, chart of accounts). */
  createCooperative(label: string): Promise<CooperativeId>;
  /** SQL as the owner (no role switch, no tenant): for bulk set-up and for checks, never for what is measured. */
  ownerRows<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Boots the product the way `openForProcess` does for the CLI and the worker: config, database, migrations, Nest. */
export async function openBenchContext(databaseUrl: string): Promise<BenchContext> {
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
    // Never used (no HTTP here), but without it a development secret would be written beside DATA_DIR.
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Only the embedded database and a generated secret live there; with a URL and a secret nothing is written.
    DATA_DIR: join(tmpdir(), 'buurtcoop-bench-data'),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false',
    RUN_WORKER_IN_PROCESS: 'false',
  });
  const logger = createRootLogger(config);
  const database = await Database.open(config, SCHEMA);
  await database.migrate();
  const app = await NestFactory.createApplicationContext(BenchModule.forRoot({ config, database }), { logger: new PinoNestLogger(logger) });
  const uow = app.get(UnitOfWork);
  const tenancy = app.get(TenancyService);

  return {
    app,
    uow,
    databaseUrl,
    async createCooperative(label) {
      // A benchmark database may be reused: pick a CBS code and slug nobody has yet.
      for (let attempt = 0; ; attempt++) {
        const cbsCode = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
        const suffix = randomBytes(4).toString('hex');
        try {
          await tenancy.createMunicipality(`Gemeente ${label} ${suffix}`, cbsCode);
        } catch (error) {
          if (error instanceof DomainError && error.code === 'cbs_code_taken' && attempt < 50) continue;
          throw error;
        }
        const cooperative = await tenancy.createCooperative({ municipalityCbsCode: cbsCode, slug: `${label}-${suffix}`, name: `Buurtcoöperatie ${label} ${suffix}` });
        return asCooperativeId(cooperative.id);
      }
    },
    ownerRows(sql, parameters = []) {
      return uow.run({ as: 'owner' }, () => uow.rows(sql, parameters));
    },
    async close() {
      await app.close();
    },
  };
}
