import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { QUEUE_SCHEMA, QueueSql } from './queue-sql';

/** What a handler may say about its run; a line in the log when there is something to say. */
export type JobOutcome = string | undefined | void;

export interface JobDefinition<T extends object = Record<string, unknown>> {
  /** Queue name: lower-case words joined by hyphens, e.g. `dunning`. */
  name: string;
  handler: (data: T, job: { id: string | null; name: string }) => Promise<JobOutcome>;
  /** Cron expression in Dutch time, e.g. `0 7 * * *`; the queue sends the job once per slot whatever the number of workers. */
  schedule?: string;
  /** Further attempts after the first failure (default 3); then the job becomes a dead letter. */
  retryLimit?: number;
  /** Wait before the first retry (default 30 s). */
  retryDelaySeconds?: number;
  /** Double the wait at each retry, with jitter (default true). */
  retryBackoff?: boolean;
}

export interface SendOptions {
  /** Not before this moment (a date, an ISO string, or seconds from now). */
  startAfter?: Date | string | number;
}

export interface WorkOptions {
  /** How often an idle queue looks for work (default 2 s). */
  pollingIntervalSeconds?: number;
  /** How often schedules are checked (default 30 s). */
  cronIntervalSeconds?: number;
}

/** A failed job lands in its own dead-letter queue; the board and the CLI read them there. */
export const DEAD_LETTER_PREFIX = 'dead-letter.';
export const deadLetterQueue = (name: string): string => `${DEAD_LETTER_PREFIX}${name}`;

const TIME_ZONE = 'Europe/Amsterdam';
const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** What the last attempt's error carries into the dead letter beside its message (pg-boss stores the serialised error). */
class JobFailure extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly jobCreatedOn: string,
  ) {
    super(message);
  }
}

/**
 * The product's jobs on pg-boss. Domain modules `define` their jobs at module init; any code `send`s
 * a job inside its own transaction; `start` (the worker, or the API in embedded mode) works every
 * queue and keeps the schedules. Without `start` nothing polls: tests run handlers with `runNow`.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly client: PgBoss;
  private runner: PgBoss | undefined;
  private installed = false;

  constructor(private readonly sql: QueueSql) {
    // Sends and manages queues; no timers of its own.
    this.client = new PgBoss({ db: sql.onPool, schema: QUEUE_SCHEMA, supervise: false, schedule: false, migrate: true });
    this.client.on('error', (error) => this.logger.error({ err: error, msg: 'Job queue error' }));
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    if (!JOB_NAME.test(definition.name)) throw new Error(`Job name '${definition.name}' must be lower-case words joined by hyphens`);
    if (this.definitions.has(definition.name)) throw new Error(`Job '${definition.name}' is defined twice`);
    if (this.installed) throw new Error(`Job '${definition.name}' was defined after start-up: define jobs in onModuleInit`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  get scheduledNames(): string[] {
    return [...this.definitions.values()].filter((job) => job.schedule).map((job) => job.name);
  }

  /** After every module has defined its jobs: pg-boss installs its schema, then each job gets its queue, dead-letter queue and schedule. */
  async onApplicationBootstrap(): Promise<void> {
    await this.client.start();
    for (const job of this.definitions.values()) {
      const deadLetter = deadLetterQueue(job.name);
      await this.client.createQueue(deadLetter, { name: deadLetter });
      const options: PgBoss.Queue = {
        name: job.name,
        // A scheduled job never runs beside itself, on any worker.
        policy: job.schedule ? 'singleton' : 'standard',
        retryLimit: job.retryLimit ?? 3,
        retryDelay: job.retryDelaySeconds ?? 30,
        retryBackoff: job.retryBackoff ?? true,
        deadLetter,
      };
      await this.client.createQueue(job.name, options);
      await this.client.updateQueue(job.name, options);
      if (job.schedule) await this.client.schedule(job.name, job.schedule, {}, { tz: TIME_ZONE });
      else await this.client.unschedule(job.name);
    }
    this.installed = true;
  }

  /** Enqueues in the caller's transaction: if it rolls back, the job never existed. Returns the job id (null when a singleton key was already waiting). */
  async send(name: string, data: object = {}, options: SendOptions = {}): Promise<string | null> {
    this.definition(name);
    return this.client.send(name, data, { ...options, db: this.sql.inTransaction });
  }

  /** Runs one job's handler now, in this process, and waits for it: for tests and the CLI. */
  async runNow(name: string, data: object = {}): Promise<JobOutcome> {
    const outcome = await this.definition(name).handler(data as Record<string, unknown>, { id: null, name });
    if (outcome) this.logger.log(`${name}: ${outcome}`);
    return outcome;
  }

  /** Runs every scheduled job once now, one after the other. */
  async runAll(): Promise<void> {
    for (const name of this.scheduledNames) await this.runNow(name);
  }

  /** Works every queue and keeps the schedules, beside any other worker on the same database. */
  async start(options: WorkOptions = {}): Promise<void> {
    if (this.runner) return;
    const runner = new PgBoss({
      db: this.sql.onPool,
      schema: QUEUE_SCHEMA,
      migrate: false,
      supervise: true,
      schedule: true,
      // How often one of the workers checks the schedules, and how soon a due slot's job is sent.
      cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
      cronWorkerIntervalSeconds: options.cronIntervalSeconds ?? 5,
    });
    runner.on('error', (error) => this.logger.error({ err: error, msg: 'Job queue error' }));
    this.runner = runner;
    await runner.start();
    for (const job of this.definitions.values()) {
      let workerId = '';
      workerId = await runner.work<Record<string, unknown>>(job.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([received]) => {
        // A queue with work is drained at once; only an empty fetch waits for the polling interval.
        runner.notifyWorker(workerId);
        await this.handle(job, received);
      });
    }
    this.logger.log(`Scheduled ${this.names.join(', ')}`);
  }

  /** Stops taking jobs, lets the running ones finish (up to 30 s), then lets go of the database. */
  async stop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner) await runner.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
    await this.sql.close();
  }

  private async handle(job: JobDefinition, received: PgBoss.JobWithMetadata<Record<string, unknown>>): Promise<void> {
    const attempt = received.retryCount + 1;
    try {
      const outcome = await job.handler(received.data ?? {}, { id: received.id, name: job.name });
      if (outcome) this.logger.log(`${job.name}: ${outcome}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const last = attempt > received.retryLimit;
      this.logger.warn({ err: error, msg: `${job.name} failed (attempt ${attempt} of ${received.retryLimit + 1})${last ? ': now a dead letter' : ''}` });
      throw new JobFailure(message, attempt, new Date(received.createdOn).toISOString());
    }
  }

  private definition(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No job is defined with the name '${name}'`);
    return definition;
  }
}
