import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, CoreModuleOptions, JobQueue, PinoNestLogger, openForProcess } from '@buurtcoop/core';
import { SCHEMA, WORKER_MODULES } from '@buurtcoop/platform';

@Module({})
class WorkerModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(options), ...WORKER_MODULES] };
  }
}

/** Works the job queue and keeps its schedules, beside one or more API replicas and other workers on the same database. */
async function bootstrap(): Promise<void> {
  // The API applies migrations; a worker waits for them rather than racing it.
  const { config, logger, database } = await openForProcess(SCHEMA, { migrate: false });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, database }), { logger: new PinoNestLogger(logger) });
  app.enableShutdownHooks();
  await app.get(JobQueue).start();
  logger.info('Buurtcoop worker started');
}

void bootstrap().catch((error: unknown) => {
  process.stderr.write(`Buurtcoop worker could not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
