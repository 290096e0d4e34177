import request from 'supertest';
import { Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';

const deventer = (street: string, houseNumber: string, postcode: string) => ({ street, houseNumber, postcode, city: 'Deventer' });

describe('Volunteer allowances', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  let jan: Enrolled;
  let lotte: Enrolled;
  let accounts: Record<string, string>;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;
  const grant = (body: object, auth = treasurer) => request(sut.url).post(`${base}/allowances`).set(auth).send(body);
  const count = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM allowances WHERE cooperative_id = $1`, [coop.cooperativeId]))[0].n;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'vergoeding');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    jan = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Jan', lastName: 'de Vries', email: 'jan.devries@vergoeding.example', dateOfBirth: '1961-06-02', ...deventer('Brink', '12', '7411 BT') });
    // Turns 21 in May 2027: under 21 for March, not for June.
    lotte = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Lotte', lastName: 'Bakker', email: 'lotte.bakker@vergoeding.example', dateOfBirth: '2006-05-10', ...deventer('Polstraat', '3', '7411 KA') });
    const list = (await request(sut.url).get(`${base}/ledger/accounts`).set(treasurer).expect(200)).body;
    accounts = Object.fromEntries(list.map((a: { code: string; id: string }) => [a.code, a.id]));
  });
  afterAll(() => sut.close());

  describe('caps', () => {
    it('knows the 2025 caps and uses the latest earlier year’s for a year without its own, saying which', async () => {
      const y2025 = (await request(sut.url).get(`${base}/allowance-caps/2025`).set(treasurer).expect(200)).body;
      expect(y2025).toEqual({ requestedYear: 2025, year: 2025, source: 'product', hourlyCents: 500, hourlyUnder21Cents: 300, monthlyCents: 21000, yearlyCents: 210000 });
      expect((await request(sut.url).get(`${base}/allowance-caps/2027`).set(treasurer).expect(200)).body).toMatchObject({ requestedYear: 2027, year: 2025, source: 'product' });
      const none = await request(sut.url).get(`${base}/allowance-caps/2024`).set(treasurer).expect(422);
      expect(none.body.errors[0].field).toBe('year');
    });

    it('lets the treasurer set a year’s caps, which later years then use; a plain member may not', async () => {
      const member = bearer(await coop.token('member'));
      const caps = { hourlyCents: 550, hourlyUnder21Cents: 330, monthlyCents: 22000, yearlyCents: 50000 };
      await request(sut.url).put(`${base}/allowance-caps/2029`).set(member).send(caps).expect(403);
      expect((await request(sut.url).put(`${base}/allowance-caps/2029`).set(treasurer).send(caps).expect(200)).body).toEqual({ requestedYear: 2029, year: 2029, source: 'cooperative', ...caps });
      expect((await request(sut.url).get(`${base}/allowance-caps/2031`).set(treasurer).expect(200)).body).toMatchObject({ year: 2029, source: 'cooperative', yearlyCents: 50000 });
      expect((await request(sut.url).get(`${base}/allowance-caps/2028`).set(treasurer).expect(200)).body).toMatchObject({ year: 2025, source: 'product' });
      const bad = await request(sut.url).put(`${base}/allowance-caps/2030`).set(treasurer).send({ ...caps, monthlyCents: -1 }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('monthlyCents');
      expect((await request(sut.url).get(`${base}/allowance-caps/2030`).set(treasurer).expect(200)).body.year).toBe(2029);
    });
  });

  describe('granting', () => {
    let first: { id: string };

    it('grants an allowance within the caps and books it D 4000 / C 1600 on the volunteer', async () => {
      first = (await grant({ memberId: jan.id, month: '2027-03', hours: 2, amountCents: 1000, description: 'Boodschappen rijden' }).expect(201)).body;
      expect(first).toMatchObject({ memberId: jan.id, month: '2027-03', hours: 2, amountCents: 1000, status: 'granted', fundId: null });
      const lines = await sql<{ account_id: string; amount_cents: string; member_id: string; entry_date: string }>(
        `SELECT l.account_id, l.amount_cents, l.member_id, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date
           FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id
          WHERE e.cooperative_id = $1 AND e.idempotency_key = $2 ORDER BY l.amount_cents`,
        [coop.cooperativeId, `allowance:${first.id}`],
      );
      expect(lines.map((l) => [l.account_id, Number(l.amount_cents), l.member_id])).toEqual([
        [accounts['1600'], -1000, jan.id],
        [accounts['4000'], 1000, jan.id],
      ]);
      expect(lines[0].entry_date).toBe('2027-03-31');
    });

    it('refuses an allowance that takes the volunteer over the monthly cap, naming the figures', async () => {
      const before = await count();
      const response = await grant({ memberId: jan.id, month: '2027-03', hours: 46, amountCents: 23000, description: 'Te veel' }).expect(422);
      expect(response.body).toMatchObject({ code: 'allowance_above_cap', errors: [{ field: 'amountCents' }] });
      expect(response.body.detail).toBe("amountCents: € 230,00 would bring Jan de Vries's allowances for 2027-03 to € 240,00, above the monthly cap of € 210,00");
      expect(await count()).toBe(before);
      // Exactly up to the cap is allowed.
      await grant({ memberId: jan.id, month: '2027-03', hours: 40, amountCents: 20000, description: 'Tot het maximum' }).expect(201);
    });

    it('refuses more than the hourly cap for the hours given, with the lower rate before the volunteer turns 21', async () => {
      expect((await grant({ memberId: jan.id, month: '2027-04', hours: 1.5, amountCents: 751, description: 'Eén cent te veel' }).expect(422)).body.errors[0].field).toBe('amountCents');
      await grant({ memberId: jan.id, month: '2027-04', hours: 1.5, amountCents: 750, description: 'Precies' }).expect(201);
      const young = await grant({ memberId: lotte.id, month: '2027-03', hours: 10, amountCents: 3100, description: 'Huiswerkbegeleiding' }).expect(422);
      expect(young.body.detail).toContain('under 21');
      await grant({ memberId: lotte.id, month: '2027-03', hours: 10, amountCents: 3000, description: 'Huiswerkbegeleiding' }).expect(201);
      // In June she is 21: five euros an hour.
      await grant({ memberId: lotte.id, month: '2027-06', hours: 10, amountCents: 5000, description: 'Huiswerkbegeleiding' }).expect(201);
    });

    it('refuses an allowance that takes the volunteer over the yearly cap', async () => {
      // 2029 caps: €220 a month, €500 a year.
      for (const month of ['2029-01', '2029-02']) await grant({ memberId: jan.id, month, hours: 40, amountCents: 22000, description: 'Maandvergoeding' }).expect(201);
      const over = await grant({ memberId: jan.id, month: '2029-03', hours: 40, amountCents: 6100, description: 'Maandvergoeding' }).expect(422);
      expect(over.body.detail).toBe("amountCents: € 61,00 would bring Jan de Vries's allowances for 2029 to € 501,00, above the yearly cap of € 500,00");
      await grant({ memberId: jan.id, month: '2029-03', hours: 40, amountCents: 6000, description: 'Tot het jaarmaximum' }).expect(201);
    });

    it('lets only one of two allowances fired at once through when together they pass the cap', async () => {
      const before = await count();
      const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => grant({ memberId: jan.id, month: '2027-05', hours: 30, amountCents: 15000, description: `Gelijktijdig ${i}` })));
      const statuses = racing.map((r) => r.status).sort();
      expect(racing.filter((r) => r.status === 422).map((r) => r.body.code)).toEqual(Array(5).fill('allowance_above_cap'));
      expect(statuses).toEqual([201, 422, 422, 422, 422, 422]);
      expect(await count()).toBe(before + 1);
      const [month] = await sql<{ total: string }>(`SELECT sum(amount_cents) AS total FROM allowances WHERE cooperative_id = $1 AND member_id = $2 AND month = '2027-05'`, [coop.cooperativeId, jan.id]);
      expect(Number(month.total)).toBe(15000);
    });

    it('cancels an allowance by a reversal, audited, after which its amount no longer counts', async () => {
      await grant({ memberId: jan.id, month: '2027-03', hours: 1, amountCents: 500, description: 'Past niet meer' }).expect(422);
      const cancelled = await request(sut.url).post(`${base}/allowances/${first.id}/cancel`).set(treasurer).send({ reason: 'Dubbel ingevoerd' }).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Dubbel ingevoerd' });
      const [reversal] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM journal_entries r JOIN journal_entries o ON o.cooperative_id = r.cooperative_id AND o.id = r.reverses_entry_id
          WHERE r.cooperative_id = $1 AND o.idempotency_key = $2`,
        [coop.cooperativeId, `allowance:${first.id}`],
      );
      expect(reversal.n).toBe(1);
      const [audit] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE cooperative_id = $1 AND action = 'allowance.cancel' AND object_id = $2`, [coop.cooperativeId, first.id]);
      expect(audit.n).toBe(1);
      await request(sut.url).post(`${base}/allowances/${first.id}/cancel`).set(treasurer).send({ reason: 'Nog eens' }).expect(409);
      await grant({ memberId: jan.id, month: '2027-03', hours: 1, amountCents: 500, description: 'Past nu wel' }).expect(201);
    });

    it('books the cost on an open fund, and refuses a fund that is not running in that month', async () => {
      const funds = await import('@buurtcoop/finance');
      const { UnitOfWork, asCooperativeId } = await import('@buurtcoop/core');
      const cooperativeId = asCooperativeId(coop.cooperativeId);
      const fund = await sut.app.get(UnitOfWork).run({ cooperativeId }, () =>
        sut.app.get(funds.FundsService).create(null, cooperativeId, { code: 'VRIJ-2027', name: 'Vrijwilligers 2027', purpose: 'Vergoedingen', funderKind: 'foundation', restricted: true, startsOn: '2027-01-01', endsOn: '2027-12-31', budgetCents: 100000 }),
      );
      const granted = await grant({ memberId: lotte.id, month: '2027-07', hours: 2, amountCents: 1000, fundId: fund.id, description: 'Zomerklus' }).expect(201);
      const [cost] = await sql<{ fund_id: string }>(
        `SELECT l.fund_id FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id WHERE e.cooperative_id = $1 AND e.idempotency_key = $2 AND l.account_id = $3`,
        [coop.cooperativeId, `allowance:${granted.body.id}`, accounts['4000']],
      );
      expect(cost.fund_id).toBe(fund.id);
      const outside = await grant({ memberId: lotte.id, month: '2028-01', hours: 2, amountCents: 1000, fundId: fund.id, description: 'Te laat' }).expect(422);
      expect(outside.body.errors[0].field).toBe('fundId');
    });
  });

  it.each([
    ['a month that does not exist', { month: '2027-13' }, 400, 'month'],
    ['a month without dash', { month: '202703' }, 400, 'month'],
    ['negative hours', { hours: -2 }, 400, 'hours'],
    ['hours to three decimals', { hours: 1.125 }, 400, 'hours'],
    ['a zero amount', { amountCents: 0 }, 400, 'amountCents'],
    ['a fraction of a cent', { amountCents: 10.5 }, 400, 'amountCents'],
    ['an unknown member', { memberId: '00000000-0000-4000-8000-000000000007' }, 422, 'memberId'],
    ['an unknown fund', { fundId: '00000000-0000-4000-8000-000000000008' }, 404, 'fundId'],
    ['a year without caps', { month: '2024-12' }, 422, 'month'],
  ])('refuses %s, naming the field, and stores nothing', async (_, change, status, field) => {
    const before = await count();
    const response = await grant({ memberId: jan.id, month: '2027-09', hours: 2, amountCents: 1000, description: 'Ongeldig', ...change }).expect(status);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('lists per volunteer and per month; a volunteer sees only their own', async () => {
    const march = (await request(sut.url).get(`${base}/allowances?month=2027-03`).set(treasurer).expect(200)).body;
    expect(new Set(march.items.map((a: { month: string }) => a.month))).toEqual(new Set(['2027-03']));
    expect(march.items.map((a: { memberId: string }) => a.memberId).sort()).toEqual([jan.id, jan.id, jan.id, lotte.id].sort());
    const lottes = (await request(sut.url).get(`${base}/allowances?memberId=${lotte.id}`).set(treasurer).expect(200)).body;
    expect(lottes.total).toBe(3);
    const own = (await request(sut.url).get(`${base}/me/allowances`).set(bearer(lotte.accessToken)).expect(200)).body;
    expect(own.total).toBe(3);
    expect(own.items.every((a: { memberId: string }) => a.memberId === lotte.id)).toBe(true);
    await request(sut.url).get(`${base}/allowances`).set(bearer(lotte.accessToken)).expect(403);
    await grant({ memberId: lotte.id, month: '2027-09', hours: 1, amountCents: 100, description: 'Zelf toekennen' }, bearer(lotte.accessToken)).expect(403);
  });

  it('keeps one cooperative’s allowances from another', async () => {
    const other = await createTestCooperative(sut, 'elders');
    const theirs = bearer(await other.token('treasurer'));
    const [some] = (await request(sut.url).get(`${base}/allowances`).set(treasurer).expect(200)).body.items;
    await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/allowances/${some.id}`).set(theirs).expect(404);
    await request(sut.url).post(`/api/v1/cooperatives/${other.cooperativeId}/allowances/${some.id}/cancel`).set(theirs).send({ reason: 'Niet van ons' }).expect(404);
    const foreign = await request(sut.url).post(`/api/v1/cooperatives/${other.cooperativeId}/allowances`).set(theirs).send({ memberId: jan.id, month: '2027-09', hours: 1, amountCents: 100, description: 'Elders' }).expect(422);
    expect(foreign.body.errors[0].field).toBe('memberId');
    expect((await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/allowances`).set(theirs).expect(200)).body.total).toBe(0);
  });
});
