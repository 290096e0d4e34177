import request from 'supertest';
import { UnitOfWork, asCooperativeId, invoicePaymentReference, parsePaymentReference } from '@buurtcoop/core';
import { DUES_CHUNK_SIZE, DuesService, ExchangeInvoicing } from '@buurtcoop/finance';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember, registerMember } from '@buurtcoop/testing';

interface InvoiceBody {
  id: string;
  number: string;
  memberId: string;
  amountCents: number;
  paidCents: number;
  openCents: number;
  status: string;
  paymentReference: string;
  issueDate: string;
  dueDate: string;
  billedTo: { name: string | null };
}

describe('Invoices and dues runs', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let cooperativeId: ReturnType<typeof asCooperativeId>;
  let base: string;
  let treasurer: { authorization: string };
  let board: { authorization: string };
  let types: Record<string, string>;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;

  const enrol = (type: string, lastName: string, joinedOn: string, extra: { householdPersons?: Array<{ firstName: string; lastName: string }> } = {}) =>
    registerMember(sut, cooperativeId, { membershipTypeId: types[type], lastName, joinedOn, ...extra });

  const invoicesOf = async (query = '') => (await request(sut.url).get(`${base}/invoices?pageSize=200${query}`).set(treasurer).expect(200)).body as { items: InvoiceBody[]; total: number };

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'contributie');
    cooperativeId = asCooperativeId(coop.cooperativeId);
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    board = bearer(await coop.token('board'));
    const list = (await request(sut.url).get(`${base}/membership-types`).set(board).expect(200)).body;
    types = Object.fromEntries(list.map((t: { code: string; id: string }) => [t.code, t.id]));
  });
  afterAll(() => sut.close());

  describe('dues plans', () => {
    it('lets the treasurer set a plan per membership type, the board read it, nobody else change it', async () => {
      const plan = await request(sut.url)
        .put(`${base}/dues-plans`)
        .set(treasurer)
        .send({ membershipTypeId: types.resident, yearlyAmountCents: 3600, reducedYearlyAmountCents: 1200, frequency: 'yearly' })
        .expect(200);
      expect(plan.body).toMatchObject({ membershipTypeId: types.resident, yearlyAmountCents: 3600, reducedYearlyAmountCents: 1200, frequency: 'yearly', proRata: true });
      await request(sut.url).put(`${base}/dues-plans`).set(board).send({ membershipTypeId: types.resident, yearlyAmountCents: 1, frequency: 'yearly' }).expect(403);
      await request(sut.url).get(`${base}/dues-plans`).set(bearer(await coop.token('member'))).expect(403);
      expect((await request(sut.url).get(`${base}/dues-plans`).set(board).expect(200)).body).toHaveLength(1);
    });

    it.each([
      ['an unknown membership type', { membershipTypeId: '00000000-0000-4000-8000-000000000009', yearlyAmountCents: 100, frequency: 'yearly' }, 422, 'membership_type_unknown', 'membershipTypeId'],
      ['a reduced tariff above the full one', { yearlyAmountCents: 1000, reducedYearlyAmountCents: 2000, frequency: 'yearly' }, 400, 'invalid_period', 'reducedYearlyAmountCents'],
      ['a negative amount', { yearlyAmountCents: -1, frequency: 'yearly' }, 400, 'validation_failed', 'yearlyAmountCents'],
      ['an unknown frequency', { yearlyAmountCents: 100, frequency: 'weekly' }, 400, 'validation_failed', 'frequency'],
      ['a fraction of a cent', { yearlyAmountCents: 10.5, frequency: 'yearly' }, 400, 'validation_failed', 'yearlyAmountCents'],
    ])('refuses %s, naming the field', async (_, body, status, code, field) => {
      const response = await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.steunlid, ...body }).expect(status);
      expect(response.body.code).toBe(code);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await request(sut.url).get(`${base}/dues-plans`).set(treasurer).expect(200)).body.map((p: { membershipTypeId: string }) => p.membershipTypeId)).not.toContain(types.steunlid);
    });
  });

  describe('a yearly dues run', () => {
    const ids: Record<string, string> = {};
    let run: request.Response;

    beforeAll(async () => {
      await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.household, yearlyAmountCents: 6000, frequency: 'yearly' }).expect(200);
      await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.provider, yearlyAmountCents: 2400, frequency: 'quarterly' }).expect(200);
      await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.steunlid, yearlyAmountCents: 1000, frequency: 'monthly', proRata: false }).expect(200);
      ids.jansen = await enrol('resident', 'Jansen', '2025-03-01');
      ids.bakker = await enrol('resident', 'Bakker', '2025-06-01');
      await sql(`INSERT INTO member_categories (cooperative_id, member_id, category, consented_at) VALUES ($1, $2, 'minimum_income', now())`, [coop.cooperativeId, ids.bakker]);
      ids.halfway = await enrol('resident', 'Halverwege', '2027-07-02');
      ids.later = await enrol('resident', 'Volgendjaar', '2028-01-05');
      ids.household = await enrol('household', 'Huisgezin', '2024-01-01', { householdPersons: [{ firstName: 'Kees', lastName: 'Huisgezin' }] });
      ids.provider = await enrol('provider', 'Klusser', '2027-02-15');
      ids.supporter = await enrol('steunlid', 'Steun', '2027-05-20');
      ids.ended = await enrol('resident', 'Vertrokken', '2020-01-01');
      await sql(`UPDATE members SET status = 'ended', ends_on = '2026-12-31' WHERE cooperative_id = $1 AND id = $2`, [coop.cooperativeId, ids.ended]);
      run = await request(sut.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2027', issueDate: '2027-01-04' }).expect(201);
    });

    const mine = async (memberId: string) => (await invoicesOf(`&memberId=${memberId}`)).items.sort((a, b) => a.number.localeCompare(b.number));

    it('bills every member who owes, at the tariff that applies to them', async () => {
      expect(run.body).toMatchObject({ resumed: false, run: { period: '2027', status: 'completed', issueDate: '2027-01-04', dueDate: '2027-02-03' } });
      expect((await mine(ids.jansen)).map((i) => i.amountCents)).toEqual([3600]);
      expect((await mine(ids.bakker)).map((i) => i.amountCents)).toEqual([1200]);
      expect((await mine(ids.household)).map((i) => i.amountCents)).toEqual([6000]);
      expect(await mine(ids.later)).toEqual([]);
      expect(await mine(ids.ended)).toEqual([]);
    });

    it('charges a member who joins mid-year for the days left, and splits other frequencies so they add up to the year', async () => {
      // Joined 2 July 2027: 183 of 365 days left.
      expect((await mine(ids.halfway)).map((i) => i.amountCents)).toEqual([Math.round((3600 * 183) / 365)]);
      // Quarterly, joined 15 February: Q1 pro rata (45 of 90 days), Q2–Q4 in full.
      expect((await mine(ids.provider)).map((i) => i.amountCents)).toEqual([Math.round((600 * 45) / 90), 600, 600, 600]);
      // Each quarter is due 30 days after it starts, the first by the run's due date.
      expect((await mine(ids.provider)).map((i) => i.dueDate)).toEqual(['2027-02-03', '2027-05-01', '2027-07-31', '2027-10-31']);
      // Monthly without pro rata, joined 20 May: May to December, eight installments that are the year's last eight twelfths.
      const supporter = (await mine(ids.supporter)).map((i) => i.amountCents);
      expect(supporter).toHaveLength(8);
      expect(supporter.reduce((a, b) => a + b, 0)).toBe(1000 - Math.floor((1000 * 4) / 12));
    });

    it('numbers the invoices per year without gaps, each with a valid betalingskenmerk, and posts them to the ledger', async () => {
      const { items, total } = await invoicesOf('&year=2027');
      expect(total).toBe(run.body.issued);
      expect(items.map((i) => i.number).sort()).toEqual(Array.from({ length: total }, (_, n) => `2027-${String(n + 1).padStart(6, '0')}`));
      for (const invoice of items) {
        expect(parsePaymentReference(invoice.paymentReference)).not.toBeNull();
        expect(invoice).toMatchObject({ status: 'open', openCents: invoice.amountCents, issueDate: '2027-01-04' });
        expect(invoice.dueDate >= '2027-02-03').toBe(true);
      }
      const billed = items.reduce((sum, i) => sum + i.amountCents, 0);
      expect(run.body.run).toMatchObject({ invoiceCount: total, totalCents: billed });
      const trial = (await request(sut.url).get(`${base}/ledger/trial-balance?through=2027-12-31`).set(treasurer).expect(200)).body;
      const balance = (code: string) => trial.accounts.find((a: { code: string }) => a.code === code).balanceCents;
      expect(balance('1300')).toBe(billed);
      expect(balance('8000')).toBe(-billed);
      expect(trial.totalCents).toBe(0);
    });

    it('adds nothing when the period is run again', async () => {
      const again = await request(sut.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2027' }).expect(201);
      expect(again.body).toMatchObject({ issued: 0, resumed: false });
      expect((await invoicesOf('&year=2027')).total).toBe(run.body.issued);
    });

    it('bills a member who joined since, when the period is run again', async () => {
      const newcomer = await enrol('resident', 'Nieuwkomer', '2027-01-01');
      const again = await request(sut.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2027', issueDate: '2027-01-10' }).expect(201);
      expect(again.body.issued).toBe(1);
      expect((await mine(newcomer)).map((i) => i.number)).toEqual([`2027-${String(run.body.issued + 1).padStart(6, '0')}`]);
    });

    it('agrees with the betalingskenmerk the code reads back', async () => {
      const rows = await sql<{ y: number; s: number; ref: string }>(
        `SELECT y, s, invoice_payment_reference(y, s) AS ref FROM (VALUES (2027, 1), (2027, 42), (2030, 999999), (2099, 123456789), (2026, 7)) AS v(y, s)`,
      );
      for (const row of rows) expect(row.ref).toBe(invoicePaymentReference(row.y, row.s));
    });

    it('refuses a period it cannot bill, and a due date before the issue date', async () => {
      const bad = await request(sut.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2027-13' }).expect(400);
      expect(bad.body.errors[0].field).toBe('period');
      const early = await request(sut.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2028', issueDate: '2028-01-10', dueDate: '2028-01-01' }).expect(400);
      expect(early.body).toMatchObject({ code: 'invalid_due_date' });
      await request(sut.url).post(`${base}/dues-runs`).set(board).send({ period: '2028' }).expect(403);
    });
  });

  describe('payments, credit and cancellation', () => {
    let invoice: InvoiceBody;
    let member: Awaited<ReturnType<typeof enrolMember>>;

    beforeAll(async () => {
      member = await enrolMember(sut, coop, {
        type: 'resident',
        role: 'consumer',
        firstName: 'Fatma',
        lastName: 'Yilmaz',
        email: 'fatma.yilmaz@example.nl',
        street: 'Hoge Hondstraat',
        houseNumber: '4',
        postcode: '7411KR',
        city: 'Deventer',
      });
      const created = await request(sut.url)
        .post(`${base}/invoices`)
        .set(treasurer)
        .send({ memberId: member.id, lines: [{ description: 'Vervanging sleutel buurthuis', amountCents: 1500, accountCode: '8100' }, { description: 'Huur zaal', amountCents: 2500, accountCode: '8100' }] })
        .expect(201);
      invoice = created.body;
    });

    it('writes an invoice by hand, to income accounts only', async () => {
      expect(invoice).toMatchObject({ amountCents: 4000, status: 'open', kind: 'manual', billedTo: { name: 'Fatma Yilmaz' } });
      const wrong = await request(sut.url).post(`${base}/invoices`).set(treasurer).send({ memberId: member.id, lines: [{ description: 'Naar de bank', amountCents: 100, accountCode: '1100' }] }).expect(422);
      expect(wrong.body).toMatchObject({ code: 'account_not_income', errors: [{ field: 'lines[0].accountCode' }] });
      const unknown = await request(sut.url).post(`${base}/invoices`).set(treasurer).send({ memberId: '00000000-0000-4000-8000-000000000001', lines: [{ description: 'Iets', amountCents: 100, accountCode: '8100' }] }).expect(422);
      expect(unknown.body.code).toBe('member_unknown');
    });

    it('settles by payments: partly, then fully, and the same payment twice counts once', async () => {
      const pay = (amountCents: number, key: string) => request(sut.url).post(`${base}/invoices/${invoice.id}/payments`).set(treasurer).send({ amountCents, paidOn: '2026-11-20', idempotencyKey: key });
      expect((await pay(1000, 'bank-1').expect(200)).body).toMatchObject({ status: 'open', paidCents: 1000, openCents: 3000 });
      expect((await pay(1000, 'bank-1').expect(200)).body).toMatchObject({ paidCents: 1000 });
      const both = await Promise.all([pay(3500, 'bank-2'), pay(3500, 'bank-2')]);
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      const detail = (await request(sut.url).get(`${base}/invoices/${invoice.id}`).set(treasurer).expect(200)).body;
      expect(detail).toMatchObject({ status: 'paid', paidCents: 4500, openCents: 0 });
      expect(detail.payments).toHaveLength(2);
    });

    it('shows the member what is open and what they paid in excess', async () => {
      const statement = (await request(sut.url).get(`${base}/members/${member.id}/statement`).set(treasurer).expect(200)).body;
      expect(statement).toMatchObject({ totalOpenCents: 0, creditCents: 500, ledgerBalanceCents: -500, openItems: [] });
      const own = (await request(sut.url).get(`${base}/me/statement`).set(bearer(member.accessToken)).expect(200)).body;
      expect(own).toEqual(statement);
      const nobody = await request(sut.url).get(`${base}/members/00000000-0000-4000-8000-000000000001/statement`).set(treasurer).expect(404);
      expect(nobody.headers['content-type']).toContain('application/problem+json');
      expect(nobody.body).toMatchObject({ code: 'member_not_found', detail: 'Member was not found' });
    });

    it('lets members see their own invoices and nobody else’s', async () => {
      const own = (await request(sut.url).get(`${base}/me/invoices`).set(bearer(member.accessToken)).expect(200)).body;
      expect(own.items.map((i: InvoiceBody) => i.id)).toEqual([invoice.id]);
      const someoneElse = (await invoicesOf('&year=2027')).items[0];
      await request(sut.url).get(`${base}/me/invoices/${someoneElse.id}`).set(bearer(member.accessToken)).expect(404);
      await request(sut.url).get(`${base}/invoices/${invoice.id}`).set(bearer(member.accessToken)).expect(403);
    });

    it('cancels an unpaid invoice with a reversal, and refuses to cancel a paid one', async () => {
      await request(sut.url).post(`${base}/invoices/${invoice.id}/cancel`).set(treasurer).send({ reason: 'Dubbel' }).expect(409);
      const other = (await request(sut.url).post(`${base}/invoices`).set(treasurer).send({ memberId: member.id, lines: [{ description: 'Fietsreparatie materiaal', amountCents: 750, accountCode: '8100' }] }).expect(201)).body;
      const cancelled = await request(sut.url).post(`${base}/invoices/${other.id}/cancel`).set(treasurer).send({ reason: 'Materiaal was gedoneerd' }).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', openCents: 0, cancelReason: 'Materiaal was gedoneerd' });
      await request(sut.url).post(`${base}/invoices/${other.id}/cancel`).set(treasurer).send({ reason: 'Nog eens' }).expect(409);
      const statement = (await request(sut.url).get(`${base}/members/${member.id}/statement`).set(treasurer).expect(200)).body;
      expect(statement.ledgerBalanceCents).toBe(-500);
    });

    it('keeps an issued invoice as it was: no change of amount, no deletion, lines and payments append-only', async () => {
      const uow = sut.app.get(UnitOfWork);
      const attempt = (text: string) => uow.run({ cooperativeId }, () => uow.rows(text, [coop.cooperativeId, invoice.id]));
      await expect(attempt(`UPDATE invoices SET amount_cents = 1 WHERE cooperative_id = $1 AND id = $2`)).rejects.toThrow(/cannot change/);
      await expect(attempt(`DELETE FROM invoices WHERE cooperative_id = $1 AND id = $2`)).rejects.toThrow();
      await expect(attempt(`DELETE FROM invoice_payments WHERE cooperative_id = $1 AND invoice_id = $2`)).rejects.toThrow();
      await expect(attempt(`UPDATE invoice_lines SET amount_cents = 1 WHERE cooperative_id = $1 AND invoice_id = $2`)).rejects.toThrow();
    });
  });

  describe('invoices from the exchange', () => {
    it('bills a completed booking’s contribution and a late-cancellation fee once each', async () => {
      const consumer = await enrol('resident', 'Consument', '2025-01-01');
      const provider = await enrol('provider', 'Aanbieder', '2025-01-01');
      const booking = '00000000-0000-4000-8000-0000000000b1';
      await sql(
        `INSERT INTO exchange_events (cooperative_id, kind, booking_id, consumer_member_id, provider_member_id, amount_cents, details) VALUES
           ($1, 'booking.completed', $2, $3, $4, 1250, '{"contributionCents": 1000, "materialCents": 250, "reducedTariff": false}'),
           ($1, 'booking.late_cancellation', $2, $3, $4, 500, '{}'),
           ($1, 'booking.completed', $2, $3, $4, 0, '{"contributionCents": 0, "materialCents": 0}')`,
        [coop.cooperativeId, booking, consumer, provider],
      );
      const uow = sut.app.get(UnitOfWork);
      const invoicing = sut.app.get(ExchangeInvoicing);
      expect(await uow.run({ cooperativeId }, () => invoicing.invoicePending(cooperativeId))).toEqual({ events: 3, invoices: 2 });
      expect(await uow.run({ cooperativeId }, () => invoicing.invoicePending(cooperativeId))).toEqual({ events: 0, invoices: 0 });
      const items = (await invoicesOf(`&memberId=${consumer}`)).items;
      expect(items.map((i) => [i.amountCents, i.status]).sort()).toEqual([[1250, 'open'], [500, 'open']].sort());
      const contribution = (await request(sut.url).get(`${base}/invoices/${items.find((i) => i.amountCents === 1250)?.id}`).set(treasurer).expect(200)).body;
      expect(contribution).toMatchObject({ kind: 'contribution', lines: [{ amountCents: 1000, accountCode: '8100', bookingId: booking }, { amountCents: 250, accountCode: '8100', bookingId: booking }] });
    });
  });

  describe('10,000 members', () => {
    let big: TestCooperative;
    let bigId: ReturnType<typeof asCooperativeId>;
    const MEMBERS = 10_000;

    beforeAll(async () => {
      big = await createTestCooperative(sut, 'grote-coop');
      bigId = asCooperativeId(big.cooperativeId);
      const uow = sut.app.get(UnitOfWork);
      // Ten thousand enrolments through the service would take minutes; the register is loaded as an import of an old register would be.
      await uow.run({ as: 'owner' }, () =>
        uow.rows(
          `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, joined_on)
           SELECT $1, n, t.id, 'consumer', 'active', 'Lid', 'Nummer ' || n, 'Keizerstraat', n::text, '7411HE', 'Deventer', DATE '2020-01-01'
             FROM generate_series(1, $2::int) AS n, membership_types t WHERE t.cooperative_id = $1 AND t.code = 'resident'`,
          [big.cooperativeId, MEMBERS],
        ),
      );
      const types = await uow.run({ as: 'owner' }, () => uow.rows<{ id: string }>(`SELECT id FROM membership_types WHERE cooperative_id = $1 AND code = 'resident'`, [big.cooperativeId]));
      await uow.run({ cooperativeId: bigId }, () => sut.app.get(DuesService).setPlan(bigId, { membershipTypeId: types[0].id, yearlyAmountCents: 2400, frequency: 'yearly' }));
    }, 60_000);

    const count = async () => (await sql<{ n: number; gapless: boolean; total: string }>(
      `SELECT coalesce(sum(n), 0)::int AS n, coalesce(bool_and(gapless), true) AS gapless, coalesce(sum(total), 0)::text AS total
         FROM (SELECT count(*) AS n, max(sequence) = count(*) AS gapless, sum(amount_cents) AS total FROM invoices WHERE cooperative_id = $1 GROUP BY year) AS per_year`,
      [big.cooperativeId],
    ))[0];

    it('resumes a run that crashed halfway, and ends with exactly one invoice per member', async () => {
      const dues = sut.app.get(DuesService);
      let chunks = 0;
      await expect(
        dues.run(bigId, { period: '2027', issueDate: '2027-01-02' }, null, ({ done }) => {
          if (done > 0 && ++chunks === 3) throw new Error('process killed');
        }),
      ).rejects.toThrow('process killed');
      expect(await count()).toMatchObject({ n: 3 * DUES_CHUNK_SIZE, gapless: true });
      expect((await sql(`SELECT status FROM dues_runs WHERE cooperative_id = $1`, [big.cooperativeId]))).toEqual([{ status: 'running' }]);

      const resumed = await dues.run(bigId, { period: '2027' }, null);
      expect(resumed).toMatchObject({ resumed: true, issued: MEMBERS - 3 * DUES_CHUNK_SIZE, run: { status: 'completed', invoiceCount: MEMBERS, issueDate: '2027-01-02' } });
      expect(await count()).toEqual({ n: MEMBERS, gapless: true, total: String(MEMBERS * 2400) });
      const [ledger] = await sql<{ entries: number; balance: string }>(
        `SELECT count(DISTINCT e.id)::int AS entries, sum(l.amount_cents) AS balance FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id
          WHERE e.cooperative_id = $1 AND e.idempotency_key LIKE 'invoice:%'`,
        [big.cooperativeId],
      );
      expect(ledger).toEqual({ entries: MEMBERS, balance: '0' });
    }, 180_000);

    it('adds nothing when run again, and two runs at once still bill each member once', async () => {
      const again = await sut.app.get(DuesService).run(bigId, { period: '2027' }, null);
      expect(again.issued).toBe(0);
      const auth = bearer(await big.token('treasurer'));
      const racing = await Promise.all([0, 1].map(() => request(sut.url).post(`/api/v1/cooperatives/${big.cooperativeId}/dues-runs`).set(auth).send({ period: '2027-Q1' })));
      expect(racing.map((r) => r.status)).toEqual([201, 201]);
      // A yearly plan has no installment starting in Q1 other than the year's, which was billed.
      expect(racing.reduce((sum, r) => sum + r.body.issued, 0)).toBe(0);
      const newcomers = await sut.app.get(UnitOfWork).run({ as: 'owner' }, () =>
        sut.app.get(UnitOfWork).rows(
          `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, last_name, joined_on)
           SELECT $1, 20000 + n, t.id, 'consumer', 'active', 'Later ' || n, DATE '2027-03-01' FROM generate_series(1, 1500) AS n, membership_types t WHERE t.cooperative_id = $1 AND t.code = 'resident' RETURNING id`,
          [big.cooperativeId],
        ),
      );
      const both = await Promise.all([0, 1].map(() => request(sut.url).post(`/api/v1/cooperatives/${big.cooperativeId}/dues-runs`).set(auth).send({ period: '2027' })));
      expect(both.map((r) => r.status)).toEqual([201, 201]);
      expect(both.reduce((sum, r) => sum + r.body.issued, 0)).toBe(newcomers.length);
      expect(await count()).toMatchObject({ n: MEMBERS + newcomers.length, gapless: true });
    }, 180_000);
  });
});
