import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { MailDeliveryService, MailService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { TestApp, TestCooperative, createTestApp, createTestCooperative } from '@buurtcoop/testing';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

describe('Mail delivery from the outbox', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sut: TestApp;
  let coop: TestCooperative;

  beforeAll(async () => {
    smtp = await startSmtp();
    sut = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Buurtcoöperatie <bestuur@buurt.example>' } });
    coop = await createTestCooperative(sut, 'mail');
  });
  afterAll(async () => {
    await sut.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  const enqueue = (to: string, subject: string) => {
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    return sut.app.get(UnitOfWork).run({ cooperativeId }, () => sut.app.get(MailService).enqueue({ kind: 'test', to, subject, body: `Beste buur,\n\n${subject}` }));
  };
  const outbox = async () =>
    (await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/outbox`).set('authorization', `Bearer ${await coop.token('board')}`).expect(200)).body as Array<{
      to: string;
      status: string;
      sentAt: string | null;
    }>;

  it('sends pending messages over SMTP and marks them sent', async () => {
    await enqueue('gerrit@rivierenwijk.example', 'Uw boodschappen komen dinsdag');
    const outcome = await sut.app.get(MailDeliveryService).deliverPending();
    expect(outcome).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(['gerrit@rivierenwijk.example']);
    expect(smtp.received[0].raw).toContain('Subject: Uw boodschappen komen dinsdag');
    expect(smtp.received[0].raw).toContain('bestuur@buurt.example');
    const message = (await outbox()).find((m) => m.to === 'gerrit@rivierenwijk.example');
    expect(message).toMatchObject({ status: 'sent', sentAt: expect.any(String) });
    // Nothing is sent twice.
    expect(await sut.app.get(MailDeliveryService).deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps a message pending while the server is away, and gives up after five attempts', async () => {
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await enqueue('sanne@rivierenwijk.example', 'Herinnering: uren invullen');
    const delivery = sut.app.get(MailDeliveryService);
    expect(await delivery.deliverPending()).toEqual({ sent: 0, failed: 1 });
    expect((await outbox()).find((m) => m.to === 'sanne@rivierenwijk.example')?.status).toBe('pending');
    for (let i = 0; i < 4; i++) await delivery.deliverPending();
    const [row] = await sut.database.dataSource.query(`SELECT status, attempts, last_error FROM outbox_messages WHERE to_address = 'sanne@rivierenwijk.example'`);
    expect(row).toMatchObject({ status: 'failed', attempts: 5, last_error: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });
});
