import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DemoSeeder,
  JobQueue,
  NEST_APP_OPTIONS,
  PinoNestLogger,
  builtWebUiDir,
  configureApp,
  createFastifyAdapter,
  openForProcess,
} from '@buurtcoop/core';
import { ApiModule } from './api.module';
import { SCHEMA } from '@buurtcoop/platform';

async function bootstrap(): Promise<void> {
  const { config, logger, database } = await openForProcess(SCHEMA);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot({ config, database }), createFastifyAdapter(logger, config), {
    ...NEST_APP_OPTIONS,
    logger: new PinoNestLogger(logger),
  });
  await configureApp(app, config, { webUiDir: builtWebUiDir() });
  // Modules register their hooks (cooperative set-up, demo parts, jobs) on init: before seeding.
  await app.init();

  const seeded = config.seedDemo && (await app.get(DemoSeeder).seedIfEmpty());
  // In embedded mode there is one process: it runs the worker's jobs too.
  if (config.runWorkerInProcess) await app.get(JobQueue).start();

  await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl;
  logger.info(`Buurtcoop is running at ${url} (API docs: ${url}/api/docs)`);
  if (seeded || (config.seedDemo && !config.databaseUrl)) {
    const lines = DEMO_LOGINS.map((l) => `    ${l.role.padEnd(22)} ${l.email}`).join('\n');
    process.stdout.write(`\nBuurtcoop is running at ${url}\n  API documentation: ${url}/api/docs\n  Demo logins (password: ${DEMO_PASSWORD}):\n${lines}\n\n`);
  }
}

void bootstrap().catch((error: unknown) => {
  process.stderr.write(`Buurtcoop could not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
