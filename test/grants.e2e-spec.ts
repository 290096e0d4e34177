import request from 'supertest';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';
import { entryLines, importCredit, trialBalanceTotal } from './funding-fixtures';

describe('Foundation grants: application, award, tranches, reports, closing', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };

  const apply = (body: Record<string, unknown> = {}) =>
    request(sut.url)
      .post(`${base}/grants`)
      .set(treasurer)
      .send({ foundationName: 'Oranje Fonds', project: 'Buurtkamer Rivierenwijk', requestedCents: 1_500_000, submittedOn: '2026-09-15', ...body });
  const award = (id: string, body: Record<string, unknown> = {}) =>
    request(sut.url)
      .post(`${base}/grants/${id}/award`)
      .set(treasurer)
      .send({
        decidedOn: '2026-11-10',
        awardedCents: 1_200_000,
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        conditions: 'Vermelding van het fonds in publicaties',
        reportsDue: [
          { dueOn: '2027-07-15', description: 'Tussenrapportage' },
          { dueOn: '2028-03-31', description: 'Eindverslag' },
        ],
        tranches: [{ expectedOn: '2027-01-15', amountCents: 900_000 }],
        ...body,
      });
  const grant = async (id: string) => (await request(sut.url).get(`${base}/grants/${id}`).set(treasurer).expect(200)).body;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'fondsen');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
  });
  afterAll(() => sut.close());

  it('refuses an application with invalid fields, naming them, and stores nothing', async () => {
    const response = await apply({ requestedCents: 0, submittedOn: '15-09-2026', foundationName: undefined }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['foundationName', 'requestedCents', 'submittedOn']);
    expect((await request(sut.url).get(`${base}/grants`).set(treasurer).expect(200)).body).toEqual([]);
  });

  it('is read and written only with the funding permissions', async () => {
    await request(sut.url).get(`${base}/grants`).set(bearer(await coop.token('member'))).expect(403);
    await apply().set(bearer(await coop.token('coordinator'))).expect(403);
  });

  it('goes from application to awarded once, however many award it at the same moment, opening one fund', async () => {
    const { id } = (await apply().expect(201)).body;
    expect(await grant(id)).toMatchObject({ status: 'application', requestedCents: 1_500_000, fundId: null });
    const responses = await Promise.all([award(id), award(id)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(responses.find((r) => r.status === 409)?.body.detail).toContain('the grant is awarded');
    const awarded = await grant(id);
    expect(awarded).toMatchObject({ status: 'awarded', awardedCents: 1_200_000, startsOn: '2027-01-01', endsOn: '2027-12-31', receivedCents: 0 });
    expect(awarded.fundId).toEqual(expect.any(String));
    expect(awarded.tranches).toEqual([expect.objectContaining({ expectedOn: '2027-01-15', amountCents: 900_000, receivedOn: null })]);
    expect(awarded.reports.map((r: { dueOn: string }) => r.dueOn)).toEqual(['2027-07-15', '2028-03-31']);
  });

  it('refuses tranches beyond the award, at the award and later, and stores nothing', async () => {
    const { id } = (await apply({ project: 'Taalcafé' }).expect(201)).body;
    const over = await award(id, { tranches: [{ expectedOn: '2027-01-15', amountCents: 900_000 }, { expectedOn: '2027-06-15', amountCents: 300_001 }] }).expect(422);
    expect(over.body.errors).toEqual([{ field: 'tranches', messages: [expect.stringContaining('1200001')] }]);
    expect(await grant(id)).toMatchObject({ status: 'application', fundId: null, tranches: [], reports: [] });

    await award(id).expect(200);
    const later = await request(sut.url).post(`${base}/grants/${id}/tranches`).set(treasurer).send({ expectedOn: '2027-09-01', amountCents: 300_001 }).expect(422);
    expect(later.body.errors[0].field).toBe('amountCents');
    await request(sut.url).post(`${base}/grants/${id}/tranches`).set(treasurer).send({ expectedOn: '2027-09-01', amountCents: 300_000 }).expect(201);
    expect((await grant(id)).tranches.map((t: { amountCents: number }) => t.amountCents)).toEqual([900_000, 300_000]);
  });

  it('books a tranche received on 8300 with the fund, once; and one on the bank statement through that line', async () => {
    const { id } = (await apply({ foundationName: 'VSBfonds', project: 'Repair café' }).expect(201)).body;
    const awarded = (await award(id).expect(200)).body;
    const [first] = awarded.tranches;
    await request(sut.url).post(`${base}/grants/${id}/tranches/${first.id}/receive`).set(treasurer).send({}).expect(400);
    const results = await Promise.all([0, 1].map(() => request(sut.url).post(`${base}/grants/${id}/tranches/${first.id}/receive`).set(treasurer).send({ receivedOn: '2027-01-18' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await entryLines(sut, coop.cooperativeId, `grant-tranche:${first.id}`)).toEqual([
      { code: '1100', amountCents: 900_000, fundId: null },
      { code: '8300', amountCents: -900_000, fundId: awarded.fundId },
    ]);

    const second = (await request(sut.url).post(`${base}/grants/${id}/tranches`).set(treasurer).send({ expectedOn: '2027-06-01', amountCents: 300_000 }).expect(201)).body.tranches[1];
    const lineId = await importCredit(sut, base, treasurer, { iban: 'NL63TRIO0212345678', date: '2027-06-03', amountCents: 300_000, payer: 'Stichting VSBfonds', text: 'Tweede termijn Repair cafe', ref: 'VSB-2' });
    await request(sut.url).post(`${base}/grants/${id}/tranches/${second.id}/receive`).set(treasurer).send({ statementLineId: lineId }).expect(200);
    const after = await grant(id);
    expect(after.receivedCents).toBe(1_200_000);
    expect(after.tranches[1]).toMatchObject({ receivedOn: '2027-06-03', statementLineId: lineId, ledgerKey: `statement-line:${lineId}` });
    expect(await entryLines(sut, coop.cooperativeId, `statement-line:${lineId}`)).toEqual([
      { code: '1100', amountCents: 300_000, fundId: null },
      { code: '8300', amountCents: -300_000, fundId: awarded.fundId },
    ]);
    expect(await entryLines(sut, coop.cooperativeId, `grant-tranche:${second.id}`)).toEqual([]);
    const line = (await request(sut.url).get(`${base}/statement-lines?status=matched`).set(treasurer).expect(200)).body.items.find((l: { id: string }) => l.id === lineId);
    expect(line).toMatchObject({ status: 'matched', matchKind: 'account' });
    expect(await trialBalanceTotal(sut, base, treasurer, '2027-12-31')).toBe(0);
  });

  it('refuses a statement line whose amount is not the tranche’s, booking nothing', async () => {
    const { id } = (await apply({ foundationName: 'Fonds 1818', project: 'Moestuin' }).expect(201)).body;
    const [tranche] = (await award(id, { fundCode: 'F1818-MOES' }).expect(200)).body.tranches;
    const lineId = await importCredit(sut, base, treasurer, { iban: 'NL63TRIO0212345678', date: '2027-01-20', amountCents: 899_999, payer: 'Fonds 1818', text: 'Bijdrage moestuin', ref: 'F1818-1' });
    const refused = await request(sut.url).post(`${base}/grants/${id}/tranches/${tranche.id}/receive`).set(treasurer).send({ statementLineId: lineId }).expect(422);
    expect(refused.body.errors[0].field).toBe('statementLineId');
    expect(await entryLines(sut, coop.cooperativeId, `statement-line:${lineId}`)).toEqual([]);
    expect((await grant(id)).tranches[0].receivedOn).toBeNull();
    const open = (await request(sut.url).get(`${base}/statement-lines?status=unmatched`).set(treasurer).expect(200)).body.items.map((l: { id: string }) => l.id);
    expect(open).toContain(lineId);
  });

  it('closes only when every report is in, and then only once', async () => {
    const { id } = (await apply({ project: 'Zomerschool' }).expect(201)).body;
    await request(sut.url).post(`${base}/grants/${id}/close`).set(treasurer).send({ closedOn: '2028-04-01' }).expect(409);
    const { reports } = (await award(id).expect(200)).body;
    const outstanding = await request(sut.url).post(`${base}/grants/${id}/close`).set(treasurer).send({ closedOn: '2028-04-01' }).expect(409);
    expect(outstanding.body.detail).toContain('2 report(s) still due');
    const submit = (reportId: string) => request(sut.url).post(`${base}/grants/${id}/reports/${reportId}/submit`).set(treasurer).send({ submittedOn: '2027-07-10' });
    await submit(reports[0].id).expect(200);
    await submit(reports[0].id).expect(409);
    await submit(reports[1].id).expect(200);
    const closings = await Promise.all([0, 1].map(() => request(sut.url).post(`${base}/grants/${id}/close`).set(treasurer).send({ closedOn: '2028-04-01' })));
    expect(closings.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await grant(id)).toMatchObject({ status: 'closed', closedOn: '2028-04-01' });
    const late = await submit(reports[1].id).expect(409);
    expect(late.body.detail).toContain('the grant is closed');
  });

  it('rejects an application, after which it can be neither awarded nor rejected again', async () => {
    const { id } = (await apply({ foundationName: 'Kansfonds' }).expect(201)).body;
    await request(sut.url).post(`${base}/grants/${id}/reject`).set(treasurer).send({ decidedOn: '2026-12-01', reason: 'Buiten het werkgebied' }).expect(200);
    expect(await grant(id)).toMatchObject({ status: 'rejected', rejectionReason: 'Buiten het werkgebied', decidedOn: '2026-12-01' });
    expect((await award(id).expect(409)).body.detail).toContain('the grant is rejected');
    await request(sut.url).post(`${base}/grants/${id}/reject`).set(treasurer).send({ decidedOn: '2026-12-02', reason: 'Nog eens' }).expect(409);
    expect((await request(sut.url).get(`${base}/grants?status=rejected`).set(treasurer).expect(200)).body.map((g: { id: string }) => g.id)).toEqual([id]);
  });

  it('is not found from another cooperative', async () => {
    const { id } = (await apply({ project: 'Voorleesuur' }).expect(201)).body;
    const other = await createTestCooperative(sut, 'anderefondsen');
    const otherTreasurer = bearer(await other.token('treasurer'));
    await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/grants/${id}`).set(otherTreasurer).expect(404);
    await request(sut.url).post(`/api/v1/cooperatives/${other.cooperativeId}/grants/${id}/reject`).set(otherTreasurer).send({ decidedOn: '2026-12-01', reason: 'Niet van ons' }).expect(404);
    expect((await grant(id)).status).toBe('application');
    await request(sut.url).get(`${base}/grants/${id}`).set(otherTreasurer).expect(404);
    expect((await request(sut.url).get(`/api/v1/cooperatives/${other.cooperativeId}/grants`).set(otherTreasurer).expect(200)).body).toEqual([]);
  });
});
