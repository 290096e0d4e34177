import { DynamicModule, INestApplicationContext, Module, OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { CoreModule, Database, DeadLettersService, JobQueue, JobsModule, UnitOfWork, asCooperativeId, loadConfig } from '@buurtcoop/core';
import { SCHEMA, WORKER_MODULES } from '@buurtcoop/platform';
import { TEST_JWT_SECRET, TestApp, TestCooperative, TestDatabase, bearer, createTestApp, createTestCooperative, createTestDatabase } from '@buurtcoop/testing';

/**
 * The job queue (pg-boss): jobs sent inside a business transaction, retries with backoff, dead letters
 * for the board, and several workers on one database. Side effects are counted in a table.
 */

const PROBE_TABLE = `CREATE TABLE probe_runs (id bigserial PRIMARY KEY, job text NOT NULL, key text NOT NULL, worker text NOT NULL, ok boolean NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`;

/** The bank the failing job talks to; the test brings it back online before retrying. */
const bank = { online: false };

/** Jobs a domain module could define, each recording its runs in probe_runs. */
@Module({ imports: [JobsModule] })
class ProbeJobsModule implements OnModuleInit {
  static worker = 'api';

  constructor(
    private readonly jobs: JobQueue,
    private readonly uow: UnitOfWork,
  ) {}

  private record(job: string, key: string, ok: boolean, worker: string): Promise<unknown> {
    return this.uow.run({ as: 'owner' }, () => this.uow.rows(`INSERT INTO probe_runs (job, key, worker, ok) VALUES ($1, $2, $3, $4)`, [job, key, worker, ok]));
  }

  onModuleInit(): void {
    // Which process this is: read when the module starts, as each context gets its own instance.
    const worker = ProbeJobsModule.worker;
    this.jobs.define<{ key: string }>({
      name: 'probe-record',
      retryLimit: 0,
      handler: async ({ key }) => {
        // Long enough that a second worker gets its share of a full queue.
        await new Promise((resolveWait) => setTimeout(resolveWait, 40));
        await this.record('probe-record', key, true, worker);
      },
    });
    this.jobs.define<{ key: string }>({
      name: 'probe-bank-sync',
      retryLimit: 2,
      retryDelaySeconds: 1,
      retryBackoff: true,
      handler: async ({ key }) => {
        await this.record('probe-bank-sync', key, bank.online, worker);
        if (!bank.online) throw new Error(`De bank gaf geen antwoord voor ${key}`);
      },
    });
    this.jobs.define({
      name: 'probe-scheduled',
      schedule: '* * * * *',
      handler: async () => {
        await this.record('probe-scheduled', 'slot', true, worker);
      },
    });
  }
}

interface ProbeRun {
  key: string;
  worker: string;
  ok: boolean;
  at: Date;
}

async function runsOf(database: Database, job: string): Promise<ProbeRun[]> {
  return database.dataSource.query(`SELECT key, worker, ok, at FROM probe_runs WHERE job = $1 ORDER BY id`, [job]);
}

/** Polls until `done` holds; a bound, not a measurement. */
async function waitFor(what: string, done: () => Promise<boolean>, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Waited ${withinMs} ms for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

const pause = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

describe('Jobs on one worker', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let other: TestCooperative;
  let jobs: JobQueue;
  let uow: UnitOfWork;

  const queued = async (name: string, key: string): Promise<Array<{ state: string }>> =>
    sut.database.dataSource.query(`SELECT state FROM pgboss.job WHERE name = $1 AND data->>'key' = $2`, [name, key]);

  beforeAll(async () => {
    ProbeJobsModule.worker = 'api';
    sut = await createTestApp({ extraModules: [ProbeJobsModule] });
    await sut.database.dataSource.query(PROBE_TABLE);
    coop = await createTestCooperative(sut, 'wachtrij');
    other = await createTestCooperative(sut, 'andere');
    jobs = sut.app.get(JobQueue);
    uow = sut.app.get(UnitOfWork);
  });
  afterAll(() => sut.close());

  it('runs each scheduled job once when asked, for tests and the CLI', async () => {
    await jobs.runNow('probe-scheduled');
    expect(await runsOf(sut.database, 'probe-scheduled')).toHaveLength(1);
    await expect(jobs.send('no-such-job', {})).rejects.toThrow("No job is defined with the name 'no-such-job'");
  });

  it('does not poll until asked: a test app leaves a sent job waiting', async () => {
    await uow.run({ cooperativeId: asCooperativeId(coop.cooperativeId) }, () => jobs.send('probe-record', { key: 'wacht', cooperativeId: coop.cooperativeId }));
    await pause(1500);
    expect(await queued('probe-record', 'wacht')).toEqual([{ state: 'created' }]);
    expect(await runsOf(sut.database, 'probe-record')).toEqual([]);
  });

  it('drops a job whose transaction rolled back, and handles a committed one once', async () => {
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    // In a tenant's transaction, under the app role, as a request would send it.
    await expect(
      uow.run({ cooperativeId }, async () => {
        await jobs.send('probe-record', { key: 'teruggedraaid', cooperativeId });
        throw new Error('De boeking klopte niet');
      }),
    ).rejects.toThrow('De boeking klopte niet');
    await uow.run({ cooperativeId }, () => jobs.send('probe-record', { key: 'vastgelegd', cooperativeId }));
    expect(await queued('probe-record', 'teruggedraaid')).toEqual([]);
    expect(await queued('probe-record', 'vastgelegd')).toEqual([{ state: 'created' }]);

    await jobs.start({ pollingIntervalSeconds: 0.5 });
    await waitFor('the committed job', async () => (await runsOf(sut.database, 'probe-record')).some((r) => r.key === 'vastgelegd'));
    // A few more polls: nothing runs twice, the rolled-back job never appears.
    await pause(1500);
    const keys = (await runsOf(sut.database, 'probe-record')).map((r) => r.key).sort();
    expect(keys).toEqual(['vastgelegd', 'wacht']);
    await waitFor('completion', async () => (await queued('probe-record', 'vastgelegd'))[0]?.state === 'completed');
  });

  it('retries a failing job with growing waits, then shows it as a dead letter to its own board only, and retries it from there', async () => {
    bank.online = false;
    await uow.run({ cooperativeId: asCooperativeId(coop.cooperativeId) }, () => jobs.send('probe-bank-sync', { key: 'wachtrij-bank', cooperativeId: coop.cooperativeId }));
    await uow.run({ cooperativeId: asCooperativeId(other.cooperativeId) }, () => jobs.send('probe-bank-sync', { key: 'andere-bank', cooperativeId: other.cooperativeId }));

    const deadLetters = (c: TestCooperative, token: string) => request(sut.url).get(`/api/v1/cooperatives/${c.cooperativeId}/jobs/dead-letters`).set(bearer(token));
    const board = await coop.token('board');
    await waitFor('both dead letters', async () => {
      const [mine, theirs] = [(await deadLetters(coop, board)).body, (await deadLetters(other, await other.token('board'))).body];
      return mine.length === 1 && theirs.length === 1;
    });

    // Three attempts (retryLimit 2); the second wait at least doubles the first delay of 1 s.
    const attempts = (await runsOf(sut.database, 'probe-bank-sync')).filter((r) => r.key === 'wachtrij-bank');
    expect(attempts.map((r) => r.ok)).toEqual([false, false, false]);
    const gaps = attempts.slice(1).map((r, i) => new Date(r.at).getTime() - new Date(attempts[i].at).getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(950);
    expect(gaps[1]).toBeGreaterThanOrEqual(1950);

    const listed = (await deadLetters(coop, board).expect(200)).body;
    expect(listed).toEqual([
      {
        id: expect.any(String),
        name: 'probe-bank-sync',
        error: 'De bank gaf geen antwoord voor wachtrij-bank',
        attempts: 3,
        createdAt: expect.any(String),
        failedAt: expect.any(String),
      },
    ]);
    expect(new Date(listed[0].failedAt).getTime()).toBeGreaterThanOrEqual(new Date(attempts[2].at).getTime());
    expect(new Date(listed[0].createdAt).getTime()).toBeLessThanOrEqual(new Date(attempts[0].at).getTime());
    const theirs = (await deadLetters(other, await other.token('board')).expect(200)).body;
    expect(theirs.map((d: { error: string }) => d.error)).toEqual(['De bank gaf geen antwoord voor andere-bank']);

    // The operator's CLI sees every cooperative's dead letters.
    const platformWide = await uow.run({ as: 'owner' }, () => sut.app.get(DeadLettersService).listPlatformWide());
    expect(platformWide.map((d) => d.data.key).sort()).toEqual(['andere-bank', 'wachtrij-bank']);

    // Only the board: not the treasurer, not another cooperative's board.
    await deadLetters(coop, await coop.token('treasurer')).expect(403);
    await deadLetters(coop, await other.token('board')).expect(404);
    const retry = (c: TestCooperative, id: string, token: string) => request(sut.url).post(`/api/v1/cooperatives/${c.cooperativeId}/jobs/dead-letters/${id}/retry`).set(bearer(token));
    // Another cooperative's dead letter is not found through this cooperative.
    await retry(coop, theirs[0].id, board).expect(404);
    await retry(coop, listed[0].id, await coop.token('coordinator')).expect(403);

    bank.online = true;
    const retried = (await retry(coop, listed[0].id, board).expect(201)).body;
    expect(retried).toEqual({ deadLetterId: listed[0].id, name: 'probe-bank-sync', jobId: expect.any(String) });
    expect((await deadLetters(coop, board).expect(200)).body).toEqual([]);
    const again = await retry(coop, listed[0].id, board).expect(409);
    expect(again.body).toMatchObject({ code: 'dead_letter_already_retried' });
    await waitFor('the retried job', async () => (await runsOf(sut.database, 'probe-bank-sync')).some((r) => r.key === 'wachtrij-bank' && r.ok));
    const audit = (await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/audit-events`).set(bearer(board)).expect(200)).body;
    const events = audit as Array<{ action: string; objectId: string }>;
    expect(events.filter((e) => e.action === 'job.dead_letter.retried').map((e) => e.objectId)).toEqual([listed[0].id]);
    // The other cooperative's dead letter is untouched.
    expect((await deadLetters(other, await other.token('board')).expect(200)).body).toHaveLength(1);
  });

});

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

// Two worker processes on one embedded PGlite is not a deployment (PGlite is one session): on PostgreSQL only.
(onPostgres ? describe : describe.skip)('Jobs on two workers sharing one database', () => {
  let testDatabase: TestDatabase;
  const contexts: INestApplicationContext[] = [];
  let database: Database;

  @Module({})
  class WorkerProbeModule {
    static forRoot(db: Database): DynamicModule {
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDatabase.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
      return { module: WorkerProbeModule, imports: [CoreModule.forRoot({ config, database: db }), ...WORKER_MODULES, ProbeJobsModule] };
    }
  }

  async function startWorker(name: string): Promise<INestApplicationContext> {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDatabase.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    const db = await Database.open(config, SCHEMA);
    ProbeJobsModule.worker = name;
    const context = await NestFactory.createApplicationContext(WorkerProbeModule.forRoot(db), { logger: false });
    contexts.push(context);
    return context;
  }

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDatabase.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    database = await Database.open(config, SCHEMA);
    await database.dataSource.query(PROBE_TABLE);
    const [first, second] = [await startWorker('worker-1'), await startWorker('worker-2')];
    // 50 jobs waiting before either worker starts, so they race for every one.
    await first.get(UnitOfWork).run({ as: 'owner' }, async () => {
      for (let i = 1; i <= 50; i++) await first.get(JobQueue).send('probe-record', { key: `taak-${i}` });
    });
    // The scheduled slot is a minute: start early in one, so the whole test stays inside it.
    const second0 = new Date().getSeconds();
    if (second0 >= 35) await pause((61 - second0) * 1000);
    await Promise.all([first, second].map((c) => c.get(JobQueue).start({ pollingIntervalSeconds: 0.5, cronIntervalSeconds: 1 })));
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await database.close();
    await testDatabase.drop();
  });

  it('handles each of 50 queued jobs exactly once, the two workers sharing them', async () => {
    await waitFor('50 jobs', async () => (await runsOf(database, 'probe-record')).length >= 50);
    await pause(1500);
    const runs = await runsOf(database, 'probe-record');
    expect(runs.map((r) => r.key).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `taak-${i + 1}`).sort());
    expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(['worker-1', 'worker-2']));
  });

  it('sends a scheduled slot once, whichever worker checks the schedule', async () => {
    await waitFor('the scheduled job', async () => (await runsOf(database, 'probe-scheduled')).length >= 1);
    // Both workers check the schedule every second; give them several more chances to send it again.
    await pause(4000);
    expect(await runsOf(database, 'probe-scheduled')).toHaveLength(1);
  });
});
