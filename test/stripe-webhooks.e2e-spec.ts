import { randomUUID } from 'node:crypto';
import request from 'supertest';
import Stripe from 'stripe';
import { FakeStripe, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember, startFakeStripe, stripeObjects } from '@buurtcoop/testing';

const WEBHOOK_SECRET = 'whsec_buurtcoopTestSigningSecret0123';
// Only for signing test deliveries, offline, as Stripe would.
const signer = new Stripe('sk_test_signingonly0000');

describe('Stripe webhooks', () => {
  let fake: FakeStripe;
  let sut: TestApp;
  let coop: TestCooperative;
  let account: string;

  beforeAll(async () => {
    // Pages of two make the payout's balance transactions take several requests.
    fake = await startFakeStripe({ maxPageSize: 2 });
    sut = await createTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_buurtcoopWebhooks01', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url } });
    ({ coop, account } = await connected('webhooks'));
  });
  afterAll(async () => {
    await sut.close();
    await fake.close();
  });

  async function connected(label: string): Promise<{ coop: TestCooperative; account: string }> {
    const created = await createTestCooperative(sut, label);
    const accountId = `acct_1${randomUUID().replace(/-/g, '').slice(0, 15)}`;
    await request(sut.url).put(`/api/v1/cooperatives/${created.cooperativeId}/payments/stripe`).set(bearer(await created.token('treasurer'))).send({ accountId }).expect(200);
    return { coop: created, account: accountId };
  }

  const deliver = (event: object, options: { secret?: string; timestamp?: number; body?: (payload: string) => string; header?: (h: string) => string } = {}) => {
    const payload = JSON.stringify(event);
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET, timestamp: options.timestamp });
    return request(sut.url)
      .post('/api/v1/stripe/webhooks')
      .set('content-type', 'application/json')
      .set('stripe-signature', options.header ? options.header(header) : header)
      .send(options.body ? options.body(payload) : payload);
  };

  const count = async (table: 'stripe_events' | 'journal_entries') => (await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const linesOf = (c: TestCooperative, idempotencyKey: string) =>
    sut.database.dataSource.query(
      `SELECT a.code, l.amount_cents::int AS "amountCents", l.member_id AS "memberId"
         FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
        WHERE e.cooperative_id = $1 AND e.idempotency_key = $2 ORDER BY a.code`,
      [c.cooperativeId, idempotencyKey],
    );
  const storedEvent = async (c: TestCooperative, eventId: string) =>
    (await sut.database.dataSource.query(`SELECT type, outcome FROM stripe_events WHERE cooperative_id = $1 AND event_id = $2`, [c.cooperativeId, eventId]))[0];
  const donation = (c: TestCooperative, paymentIntent: string, amount: number) =>
    stripeObjects.checkoutSession({ paymentIntent, amount, metadata: { purpose: 'donation', cooperative_id: c.cooperativeId, donor_name: 'Fatima el Amrani' } });
  const pi = () => `pi_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

  it('books a paid donation: D 1150 Tussenrekening Stripe, C 8200 Giften, and records the event', async () => {
    const paymentIntent = pi();
    const event = stripeObjects.event('checkout.session.completed', donation(coop, paymentIntent, 2500), account);
    const response = await deliver(event).expect(200);
    expect(response.body).toEqual({ eventId: event.id, outcome: 'processed', duplicate: false });
    expect(await linesOf(coop, `stripe:payment:${paymentIntent}`)).toEqual([
      { code: '1150', amountCents: 2500, memberId: null },
      { code: '8200', amountCents: -2500, memberId: null },
    ]);
    expect(await storedEvent(coop, event.id)).toEqual({ type: 'checkout.session.completed', outcome: 'processed' });
  });

  it.each([
    ['a tampered body', { body: (p: string) => p.replace('"amount_total":4200', '"amount_total":420000') }],
    ['a tampered signature', { header: (h: string) => h.replace(/v1=([0-9a-f])/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`) }],
    ['the wrong secret', { secret: 'whsec_someoneElsesSecret0000000' }],
    ['a timestamp ten minutes old', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['no signature at all', { header: () => '' }],
  ])('refuses %s with 400 and stores nothing', async (_, options) => {
    const event = stripeObjects.event('checkout.session.completed', donation(coop, pi(), 4200), account);
    const before = { events: await count('stripe_events'), entries: await count('journal_entries') };
    const response = await deliver(event, options).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('webhook_signature_invalid');
    expect({ events: await count('stripe_events'), entries: await count('journal_entries') }).toEqual(before);
  });

  it('books one entry for twenty parallel deliveries of one event', async () => {
    const paymentIntent = pi();
    const event = stripeObjects.event('checkout.session.completed', donation(coop, paymentIntent, 1500), account);
    const before = { events: await count('stripe_events'), entries: await count('journal_entries') };
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(responses.every((r) => r.body.outcome === 'processed')).toBe(true);
    expect({ events: await count('stripe_events'), entries: await count('journal_entries') }).toEqual({ events: before.events + 1, entries: before.entries + 1 });
    expect(await linesOf(coop, `stripe:payment:${paymentIntent}`)).toHaveLength(2);
  });

  it('books a payment once when both `completed` and `async_payment_succeeded` report it, in either order', async () => {
    for (const order of [['checkout.session.completed', 'checkout.session.async_payment_succeeded'], ['checkout.session.async_payment_succeeded', 'checkout.session.completed']]) {
      const paymentIntent = pi();
      const session = donation(coop, paymentIntent, 3000);
      const events = order.map((type) => stripeObjects.event(type, session, account));
      const responses = await Promise.all(events.map((e) => deliver(e)));
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      expect(responses.map((r) => r.body.outcome).sort()).toEqual(['already_applied', 'processed']);
      expect(await linesOf(coop, `stripe:payment:${paymentIntent}`)).toEqual([
        { code: '1150', amountCents: 3000, memberId: null },
        { code: '8200', amountCents: -3000, memberId: null },
      ]);
    }
  });

  it('waits for an unpaid completed session, and records a failed delayed payment without booking', async () => {
    const paymentIntent = pi();
    const unpaid = { ...donation(coop, paymentIntent, 800), payment_status: 'unpaid' };
    const before = await count('journal_entries');
    const completed = stripeObjects.event('checkout.session.completed', unpaid, account);
    expect((await deliver(completed).expect(200)).body.outcome).toBe('ignored');
    const failed = stripeObjects.event('checkout.session.async_payment_failed', unpaid, account);
    expect((await deliver(failed).expect(200)).body.outcome).toBe('payment_failed');
    expect(await storedEvent(coop, failed.id)).toEqual({ type: 'checkout.session.async_payment_failed', outcome: 'payment_failed' });
    expect(await count('journal_entries')).toBe(before);
  });

  it('books an invoice payment against the member’s receivable, and its refund back, through the invoice payments', async () => {
    const paymentIntent = pi();
    const member = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Sanne', lastName: 'de Boer', email: 'sanne.deboer@example.nl', street: 'Walstraat', houseNumber: '9', postcode: '7411GK', city: 'Deventer' });
    const memberId = member.id;
    const treasurer = bearer(await coop.token('treasurer'));
    const invoices = `/api/v1/cooperatives/${coop.cooperativeId}/invoices`;
    const invoice = (await request(sut.url).post(invoices).set(treasurer).send({ memberId, lines: [{ description: 'Contributie 2027', amountCents: 3600, accountCode: '8000' }] }).expect(201)).body;
    const session = stripeObjects.checkoutSession({ paymentIntent, amount: 3600, metadata: { purpose: 'invoice', cooperative_id: coop.cooperativeId, invoice_id: invoice.id, member_id: memberId } });
    await deliver(stripeObjects.event('checkout.session.completed', session, account)).expect(200);
    expect((await request(sut.url).get(`${invoices}/${invoice.id}`).set(treasurer).expect(200)).body).toMatchObject({ status: 'paid', paidCents: 3600, payments: [{ method: 'stripe', amountCents: 3600 }] });
    expect(await linesOf(coop, `stripe:payment:${paymentIntent}`)).toEqual([
      { code: '1150', amountCents: 3600, memberId: null },
      { code: '1300', amountCents: -3600, memberId },
    ]);
    // A charge as current API versions send it, without its refunds: they are listed at Stripe.
    const charge = stripeObjects.charge({ paymentIntent, amount: 3600, amountRefunded: 3600 });
    const refund = stripeObjects.refund({ charge: charge.id, paymentIntent, amount: 3600 });
    fake.setChargeRefunds(charge.id, [refund]);
    await deliver(stripeObjects.event('charge.refunded', charge, account)).expect(200);
    expect(await linesOf(coop, `stripe:refund:${refund.id}`)).toEqual([
      { code: '1150', amountCents: -3600, memberId: null },
      { code: '1300', amountCents: 3600, memberId },
    ]);
    // The refund reopens the invoice.
    expect((await request(sut.url).get(`${invoices}/${invoice.id}`).set(treasurer).expect(200)).body).toMatchObject({ status: 'open', paidCents: 0, openCents: 3600 });
    const listed = fake.requests.filter((r) => r.path === '/v1/refunds');
    expect(listed.at(-1)).toMatchObject({ method: 'GET', query: { charge: charge.id }, stripeAccount: account });
  });

  it('books an event from a closed period on the first open day, rather than refusing it for ever', async () => {
    const closed = await connected('afgesloten');
    const through = new Date().toISOString().slice(0, 10);
    await request(sut.url).post(`/api/v1/cooperatives/${closed.coop.cooperativeId}/ledger/close`).set(bearer(await closed.coop.token('treasurer'))).send({ through }).expect(200);
    const paymentIntent = pi();
    await deliver(stripeObjects.event('checkout.session.completed', donation(closed.coop, paymentIntent, 1500), closed.account)).expect(200);
    const [entry] = await sut.database.dataSource.query(`SELECT to_char(entry_date, 'YYYY-MM-DD') AS day FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key = $2`, [
      closed.coop.cooperativeId,
      `stripe:payment:${paymentIntent}`,
    ]);
    expect(entry.day > through).toBe(true);
  });

  it('answers 409 to a refund that overtakes its payment, storing nothing, and books it when delivered again', async () => {
    const paymentIntent = pi();
    const charge = stripeObjects.charge({ paymentIntent, amount: 5000, amountRefunded: 2000, refunds: [] });
    const refund = stripeObjects.refund({ charge: charge.id, paymentIntent, amount: 2000 });
    const refunded = stripeObjects.event('charge.refunded', { ...charge, refunds: { ...charge.refunds, data: [refund] } }, account);
    const before = { events: await count('stripe_events'), entries: await count('journal_entries') };
    const early = await deliver(refunded).expect(409);
    expect(early.body.code).toBe('payment_not_yet_recorded');
    expect({ events: await count('stripe_events'), entries: await count('journal_entries') }).toEqual(before);

    await deliver(stripeObjects.event('checkout.session.completed', donation(coop, paymentIntent, 5000), account)).expect(200);
    expect((await deliver(refunded).expect(200)).body).toMatchObject({ outcome: 'processed', duplicate: false });
    expect(await linesOf(coop, `stripe:refund:${refund.id}`)).toEqual([
      { code: '1150', amountCents: -2000, memberId: null },
      { code: '8200', amountCents: 2000, memberId: null },
    ]);
    // A later charge.refunded lists the first refund again: only the new one is booked.
    const second = stripeObjects.refund({ charge: charge.id, paymentIntent, amount: 500 });
    const again = stripeObjects.event('charge.refunded', { ...charge, amount_refunded: 2500, refunds: { ...charge.refunds, data: [second, refund] } }, account);
    await deliver(again).expect(200);
    expect(await linesOf(coop, `stripe:refund:${second.id}`)).toHaveLength(2);
    expect(await linesOf(coop, `stripe:refund:${refund.id}`)).toHaveLength(2);
  });

  it('books a payout: D 1100 Bank, D 4200 Betaalkosten, C 1150 gross; the Stripe clearing account is back to zero', async () => {
    const { coop: other, account: otherAccount } = await connected('uitbetaling');
    const [first, second] = [pi(), pi()];
    await deliver(stripeObjects.event('checkout.session.completed', donation(other, first, 5000), otherAccount)).expect(200);
    await deliver(stripeObjects.event('checkout.session.completed', donation(other, second, 2000), otherAccount)).expect(200);
    const charge = stripeObjects.charge({ paymentIntent: first, amount: 5000, amountRefunded: 1000 });
    const refund = stripeObjects.refund({ charge: charge.id, paymentIntent: first, amount: 1000 });
    await deliver(stripeObjects.event('charge.refunded', { ...charge, refunds: { object: 'list', data: [refund], has_more: false } }, otherAccount)).expect(200);

    const payoutId = `po_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    fake.setPayoutTransactions(payoutId, [
      { type: 'payment', amount: 5000, fee: 100 },
      { type: 'payment', amount: 2000, fee: 55 },
      { type: 'refund', amount: -1000, fee: 0 },
    ]);
    const paid = stripeObjects.event('payout.paid', stripeObjects.payout({ id: payoutId, amount: 5845 }), otherAccount);
    expect((await deliver(paid).expect(200)).body.outcome).toBe('processed');
    expect(await linesOf(other, `stripe:payout:${payoutId}`)).toEqual([
      { code: '1100', amountCents: 5845, memberId: null },
      { code: '1150', amountCents: -6000, memberId: null },
      { code: '4200', amountCents: 155, memberId: null },
    ]);
    // Four transactions (with the payout's own) in pages of two, all on the cooperative's account.
    const pages = fake.requests.filter((r) => r.path === '/v1/balance_transactions' && r.query.payout === payoutId);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.every((r) => r.stripeAccount === otherAccount)).toBe(true);

    const trial = await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/ledger/trial-balance`).set(bearer(await other.token('treasurer'))).expect(200);
    const balance = (code: string) => trial.body.accounts.find((a: { code: string }) => a.code === code).balanceCents;
    expect({ clearing: balance('1150'), bank: balance('1100'), fees: balance('4200'), gifts: balance('8200') }).toEqual({ clearing: 0, bank: 5845, fees: 155, gifts: -6000 });
  });

  it('refuses to book a payout that does not match its balance transactions', async () => {
    const payoutId = `po_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    fake.setPayoutTransactions(payoutId, [{ type: 'payment', amount: 5000, fee: 100 }]);
    const before = await count('journal_entries');
    const paid = stripeObjects.event('payout.paid', stripeObjects.payout({ id: payoutId, amount: 9999 }), account);
    expect((await deliver(paid).expect(200)).body.outcome).toBe('payout_mismatch');
    expect(await storedEvent(coop, paid.id)).toEqual({ type: 'payout.paid', outcome: 'payout_mismatch' });
    expect(await count('journal_entries')).toBe(before);
  });

  it('ignores, storing nothing, events of an unknown or missing account', async () => {
    const before = { events: await count('stripe_events'), entries: await count('journal_entries') };
    for (const acct of ['acct_1UnknownToBuurtcoop', undefined]) {
      const event = stripeObjects.event('checkout.session.completed', donation(coop, pi(), 1000), acct);
      expect((await deliver(event).expect(200)).body).toEqual({ eventId: event.id, outcome: 'ignored', duplicate: false });
    }
    expect({ events: await count('stripe_events'), entries: await count('journal_entries') }).toEqual(before);
  });

  it('records other event types as ignored, and a session another cooperative’s metadata names as ignored', async () => {
    const other = stripeObjects.event('customer.created', { id: 'cus_Q1', object: 'customer' }, account);
    expect((await deliver(other).expect(200)).body.outcome).toBe('ignored');
    expect(await storedEvent(coop, other.id)).toEqual({ type: 'customer.created', outcome: 'ignored' });
    const before = await count('journal_entries');
    const foreign = stripeObjects.checkoutSession({ paymentIntent: pi(), amount: 1000, metadata: { purpose: 'donation', cooperative_id: randomUUID() } });
    expect((await deliver(stripeObjects.event('checkout.session.completed', foreign, account)).expect(200)).body.outcome).toBe('ignored');
    expect(await count('journal_entries')).toBe(before);
  });
});
