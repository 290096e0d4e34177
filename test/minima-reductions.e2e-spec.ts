import request from 'supertest';
import { UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { DuesService, FundsService } from '@buurtcoop/finance';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, registerMember } from '@buurtcoop/testing';

/** Quarterly resident dues: €36 a year, €10 on the minima tariff; household dues yearly: €60, €20. */
const RESIDENT = { yearly: 3600, reduced: 1000 };
const HOUSEHOLD = { yearly: 6000, reduced: 2000 };

describe('The municipal share of the minima tariff', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let cooperativeId: ReturnType<typeof asCooperativeId>;
  let base: string;
  let treasurer: { authorization: string };
  let types: Record<string, string>;
  let fundId: string;
  let expected: { count: number; totalCents: number };

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;
  const uow = () => sut.app.get(UnitOfWork);

  const enrol = async (type: string, lastName: string, joinedOn: string, minimumIncome: boolean) => {
    const memberId = await registerMember(sut, cooperativeId, { membershipTypeId: types[type], lastName, joinedOn, street: 'Knutteldorp', houseNumber: '4', postcode: '7411AA' });
    if (minimumIncome) await sql(`INSERT INTO member_categories (cooperative_id, member_id, category, consented_at) VALUES ($1, $2, 'minimum_income', now())`, [coop.cooperativeId, memberId]);
    return memberId;
  };

  /** A quarter's share of a yearly amount, and a part of it for the days left after joining: as the statutes say, rounded half up. */
  const quarter = (yearly: number) => yearly / 4;
  const proRata = (cents: number, daysLeft: number, days: number) => Math.round((cents * daysLeft) / days);

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'minima');
    cooperativeId = asCooperativeId(coop.cooperativeId);
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    const list = (await request(sut.url).get(`${base}/membership-types`).set(bearer(await coop.token('board'))).expect(200)).body;
    types = Object.fromEntries(list.map((t: { code: string; id: string }) => [t.code, t.id]));
    await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.resident, yearlyAmountCents: RESIDENT.yearly, reducedYearlyAmountCents: RESIDENT.reduced, frequency: 'quarterly' }).expect(200);
    await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.household, yearlyAmountCents: HOUSEHOLD.yearly, reducedYearlyAmountCents: HOUSEHOLD.reduced, frequency: 'yearly' }).expect(200);

    await enrol('resident', 'Achterberg', '2020-03-01', true);
    await enrol('resident', 'Brouwer', '2020-03-01', false);
    await enrol('household', 'Claassen', '2021-05-01', true);
    // Joins halfway through the first quarter of 2027 (90 days; 45 left from 15 February).
    await enrol('resident', 'Dijkstra', '2027-02-15', true);
    const eggink = await enrol('resident', 'Eggink', '2022-01-01', true);

    await sut.app.get(DuesService).run(cooperativeId, { period: '2027', issueDate: '2026-12-01', dueDate: '2027-01-31' }, null);
    // One of Eggink's invoices was a mistake and is cancelled: its reduction is not the municipality's.
    const [wrong] = await sql<{ id: string }>(`SELECT id FROM invoices WHERE cooperative_id = $1 AND member_id = $2 ORDER BY number LIMIT 1`, [coop.cooperativeId, eggink]);
    await request(sut.url).post(`${base}/invoices/${wrong.id}/cancel`).set(treasurer).send({ reason: 'Dubbel gefactureerd' }).expect(200);

    const perQuarter = quarter(RESIDENT.yearly) - quarter(RESIDENT.reduced);
    const achterberg = 4 * perQuarter;
    const claassen = HOUSEHOLD.yearly - HOUSEHOLD.reduced;
    const dijkstra = proRata(quarter(RESIDENT.yearly), 45, 90) - proRata(quarter(RESIDENT.reduced), 45, 90) + 3 * perQuarter;
    const egginkLeft = 3 * perQuarter;
    expected = { count: 4 + 1 + 4 + 3, totalCents: achterberg + claassen + dijkstra + egginkLeft };

    fundId = (
      await uow().run({ cooperativeId }, () =>
        sut.app.get(FundsService).create(null, cooperativeId, {
          code: 'BOOD-2027',
          name: 'Boodschappendienst 2027 — gemeente Deventer',
          purpose: 'Minimatarief en boodschappendienst',
          funderKind: 'municipality',
          restricted: true,
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
          budgetCents: 500000,
        }),
      )
    ).id;
  });
  afterAll(() => sut.close());

  const claimUrl = () => `${base}/funds/${fundId}/minima-reductions`;

  it('stores the reduction on each reduced dues line when it is issued, and nothing on a full-tariff line', async () => {
    const rows = await sql<{ last_name: string; reduction: string }>(
      `SELECT b.name AS last_name, sum(l.reduction_cents) AS reduction FROM invoice_lines l JOIN invoices i ON i.cooperative_id = l.cooperative_id AND i.id = l.invoice_id
         JOIN member_billing b ON b.cooperative_id = i.cooperative_id AND b.member_id = i.member_id
        WHERE l.cooperative_id = $1 GROUP BY b.name ORDER BY b.name`,
      [coop.cooperativeId],
    );
    expect(rows.map((r) => [r.last_name, Number(r.reduction)])).toEqual([
      ['Test Achterberg', 2600],
      ['Test Brouwer', 0],
      ['Test Claassen', 4000],
      ['Test Dijkstra', 325 + 3 * 650],
      ['Test Eggink', 4 * 650],
    ]);
  });

  it('previews, then books each unclaimed reduced invoice D 4400 on the fund / C 8000, once', async () => {
    const preview = await request(sut.url).get(claimUrl()).query({ from: '2026-12-01', through: '2026-12-31' }).set(treasurer).expect(200);
    expect(preview.body).toEqual(expected);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key LIKE 'minima-reduction:%'`, [coop.cooperativeId]))[0].n).toBe(0);

    const claimed = await request(sut.url).post(claimUrl()).set(treasurer).send({ from: '2026-12-01', through: '2026-12-31' }).expect(200);
    expect(claimed.body).toEqual(expected);
    const lines = await sql<{ code: string; fund_id: string | null; total: string; dated: string }>(
      `SELECT a.code, l.fund_id, sum(l.amount_cents) AS total, min(to_char(e.entry_date, 'YYYY-MM-DD')) AS dated
         FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
        WHERE e.cooperative_id = $1 AND e.idempotency_key LIKE 'minima-reduction:%' GROUP BY a.code, l.fund_id ORDER BY a.code`,
      [coop.cooperativeId],
    );
    expect(lines.map((l) => [l.code, l.fund_id, Number(l.total)])).toEqual([
      ['4400', fundId, expected.totalCents],
      ['8000', null, -expected.totalCents],
    ]);
    // Billed in December for 2027: counted on the fund's first day.
    expect(lines[0].dated).toBe('2027-01-01');

    expect((await request(sut.url).post(claimUrl()).set(treasurer).send({ from: '2026-12-01', through: '2026-12-31' }).expect(200)).body).toEqual({ count: 0, totalCents: 0 });
    expect((await request(sut.url).get(claimUrl()).query({ from: '2026-01-01', through: '2027-12-31' }).set(treasurer).expect(200)).body).toEqual({ count: 0, totalCents: 0 });
  });

  it('finds nothing to claim outside the period of issue', async () => {
    expect((await request(sut.url).get(claimUrl()).query({ from: '2027-01-01', through: '2027-12-31' }).set(treasurer).expect(200)).body).toEqual({ count: 0, totalCents: 0 });
  });

  it.each([
    ['an inverted period', { from: '2027-01-01', through: '2026-01-01' }, 400, 'through'],
    ['a date that does not exist', { from: '2026-02-30', through: '2026-12-31' }, 400, 'from'],
    ['no period', {}, 400, 'from'],
  ])('refuses %s, naming the field, and posts nothing', async (_, body, status, field) => {
    const before = await sql(`SELECT count(*)::int AS n FROM journal_entries WHERE cooperative_id = $1`, [coop.cooperativeId]);
    const response = await request(sut.url).post(claimUrl()).set(treasurer).send(body).expect(status);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await sql(`SELECT count(*)::int AS n FROM journal_entries WHERE cooperative_id = $1`, [coop.cooperativeId])).toEqual(before);
  });

  it('is for the treasurer and board of this cooperative only', async () => {
    await request(sut.url).post(claimUrl()).set(bearer(await coop.token('member'))).send({ from: '2026-12-01', through: '2026-12-31' }).expect(403);
    const other = await createTestCooperative(sut, 'anders');
    await request(sut.url)
      .post(`/api/v1/cooperatives/${other.cooperativeId}/funds/${fundId}/minima-reductions`)
      .set(bearer(await other.token('treasurer')))
      .send({ from: '2026-12-01', through: '2026-12-31' })
      .expect(404);
  });
});
