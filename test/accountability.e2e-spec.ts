import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Clock, UnitOfWork, addDays, asCooperativeId, dutchDate } from '@buurtcoop/core';
import { TestApp, TestCooperative, bearer, createTestApp, collectBody, createTestCooperative, extractPdfText } from '@buurtcoop/testing';
import { entryLines } from './funding-fixtures';

const binary = (r: request.Test) => r.buffer(true).parse(collectBody);
const fieldsOf = (r: request.Response) => ((r.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);

describe('accountability report (verantwoording): board and municipality reviewer (e2e)', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let board: { authorization: string };
  let treasurer: { authorization: string };
  let reviewer: { authorization: string };
  let agreementId: string;
  let fundId: string;
  let accounts: Record<string, string>;
  let from: string;
  let through: string;
  let reportId: string;
  let reportPath: string;
  let reviewPath: string;
  const GRANTED = 3_000_000; // medium tier: the accountability needs an activity report
  const ADVANCE = 2_800_000;

  const cost = (key: string, amountCents: number) =>
    request(sut.url)
      .post(`${base}/ledger/entries`)
      .set(treasurer)
      .send({ entryDate: addDays(from, 10), description: `Kosten ${key}`, idempotencyKey: key, lines: [{ accountId: accounts['4000'], amountCents, fundId }, { accountId: accounts['1100'], amountCents: -amountCents }] })
      .expect(200);
  const agreementStatus = async () => (await request(sut.url).get(`${base}/agreements/${agreementId}`).set(treasurer).expect(200)).body.status as string;
  const auditCount = async (action: string) => {
    const uow = sut.app.get(UnitOfWork);
    const rows = await uow.run({ cooperativeId: asCooperativeId(coop.cooperativeId) }, () =>
      uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE cooperative_id = $1 AND action = $2 AND object_id = $3`, [coop.cooperativeId, action, reportId]),
    );
    return rows[0].n;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'voorstad');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    board = bearer(await coop.token('board'));
    treasurer = bearer(await coop.token('treasurer'));
    reviewer = bearer(await coop.token('municipality_reviewer'));
    const today = dutchDate(sut.app.get(Clock).now());
    from = addDays(today, -60);
    through = addDays(today, 300);
    const recorded = (
      await request(sut.url)
        .post(`${base}/agreements`)
        .set(treasurer)
        .send({ reference: 'Z/27/555001', startsOn: from, endsOn: through, grantedCents: GRANTED, ratio: { numerator: 1, denominator: 1 }, advances: [{ expectedOn: addDays(from, 5), amountCents: ADVANCE }], reportsDue: [], targets: [{ kind: 'hours_delivered', target: 200 }] })
        .expect(201)
    ).body;
    agreementId = recorded.id;
    fundId = recorded.fundId;
    await request(sut.url).post(`${base}/agreements/${agreementId}/advances/${recorded.advances[0].id}/receive`).set(treasurer).send({ receivedOn: addDays(from, 6) }).expect(200);
    accounts = Object.fromEntries((await request(sut.url).get(`${base}/ledger/accounts`).set(treasurer).expect(200)).body.map((a: { code: string; id: string }) => [a.code, a.id]));
    await cost('kosten-1', 100_000);
  });
  afterAll(() => sut.close());

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const bad = await request(sut.url).post(`${base}/agreements/${agreementId}/accountability-reports`).set(board).send({ from: '2027-02-30', through });
    expect({ status: bad.status, fields: fieldsOf(bad) }).toEqual({ status: 400, fields: ['from'] });
    const outside = await request(sut.url).post(`${base}/agreements/${agreementId}/accountability-reports`).set(board).send({ from: addDays(from, -1), through });
    expect(outside.status).toBe(422);
    expect(outside.body.detail).toMatch(/from/);
    expect((await request(sut.url).get(`${base}/agreements/${agreementId}/accountability-reports`).set(board).expect(200)).body).toEqual([]);
  });

  it('answers 404 for the reports of an agreement that is not the cooperative’s, not an empty list', async () => {
    const nowhere = await request(sut.url).get(`${base}/agreements/${randomUUID()}/accountability-reports`).set(board).expect(404);
    expect(nowhere.headers['content-type']).toContain('application/problem+json');
    expect(nowhere.body).toMatchObject({ code: 'agreement_not_found', detail: 'Agreement was not found' });
  });

  it('creates a draft with the figures filled in from the data, once per period', async () => {
    const created = await request(sut.url).post(`${base}/agreements/${agreementId}/accountability-reports`).set(board).send({ from, through }).expect(201);
    expect(created.body).toMatchObject({ agreementId, agreementReference: 'Z/27/555001', from, through, status: 'draft', currentVersion: 1, versions: [{ version: 1, kind: 'draft' }], comments: [] });
    reportId = created.body.id;
    reportPath = `${base}/agreements/${agreementId}/accountability-reports/${reportId}`;
    reviewPath = `/api/v1/municipalities/${coop.municipalityId}/accountability-reports/${reportId}`;
    const v1 = (await request(sut.url).get(`${reportPath}/versions/1`).set(board).expect(200)).body;
    expect(v1.figures).toMatchObject({ from, through, spending: { receivedCents: ADVANCE, spentCents: 100_000 }, matching: { grantedCents: GRANTED } });
    expect(v1.narrative).toEqual({ samenvatting: '', activiteiten: '', bereik: '', financien: '', vooruitblik: '' });
    const again = await request(sut.url).post(`${base}/agreements/${agreementId}/accountability-reports`).set(board).send({ from, through });
    expect(again.status).toBe(409);
  });

  it('keeps every save as a version with the figures refreshed, and compares two versions', async () => {
    const badSave = await request(sut.url).put(`${reportPath}/narrative`).set(board).send({ sections: { samenvatting: 42 } });
    expect({ status: badSave.status, fields: fieldsOf(badSave) }).toEqual({ status: 400, fields: ['sections.samenvatting'] });
    const noSummary = await request(sut.url).post(`${reportPath}/submit`).set(board).send({});
    expect({ status: noSummary.status, fields: fieldsOf(noSummary) }).toEqual({ status: 422, fields: ['sections.samenvatting'] });

    await request(sut.url).put(`${reportPath}/narrative`).set(board).send({ sections: { samenvatting: 'Eerste opzet.', activiteiten: 'Klussen in de wijk.' } }).expect(200);
    await cost('kosten-2', 25_050);
    const saved = await request(sut.url).put(`${reportPath}/narrative`).set(board).send({ sections: { samenvatting: 'Wij hielpen de buurt.', bereik: 'Veertig bewoners.' } }).expect(200);
    expect(saved.body).toMatchObject({ status: 'draft', currentVersion: 3 });
    expect((await request(sut.url).get(`${reportPath}/versions`).set(board).expect(200)).body.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [1, 'draft'],
      [2, 'save'],
      [3, 'save'],
    ]);
    // Version 2 is as it was saved.
    expect((await request(sut.url).get(`${reportPath}/versions/2`).set(board).expect(200)).body).toMatchObject({ narrative: { samenvatting: 'Eerste opzet.', activiteiten: 'Klussen in de wijk.', bereik: '' }, figures: { spending: { spentCents: 100_000 } } });

    const diff = (await request(sut.url).get(`${reportPath}/compare`).query({ from: 1, to: 3 }).set(board).expect(200)).body;
    expect(diff.narrative).toEqual([
      { section: 'samenvatting', from: '', to: 'Wij hielpen de buurt.' },
      { section: 'activiteiten', from: '', to: 'Klussen in de wijk.' },
      { section: 'bereik', from: '', to: 'Veertig bewoners.' },
    ]);
    expect(diff.figures).toEqual(
      expect.arrayContaining([
        { path: 'spending.spentCents', from: 100_000, to: 125_050 },
        { path: 'spending.unspentCents', from: ADVANCE - 100_000, to: ADVANCE - 125_050 },
      ]),
    );
    expect(diff.figures.every((f: { path: string }) => !f.path.startsWith('tables'))).toBe(true);
    const same = (await request(sut.url).get(`${reportPath}/compare`).query({ from: 3, to: 3 }).set(board).expect(200)).body;
    expect(same).toEqual({ from: 3, to: 3, narrative: [], figures: [] });
    const badCompare = await request(sut.url).get(`${reportPath}/compare`).query({ from: 'een', to: 3 }).set(board);
    expect({ status: badCompare.status, fields: fieldsOf(badCompare) }).toEqual({ status: 400, fields: ['from'] });
    expect((await request(sut.url).get(`${reportPath}/compare`).query({ from: 1, to: 9 }).set(board)).status).toBe(404);
  });

  it('hides a draft from the reviewer', async () => {
    expect((await request(sut.url).get(`/api/v1/municipalities/${coop.municipalityId}/accountability-reports`).set(reviewer).expect(200)).body).toEqual([]);
    expect((await request(sut.url).get(reviewPath).set(reviewer)).status).toBe(404);
  });

  it('submits with the documents the tier needs, and submits the agreement’s accountability with it', async () => {
    const missing = await request(sut.url).post(`${reportPath}/submit`).set(board).send({});
    expect({ status: missing.status, fields: fieldsOf(missing) }).toEqual({ status: 422, fields: ['documents'] });
    expect((await request(sut.url).get(reportPath).set(board).expect(200)).body).toMatchObject({ status: 'draft', currentVersion: 3 });
    expect(await agreementStatus()).toBe('advances_paid');

    const submitted = await request(sut.url).post(`${reportPath}/submit`).set(board).send({ documents: [{ kind: 'activity_report', name: 'Inhoudelijk verslag', reference: 'DMS-1' }] }).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', currentVersion: 4 });
    expect(submitted.body.versions[3]).toMatchObject({ version: 4, kind: 'submission' });
    expect(await agreementStatus()).toBe('accountability_submitted');

    const twice = await request(sut.url).post(`${reportPath}/submit`).set(board).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/submitted/);
    const save = await request(sut.url).put(`${reportPath}/narrative`).set(board).send({ sections: { vooruitblik: 'Later.' } });
    expect(save.status).toBe(409);
    expect(save.body.detail).toMatch(/is submitted/);
  });

  it('lets the reviewer read, comment and ask for changes; the board saves and submits again', async () => {
    const before = await auditCount('accountability.reviewer.read');
    const list = (await request(sut.url).get(`/api/v1/municipalities/${coop.municipalityId}/accountability-reports`).set(reviewer).expect(200)).body;
    expect(list).toEqual([expect.objectContaining({ id: reportId, status: 'submitted', currentVersion: 4 })]);
    expect((await request(sut.url).get(reviewPath).set(reviewer).expect(200)).body).toMatchObject({ id: reportId, status: 'submitted' });
    expect(await auditCount('accountability.reviewer.read')).toBe(before + 1);
    const v4 = (await request(sut.url).get(`${reviewPath}/versions/4`).set(reviewer).expect(200)).body;
    expect(v4).toMatchObject({ version: 4, narrative: { samenvatting: 'Wij hielpen de buurt.' }, figures: { spending: { spentCents: 125_050 } } });
    expect(await auditCount('accountability.reviewer.read_version')).toBe(1);

    const badComment = await request(sut.url).post(`${reviewPath}/comments`).set(reviewer).send({ version: 4, body: '' });
    expect({ status: badComment.status, fields: fieldsOf(badComment) }).toEqual({ status: 400, fields: ['body'] });
    await request(sut.url).post(`${reviewPath}/comments`).set(reviewer).send({ version: 4, body: 'Licht het bereik toe.' }).expect(201);
    const earlyApproval = await request(sut.url).post(`${reviewPath}/settlement`).set(reviewer).send({ settledCents: GRANTED });
    expect(earlyApproval.status).toBe(409);
    expect(earlyApproval.body.detail).toMatch(/is submitted/);

    const changes = await request(sut.url).post(`${reviewPath}/request-changes`).set(reviewer).send({ reason: 'Vul de vooruitblik aan.' }).expect(200);
    expect(changes.body).toMatchObject({ status: 'changes_requested', currentVersion: 4 });
    const approveNow = await request(sut.url).post(`${reviewPath}/approve`).set(reviewer).send({});
    expect(approveNow.status).toBe(409);
    expect(approveNow.body.detail).toMatch(/changes_requested/);

    const seen = (await request(sut.url).get(reportPath).set(board).expect(200)).body;
    expect(seen.comments.map((c: { version: number; kind: string; body: string }) => [c.version, c.kind, c.body])).toEqual([
      [4, 'comment', 'Licht het bereik toe.'],
      [4, 'changes_requested', 'Vul de vooruitblik aan.'],
    ]);
    await request(sut.url).put(`${reportPath}/narrative`).set(board).send({ sections: { vooruitblik: 'Tien nieuwe vrijwilligers in 2028.' } }).expect(200);
    const resubmitted = await request(sut.url).post(`${reportPath}/submit`).set(board).send({}).expect(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', currentVersion: 6 });
    expect(await agreementStatus()).toBe('accountability_submitted');
    const diff = (await request(sut.url).get(`${reportPath}/compare`).query({ from: 4, to: 6 }).set(board).expect(200)).body;
    expect(diff).toEqual({ from: 4, to: 6, narrative: [{ section: 'vooruitblik', from: '', to: 'Tien nieuwe vrijwilligers in 2028.' }], figures: [] });
  });

  it('answers 404 to a reviewer of another municipality and 403/404 to the board on reviewer routes', async () => {
    const other = await createTestCooperative(sut, 'elders');
    const otherReviewer = bearer(await other.token('municipality_reviewer'));
    expect((await request(sut.url).get(reviewPath).set(otherReviewer)).status).toBe(404);
    expect((await request(sut.url).post(`${reviewPath}/approve`).set(otherReviewer).send({})).status).toBe(404);
    const elsewhere = `/api/v1/municipalities/${other.municipalityId}/accountability-reports/${reportId}`;
    expect((await request(sut.url).get(elsewhere).set(otherReviewer)).status).toBe(404);
    expect((await request(sut.url).get(`/api/v1/municipalities/${other.municipalityId}/accountability-reports`).set(otherReviewer).expect(200)).body).toEqual([]);
    for (const token of [board, treasurer]) {
      expect([403, 404]).toContain((await request(sut.url).post(`${reviewPath}/approve`).set(token).send({})).status);
    }
    expect((await request(sut.url).get(reportPath).set(board).expect(200)).body.status).toBe('submitted');
  });

  it('lets one of two racing approvals win, and starts the agreement’s review once', async () => {
    const results = await Promise.all([1, 2].map(() => request(sut.url).post(`${reviewPath}/approve`).set(reviewer).send({})));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.detail).toMatch(/is approved/);
    expect(await agreementStatus()).toBe('in_review');
    expect(await auditCount('accountability.reviewer.approve')).toBe(1);
  });

  it('records the settlement below the grant with its reason, and finance books the repayable part', async () => {
    const noReason = await request(sut.url).post(`${reviewPath}/settlement`).set(reviewer).send({ settledCents: 2_500_000 });
    expect({ status: noReason.status, fields: fieldsOf(noReason) }).toEqual({ status: 422, fields: ['reason'] });
    const tooHigh = await request(sut.url).post(`${reviewPath}/settlement`).set(reviewer).send({ settledCents: GRANTED + 1, reason: 'x' });
    expect({ status: tooHigh.status, fields: fieldsOf(tooHigh) }).toEqual({ status: 422, fields: ['settledCents'] });
    const badAmount = await request(sut.url).post(`${reviewPath}/settlement`).set(reviewer).send({ settledCents: 12.5 });
    expect({ status: badAmount.status, fields: fieldsOf(badAmount) }).toEqual({ status: 400, fields: ['settledCents'] });
    expect(await entryLines(sut, coop.cooperativeId, `agreement-settlement:${agreementId}`)).toEqual([]);

    const settled = await request(sut.url).post(`${reviewPath}/settlement`).set(reviewer).send({ settledCents: 2_500_000, reason: 'Doel aantal uren niet gehaald.' }).expect(200);
    expect(settled.body).toMatchObject({ agreementStatus: 'settled', settledCents: 2_500_000, report: { status: 'approved' } });
    const repayable = ADVANCE - 2_500_000;
    expect(await entryLines(sut, coop.cooperativeId, `agreement-settlement:${agreementId}`)).toEqual([
      { code: '1700', amountCents: -repayable, fundId: null },
      { code: '8400', amountCents: repayable, fundId },
    ]);
    const again = await request(sut.url).post(`${reviewPath}/settlement`).set(reviewer).send({ settledCents: 2_500_000, reason: 'nogmaals' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/settled/);
  });

  it('gives a version as a PDF to the board and the reviewer, the reviewer’s download audit-logged', async () => {
    const boardPdf = await binary(request(sut.url).get(`${reportPath}/versions/6/pdf`).set(board)).expect(200);
    expect(boardPdf.headers['content-type']).toBe('application/pdf');
    const text = extractPdfText(boardPdf.body as Buffer).all;
    for (const expected of ['Verantwoording Z/27/555001', 'Subsidiebeschikking (kenmerk): Z/27/555001', 'Samenvatting', 'Wij hielpen de buurt.', 'Tien nieuwe vrijwilligers in 2028.', 'Geleverde uren per maand', 'Geholpen bewoners per dienstcategorie', 'Begroting en besteding van het fonds', 'Ontvangsten, besteding en matching']) {
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    }
    const before = await auditCount('accountability.reviewer.pdf');
    const reviewerPdf = await binary(request(sut.url).get(`${reviewPath}/versions/2/pdf`).set(reviewer)).expect(200);
    const older = extractPdfText(reviewerPdf.body as Buffer).all;
    expect(older).toContain('Eerste opzet.');
    expect(older).not.toContain('Tien nieuwe vrijwilligers');
    expect(await auditCount('accountability.reviewer.pdf')).toBe(before + 1);
  });

  it('downloads a version’s figures as CSV and XLSX, the tables as they were in that version', async () => {
    const v6 = (await request(sut.url).get(`${reportPath}/versions/6`).set(board).expect(200)).body;
    const titles = (v6.figures.tables as Array<{ title: string }>).map((t) => t.title);
    expect(titles.length).toBeGreaterThan(0);
    const csv = await binary(request(sut.url).get(`${reportPath}/versions/6`).query({ format: 'csv' }).set(board)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('verantwoording-versie-6.csv');
    const text = (csv.body as Buffer).toString('utf8');
    for (const title of titles) expect(text).toContain(title);
    const xlsx = await binary(request(sut.url).get(`${reviewPath}/versions/6`).query({ format: 'xlsx' }).set(reviewer)).expect(200);
    expect(xlsx.headers['content-disposition']).toContain('verantwoording-versie-6.xlsx');
    expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    const wrong = await request(sut.url).get(`${reportPath}/versions/6`).query({ format: 'pdf' }).set(board).expect(400);
    expect(wrong.body.errors[0].field).toBe('format');
  });

  it('keeps versions and comments append-only', async () => {
    const uow = sut.app.get(UnitOfWork);
    const tenant = { cooperativeId: asCooperativeId(coop.cooperativeId) };
    await expect(uow.run(tenant, () => uow.rows(`UPDATE accountability_report_versions SET narrative = '{}'::jsonb WHERE cooperative_id = $1 AND report_id = $2`, [coop.cooperativeId, reportId]))).rejects.toThrow();
    await expect(uow.run(tenant, () => uow.rows(`DELETE FROM accountability_comments WHERE cooperative_id = $1 AND report_id = $2`, [coop.cooperativeId, reportId]))).rejects.toThrow();
    const count = await uow.run(tenant, () => uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM accountability_report_versions WHERE cooperative_id = $1 AND report_id = $2`, [coop.cooperativeId, reportId]));
    expect(count[0].n).toBe(6);
  });
});
