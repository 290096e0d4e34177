import request from 'supertest';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';
import { balanceOf, entryLines, importCredit, trialBalanceTotal } from './funding-fixtures';

describe('Municipal co-finance agreements: advances, matching, accountability, review and settlement', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  let accounts: Record<string, string>;

  const body = (overrides: Record<string, unknown> = {}) => ({
    reference: 'Z/26/184467',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    grantedCents: 4_000_000,
    ratio: { numerator: 1, denominator: 1 },
    capCents: 3_000_000,
    advances: [
      { expectedOn: '2027-01-31', amountCents: 2_000_000 },
      { expectedOn: '2027-07-31', amountCents: 1_600_000 },
    ],
    reportsDue: [{ dueOn: '2028-04-01', description: 'Activiteitenverslag 2027' }],
    targets: [
      { kind: 'hours_delivered', target: 2400 },
      { kind: 'residents_helped', target: 150 },
      { kind: 'vulnerable_residents_helped', target: 90 },
      { kind: 'activities_held', target: 40 },
    ],
    ...overrides,
  });
  const record = (overrides: Record<string, unknown> = {}) => request(sut.url).post(`${base}/agreements`).set(treasurer).send(body(overrides));
  const agreement = async (id: string) => (await request(sut.url).get(`${base}/agreements/${id}`).set(treasurer).expect(200)).body;
  const step = (id: string, path: string, payload: Record<string, unknown>) => request(sut.url).post(`${base}/agreements/${id}/${path}`).set(treasurer).send(payload);
  const receive = (id: string, trancheId: string, payload: Record<string, unknown>) => step(id, `advances/${trancheId}/receive`, payload);
  const income = (date: string, code: string, cents: number, key: string, fundId?: string) =>
    request(sut.url)
      .post(`${base}/ledger/entries`)
      .set(treasurer)
      .send({ entryDate: date, description: `Ontvangen ${code}`, idempotencyKey: key, lines: [{ accountId: accounts['1100'], amountCents: cents }, { accountId: accounts[code], amountCents: -cents, fundId }] })
      .expect(200);

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'gemeentegeld');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    accounts = Object.fromEntries((await request(sut.url).get(`${base}/ledger/accounts`).set(treasurer).expect(200)).body.map((a: { code: string; id: string }) => [a.code, a.id]));
  });
  afterAll(() => sut.close());

  it('refuses invalid agreements naming the field, and stores nothing', async () => {
    const invalid = await record({ reference: undefined, ratio: { numerator: 0.5, denominator: 1 }, grantedCents: '40000' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['grantedCents', 'ratio.numerator', 'reference']);
    const targets = await record({ targets: [{ kind: 'smiles', target: 3 }] }).expect(400);
    expect(targets.body.errors[0].field).toBe('targets[0].kind');
    const over = await record({ advances: [{ expectedOn: '2027-01-31', amountCents: 4_000_001 }] }).expect(422);
    expect(over.body.errors[0].field).toBe('advances');
    const notOwn = await record({ ownSourceAccountCodes: ['8000', '8400'] }).expect(422);
    expect(notOwn.body.errors).toEqual([{ field: 'ownSourceAccountCodes', messages: [expect.stringContaining('8400')] }]);
    await record({ ownSourceAccountCodes: ['1100'] }).expect(422);
    await record({ endsOn: '2026-12-31' }).expect(400);
    // Found by the fuzzing suite: a missing ratio reached the service and answered 500.
    const noRatio = await record({ ratio: undefined }).expect(400);
    expect(noRatio.body.errors.map((e: { field: string }) => e.field)).toEqual(['ratio']);
    expect((await request(sut.url).get(`${base}/agreements`).set(treasurer).expect(200)).body).toEqual([]);
  });

  it('derives the reporting tier from the amount granted, with the municipality’s thresholds when given', async () => {
    const tiers = [];
    for (const [i, [cents, thresholds]] of ([[2_500_000], [2_500_001], [12_500_001], [2_500_001, { smallMaxCents: 5_000_000, mediumMaxCents: 20_000_000 }]] as Array<[number, object?]>).entries()) {
      const response = await record({ reference: `TIER-${i}`, grantedCents: cents, capCents: undefined, advances: [], thresholds }).expect(201);
      tiers.push([response.body.tier, response.body.capCents]);
    }
    expect(tiers).toEqual([
      ['small', 2_500_000],
      ['medium', 2_500_001],
      ['large', 12_500_001],
      ['small', 2_500_001],
    ]);
  });

  it('goes through every state once: advances, accountability, review, and a settlement below the grant that makes the rest repayable', async () => {
    const created = (await record().expect(201)).body;
    const { id, fundId } = created;
    expect(created).toMatchObject({ status: 'granted', tier: 'medium', grantedCents: 4_000_000, capCents: 3_000_000, ratio: { numerator: 1, denominator: 1 }, ownSourceAccountCodes: ['8000', '8100', '8200'], receivedCents: 0 });
    expect(created.targets).toEqual([
      { kind: 'activities_held', target: 40 },
      { kind: 'hours_delivered', target: 2400 },
      { kind: 'residents_helped', target: 150 },
      { kind: 'vulnerable_residents_helped', target: 90 },
    ]);
    await record().expect(409);
    expect((await step(id, 'review', { startedOn: '2028-04-02' }).expect(409)).body.detail).toContain('the agreement is granted');
    await step(id, 'settlement', { settledCents: 4_000_000, settledOn: '2028-06-01' }).expect(409);

    const [first, second] = created.advances;
    await receive(id, first.id, { receivedOn: '2027-02-03' }).expect(200);
    expect((await agreement(id)).status).toBe('granted');
    expect(await entryLines(sut, coop.cooperativeId, `agreement-tranche:${first.id}`)).toEqual([
      { code: '1100', amountCents: 2_000_000, fundId: null },
      { code: '8400', amountCents: -2_000_000, fundId },
    ]);
    const racing = await Promise.all([0, 1].map(() => receive(id, second.id, { receivedOn: '2027-08-02' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await agreement(id)).toMatchObject({ status: 'advances_paid', receivedCents: 3_600_000 });

    const missing = await step(id, 'accountability', { submittedOn: '2028-03-15', documents: [{ kind: 'financial_report', name: 'Jaarrekening 2027', reference: 'eLoket 1' }] }).expect(422);
    expect(missing.body.errors).toEqual([{ field: 'documents', messages: [expect.stringContaining('activity_report')] }]);
    expect((await agreement(id)).status).toBe('advances_paid');
    await step(id, 'accountability', { submittedOn: '2028-03-15', documents: [{ kind: 'activity_report', name: 'Activiteitenverslag 2027', reference: 'eLoket 2028-004512' }] }).expect(200);
    expect(await agreement(id)).toMatchObject({
      status: 'accountability_submitted',
      accountabilitySubmittedOn: '2028-03-15',
      accountabilityDocuments: [{ kind: 'activity_report', name: 'Activiteitenverslag 2027', reference: 'eLoket 2028-004512' }],
      reports: [expect.objectContaining({ submittedOn: '2028-03-15' })],
    });
    await step(id, 'accountability', { submittedOn: '2028-03-16', documents: [{ kind: 'activity_report', name: 'Nog eens', reference: 'x' }] }).expect(409);

    const reviews = await Promise.all([0, 1].map(() => step(id, 'review', { startedOn: '2028-04-02' })));
    expect(reviews.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await agreement(id)).toMatchObject({ status: 'in_review', reviewStartedOn: '2028-04-02' });

    expect((await step(id, 'settlement', { settledCents: 3_000_000, settledOn: '2028-06-01' }).expect(422)).body.errors[0].field).toBe('reason');
    expect((await step(id, 'settlement', { settledCents: 4_000_001, settledOn: '2028-06-01', reason: 'x' }).expect(422)).body.errors[0].field).toBe('settledCents');
    expect((await agreement(id)).status).toBe('in_review');
    await step(id, 'settlement', { settledCents: 3_000_000, settledOn: '2028-06-01', reason: 'Minder uren geleverd dan beschikt' }).expect(200);
    expect(await agreement(id)).toMatchObject({ status: 'settled', settledCents: 3_000_000, settledOn: '2028-06-01', settlementReason: 'Minder uren geleverd dan beschikt' });
    // Received 20,000 + 16,000; settled 30,000: 6,000 goes back to the municipality.
    const repayable = 2_000_000 + 1_600_000 - 3_000_000;
    expect(await entryLines(sut, coop.cooperativeId, `agreement-settlement:${id}`)).toEqual([
      { code: '1700', amountCents: -repayable, fundId: null },
      { code: '8400', amountCents: repayable, fundId },
    ]);
    expect(await balanceOf(sut, base, treasurer, '1700', '2028-12-31')).toBe(-repayable);
    expect(await trialBalanceTotal(sut, base, treasurer, '2028-12-31')).toBe(0);
    await step(id, 'settlement', { settledCents: 3_000_000, settledOn: '2028-06-02', reason: 'Nog eens' }).expect(409);
    await receive(id, second.id, { receivedOn: '2028-07-01' }).expect(409);
  });

  it('settles a small subsidy above what the advances paid: the rest is receivable', async () => {
    const created = (await record({ reference: 'Z/26/200001', grantedCents: 2_000_000, capCents: undefined, advances: [{ expectedOn: '2027-02-01', amountCents: 1_000_000 }, { expectedOn: '2027-09-01', amountCents: 500_000 }] }).expect(201)).body;
    const { id, fundId } = created;
    expect(created.tier).toBe('small');
    await receive(id, created.advances[0].id, { receivedOn: '2027-02-02' }).expect(200);
    // The last advance is held back until accountability: a small subsidy needs no documents.
    await step(id, 'accountability', { submittedOn: '2028-02-01', documents: [] }).expect(200);
    await step(id, 'review', { startedOn: '2028-02-10' }).expect(200);
    await step(id, 'settlement', { settledCents: 2_000_000, settledOn: '2028-03-01' }).expect(200);
    const receivable = 2_000_000 - 1_000_000;
    expect(await entryLines(sut, coop.cooperativeId, `agreement-settlement:${id}`)).toEqual([
      { code: '1400', amountCents: receivable, fundId: null },
      { code: '8400', amountCents: -receivable, fundId },
    ]);
    expect(await trialBalanceTotal(sut, base, treasurer, '2028-12-31')).toBe(0);
  });

  it('books an advance from its bank statement line', async () => {
    const created = (await record({ reference: 'Z/26/300001', advances: [{ expectedOn: '2027-03-01', amountCents: 1_250_000 }] }).expect(201)).body;
    const lineId = await importCredit(sut, base, treasurer, { iban: 'NL63TRIO0212345678', date: '2027-03-02', amountCents: 1_250_000, payer: 'Gemeente', text: 'Voorschot Z/26/300001', ref: 'GEM-1' });
    await receive(created.id, created.advances[0].id, { statementLineId: lineId }).expect(200);
    expect(await agreement(created.id)).toMatchObject({ status: 'advances_paid', advances: [expect.objectContaining({ receivedOn: '2027-03-02', ledgerKey: `statement-line:${lineId}` })] });
    expect(await entryLines(sut, coop.cooperativeId, `statement-line:${lineId}`)).toEqual([
      { code: '1100', amountCents: 1_250_000, fundId: null },
      { code: '8400', amountCents: -1_250_000, fundId: created.fundId },
    ]);
  });

  it('computes the matching from own-source income in the period: below, at and beyond the cap', async () => {
    const { id, fundId } = (await record({ reference: 'Z/26/400001', advances: [] }).expect(201)).body;
    const matching = async (through?: string) => (await request(sut.url).get(`${base}/agreements/${id}/matching`).query(through ? { through } : {}).set(treasurer).expect(200)).body;
    // Outside the period, or not an own source: never counted.
    await income('2026-12-31', '8100', 777_700, 'm-before');
    await income('2027-02-01', '8300', 400_000, 'm-foundation');
    await income('2028-01-02', '8000', 999_900, 'm-after');
    await income('2027-02-01', '8000', 1_000_000, 'm-dues');
    await income('2027-03-01', '8200', 500_050, 'm-gift');
    // A gift refunded in part: a debit on 8200.
    await request(sut.url).post(`${base}/ledger/entries`).set(treasurer).send({ entryDate: '2027-04-01', description: 'Gift deels terug', idempotencyKey: 'm-refund', lines: [{ accountId: accounts['8200'], amountCents: 50 }, { accountId: accounts['1100'], amountCents: -50 }] }).expect(200);
    await income('2027-05-01', '8100', 1_500_000, 'm-contributions', fundId);
    await income('2027-06-01', '8000', 1, 'm-one-cent');

    expect(await matching('2026-12-31')).toMatchObject({ ownSourcesCents: 0, matchingCents: 0 });
    expect(await matching('2027-03-31')).toEqual({ from: '2027-01-01', through: '2027-03-31', ownSourcesCents: 1_500_050, earnedCents: 1_500_050, capCents: 3_000_000, grantedCents: 4_000_000, matchingCents: 1_500_050, binding: 'own_sources' });
    expect(await matching('2027-05-31')).toMatchObject({ ownSourcesCents: 3_000_000, earnedCents: 3_000_000, matchingCents: 3_000_000, binding: 'own_sources' });
    expect(await matching('2027-06-30')).toMatchObject({ ownSourcesCents: 3_000_001, earnedCents: 3_000_001, matchingCents: 3_000_000, binding: 'cap' });
    expect(await matching()).toMatchObject({ through: '2027-12-31', ownSourcesCents: 3_000_001, matchingCents: 3_000_000 });
    expect(await matching('2029-01-01')).toMatchObject({ through: '2027-12-31', ownSourcesCents: 3_000_001 });

    const half = (await record({ reference: 'Z/26/400002', advances: [], ratio: { numerator: 1, denominator: 2 }, capCents: undefined, grantedCents: 1_000_000 }).expect(201)).body;
    const halfMatching = (await request(sut.url).get(`${base}/agreements/${half.id}/matching`).query({ through: '2027-03-31' }).set(treasurer).expect(200)).body;
    // 1/2 of 15,000.50 is 7,500.25: 750_025 cents.
    expect(halfMatching).toMatchObject({ ownSourcesCents: 1_500_050, earnedCents: 750_025, matchingCents: 750_025, binding: 'own_sources' });
    expect((await request(sut.url).get(`${base}/agreements/${half.id}/matching`).set(treasurer).expect(200)).body).toMatchObject({ earnedCents: 1_500_000, matchingCents: 1_000_000, binding: 'granted' });
  });

  it('lists the reports due of grants and agreements together', async () => {
    const grant = (await request(sut.url).post(`${base}/grants`).set(treasurer).send({ foundationName: 'Oranje Fonds', project: 'Buurtkamer', requestedCents: 500_000, submittedOn: '2026-10-01' }).expect(201)).body;
    await request(sut.url)
      .post(`${base}/grants/${grant.id}/award`)
      .set(treasurer)
      .send({ decidedOn: '2026-11-01', awardedCents: 500_000, startsOn: '2027-01-01', endsOn: '2027-12-31', conditions: 'Eindverslag', reportsDue: [{ dueOn: '2027-07-15', description: 'Tussenrapportage' }, { dueOn: '2028-05-01', description: 'Eindverslag' }] })
      .expect(200);
    const { id } = (await record({ reference: 'Z/26/500001', advances: [], reportsDue: [{ dueOn: '2028-04-01', description: 'Verantwoording 2027' }] }).expect(201)).body;
    const deadlines = (await request(sut.url).get(`${base}/funding-deadlines`).query({ before: '2028-04-30' }).set(treasurer).expect(200)).body;
    const ours = deadlines.filter((d: { sourceId: string }) => [grant.id, id].includes(d.sourceId));
    expect(ours).toEqual([
      { reportId: expect.any(String), dueOn: '2027-07-15', description: 'Tussenrapportage', source: 'grant', sourceId: grant.id, sourceName: 'Oranje Fonds — Buurtkamer' },
      { reportId: expect.any(String), dueOn: '2028-04-01', description: 'Verantwoording 2027', source: 'agreement', sourceId: id, sourceName: expect.stringContaining('Z/26/500001') },
    ]);
    // The settled agreements' accountability was submitted: it is not due any more.
    const settled = (await request(sut.url).get(`${base}/agreements`).set(treasurer).expect(200)).body.filter((a: { status: string }) => a.status === 'settled').map((a: { id: string }) => a.id);
    expect(settled).toHaveLength(2);
    expect(deadlines.filter((d: { sourceId: string }) => settled.includes(d.sourceId))).toEqual([]);
    await request(sut.url).get(`${base}/funding-deadlines`).query({ before: 'morgen' }).set(treasurer).expect(400);
  });

  it('shows the municipality’s reviewer the agreements in aggregate, and nobody else', async () => {
    const reviewer = bearer(await coop.token('municipality_reviewer'));
    const list = (await request(sut.url).get(`/api/v1/municipalities/${coop.municipalityId}/agreements`).set(reviewer).expect(200)).body;
    const settled = list.find((a: { reference: string }) => a.reference === 'Z/26/184467');
    expect(settled).toEqual({
      id: expect.any(String),
      cooperativeId: coop.cooperativeId,
      cooperativeName: expect.stringContaining('gemeentegeld'),
      reference: 'Z/26/184467',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      grantedCents: 4_000_000,
      receivedCents: 3_600_000,
      tier: 'medium',
      status: 'settled',
      accountabilitySubmittedOn: '2028-03-15',
      settledCents: 3_000_000,
      targets: expect.arrayContaining([{ kind: 'vulnerable_residents_helped', target: 90 }]),
    });
    const own = (await request(sut.url).get(`${base}/agreements`).set(treasurer).expect(200)).body;
    expect(list.map((a: { id: string }) => a.id).sort()).toEqual(own.map((a: { id: string }) => a.id).sort());

    const other = await createTestCooperative(sut, 'anderegemeente');
    const otherReviewer = bearer(await other.token('municipality_reviewer'));
    await request(sut.url).get(`/api/v1/municipalities/${coop.municipalityId}/agreements`).set(otherReviewer).expect(404);
    expect((await request(sut.url).get(`/api/v1/municipalities/${other.municipalityId}/agreements`).set(otherReviewer).expect(200)).body).toEqual([]);
    await request(sut.url).get(`/api/v1/municipalities/${coop.municipalityId}/agreements`).set(treasurer).expect(404);

    const otherTreasurer = bearer(await other.token('treasurer'));
    await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/agreements/${settled.id}`).set(otherTreasurer).expect(404);
    await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/agreements/${settled.id}/matching`).set(otherTreasurer).expect(404);
    await request(sut.url).get(`${base}/agreements/${settled.id}`).set(otherTreasurer).expect(404);
  });
});
