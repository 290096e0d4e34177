import { randomUUID } from 'node:crypto';
import request from 'supertest';
import Stripe from 'stripe';
import { Clock, UnitOfWork, asCooperativeId, formatDecimalCents } from '@buurtcoop/core';
import { FundsService } from '@buurtcoop/finance';
import { FakeStripe, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, extractPdfText, startFakeStripe, stripeObjects } from '@buurtcoop/testing';

const WEBHOOK_SECRET = 'whsec_buurtcoopDonationsSecret0123';
const signer = new Stripe('sk_test_signingonly0000');
const COOP_IBAN = 'NL63TRIO0212345678';
const STRANGER_IBAN = 'NL67INGB0006543210';
const DONOR_IBAN = 'NL43TRIO0197654321';

const euros = (cents: number) => formatDecimalCents(Math.abs(cents));
/** `€ 1.234,56`, written out independently of the product's formatter. */
const dutchEuros = (cents: number) => {
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${whole},${String(cents % 100).padStart(2, '0')}`;
};
const binary = (r: request.Test) =>
  r.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
/** The fields a problem document names. */
const fieldsOf = (r: request.Response) => ((r.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
const pdfText = (r: request.Response) => extractPdfText(r.body as Buffer).all;

/** A CAMT.053 statement of the cooperative's account with incoming transfers. */
function camt(id: string, lines: Array<{ cents: number; date: string; name: string; iban: string; text: string }>): string {
  const total = lines.reduce((sum, l) => sum + l.cents, 0);
  const first = lines[0].date;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>${id}</MsgId><CreDtTm>${first}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${id}</Id><CreDtTm>${first}T18:00:00</CreDtTm><Acct><Id><IBAN>${COOP_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${first}</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(total)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${lines.at(-1)?.date}</Dt></Dt></Bal>
${lines
  .map(
    (l, n) => `<Ntry><Amt Ccy="EUR">${euros(l.cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${l.date}</Dt></BookgDt><ValDt><Dt>${l.date}</Dt></ValDt><AcctSvcrRef>${id}-${n}</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${l.name}</Nm></Dbtr><DbtrAcct><Id><IBAN>${l.iban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>${l.text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
  )
  .join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
}

describe('Donors and donations', () => {
  let fake: FakeStripe;
  let sut: TestApp;
  let clock: Clock;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  let stripeAccount: string;
  const funds: Record<'open' | 'closed' | 'later', string> = { open: '', closed: '', later: '' };

  const db = (sql: string, params: unknown[] = []) => sut.database.dataSource.query(sql, params);
  const count = async (table: 'donors' | 'donations' | 'journal_entries' | 'donation_pledges') => (await db(`SELECT count(*)::int AS n FROM ${table} WHERE cooperative_id = $1`, [coop.cooperativeId]))[0].n as number;
  const counts = async () => ({ donors: await count('donors'), donations: await count('donations'), entries: await count('journal_entries'), pledges: await count('donation_pledges') });
  const linesOf = (idempotencyKey: string) =>
    db(
      `SELECT a.code, l.amount_cents::int AS "amountCents", l.fund_id AS "fundId"
         FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
        WHERE e.cooperative_id = $1 AND e.idempotency_key = $2 ORDER BY a.code`,
      [coop.cooperativeId, idempotencyKey],
    );
  const createDonor = async (body: Record<string, unknown>) => (await request(sut.url).post(`${base}/donors`).set(treasurer).send(body).expect(201)).body;
  const give = (donorId: string, body: Record<string, unknown>) => request(sut.url).post(`${base}/donors/${donorId}/donations`).set(treasurer).send(body);
  const upload = (xml: string) => request(sut.url).post(`${base}/bank-statements`).set(treasurer).attach('file', Buffer.from(xml), 'afschrift.xml').expect(200);
  const openLines = async () => (await request(sut.url).get(`${base}/statement-lines?status=unmatched`).set(treasurer).expect(200)).body.items as Array<{ id: string; counterpartyIban: string; amountCents: number }>;

  beforeAll(async () => {
    fake = await startFakeStripe();
    sut = await createTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_buurtcoopDonations01', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url } });
    clock = sut.app.get(Clock);
    clock.setTo(new Date('2027-06-15T10:00:00+02:00'));
    coop = await createTestCooperative(sut, 'giften');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    await request(sut.url)
      .patch(`${base}/profile`)
      .set(bearer(await coop.token('board')))
      .send({ kvkNumber: '12345678', street: 'Brink', houseNumber: '1', postcode: '7411BR', city: 'Deventer', iban: 'NL91ABNA0417164300' })
      .expect(200);
    stripeAccount = `acct_1${randomUUID().replace(/-/g, '').slice(0, 15)}`;
    await request(sut.url).put(`${base}/payments/stripe`).set(treasurer).send({ accountId: stripeAccount }).expect(200);
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    const fundsService = sut.app.get(FundsService);
    const open = (code: string, startsOn: string, endsOn: string) =>
      sut.app.get(UnitOfWork).run({ cooperativeId }, () =>
        fundsService.create(null, cooperativeId, { code, name: `Fonds ${code}`, purpose: `Doel van ${code}`, funderKind: 'foundation', restricted: true, startsOn, endsOn, budgetCents: 1_000_000 }),
      );
    funds.open = (await open('BOOD-2027', '2027-01-01', '2027-12-31')).id;
    funds.closed = (await open('OUD-2027', '2027-01-01', '2027-12-31')).id;
    funds.later = (await open('ZON-2028', '2028-01-01', '2028-12-31')).id;
    await db(`UPDATE funds SET status = 'closed' WHERE cooperative_id = $1 AND id = $2`, [coop.cooperativeId, funds.closed]);
  });
  afterAll(async () => {
    clock.setTo(new Date());
    await sut.close();
    await fake.close();
  });

  describe('donors', () => {
    it('registers a donor with a normalised IBAN, shows it whole on the donor and masked in the list, searches and pages', async () => {
      const bakery = await createDonor({ kind: 'company', name: 'Bakkerij De Korenschoof', contactPerson: 'Anouk Jansen', email: 'Info@Korenschoof.example', street: 'Brink 12', postcode: '7411br', city: 'Deventer', iban: 'nl81 rabo 0312 3456 78', publicConsent: true });
      expect(bakery).toMatchObject({ kind: 'company', name: 'Bakkerij De Korenschoof', email: 'info@korenschoof.example', postcode: '7411BR', iban: 'NL81 RABO 0312 3456 78', publicConsent: true });
      expect((await db(`SELECT iban FROM donors WHERE id = $1`, [bakery.id]))[0].iban).toBe('NL81RABO0312345678');
      await createDonor({ kind: 'housing_corporation', name: 'IJsselwonen', contactPerson: 'R. Bulten' });
      await createDonor({ kind: 'foundation', name: 'Oranje Fonds' });

      const found = (await request(sut.url).get(`${base}/donors?q=korensch`).set(treasurer).expect(200)).body;
      expect(found.total).toBe(1);
      expect(found.items[0]).toMatchObject({ id: bakery.id, iban: 'NL** **** **** **56 78' });
      const page = (await request(sut.url).get(`${base}/donors?pageSize=2&page=2`).set(treasurer).expect(200)).body;
      expect(page.total).toBe(3);
      expect(page.items.map((d: { name: string }) => d.name)).toEqual(['Oranje Fonds']);

      const changed = (await request(sut.url).patch(`${base}/donors/${bakery.id}`).set(treasurer).send({ contactPerson: 'Piet Jansen', publicConsent: false }).expect(200)).body;
      expect(changed).toMatchObject({ contactPerson: 'Piet Jansen', publicConsent: false, name: 'Bakkerij De Korenschoof' });
      expect((await request(sut.url).get(`${base}/donors/${bakery.id}`).set(treasurer).expect(200)).body.contactPerson).toBe('Piet Jansen');
    });

    it('refuses a bad IBAN, a taken e-mail and an unknown member, naming the field, and stores nothing', async () => {
      const before = await counts();
      const badIban = await request(sut.url).post(`${base}/donors`).set(treasurer).send({ kind: 'person', name: 'Jan Pietersen', iban: 'NL91ABNA0417164301' });
      expect(badIban.status).toBe(400);
      expect(badIban.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(badIban)).toEqual(['iban']);
      const taken = await request(sut.url).post(`${base}/donors`).set(treasurer).send({ kind: 'person', name: 'Anouk', email: 'INFO@korenschoof.example' }).expect(409);
      expect(fieldsOf(taken)).toEqual(['email']);
      const member = await request(sut.url).post(`${base}/donors`).set(treasurer).send({ kind: 'person', name: 'Jan', memberId: randomUUID() }).expect(422);
      expect(fieldsOf(member)).toEqual(['memberId']);
      const kind = await request(sut.url).post(`${base}/donors`).set(treasurer).send({ kind: 'bank', name: 'Jan' }).expect(400);
      expect(fieldsOf(kind)).toEqual(['kind']);
      expect(await counts()).toEqual(before);
    });

    it('shows donors only to the board and the treasurer, and never another cooperative’s', async () => {
      const donor = await createDonor({ kind: 'person', name: 'Geheime Gever' });
      await request(sut.url).get(`${base}/donors`).set(bearer(await coop.token('member'))).expect(403);
      await request(sut.url).get(`${base}/donors/${donor.id}`).set(bearer(await coop.token('coordinator'))).expect(403);
      await request(sut.url).get(`${base}/donors/${donor.id}`).set(bearer(await coop.token('board'))).expect(200);
      const other = await createTestCooperative(sut, 'anders');
      const otherBase = `/api/v1/cooperatives/${other.cooperativeId}`;
      const otherTreasurer = bearer(await other.token('treasurer'));
      await request(sut.url).get(`${otherBase}/donors/${donor.id}`).set(otherTreasurer).expect(404);
      await request(sut.url).post(`${otherBase}/donors/${donor.id}/donations`).set(otherTreasurer).send({ amountCents: 1000, receivedOn: '2027-06-01', channel: 'cash' }).expect(404);
      expect([403, 404]).toContain((await request(sut.url).get(`${base}/donors/${donor.id}`).set(otherTreasurer)).status);
      expect((await request(sut.url).get(`${otherBase}/donors`).set(otherTreasurer).expect(200)).body.total).toBe(0);
    });
  });

  describe('donations by hand', () => {
    let donor: { id: string };
    beforeAll(async () => {
      donor = await createDonor({ kind: 'person', name: 'Fatima el Amrani', email: 'fatima@example.nl', street: 'Hoge Hondstraat 41', postcode: '7412 BD', city: 'Deventer' });
    });

    it('books a transfer D 1100 Bank / C 8200 Giften with the fund on the income line, under donation:<id>', async () => {
      const gift = (await give(donor.id, { amountCents: 25_000, receivedOn: '2027-03-14', channel: 'bank_transfer', fundId: funds.open }).expect(201)).body;
      expect(gift).toMatchObject({ donorId: donor.id, amountCents: 25_000, receivedOn: '2027-03-14', channel: 'bank_transfer', status: 'received', fund: { id: funds.open, code: 'BOOD-2027' } });
      expect(await linesOf(`donation:${gift.id}`)).toEqual([
        { code: '1100', amountCents: 25_000, fundId: null },
        { code: '8200', amountCents: -25_000, fundId: funds.open },
      ]);
      const entry = (await db(`SELECT id FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key = $2`, [coop.cooperativeId, `donation:${gift.id}`]))[0];
      expect(gift.entryId).toBe(entry.id);
    });

    it('books cash on 1100 Bank too', async () => {
      const gift = (await give(donor.id, { amountCents: 1_250, receivedOn: '2027-04-02', channel: 'cash' }).expect(201)).body;
      expect(await linesOf(`donation:${gift.id}`)).toEqual([
        { code: '1100', amountCents: 1_250, fundId: null },
        { code: '8200', amountCents: -1_250, fundId: null },
      ]);
    });

    it.each([
      ['a negative amount', { amountCents: -500, receivedOn: '2027-03-14', channel: 'cash' }, 400, 'amountCents'],
      ['no date', { amountCents: 500, channel: 'cash' }, 400, 'receivedOn'],
      ['a Stripe gift by hand', { amountCents: 500, receivedOn: '2027-03-14', channel: 'stripe' }, 400, 'channel'],
      ['a closed fund', { amountCents: 500, receivedOn: '2027-03-14', channel: 'cash', fundId: 'closed' }, 409, 'fundId'],
      ['a date outside the fund’s period', { amountCents: 500, receivedOn: '2027-03-14', channel: 'cash', fundId: 'later' }, 422, 'fundId'],
      ['an unknown fund', { amountCents: 500, receivedOn: '2027-03-14', channel: 'cash', fundId: randomUUID() }, 404, 'fundId'],
      ['an unknown pledge', { amountCents: 500, receivedOn: '2027-03-14', channel: 'cash', pledgeId: randomUUID() }, 404, 'pledgeId'],
      ['a day after today', { amountCents: 500, receivedOn: '2027-06-16', channel: 'cash' }, 422, 'receivedOn'],
    ])('refuses %s, naming the field, and stores nothing', async (_, body, status, field) => {
      const before = await counts();
      const fundId = (body as { fundId?: string }).fundId;
      const sent = { ...body, ...(fundId === 'closed' || fundId === 'later' ? { fundId: funds[fundId] } : {}) };
      const response = await give(donor.id, sent).expect(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(response)).toEqual([field]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a gift for an unknown donor with 404 and stores nothing', async () => {
      const before = await counts();
      await give(randomUUID(), { amountCents: 500, receivedOn: '2027-03-14', channel: 'cash' }).expect(404);
      expect(await counts()).toEqual(before);
    });

    it('cancels a gift with a reversal entry, once, with a reason; the ledger stays balanced and the gift is kept', async () => {
      const gift = (await give(donor.id, { amountCents: 4_000, receivedOn: '2027-05-01', channel: 'bank_transfer' }).expect(201)).body;
      await request(sut.url).post(`${base}/donations/${gift.id}/cancel`).set(treasurer).send({}).expect(400);
      const cancelled = (await request(sut.url).post(`${base}/donations/${gift.id}/cancel`).set(treasurer).send({ reason: 'Dubbel ingevoerd' }).expect(200)).body;
      expect(cancelled).toMatchObject({ id: gift.id, status: 'cancelled', cancelReason: 'Dubbel ingevoerd' });
      expect(await linesOf(`reversal:${gift.entryId}`)).toEqual([
        { code: '1100', amountCents: -4_000, fundId: null },
        { code: '8200', amountCents: 4_000, fundId: null },
      ]);
      await request(sut.url).post(`${base}/donations/${gift.id}/cancel`).set(treasurer).send({ reason: 'Nog eens' }).expect(409);
      expect((await db(`SELECT count(*)::int AS n FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key = $2`, [coop.cooperativeId, `reversal:${gift.entryId}`]))[0].n).toBe(1);
      const [balance] = await db(`SELECT coalesce(sum(amount_cents), 0)::int AS total FROM journal_lines WHERE cooperative_id = $1`, [coop.cooperativeId]);
      expect(balance.total).toBe(0);
      expect(await db(`SELECT action FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 AND action = 'donation.cancel'`, [coop.cooperativeId, gift.id])).toHaveLength(1);
    });
  });

  describe('donations from the bank statement', () => {
    it('records a gift from a worklist line: booked once on 8200 with the fund, the line’s amount and date, the donor’s IBAN; a second attempt is refused', async () => {
      const donor = await createDonor({ kind: 'foundation', name: 'Stichting Deventer Doet' });
      await upload(camt('STMT-LINE-1', [{ cents: 75_000, date: '2027-06-10', name: 'Stichting Deventer Doet', iban: STRANGER_IBAN, text: 'Bijdrage boodschappendienst' }]));
      const line = (await openLines()).find((l) => l.counterpartyIban === STRANGER_IBAN) as { id: string };
      expect(line).toBeDefined();

      const gift = (await give(donor.id, { statementLineId: line.id, fundId: funds.open }).expect(201)).body;
      expect(gift).toMatchObject({ amountCents: 75_000, receivedOn: '2027-06-10', channel: 'bank_transfer', statementLineId: line.id, fund: { id: funds.open } });
      expect(await linesOf(`statement-line:${line.id}`)).toEqual([
        { code: '1100', amountCents: 75_000, fundId: null },
        { code: '8200', amountCents: -75_000, fundId: funds.open },
      ]);
      expect((await request(sut.url).get(`${base}/donors/${donor.id}`).set(treasurer).expect(200)).body.iban).toBe('NL67 INGB 0006 5432 10');

      const before = await counts();
      const again = await give(donor.id, { statementLineId: line.id }).expect(409);
      expect(again.body.code).toBe('statement_line_not_open');
      const withAmount = await give(donor.id, { statementLineId: line.id, amountCents: 100 }).expect(400);
      expect(fieldsOf(withAmount)).toEqual(['amountCents']);
      expect(await counts()).toEqual(before);

      // Cancelling undoes the line's booking: the line is back on the worklist.
      await request(sut.url).post(`${base}/donations/${gift.id}/cancel`).set(treasurer).send({ reason: 'Was een terugbetaling, geen gift' }).expect(200);
      expect((await openLines()).map((l) => l.id)).toContain(line.id);
      const [balance] = await db(`SELECT coalesce(sum(l.amount_cents), 0)::int AS total FROM journal_lines l JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id WHERE l.cooperative_id = $1 AND a.code = '8200' AND l.fund_id = $2 AND l.amount_cents IN (75000, -75000)`, [coop.cooperativeId, funds.open]);
      expect(balance.total).toBe(0);
    });

    it('records a line once when two treasurers take it at the same time', async () => {
      const donor = await createDonor({ kind: 'company', name: 'Drukkerij Salland' });
      await upload(camt('STMT-RACE-1', [{ cents: 33_300, date: '2027-06-12', name: 'Drukkerij Salland', iban: 'NL46ABNA0555444333', text: 'Sponsoring' }]));
      const line = (await openLines()).find((l) => l.counterpartyIban === 'NL46ABNA0555444333') as { id: string };
      const responses = await Promise.all([give(donor.id, { statementLineId: line.id }), give(donor.id, { statementLineId: line.id })]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await linesOf(`statement-line:${line.id}`)).toHaveLength(2);
      expect((await request(sut.url).get(`${base}/donors/${donor.id}/donations`).set(treasurer).expect(200)).body).toHaveLength(1);
    });

    it('records a registered donor’s transfer as their donation on import, once, even without an earlier match', async () => {
      const donor = await createDonor({ kind: 'person', name: 'Kees Hofman', iban: DONOR_IBAN });
      const xml = camt('STMT-DONOR-1', [{ cents: 2_000, date: '2027-06-11', name: 'K HOFMAN', iban: DONOR_IBAN, text: 'Gift juni' }]);
      const imported = (await upload(xml)).body;
      expect(imported.byKind.donation).toBe(1);
      const gifts = (await request(sut.url).get(`${base}/donors/${donor.id}/donations`).set(treasurer).expect(200)).body;
      expect(gifts).toHaveLength(1);
      expect(gifts[0]).toMatchObject({ amountCents: 2_000, receivedOn: '2027-06-11', channel: 'bank_transfer', status: 'received' });
      expect(await linesOf(`statement-line:${gifts[0].statementLineId}`)).toEqual([
        { code: '1100', amountCents: 2_000, fundId: null },
        { code: '8200', amountCents: -2_000, fundId: null },
      ]);
      await upload(xml);
      expect((await request(sut.url).get(`${base}/donors/${donor.id}/donations`).set(treasurer).expect(200)).body).toHaveLength(1);
    });
  });

  describe('Stripe', () => {
    const deliver = (event: object) => {
      const payload = JSON.stringify(event);
      const header = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
      return request(sut.url).post('/api/v1/stripe/webhooks').set('content-type', 'application/json').set('stripe-signature', header).send(payload);
    };
    const paid = (paymentIntent: string, amount: number, metadata: Record<string, string>) => {
      const event = stripeObjects.event('checkout.session.completed', stripeObjects.checkoutSession({ paymentIntent, amount, metadata }), stripeAccount);
      return { ...event, created: Math.floor(clock.now().getTime() / 1000) };
    };
    const pi = () => `pi_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

    it('passes the earmark and the donor to the checkout session, and refuses a closed fund or an unknown donor', async () => {
      const donor = await createDonor({ kind: 'person', name: 'Sanne de Boer', email: 'sanne@example.nl' });
      const checkout = (body: Record<string, unknown>) => request(sut.url).post(`${base}/donations/checkout`).send({ amountCents: 2_500, donorName: 'Sanne de Boer', email: 'sanne@example.nl', ...body });
      await checkout({ fundId: funds.open, donorId: donor.id }).expect(200);
      expect(fake.requests.at(-1)?.body).toMatchObject({ metadata: { purpose: 'donation', fund_id: funds.open, donor_id: donor.id } });
      const sent = fake.requests.length;
      expect(fieldsOf(await checkout({ fundId: funds.closed }).expect(409))).toEqual(['fundId']);
      expect(fieldsOf(await checkout({ donorId: randomUUID() }).expect(404))).toEqual(['donorId']);
      expect(fake.requests.length).toBe(sent);
    });

    it('books a paid earmarked gift with the fund on the income line and records it for the payer, registered once by e-mail', async () => {
      const meta = { purpose: 'donation', cooperative_id: coop.cooperativeId, donor_name: 'Donateur Onbekend', fund_id: funds.open };
      const first = pi();
      expect((await deliver(paid(first, 3_000, meta)).expect(200)).body.outcome).toBe('processed');
      expect(await linesOf(`stripe:payment:${first}`)).toEqual([
        { code: '1150', amountCents: 3_000, fundId: null },
        { code: '8200', amountCents: -3_000, fundId: funds.open },
      ]);
      const second = pi();
      await deliver(paid(second, 1_000, { ...meta, fund_id: undefined as unknown as string })).expect(200);
      const donors = await db(`SELECT id, kind, name FROM donors WHERE cooperative_id = $1 AND lower(email) = 'donateur@example.nl'`, [coop.cooperativeId]);
      expect(donors).toEqual([{ id: expect.any(String), kind: 'person', name: 'Donateur Onbekend' }]);
      const gifts = (await request(sut.url).get(`${base}/donors/${donors[0].id}/donations`).set(treasurer).expect(200)).body;
      expect(gifts.map((g: { amountCents: number; channel: string; fund: { id: string } | null }) => [g.amountCents, g.channel, g.fund?.id ?? null]).sort()).toEqual([
        [1_000, 'stripe', null],
        [3_000, 'stripe', funds.open],
      ]);
      // A Stripe gift is refunded in Stripe, not cancelled here.
      await request(sut.url).post(`${base}/donations/${gifts[0].id}/cancel`).set(treasurer).send({ reason: 'Foutje' }).expect(409);
    });

    it('takes a refunded gift off its fund, and out of the register once it is refunded in full', async () => {
      const donor = await createDonor({ kind: 'person', name: 'Teun Veldkamp', email: 'teun@example.nl' });
      const paymentIntent = pi();
      await deliver(paid(paymentIntent, 4_000, { purpose: 'donation', cooperative_id: coop.cooperativeId, donor_name: 'Teun', donor_id: donor.id, fund_id: funds.open })).expect(200);
      const charge = stripeObjects.charge({ paymentIntent, amount: 4_000, amountRefunded: 1_500 });
      const part = stripeObjects.refund({ charge: charge.id, paymentIntent, amount: 1_500 });
      const refunded = (refunds: object[], amountRefunded: number) => ({
        ...stripeObjects.event('charge.refunded', { ...charge, amount_refunded: amountRefunded, refunds: { object: 'list', data: refunds, has_more: false } }, stripeAccount),
        created: Math.floor(clock.now().getTime() / 1000),
      });
      await deliver(refunded([part], 1_500)).expect(200);
      expect(await linesOf(`stripe:refund:${part.id}`)).toEqual([
        { code: '1150', amountCents: -1_500, fundId: null },
        { code: '8200', amountCents: 1_500, fundId: funds.open },
      ]);
      const gift = () => request(sut.url).get(`${base}/donors/${donor.id}/donations`).set(treasurer).expect(200);
      expect((await gift()).body).toEqual([expect.objectContaining({ amountCents: 4_000, status: 'received' })]);
      const rest = stripeObjects.refund({ charge: charge.id, paymentIntent, amount: 2_500 });
      await deliver(refunded([rest, part], 4_000)).expect(200);
      expect((await gift()).body).toEqual([expect.objectContaining({ status: 'cancelled', cancelReason: expect.stringContaining('Terugbetaald via Stripe') })]);
    });

    it('registers one donor when two first gifts from one e-mail address arrive at once', async () => {
      const meta = { purpose: 'donation', cooperative_id: coop.cooperativeId, donor_name: 'Parallel Gever' };
      const events = [paid(pi(), 700, meta), paid(pi(), 800, meta)].map((e) => ({ ...e, data: { object: { ...e.data.object, customer_email: 'parallel@example.nl' } } }));
      const responses = await Promise.all(events.map((e) => deliver(e)));
      expect(responses.map((r) => r.body.outcome)).toEqual(['processed', 'processed']);
      const donors = await db(`SELECT id FROM donors WHERE cooperative_id = $1 AND email = 'parallel@example.nl'`, [coop.cooperativeId]);
      expect(donors).toHaveLength(1);
      expect((await db(`SELECT amount_cents::int AS a FROM donations WHERE cooperative_id = $1 AND donor_id = $2 ORDER BY amount_cents`, [coop.cooperativeId, donors[0].id])).map((r: { a: number }) => r.a)).toEqual([700, 800]);
    });

    it('records a gift for the donor the checkout named', async () => {
      const donor = await createDonor({ kind: 'company', name: 'Fietsenmaker Snel' });
      const paymentIntent = pi();
      await deliver(paid(paymentIntent, 5_000, { purpose: 'donation', cooperative_id: coop.cooperativeId, donor_name: 'Snel', donor_id: donor.id })).expect(200);
      const gifts = (await request(sut.url).get(`${base}/donors/${donor.id}/donations`).set(treasurer).expect(200)).body;
      expect(gifts).toEqual([expect.objectContaining({ amountCents: 5_000, channel: 'stripe' })]);
    });
  });

  describe('pledges', () => {
    it('shows what is expected so far, received and behind, and stops counting when the pledge ends', async () => {
      const donor = await createDonor({ kind: 'person', name: 'Mien ter Horst' });
      const pledge = (await request(sut.url).post(`${base}/donors/${donor.id}/pledges`).set(treasurer).send({ amountCents: 1_000, frequency: 'month', startsOn: '2027-03-01', channel: 'bank_transfer', fundId: funds.open }).expect(201)).body;
      // 1 March, 1 April, 1 May and 1 June have passed on 15 June.
      expect(pledge).toMatchObject({ expectedCents: 4 * 1_000, receivedCents: 0, behindCents: 4 * 1_000, ended: false, fund: { id: funds.open } });
      const payment = (await give(donor.id, { amountCents: 1_000, receivedOn: '2027-03-02', channel: 'bank_transfer', pledgeId: pledge.id }).expect(201)).body;
      expect(payment.fund).toMatchObject({ id: funds.open });
      await give(donor.id, { amountCents: 1_000, receivedOn: '2027-04-01', channel: 'bank_transfer', pledgeId: pledge.id }).expect(201);
      const cancelled = (await give(donor.id, { amountCents: 1_000, receivedOn: '2027-05-01', channel: 'bank_transfer', pledgeId: pledge.id }).expect(201)).body;
      await request(sut.url).post(`${base}/donations/${cancelled.id}/cancel`).set(treasurer).send({ reason: 'Teruggestort' }).expect(200);
      const [listed] = (await request(sut.url).get(`${base}/donors/${donor.id}/pledges`).set(treasurer).expect(200)).body;
      expect(listed).toMatchObject({ id: pledge.id, expectedCents: 4_000, receivedCents: 2_000, behindCents: 2_000 });

      const ended = (await request(sut.url).post(`${base}/pledges/${pledge.id}/end`).set(treasurer).send({ endsOn: '2027-04-30' }).expect(200)).body;
      expect(ended).toMatchObject({ endsOn: '2027-04-30', ended: true, expectedCents: 2_000, receivedCents: 2_000, behindCents: 0 });

      const other = await createDonor({ kind: 'person', name: 'Iemand Anders' });
      const wrong = await give(other.id, { amountCents: 1_000, receivedOn: '2027-04-01', channel: 'cash', pledgeId: pledge.id }).expect(422);
      expect(fieldsOf(wrong)).toEqual(['pledgeId']);
    });
  });

  describe('letters', () => {
    let donor: { id: string };
    const gifts: Array<{ id: string; amountCents: number; receivedOn: string }> = [];
    beforeAll(async () => {
      donor = await createDonor({ kind: 'housing_corporation', name: 'IJsselwonen Rivierenwijk', contactPerson: 'R. Bulten', street: 'Keizerstraat 92', postcode: '7411HJ', city: 'Deventer' });
      for (const [amountCents, receivedOn, fundId] of [
        [500_000, '2027-01-15', funds.open],
        [12_345, '2027-05-20', null],
        [9_900, '2026-12-31', null],
        [70_000, '2026-01-02', null],
      ] as const) {
        gifts.push((await give(donor.id, { amountCents, receivedOn, channel: 'bank_transfer', ...(fundId ? { fundId } : {}) }).expect(201)).body);
      }
      const cancelled = (await give(donor.id, { amountCents: 1_111, receivedOn: '2027-06-01', channel: 'cash' }).expect(201)).body;
      await request(sut.url).post(`${base}/donations/${cancelled.id}/cancel`).set(treasurer).send({ reason: 'Verkeerde gever' }).expect(200);
    });

    it('writes a Dutch letter of thanks with both addresses, the amount, the date, the earmark and the treasurer’s signature', async () => {
      const response = await binary(request(sut.url).get(`${base}/donations/${gifts[0].id}/letter.pdf`).set(treasurer)).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const text = pdfText(response);
      for (const expected of ['Bedankt voor uw gift', 'IJsselwonen Rivierenwijk', 'R. Bulten', 'Keizerstraat 92', '7411 HJ', 'Brink 1', 'Buurtcoöperatie giften', dutchEuros(500_000), '15 januari 2027', 'Fonds BOOD-2027', 'Doel van BOOD-2027', 'De penningmeester', 'Beste R. Bulten']) {
        expect(text).toContain(expected);
      }
      const plain = pdfText(await binary(request(sut.url).get(`${base}/donations/${gifts[1].id}/letter.pdf`).set(treasurer)).expect(200));
      expect(plain).toContain(dutchEuros(12_345));
      expect(plain).not.toContain('Fonds BOOD-2027');
      await request(sut.url).get(`${base}/donations/${gifts[0].id}/letter.pdf`).set(bearer(await coop.token('member'))).expect(403);
    });

    it('gives the year’s overview with every gift of that year and the total, leaving out cancelled gifts and other years', async () => {
      const inYear = gifts.filter((g) => g.receivedOn.startsWith('2027-'));
      const expectedTotal = inYear.reduce((sum, g) => sum + g.amountCents, 0);
      const overview = (await request(sut.url).get(`${base}/donors/${donor.id}/overview?year=2027`).set(treasurer).expect(200)).body;
      expect(overview.totalCents).toBe(expectedTotal);
      expect(overview.donations.map((d: { id: string }) => d.id)).toEqual(inYear.map((g) => g.id));
      expect(overview.donations[0]).toMatchObject({ receivedOn: '2027-01-15', channel: 'bank_transfer', fund: { code: 'BOOD-2027' } });
      const pdf = pdfText(await binary(request(sut.url).get(`${base}/donors/${donor.id}/overview.pdf?year=2027`).set(treasurer)).expect(200));
      for (const expected of ['Giftenoverzicht 2027', dutchEuros(expectedTotal), dutchEuros(500_000), dutchEuros(12_345), '20 mei 2027', 'Fonds BOOD-2027']) expect(pdf).toContain(expected);
      expect(pdf).not.toContain(dutchEuros(1_111));
      expect(pdf).not.toContain(dutchEuros(9_900));
      await request(sut.url).get(`${base}/donors/${donor.id}/overview?year=twintig`).set(treasurer).expect(400);
    });
  });
});
