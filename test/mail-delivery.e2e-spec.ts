import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import {
  CLAIM_LEASE_MS,
  Clock,
  Database,
  MAX_ATTEMPTS,
  MailDeliveryService,
  MailService,
  OutboxDeliveryRepository,
  UnitOfWork,
  asCooperativeId,
  loadConfig,
} from '@buurtcoop/core';
import { SCHEMA } from '@buurtcoop/platform';
import { TEST_JWT_SECRET, TestApp, TestCooperative, createTestApp, createTestCooperative } from '@buurtcoop/testing';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives; it can go away and come back on its port. */
class LoopbackSmtp {
  readonly received: Received[] = [];
  port = 0;
  private server: SMTPServer | undefined;

  constructor(private readonly delayMs = 0) {}

  async start(): Promise<void> {
    if (this.server) return;
    const received = this.received;
    const delayMs = this.delayMs;
    const server = new SMTPServer({
      authOptional: true,
      // Going away means going away: connections still open are cut rather than waited for.
      closeTimeout: 100,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          // A slow server keeps two deliverers' sends overlapping.
          setTimeout(() => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
            callback();
          }, delayMs);
        });
      },
    });
    // Below the ephemeral range (32768 and up on Linux): once the server is away, no outgoing connection
    // takes its port, so it can come back on it.
    for (let tries = 0; ; tries++) {
      const port = this.port || 20_000 + Math.floor(Math.random() * 12_000);
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', resolve);
        });
        break;
      } catch (error) {
        if (this.port || tries >= 20) throw error;
      }
    }
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.received.filter((r) => r.to.includes(address));
  }
}

interface Row {
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
}

