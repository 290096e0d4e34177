import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FakeStripe, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember, startFakeStripe } from '@buurtcoop/testing';

const STRIPE_ENV = (fake: FakeStripe) => ({ STRIPE_SECRET_KEY: 'sk_test_buurtcoopCheckout01', STRIPE_WEBHOOK_SECRET: 'whsec_buurtcoopCheckoutSecret01', STRIPE_API_URL: fake.url });

const person = (firstName: string, email: string) => ({ type: 'resident', role: 'consumer' as const, firstName, lastName: 'Jansen', email, street: 'Brink', houseNumber: '5', postcode: '7411BT', city: 'Deventer' });

describe('Stripe payments: settings and donation checkout', () => {
  let fake: FakeStripe;
  let sut: TestApp;
  let coop: TestCooperative;
  let treasurer: { authorization: string };
  const account = `acct_1${randomUUID().replace(/-/g, '').slice(0, 15)}`;

  beforeAll(async () => {
    fake = await startFakeStripe();
    sut = await createTestApp({ env: STRIPE_ENV(fake) });
    coop = await createTestCooperative(sut, 'doneren');
    treasurer = bearer(await coop.token('treasurer'));
  });
  afterAll(async () => {
    await sut.close();
    await fake.close();
  });

  const settings = `/api/v1/cooperatives/${'{id}'}/payments/stripe`;
  const settingsOf = (c: TestCooperative) => settings.replace('{id}', c.cooperativeId);
  const checkout = (body: object, key?: string) => {
    const call = request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/donations/checkout`);
    return (key ? call.set('idempotency-key', key) : call).send(body);
  };
  const gift = { amountCents: 2500, donorName: 'Fatima el Amrani', email: 'fatima@example.nl', message: 'Voor de boodschappendienst' };

  it('lets the treasurer record the connected account, audited; the board reads it; others may not', async () => {
    const before = await request(sut.url).get(settingsOf(coop)).set(treasurer).expect(200);
    expect(before.body).toMatchObject({ accountId: null, stripeConfigured: true, webhookUrl: expect.stringMatching(/\/api\/v1\/stripe\/webhooks$/) });
    await request(sut.url).put(settingsOf(coop)).set(bearer(await coop.token('board'))).send({ accountId: account }).expect(403);
    await request(sut.url).get(settingsOf(coop)).set(bearer(await coop.token('member'))).expect(403);
    const bad = await request(sut.url).put(settingsOf(coop)).set(treasurer).send({ accountId: 'acct-12' }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'accountId', messages: [expect.stringContaining('acct_')] }]);

    const set = await request(sut.url).put(settingsOf(coop)).set(treasurer).send({ accountId: account }).expect(200);
    expect(set.body).toMatchObject({ accountId: account, stripeConfigured: true, updatedAt: expect.any(String) });
    expect((await request(sut.url).get(settingsOf(coop)).set(bearer(await coop.token('board'))).expect(200)).body.accountId).toBe(account);
    const audit = await sut.database.dataSource.query(`SELECT actor_user_id, details FROM audit_events WHERE cooperative_id = $1 AND action = 'payments.stripe_account.set'`, [coop.cooperativeId]);
    expect(audit).toEqual([{ actor_user_id: coop.users.treasurer.id, details: { accountId: account, previous: null } }]);
  });

  it('refuses an account another cooperative has: events are routed by it', async () => {
    const other = await createTestCooperative(sut, 'ander');
    const taken = await request(sut.url).put(settingsOf(other)).set(bearer(await other.token('treasurer'))).send({ accountId: account }).expect(409);
    expect(taken.body.code).toBe('stripe_account_taken');
  });

  it('creates a Checkout Session on the cooperative’s account: amount, EUR, iDEAL and card, metadata, idempotency key', async () => {
    const response = await checkout(gift, 'gift-attempt-0001').expect(200);
    expect(response.body).toEqual({ url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/) });
    const sent = fake.requests.at(-1);
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/v1/checkout/sessions',
      stripeAccount: account,
      idempotencyKey: `donation:${coop.cooperativeId}:gift-attempt-0001`,
      body: {
        mode: 'payment',
        allowed_payment_method_types: ['ideal', 'card'],
        line_items: [{ quantity: '1', price_data: { currency: 'eur', unit_amount: '2500', product_data: { name: expect.stringContaining('Gift aan') } } }],
        customer_email: 'fatima@example.nl',
        metadata: { purpose: 'donation', cooperative_id: coop.cooperativeId, donor_name: 'Fatima el Amrani', message: 'Voor de boodschappendienst' },
        payment_intent_data: { metadata: { purpose: 'donation', cooperative_id: coop.cooperativeId } },
      },
    });
    // The same client key again: the same payment page, not a second session.
    expect((await checkout(gift, 'gift-attempt-0001').expect(200)).body.url).toBe(response.body.url);
  });

  it('lets a member pay what is open on their own invoice by iDEAL or card, and nothing on a paid or someone else’s invoice', async () => {
    const member = await enrolMember(sut, coop, person('Ilse', 'ilse.jansen@example.nl'));
    const other = await enrolMember(sut, coop, person('Joost', 'joost.jansen@example.nl'));
    const invoices = `/api/v1/cooperatives/${coop.cooperativeId}/invoices`;
    const invoice = (await request(sut.url).post(invoices).set(treasurer).send({ memberId: member.id, lines: [{ description: 'Contributie 2027', amountCents: 3600, accountCode: '8000' }] }).expect(201)).body;
    await request(sut.url).post(`${invoices}/${invoice.id}/payments`).set(treasurer).send({ amountCents: 1000, paidOn: '2026-11-20', idempotencyKey: 'bank-ilse-1' }).expect(200);
    const pay = (id: string, token: string) => request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/me/invoices/${id}/checkout`).set(bearer(token));

    const response = await pay(invoice.id, member.accessToken).expect(200);
    expect(response.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/checkout/sessions',
      stripeAccount: account,
      idempotencyKey: `invoice-checkout:${coop.cooperativeId}:${invoice.id}:2600`,
      body: {
        line_items: [{ price_data: { currency: 'eur', unit_amount: '2600', product_data: { name: `Factuur ${invoice.number}` } } }],
        customer_email: 'ilse.jansen@example.nl',
        metadata: { purpose: 'invoice', cooperative_id: coop.cooperativeId, invoice_id: invoice.id, member_id: member.id },
      },
    });
    await pay(invoice.id, other.accessToken).expect(404);
    await request(sut.url).post(`${invoices}/${invoice.id}/payments`).set(treasurer).send({ amountCents: 2600, paidOn: '2026-11-21', idempotencyKey: 'bank-ilse-2' }).expect(200);
    expect((await pay(invoice.id, member.accessToken).expect(409)).body.code).toBe('invoice_not_payable');
  });

  it('takes the amount in euros as typed, and gives each attempt without a key its own idempotency key', async () => {
    await checkout({ ...gift, amountCents: undefined, amount: '12,50' }).expect(200);
    await checkout({ ...gift, amountCents: undefined, amount: '12,50' }).expect(200);
    const [a, b] = fake.requests.slice(-2);
    expect(a.body).toMatchObject({ line_items: [{ price_data: { unit_amount: '1250' } }] });
    expect(a.idempotencyKey).toMatch(new RegExp(`^donation:${coop.cooperativeId}:[0-9a-f-]{36}$`));
    expect(b.idempotencyKey).not.toBe(a.idempotencyKey);
  });

  it.each(['server_error', 'drop'] as const)('retries a write Stripe failed (%s) with the same idempotency key, and still answers with the page', async (how) => {
    const seen = fake.requests.length;
    fake.failNext(1, how);
    const response = await checkout(gift, `retry-${how}-0001`).expect(200);
    expect(response.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const attempts = fake.requests.slice(seen);
    expect(attempts.map((r) => r.failedWith)).toEqual([how, undefined]);
    expect(attempts.map((r) => r.idempotencyKey)).toEqual([`donation:${coop.cooperativeId}:retry-${how}-0001`, `donation:${coop.cooperativeId}:retry-${how}-0001`]);
  });

  it('answers 502 when Stripe keeps failing, after its retries', async () => {
    const seen = fake.requests.length;
    fake.failNext(3);
    const response = await checkout(gift, 'retry-give-up-0001').expect(502);
    expect(response.body.code).toBe('payment_provider_failed');
    expect(fake.requests.length - seen).toBe(3);
  });

  it.each([
    ['99 cents', { amountCents: 99 }, 422, 'amount_out_of_range'],
    ['more than €10.000', { amountCents: undefined, amount: '10.000,01' }, 422, 'amount_out_of_range'],
    ['both amounts', { amount: '25' }, 422, 'amount_out_of_range'],
    ['an amount that is not one', { amountCents: undefined, amount: '€ 25' }, 422, 'amount_out_of_range'],
    ['a bad e-mail address', { email: 'fatima' }, 400, 'validation_failed'],
    ['no donor name', { donorName: undefined }, 400, 'validation_failed'],
  ])('refuses %s without calling Stripe', async (_, change, status, code) => {
    const seen = fake.requests.length;
    const response = await checkout({ ...gift, ...change }).expect(status);
    expect(response.body.code).toBe(code);
    expect(fake.requests.length).toBe(seen);
  });

  it('refuses a malformed Idempotency-Key, and a cooperative without an account', async () => {
    expect((await checkout(gift, 'no spaces allowed!').expect(400)).body.code).toBe('idempotency_key_invalid');
    const other = await createTestCooperative(sut, 'zonderstripe');
    const response = await request(sut.url).post(`/api/v1/cooperatives/${other.cooperativeId}/donations/checkout`).send(gift).expect(409);
    expect(response.body.code).toBe('stripe_account_missing');
    await request(sut.url).post(`/api/v1/cooperatives/${randomUUID()}/donations/checkout`).send(gift).expect(404);
  });
});

