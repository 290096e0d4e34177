import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';

/**
 * Earmarked funds: income and costs booked on a fund, costs attributed by hand and by rule, commitments,
 * budget against actual, and every figure traced to the ledger lines behind it.
 */
describe('Funds', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let api: string;
  let treasurer: { authorization: string };
  let accounts: Record<string, string>;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'fondsen');
    api = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    const list = (await request(sut.url).get(`${api}/ledger/accounts`).set(treasurer).expect(200)).body;
    accounts = Object.fromEntries(list.map((a: { code: string; id: string }) => [a.code, a.id]));
  });
  afterAll(() => sut.close());

  const fundBody = (code: string, extra: object = {}) => ({
    code,
    name: `Fonds ${code}`,
    purpose: 'Boodschappen en vervoer voor ouderen in de wijk',
    funderKind: 'municipality',
    restricted: true,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    budgetCents: 1_000_000,
    ...extra,
  });
  const openFund = async (code: string, extra: object = {}) => (await request(sut.url).post(`${api}/funds`).set(treasurer).send(fundBody(code, extra)).expect(201)).body as { id: string; code: string };
  /** Posts through the ledger API; lines are [account code, cents, fund id?]. */
  const post = (key: string, entryDate: string, lines: Array<[string, number, string?]>) =>
    request(sut.url)
      .post(`${api}/ledger/entries`)
      .set(treasurer)
      .send({ entryDate, description: `Boeking ${key}`, idempotencyKey: key, lines: lines.map(([code, amountCents, fundId]) => ({ accountId: accounts[code], amountCents, fundId })) });
  const report = async (fundId: string, query = '') => (await request(sut.url).get(`${api}/funds/${fundId}/report${query}`).set(treasurer).expect(200)).body;
  const lines = async (fundId: string, query: string) => (await request(sut.url).get(`${api}/funds/${fundId}/lines?pageSize=200&${query}`).set(treasurer).expect(200)).body;
  const trialBalanceSum = async () => {
    const rows = (await request(sut.url).get(`${api}/ledger/trial-balance?through=2026-12-31`).set(treasurer).expect(200)).body;
    return (rows.accounts ?? rows).reduce((sum: number, r: { balanceCents: number }) => sum + r.balanceCents, 0);
  };

  it('opens a fund for the board and the treasurer, refuses a taken code, an inverted period and other roles', async () => {
    const fund = await openFund('BOOD-2026');
    expect(fund).toMatchObject({ code: 'BOOD-2026', restricted: true, status: 'open', budgetCents: 1_000_000 });
    const taken = await request(sut.url).post(`${api}/funds`).set(treasurer).send(fundBody('BOOD-2026')).expect(409);
    expect(taken.body).toMatchObject({ code: 'fund_code_taken', errors: [{ field: 'code' }] });
    const inverted = await request(sut.url).post(`${api}/funds`).set(treasurer).send(fundBody('OMGEKEERD', { startsOn: '2026-12-31', endsOn: '2026-01-01' })).expect(400);
    expect(inverted.body.errors[0].field).toBe('endsOn');
    const board = bearer(await coop.token('board'));
    await request(sut.url).get(`${api}/funds`).set(board).expect(200);
    for (const role of ['member', 'coordinator'] as const) {
      const caller = bearer(await coop.token(role));
      await request(sut.url).get(`${api}/funds`).set(caller).expect(403);
      await request(sut.url).post(`${api}/funds`).set(caller).send(fundBody('STIEKEM')).expect(403);
    }
    const before = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM funds`);
    for (const bad of [{ code: 'kleine letters' }, { funderKind: 'bank' }, { budgetCents: -1 }, { budgetCents: 12.5 }, { startsOn: '2026-02-30' }, { restricted: 'ja' }]) {
      const response = await request(sut.url).post(`${api}/funds`).set(treasurer).send(fundBody('GOED-1', bad)).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([Object.keys(bad)[0]]);
    }
    expect(await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM funds`)).toEqual(before);
  });

  it('reports received, spent, committed and unspent for any period, each traced to the ledger lines behind it', async () => {
    const fund = await openFund('ZON-2026', { funderKind: 'housing_corporation', name: 'Zonnepanelen — Woningcorporatie IJsselwonen' });
    await post('zon-voorschot', '2026-02-01', [['1100', 600_000], ['8300', -600_000, fund.id]]).expect(200);
    await post('zon-gift', '2026-05-10', [['1100', 25_000], ['8200', -25_000, fund.id]]).expect(200);
    await post('zon-materiaal-1', '2026-03-15', [['4100', 120_000, fund.id], ['1100', -120_000]]).expect(200);
    await post('zon-materiaal-2', '2026-06-20', [['4100', 45_050, fund.id], ['1100', -45_050]]).expect(200);
    // Not the fund's: a cost without a fund and another fund's income.
    await post('algemeen', '2026-04-01', [['4200', 1_500], ['1100', -1_500]]).expect(200);

    const whole = await report(fund.id);
    expect(whole).toMatchObject({ from: '2026-01-01', through: '2026-12-31' });
    expect(whole.figures).toEqual({ openingCents: 0, receivedCents: 625_000, spentCents: 165_050, committedCents: 0, unspentCents: 459_950, availableCents: 459_950 });

    // The second quarter on its own: what was left at 1 April carries over as the opening.
    const q2 = await report(fund.id, '?from=2026-04-01&through=2026-06-30');
    expect(q2.figures).toMatchObject({ openingCents: 600_000 - 120_000, receivedCents: 25_000, spentCents: 45_050, unspentCents: 480_000 + 25_000 - 45_050 });

    const received = await lines(fund.id, 'figure=received');
    expect(received.items.map((l: { idempotencyKey: string }) => l.idempotencyKey)).toEqual(['zon-voorschot', 'zon-gift']);
    expect(received.items.reduce((sum: number, l: { figureCents: number }) => sum + l.figureCents, 0)).toBe(whole.figures.receivedCents);
    const spent = await lines(fund.id, 'figure=spent');
    expect(spent.items.reduce((sum: number, l: { figureCents: number }) => sum + l.figureCents, 0)).toBe(whole.figures.spentCents);
    expect(spent.items[0]).toMatchObject({ accountCode: '4100', amountCents: 120_000, figure: 'spent', entryDate: '2026-03-15' });
    const entry = (await request(sut.url).get(`${api}/ledger/entries/${spent.items[0].entryId}`).set(treasurer).expect(200)).body;
    expect(entry.lines).toContainEqual(expect.objectContaining({ fundId: fund.id, amountCents: 120_000 }));
  });

  it('attributes a cost by hand, never more than is left of it, and by rule once, idempotently', async () => {
    const fund = await openFund('COORD-2026', { restricted: false, funderKind: 'own', name: 'Coördinatie (bestemmingsreserve)' });
    const cost = await post('coord-jan', '2026-01-31', [['4300', 80_000], ['1100', -80_000]]).expect(200);
    const costLine = cost.body.lines.find((l: { accountId: string }) => l.accountId === accounts['4300']);
    const [line] = await sut.database.dataSource.query(`SELECT id FROM journal_lines WHERE entry_id = $1 AND amount_cents = 80000`, [cost.body.id]);
    expect(costLine).toBeDefined();

    const candidates = (await request(sut.url).get(`${api}/fund-attributions/candidates?accountId=${accounts['4300']}`).set(treasurer).expect(200)).body;
    expect(candidates.items).toEqual([expect.objectContaining({ lineId: line.id, amountCents: 80_000, attributedCents: 0 })]);

    const byHand = await request(sut.url).post(`${api}/funds/${fund.id}/attributions`).set(treasurer).send({ lineId: line.id, amountCents: 30_000 }).expect(200);
    expect(byHand.body).toEqual({ attributions: 1, totalCents: 30_000 });
    const again = await request(sut.url).post(`${api}/funds/${fund.id}/attributions`).set(treasurer).send({ lineId: line.id, amountCents: 10_000 }).expect(409);
    expect(again.body).toMatchObject({ code: 'fund_line_already_attributed', errors: [{ field: 'lineId' }] });
    const other = await openFund('COORD-B', { restricted: false, funderKind: 'own' });
    const tooMuch = await request(sut.url).post(`${api}/funds/${other.id}/attributions`).set(treasurer).send({ lineId: line.id, amountCents: 50_001 }).expect(422);
    expect(tooMuch.body).toMatchObject({ code: 'fund_attribution_too_large', errors: [{ field: 'amountCents', messages: [expect.stringContaining('only 50000')] }] });
    const income = await post('niet-een-kostenpost', '2026-01-31', [['1100', 500], ['8200', -500]]).expect(200);
    const [incomeLine] = await sut.database.dataSource.query(`SELECT id FROM journal_lines WHERE entry_id = $1 AND amount_cents = -500`, [income.body.id]);
    await request(sut.url).post(`${api}/funds/${fund.id}/attributions`).set(treasurer).send({ lineId: incomeLine.id }).expect(422);
    // The fund in the path is looked up before the line in the body: an unknown fund is 404 even with a line that could never be attributed.
    for (const lineId of [line.id, incomeLine.id, randomUUID()]) {
      const nowhere = await request(sut.url).post(`${api}/funds/${randomUUID()}/attributions`).set(treasurer).send({ lineId }).expect(404);
      expect(nowhere.headers['content-type']).toContain('application/problem+json');
      expect(nowhere.body).toMatchObject({ code: 'fund_not_found', detail: 'Fund was not found' });
    }

    // A rule: 50% of coordination costs; February's invoice and what is left of January's.
    await post('coord-feb', '2026-02-28', [['4300', 40_001], ['1100', -40_001]]).expect(200);
    const rule = await request(sut.url).post(`${api}/fund-rules`).set(treasurer).send({ fundId: fund.id, accountCode: '4300', sharePercent: 50, validFrom: '2026-01-01', validThrough: '2026-12-31' }).expect(201);
    const over = await request(sut.url).post(`${api}/fund-rules`).set(treasurer).send({ fundId: other.id, accountCode: '4300', sharePercent: 51, validFrom: '2026-06-01', validThrough: '2026-06-30' }).expect(422);
    expect(over.body).toMatchObject({ code: 'fund_rule_over_allocated', errors: [{ field: 'sharePercent', messages: [expect.stringContaining('at most 50%')] }] });
    const notCosts = await request(sut.url).post(`${api}/fund-rules`).set(treasurer).send({ fundId: fund.id, accountCode: '8200', sharePercent: 10, validFrom: '2026-01-01', validThrough: '2026-12-31' }).expect(422);
    expect(notCosts.body.errors[0].field).toBe('accountCode');

    const applied = await request(sut.url).post(`${api}/fund-rules/apply`).set(treasurer).send({ through: '2026-12-31' }).expect(200);
    // January's line already went to this fund by hand, so the rule leaves it; February: 50% of 40,001 rounds to 20,001.
    expect(applied.body).toEqual({ attributions: 1, totalCents: 20_001 });
    expect((await request(sut.url).post(`${api}/fund-rules/apply`).set(treasurer).send({ through: '2026-12-31' }).expect(200)).body).toEqual({ attributions: 0, totalCents: 0 });
    expect((await report(fund.id)).figures.spentCents).toBe(30_000 + 20_001);
    // The cost accounts themselves did not change: a reclassification moves cost onto the fund, it adds none.
    const tb = (await request(sut.url).get(`${api}/ledger/trial-balance?through=2026-12-31`).set(treasurer).expect(200)).body;
    const coordination = (tb.accounts ?? tb).find((r: { code: string }) => r.code === '4300');
    expect(coordination.balanceCents).toBe(80_000 + 40_001);
    expect(await trialBalanceSum()).toBe(0);

    const ended = await request(sut.url).patch(`${api}/fund-rules/${rule.body.id}`).set(treasurer).send({ validThrough: '2026-03-31' }).expect(200);
    expect(ended.body.validThrough).toBe('2026-03-31');
    await post('coord-apr', '2026-04-30', [['4300', 10_000], ['1100', -10_000]]).expect(200);
    expect((await request(sut.url).post(`${api}/fund-rules/apply`).set(treasurer).send({}).expect(200)).body.attributions).toBe(0);
  });

  it('applies the rules once when two treasurers start it at the same time', async () => {
    const fund = await openFund('RACE-2026', { restricted: false, funderKind: 'own' });
    await post('race-kosten', '2026-07-01', [['4000', 12_345], ['1100', -12_345]]).expect(200);
    await request(sut.url).post(`${api}/fund-rules`).set(treasurer).send({ fundId: fund.id, accountCode: '4000', sharePercent: 100, validFrom: '2026-07-01', validThrough: '2026-07-31' }).expect(201);
    const runs = await Promise.all([1, 2, 3].map(() => request(sut.url).post(`${api}/fund-rules/apply`).set(treasurer).send({ through: '2026-07-31' })));
    expect(runs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await report(fund.id)).figures.spentCents).toBe(12_345);
    const [{ n }] = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM fund_attributions WHERE fund_id = $1`, [fund.id]);
    expect(n).toBe(1);
  });

  it('lets only one of two racing attributions have the rest of a line', async () => {
    const [a, b] = [await openFund('HAND-A', { restricted: false, funderKind: 'own' }), await openFund('HAND-B', { restricted: false, funderKind: 'own' })];
    const cost = await post('hand-race', '2026-08-01', [['4100', 10_000], ['1100', -10_000]]).expect(200);
    const [line] = await sut.database.dataSource.query(`SELECT id FROM journal_lines WHERE entry_id = $1 AND amount_cents = 10000`, [cost.body.id]);
    const racing = await Promise.all([a, b].map((fund) => request(sut.url).post(`${api}/funds/${fund.id}/attributions`).set(treasurer).send({ lineId: line.id, amountCents: 6_000 })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 422]);
    const [{ total }] = await sut.database.dataSource.query(`SELECT sum(amount_cents)::int AS total FROM fund_attributions WHERE source_line_id = $1`, [line.id]);
    expect(total).toBe(6_000);
  });

  it('counts commitments until released, as of any date, and releases each once', async () => {
    const fund = await openFund('BAKFIETS', { funderKind: 'company', name: 'Bakfiets — Bakkerij De Korenschoof' });
    await post('bakfiets-gift', '2026-03-01', [['1100', 200_000], ['8200', -200_000, fund.id]]).expect(200);
    const commitment = await request(sut.url).post(`${api}/funds/${fund.id}/commitments`).set(treasurer).send({ description: 'Bestelling bakfiets bij Fietsenmakerij Jansen', amountCents: 150_000, committedOn: '2026-03-10' }).expect(201);
    expect((await report(fund.id)).figures).toMatchObject({ unspentCents: 200_000, committedCents: 150_000, availableCents: 50_000 });
    const released = await request(sut.url)
      .post(`${api}/funds/${fund.id}/commitments/${commitment.body.id}/release`)
      .set(treasurer)
      .send({ reason: 'Factuur geboekt', releasedOn: '2026-04-02' })
      .expect(200);
    expect(released.body).toMatchObject({ status: 'released', releasedOn: '2026-04-02' });
    expect((await report(fund.id, '?through=2026-03-31')).figures.committedCents).toBe(150_000);
    expect((await report(fund.id, '?through=2026-04-02')).figures.committedCents).toBe(0);
    const twice = await Promise.all([1, 2].map(() => request(sut.url).post(`${api}/funds/${fund.id}/commitments/${commitment.body.id}/release`).set(treasurer).send({ reason: 'Nogmaals' })));
    expect(twice.map((r) => r.status)).toEqual([409, 409]);
    const outside = await request(sut.url).post(`${api}/funds/${fund.id}/commitments`).set(treasurer).send({ description: 'Volgend jaar', amountCents: 100, committedOn: '2027-01-05' }).expect(422);
    expect(outside.body).toMatchObject({ code: 'fund_date_outside_period', errors: [{ field: 'committedOn' }] });
  });

  it('sets a budget per cost account and shows budget against actual, including spending without a budget', async () => {
    const fund = await openFund('HUISWERK', { funderKind: 'foundation', budgetCents: 300_000 });
    const budget = await request(sut.url)
      .put(`${api}/funds/${fund.id}/budget`)
      .set(treasurer)
      .send({ lines: [{ accountCode: '4000', amountCents: 200_000 }, { accountCode: '4100', amountCents: 50_000 }] })
      .expect(200);
    expect(budget.body).toEqual([
      { accountCode: '4000', accountName: 'Vrijwilligersvergoedingen', budgetCents: 200_000, actualCents: 0, remainingCents: 200_000 },
      { accountCode: '4100', accountName: 'Materialen', budgetCents: 50_000, actualCents: 0, remainingCents: 50_000 },
    ]);
    await post('huiswerk-boeken', '2026-09-01', [['4100', 62_500, fund.id], ['1100', -62_500]]).expect(200);
    await post('huiswerk-bank', '2026-09-30', [['4200', 300, fund.id], ['1100', -300]]).expect(200);
    expect((await report(fund.id)).budget).toEqual([
      { accountCode: '4000', accountName: 'Vrijwilligersvergoedingen', budgetCents: 200_000, actualCents: 0, remainingCents: 200_000 },
      { accountCode: '4100', accountName: 'Materialen', budgetCents: 50_000, actualCents: 62_500, remainingCents: -12_500 },
      { accountCode: '4200', accountName: 'Betaalkosten', budgetCents: 0, actualCents: 300, remainingCents: -300 },
    ]);
    const over = await request(sut.url).put(`${api}/funds/${fund.id}/budget`).set(treasurer).send({ lines: [{ accountCode: '4000', amountCents: 300_001 }] }).expect(422);
    expect(over.body).toMatchObject({ code: 'fund_budget_exceeds_total', errors: [{ field: 'lines' }] });
    const income = await request(sut.url).put(`${api}/funds/${fund.id}/budget`).set(treasurer).send({ lines: [{ accountCode: '8200', amountCents: 1 }] }).expect(422);
    expect(income.body.errors[0].field).toBe('lines[0].accountCode');
    await request(sut.url).patch(`${api}/funds/${fund.id}`).set(treasurer).send({ budgetCents: 100_000 }).expect(422);
  });

  it('books on a fund only while it is open and within its period; a closed fund can be reopened', async () => {
    const fund = await openFund('KORT', { startsOn: '2026-06-01', endsOn: '2026-06-30' });
    const early = await post('kort-mei', '2026-05-31', [['4100', 100, fund.id], ['1100', -100]]).expect(422);
    expect(early.body).toMatchObject({ code: 'fund_not_bookable', errors: [{ field: 'lines[0].fundId', messages: [expect.stringContaining('bears costs from 2026-06-01 to 2026-06-30')] }] });
    // An advance may come in before the period starts.
    await post('kort-voorschot', '2026-05-31', [['1100', 100], ['8400', -100, fund.id]]).expect(200);
    await post('kort-juni', '2026-06-15', [['1100', 100], ['8200', -100, fund.id]]).expect(200);
    const shorten = await request(sut.url).patch(`${api}/funds/${fund.id}`).set(treasurer).send({ endsOn: '2026-06-10' }).expect(400);
    expect(shorten.body.errors[0]).toMatchObject({ field: 'endsOn', messages: [expect.stringContaining('entries up to 2026-06-15')] });
    await request(sut.url).patch(`${api}/funds/${fund.id}`).set(treasurer).send({ status: 'closed' }).expect(200);
    const closed = await post('kort-dicht', '2026-06-20', [['1100', 100], ['8200', -100, fund.id]]).expect(422);
    expect(closed.body.errors[0].messages[0]).toContain('closed');
    await request(sut.url).patch(`${api}/funds/${fund.id}`).set(treasurer).send({ status: 'open' }).expect(200);
    await post('kort-dicht', '2026-06-20', [['1100', 100], ['8200', -100, fund.id]]).expect(200);
  });

  it('shows restricted money not yet spent as a liability on the balance, and keeps the balance in balance', async () => {
    const other = await createTestCooperative(sut, 'fondsen-balans');
    const otherApi = `/api/v1/cooperatives/${other.cooperativeId}`;
    const auth = bearer(await other.token('treasurer'));
    const ids = Object.fromEntries((await request(sut.url).get(`${otherApi}/ledger/accounts`).set(auth).expect(200)).body.map((a: { code: string; id: string }) => [a.code, a.id]));
    const open = async (code: string, restricted: boolean) => (await request(sut.url).post(`${otherApi}/funds`).set(auth).send(fundBody(code, { restricted })).expect(201)).body.id as string;
    const restricted = await open('GEOORMERKT', true);
    const designated = await open('RESERVE', false);
    const book = (key: string, lines: Array<[string, number, string?]>) =>
      request(sut.url)
        .post(`${otherApi}/ledger/entries`)
        .set(auth)
        .send({ entryDate: '2026-05-01', description: key, idempotencyKey: key, lines: lines.map(([code, amountCents, fundId]) => ({ accountId: ids[code], amountCents, fundId })) })
        .expect(200);
    await book('subsidie', [['1100', 500_000], ['8400', -500_000, restricted]]);
    await book('uitgaven', [['4000', 180_000, restricted], ['1100', -180_000]]);
    await book('reserve', [['1100', 70_000], ['8200', -70_000, designated]]);
    await book('contributie', [['1100', 30_000], ['8000', -30_000]]);

    const statements = (await request(sut.url).get(`${otherApi}/ledger/statements?from=2026-01-01&through=2026-12-31`).set(auth).expect(200)).body;
    const sheet = statements.balanceSheet;
    expect(sheet.restrictedFunds).toEqual([{ code: 'GEOORMERKT', name: 'Fonds GEOORMERKT', unspentCents: 320_000 }]);
    expect(sheet.liabilities).toContainEqual({ code: '0900', name: expect.any(String), amountCents: 320_000 });
    expect(sheet).toMatchObject({ resultToDateCents: 420_000, appropriatedToFundsCents: 320_000, resultAfterAppropriationCents: 100_000, totalAssetsCents: 420_000 });
    const liabilities = sheet.liabilities.reduce((sum: number, l: { amountCents: number }) => sum + l.amountCents, 0);
    const equity = sheet.equity.reduce((sum: number, l: { amountCents: number }) => sum + l.amountCents, 0);
    expect(liabilities + equity + sheet.resultAfterAppropriationCents).toBe(sheet.totalAssetsCents);
  });

  it('hides one cooperative’s funds from another', async () => {
    const fund = await openFund('GEHEIM');
    const other = await createTestCooperative(sut, 'fondsen-buren');
    const auth = bearer(await other.token('treasurer'));
    await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/funds/${fund.id}/report`).set(auth).expect(404);
    await request(sut.url).get(`${api}/funds/${fund.id}`).set(auth).expect(404);
    const booked = await request(sut.url)
      .post(`/api/v1/cooperatives/${other.cooperativeId}/ledger/entries`)
      .set(auth)
      .send({ entryDate: '2026-05-01', description: 'Op andermans fonds', idempotencyKey: 'leen', lines: [{ accountId: (await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/ledger/accounts`).set(auth)).body[0].id, amountCents: 1, fundId: fund.id }, { accountId: (await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/ledger/accounts`).set(auth)).body[1].id, amountCents: -1 }] })
      .expect(422);
    expect(booked.body.errors[0]).toMatchObject({ field: 'lines[0].fundId', messages: ['lines[0].fundId: no such fund'] });
  });
});