describe('Mail delivery from the outbox', () => {
  const smtp = new LoopbackSmtp(5);
  let sut: TestApp;
  let coop: TestCooperative;
  let clock: Clock;
  let delivery: MailDeliveryService;
  let n = 0;

  beforeAll(async () => {
    await smtp.start();
    sut = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Buurtcoöperatie <bestuur@buurt.example>' } });
    coop = await createTestCooperative(sut, 'mail');
    clock = sut.app.get(Clock);
    delivery = sut.app.get(MailDeliveryService);
  });
  afterAll(async () => {
    await sut.close();
    await smtp.stop();
  });

  /** Queues messages the way the product does: in a tenant's transaction. Returns the addresses. */
  const enqueue = async (count: number, subject = 'Uw boodschappen komen dinsdag'): Promise<string[]> => {
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    const addresses = Array.from({ length: count }, () => `buur${++n}@rivierenwijk.example`);
    await sut.app.get(UnitOfWork).run({ cooperativeId }, async () => {
      for (const to of addresses) await sut.app.get(MailService).enqueue({ kind: 'test', to, subject, body: `Beste buur,\n\n${subject}` });
    });
    return addresses;
  };
  const row = async (to: string): Promise<Row> => (await sut.database.dataSource.query(`SELECT status, attempts, last_error, next_attempt_at, sent_at FROM outbox_messages WHERE to_address = $1`, [to]))[0];
  const outbox = async (query = '') =>
    (await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/outbox${query}`).set('authorization', `Bearer ${await coop.token('board')}`).expect(200)).body as Array<{
      to: string;
      status: string;
      attempts: number;
      sentAt: string | null;
      nextAttemptAt: string | null;
    }>;
  /** Runs deliverers until nothing due is left; returns how many each run reported sent. */
  const drain = async (deliverers: MailDeliveryService[]) => {
    let sent = 0;
    for (let round = 0; round < 20; round++) {
      const outcomes = await Promise.all(deliverers.map((d) => d.deliverPending()));
      const now = outcomes.reduce((sum, o) => sum + o.sent, 0);
      sent += now;
      if (outcomes.every((o) => o.sent + o.failed === 0)) break;
    }
    return sent;
  };

  it('sends pending messages over SMTP and marks them sent, once', async () => {
    const [to] = await enqueue(1);
    expect(await delivery.deliverPending()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.to(to)).toHaveLength(1);
    expect(smtp.to(to)[0].raw).toContain('Subject: Uw boodschappen komen dinsdag');
    expect(smtp.to(to)[0].raw).toContain('bestuur@buurt.example');
    expect((await outbox()).find((m) => m.to === to)).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(String), nextAttemptAt: null });
    expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('keeps messages while the server is down, with the attempt recorded and a later next attempt, and delivers each once when it is back', async () => {
    await smtp.stop();
    const addresses = await enqueue(3, 'Herinnering: uren invullen');
    const before = clock.now().getTime();
    expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 3 });
    for (const to of addresses) {
      const stored = await row(to);
      expect(stored).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED|connect/i), sent_at: null });
      // The first retry waits a minute.
      expect(stored.next_attempt_at.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    }
    // Not due yet: nothing is tried.
    expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect((await row(addresses[0])).attempts).toBe(1);

    clock.advance(61_000);
    const second = clock.now().getTime();
    expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 3 });
    const retried = await row(addresses[0]);
    expect(retried.attempts).toBe(2);
    // Twice as long before the third.
    expect(retried.next_attempt_at.getTime()).toBeGreaterThanOrEqual(second + 120_000);
    expect(retried.next_attempt_at.getTime()).toBeLessThan(second + 180_000);
    expect((await outbox('?status=pending')).map((m) => m.to)).toEqual(expect.arrayContaining(addresses));

    await smtp.start();
    clock.advance(121_000);
    expect(await delivery.deliverPending()).toEqual({ sent: 3, failed: 0 });
    for (const to of addresses) {
      expect(smtp.to(to)).toHaveLength(1);
      expect(await row(to)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    }
    expect((await outbox('?status=pending')).filter((m) => addresses.includes(m.to))).toEqual([]);
  });

  it('sends every message exactly once when two deliverers run at the same time', async () => {
    const addresses = await enqueue(130);
    const other = new MailDeliveryService(sut.app.get(UnitOfWork), sut.app.get(OutboxDeliveryRepository), clock, sut.config);
    try {
      const sent = await drain([delivery, other, delivery, other]);
      expect(sent).toBe(130);
      expect(addresses.map((to) => smtp.to(to).length)).toEqual(Array(130).fill(1));
    } finally {
      other.onApplicationShutdown();
    }
  });

  // A second process with its own connection pool, as a second worker would be. PGlite is one session, so
  // only a real PostgreSQL can have two.
  const onRealPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
  onRealPostgres('sends every message exactly once when two app instances deliver at the same time', async () => {
    const addresses = await enqueue(130);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: sut.testDatabase.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    const database = await Database.open(config, SCHEMA);
    const uow = new UnitOfWork(database.dataSource);
    const other = new MailDeliveryService(uow, new OutboxDeliveryRepository(uow), clock, config);
    try {
      const sent = await drain([delivery, other, delivery, other, delivery, other]);
      expect(sent).toBe(130);
      expect(addresses.map((to) => smtp.to(to).length)).toEqual(Array(130).fill(1));
    } finally {
      other.onApplicationShutdown();
      await database.close();
    }
  });

  onRealPostgres('never lets two claims running at the same moment take the same message', async () => {
    const addresses = await enqueue(200);
    const uow = sut.app.get(UnitOfWork);
    const claims = sut.app.get(OutboxDeliveryRepository);
    const now = clock.now();
    // Twenty claimants of 10 each, in parallel transactions on the pool's connections.
    const batches = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        uow.run({ as: 'owner' }, () => claims.claim(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, now, new Date(now.getTime() - CLAIM_LEASE_MS), MAX_ATTEMPTS, 10)),
      ),
    );
    const ids = batches.flat().map((m) => m.id);
    expect(ids.length).toBe(200);
    expect(new Set(ids).size).toBe(200);
    // Hand them back for the tests after this one.
    await sut.database.dataSource.query(`UPDATE outbox_messages SET status = 'sent', claim_token = NULL WHERE to_address = ANY($1)`, [addresses]);
  });

  it('takes over a claim whose deliverer died mid-send once its lease has run out, and sends it once', async () => {
    const [to] = await enqueue(1, 'Uw hulpvraag is gekoppeld');
    const claims = sut.app.get(OutboxDeliveryRepository);
    const owner = <T>(work: () => Promise<T>) => sut.app.get(UnitOfWork).run({ as: 'owner' }, work);
    // A deliverer claims it and dies before it can say how the send went.
    const claimedAt = clock.now();
    const dead = await owner(() => claims.claim('00000000-0000-4000-8000-00000000dead', claimedAt, new Date(claimedAt.getTime() - CLAIM_LEASE_MS), MAX_ATTEMPTS, 50));
    expect(dead.map((m) => m.to)).toContain(to);
    expect(await row(to)).toMatchObject({ status: 'sending', attempts: 1 });

    // While the lease holds, nobody else touches it.
    clock.advance(CLAIM_LEASE_MS - 60_000);
    expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.to(to)).toHaveLength(0);

    clock.advance(61_000);
    expect(await delivery.deliverPending()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.to(to)).toHaveLength(1);
    expect(await row(to)).toMatchObject({ status: 'sent', attempts: 2 });
    // Should the dead deliverer wake up, its claim no longer counts.
    const deadMessage = dead.find((m) => m.to === to)!;
    expect(await owner(() => claims.markSent(deadMessage.id, '00000000-0000-4000-8000-00000000dead', clock.now()))).toBe(false);
  });

  it(`marks a message failed after ${MAX_ATTEMPTS} failed attempts and does not try it again`, async () => {
    await smtp.stop();
    try {
      const [to] = await enqueue(1, 'Uw rooster voor december');
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 1 });
        expect((await row(to)).status).toBe(attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
        clock.advance(2 * 60 * 60_000);
      }
      expect(await row(to)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: expect.stringMatching(/ECONNREFUSED|connect/i) });
      expect((await outbox('?status=failed')).map((m) => m.to)).toContain(to);

      await smtp.start();
      clock.advance(24 * 60 * 60_000);
      expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.to(to)).toHaveLength(0);
      expect((await row(to)).attempts).toBe(MAX_ATTEMPTS);
    } finally {
      await smtp.start();
    }
  });

  it('gives up on a claim that ran out on its last attempt rather than risk sending it twice', async () => {
    const [to] = await enqueue(1, 'Bedankt voor uw hulp');
    await sut.database.dataSource.query(`UPDATE outbox_messages SET attempts = $2 - 1 WHERE to_address = $1`, [to, MAX_ATTEMPTS]);
    const owner = <T>(work: () => Promise<T>) => sut.app.get(UnitOfWork).run({ as: 'owner' }, work);
    const now = clock.now();
    await owner(() => sut.app.get(OutboxDeliveryRepository).claim('00000000-0000-4000-8000-0000000dead2', now, new Date(now.getTime() - CLAIM_LEASE_MS), MAX_ATTEMPTS, 50));
    clock.advance(CLAIM_LEASE_MS + 1000);
    expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(await row(to)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: expect.stringContaining('stopped while sending') });
    expect(smtp.to(to)).toHaveLength(0);
  });

  it('pages the outbox and refuses an unknown status, naming the field', async () => {
    const all = await outbox('?limit=200');
    const firstPage = await outbox('?limit=2&page=1');
    const secondPage = await outbox('?limit=2&page=2');
    expect([...firstPage, ...secondPage].map((m) => m.to)).toEqual(all.slice(0, 4).map((m) => m.to));
    const refused = await request(sut.url)
      .get(`/api/v1/cooperatives/${coop.cooperativeId}/outbox?status=lost`)
      .set('authorization', `Bearer ${await coop.token('board')}`)
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('status');
    const badPage = await request(sut.url)
      .get(`/api/v1/cooperatives/${coop.cooperativeId}/outbox?page=0`)
      .set('authorization', `Bearer ${await coop.token('board')}`)
      .expect(400);
    expect(JSON.stringify(badPage.body)).toContain('page');
  });
});