describe('Stripe payments without STRIPE_SECRET_KEY', () => {
  let sut: TestApp;
  let coop: TestCooperative;

  beforeAll(async () => {
    sut = await createTestApp({ env: { DONATION_RATE_PER_HOUR: '2' } });
    coop = await createTestCooperative(sut, 'zonderkeys');
  });
  afterAll(() => sut.close());

  it('answers 503 payments_not_configured, pointing to SEPA direct debit and bank transfer; everything else works', async () => {
    const treasurer = bearer(await coop.token('treasurer'));
    const gift = { amountCents: 2500, donorName: 'Jan de Vries', email: 'jan@example.nl' };
    const response = await request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/donations/checkout`).send(gift).expect(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 503, code: 'payments_not_configured', detail: expect.stringMatching(/not configured.*SEPA direct debit.*bank transfer.*payment reference/s) });
    const webhook = await request(sut.url).post('/api/v1/stripe/webhooks').set('stripe-signature', 't=1,v1=00').send({ id: 'evt_1' }).expect(503);
    expect(webhook.body.code).toBe('payments_not_configured');

    const settings = await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/payments/stripe`).set(treasurer).expect(200);
    expect(settings.body).toMatchObject({ accountId: null, stripeConfigured: false });
    await request(sut.url).put(`/api/v1/cooperatives/${coop.cooperativeId}/payments/stripe`).set(treasurer).send({ accountId: 'acct_1NoKeysYetButRecorded' }).expect(200);
    await request(sut.url).get(`/api/v1/cooperatives/${coop.cooperativeId}/ledger/accounts`).set(treasurer).expect(200);
  });

  it('looks the member’s invoice up before refusing: someone else’s or nobody’s is 404, their own open one 503', async () => {
    const member = await enrolMember(sut, coop, person('Sanne', 'sanne.jansen@example.nl'));
    const other = await enrolMember(sut, coop, person('Sem', 'sem.jansen@example.nl'));
    const invoices = `/api/v1/cooperatives/${coop.cooperativeId}/invoices`;
    const invoice = (await request(sut.url).post(invoices).set(bearer(await coop.token('treasurer'))).send({ memberId: member.id, lines: [{ description: 'Contributie 2027', amountCents: 3600, accountCode: '8000' }] }).expect(201)).body;
    const pay = (id: string, token: string) => request(sut.url).post(`/api/v1/cooperatives/${coop.cooperativeId}/me/invoices/${id}/checkout`).set(bearer(token));
    for (const refused of [await pay(invoice.id, other.accessToken).expect(404), await pay(randomUUID(), member.accessToken).expect(404)]) {
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'invoice_not_found', detail: 'Invoice was not found' });
    }
    expect((await pay(invoice.id, member.accessToken).expect(503)).body.code).toBe('payments_not_configured');
  });

  it('limits donation attempts per client address (DONATION_RATE_PER_HOUR)', async () => {
    const gift = { amountCents: 2500, donorName: 'Jan de Vries', email: 'jan@example.nl' };
    const path = `/api/v1/cooperatives/${coop.cooperativeId}/donations/checkout`;
    // The first test made one attempt from this address; the limit is two an hour.
    await request(sut.url).post(path).send(gift).expect(503);
    expect((await request(sut.url).post(path).send(gift).expect(429)).body.code).toBe('too_many_requests');
  });
});
