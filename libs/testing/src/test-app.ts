import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DynamicModule, Module, Type } from '@nestjs/common';
import {
  AppConfig,
  CoreModule,
  CoreModuleOptions,
  Database,
  NEST_APP_OPTIONS,
  PinoNestLogger,
  configureApp,
  createFastifyAdapter,
  createRootLogger,
  loadConfig,
} from '@buurtcoop/core';
import { API_MODULES, SCHEMA } from '@buurtcoop/platform';
import { TestDatabase, createTestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: Database;
  testDatabase: TestDatabase;
  /** Base URL of the listening server, for supertest. */
  url: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, as a deployment would set it (e.g. LOGIN_RATE_PER_MINUTE). */
  env?: Record<string, string>;
  /** Extra modules to mount beside the product's (e.g. a probe controller). */
  extraModules?: Array<Type<unknown> | DynamicModule>;
  /** A second instance of the API on this app's database, as replicas behind a load balancer are (real PostgreSQL only). */
  sameDatabaseAs?: TestApp;
}

@Module({})
class TestApiModule {
  static forRoot(options: CoreModuleOptions, extra: Array<Type<unknown> | DynamicModule>): DynamicModule {
    return { module: TestApiModule, imports: [CoreModule.forRoot(options), ...API_MODULES, ...extra] };
  }
}

/**
 * The real application (same modules, same configureApp) on a fresh copy of the migrated test
 * database, listening on a loopback port.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.sameDatabaseAs?.testDatabase;
  if (shared?.kind === 'embedded') throw new Error('The embedded database is one session: a second API instance on it is not a deployment');
  const testDatabase = shared ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabase.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    LOGIN_RATE_PER_MINUTE: '1000',
    SIGNUP_RATE_PER_HOUR: '100000',
    ...options.env,
  });
  // PGlite behind its socket is one session: one connection, as in `npm start`.
  if (testDatabase.kind === 'embedded') config.databasePoolSize = 1;
  const database = await Database.open(config, SCHEMA);
  const logger = createRootLogger(config);
  const app = await NestFactory.create<NestFastifyApplication>(TestApiModule.forRoot({ config, database }, options.extraModules ?? []), createFastifyAdapter(logger, config), {
    ...NEST_APP_OPTIONS,
    logger: new PinoNestLogger(logger),
  });
  await configureApp(app, config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    database,
    testDatabase,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      if (!shared) await testDatabase.drop();
    },
  };
}
