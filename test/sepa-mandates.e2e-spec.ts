import request from 'supertest';
import { UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { SepaMandatesService, writePain008 } from '@buurtcoop/finance';
import { Applicant, Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';

const applicant = (firstName: string, lastName: string, label: string): Applicant => ({
  type: 'resident',
  role: 'consumer',
  firstName,
  lastName,
  email: `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}@${label}.example`,
  street: 'Rembrandtkade',
  houseNumber: '14',
  postcode: '7412 AG',
  city: 'Deventer',
});

// Valid Dutch IBANs (mod 97): two at ING, one at Rabobank, one at ABN AMRO.
const ING = 'NL20INGB0001234567';
const ING_OTHER = 'NL71INGB0009876543';
const RABO = 'NL44RABO0123456789';
const ABN = 'NL91ABNA0417164300';
const SETTINGS = { creditorId: 'nl57 zzz 999999999999', creditorName: 'Buurtcoöperatie Incasso', iban: 'NL44 RABO 0123 4567 89', bic: 'rabonl2u' };

describe('SEPA mandates', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  let board: { authorization: string };
  let marieke: Enrolled;
  let gerrit: Enrolled;

  const api = () => request(sut.url);
  const count = async (table: string) => (await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE cooperative_id = $1`, [coop.cooperativeId]))[0].n as number;
  const create = (body: object, auth = treasurer) => api().post(`${base}/mandates`).set(auth).send(body);
  const mandate = (overrides: object = {}) => ({ memberId: marieke.id, debtorName: 'M. de Vries', iban: ING, signedOn: '2026-01-15', kind: 'recurrent', ...overrides });
  const inTenant = <T>(work: (service: SepaMandatesService) => Promise<T>) => sut.app.get(UnitOfWork).run({ cooperativeId: asCooperativeId(coop.cooperativeId) }, () => work(sut.app.get(SepaMandatesService)));

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'incasso');
    base = `/api/v1/cooperatives/${coop.cooperativeId}/sepa`;
    treasurer = bearer(await coop.token('treasurer'));
    board = bearer(await coop.token('board'));
    marieke = await enrolMember(sut, coop, applicant('Marieke', 'de Vries', 'incasso'));
    gerrit = await enrolMember(sut, coop, applicant('Gerrit', 'Bosman', 'incasso'));
  });
  afterAll(() => sut.close());

  it('needs the creditor details first, which only the treasurer reads and sets', async () => {
    const early = await create(mandate()).expect(409);
    expect(early.body.code).toBe('sepa_not_set_up');
    await api().get(`${base}/settings`).set(treasurer).expect(409);
    for (const role of ['board', 'coordinator', 'member'] as const) {
      const auth = bearer(await coop.token(role));
      await api().get(`${base}/settings`).set(auth).expect(403);
      await api().put(`${base}/settings`).set(auth).send(SETTINGS).expect(403);
    }
    const bad = await api().put(`${base}/settings`).set(treasurer).send({ ...SETTINGS, creditorId: 'NL58ZZZ999999999999', painVersion: '.001.05' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['creditorId', 'painVersion']);
    expect(await count('sepa_settings')).toBe(0);
    const saved = await api().put(`${base}/settings`).set(treasurer).send(SETTINGS).expect(200);
    expect(saved.body).toMatchObject({ creditorId: 'NL57ZZZ999999999999', iban: RABO, bic: 'RABONL2U', painVersion: '.001.02' });
    const changed = await api().put(`${base}/settings`).set(treasurer).send({ ...SETTINGS, bic: null, painVersion: '.001.08' }).expect(200);
    expect(changed.body).toMatchObject({ bic: null, painVersion: '.001.08' });
    expect((await api().get(`${base}/settings`).set(treasurer).expect(200)).body.painVersion).toBe('.001.08');
  });

  it.each([
    ['an IBAN whose check digits fail', { iban: 'NL21INGB0001234567' }, 400, 'iban'],
    ['a BIC that is not one', { bic: 'INGB' }, 400, 'bic'],
    ['a reference with a space', { reference: 'BC 1' }, 400, 'reference'],
    ['a reference longer than 35', { reference: 'X'.repeat(36) }, 400, 'reference'],
    ['an unknown kind', { kind: 'monthly' }, 400, 'kind'],
    ['a date that does not exist', { signedOn: '2026-02-30' }, 400, 'signedOn'],
    ['a signature in the future', { signedOn: '2999-01-01' }, 422, 'signedOn'],
    ['a member of no cooperative', { memberId: '00000000-0000-4000-8000-000000000001' }, 422, 'memberId'],
    ['an unknown field', { colour: 'blue' }, 400, 'colour'],
  ])('refuses %s with a problem naming the field, and stores nothing', async (_, overrides, status, field) => {
    const before = await count('sepa_mandates');
    const response = await create(mandate(overrides)).expect(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count('sepa_mandates')).toBe(before);
  });

  it('records a paper mandate with a generated reference; the IBAN is in full for the treasurer only', async () => {
    const created = await create(mandate({ iban: 'nl20 ingb 0001 2345 67', bic: 'ingbnl2a' })).expect(201);
    expect(created.body).toMatchObject({ memberId: marieke.id, iban: ING, bic: 'INGBNL2A', status: 'active', kind: 'recurrent', nextSequenceType: 'FRST', signedVia: 'treasurer', amendments: [] });
    expect(created.body.reference).toBe(`BC-${marieke.id.slice(0, 8).toUpperCase()}-1`);
    const second = await create(mandate({ kind: 'one_off' })).expect(201);
    expect(second.body.reference).toBe(`BC-${marieke.id.slice(0, 8).toUpperCase()}-2`);
    expect(second.body.nextSequenceType).toBe('OOFF');

    const taken = await create(mandate({ reference: created.body.reference })).expect(409);
    expect(taken.body).toMatchObject({ code: 'mandate_reference_taken', errors: [{ field: 'reference' }] });

    const asBoard = await api().get(`${base}/mandates/${created.body.id}`).set(board).expect(200);
    expect(asBoard.body.iban).toBe('NL** **** **** **45 67');
    expect(JSON.stringify((await api().get(`${base}/mandates`).set(board).expect(200)).body)).not.toContain(ING);
    expect((await api().get(`${base}/mandates`).query({ memberId: marieke.id }).set(treasurer).expect(200)).body.map((m: { iban: string }) => m.iban)).toEqual([ING, ING]);
    await create(mandate(), board).expect(403);
    for (const role of ['coordinator', 'member'] as const) await api().get(`${base}/mandates`).set(bearer(await coop.token(role))).expect(403);
    await api().get(`${base}/mandates/${created.body.id}`).set(bearer(marieke.accessToken)).expect(403);
  });

  it('lets a member sign a mandate for themselves, with explicit agreement, and see only their own', async () => {
    const own = `/api/v1/cooperatives/${coop.cooperativeId}/me/sepa-mandates`;
    const gerritAuth = bearer(gerrit.accessToken);
    const before = await count('sepa_mandates');
    for (const body of [{ iban: ABN, accountHolderName: 'G. Bosman' }, { iban: ABN, accountHolderName: 'G. Bosman', agree: false }, { iban: ABN, accountHolderName: 'G. Bosman', agree: 'yes' }]) {
      const refused = await api().post(own).set(gerritAuth).send(body).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['agree']);
    }
    const badIban = await api().post(own).set(gerritAuth).send({ iban: 'NL91ABNA0417164301', accountHolderName: 'G. Bosman', agree: true }).expect(400);
    expect(badIban.body.errors.map((e: { field: string }) => e.field)).toEqual(['iban']);
    expect(await count('sepa_mandates')).toBe(before);

    const signed = await api().post(own).set(gerritAuth).send({ iban: 'nl91 abna 0417 1643 00', accountHolderName: 'G. Bosman', agree: true }).expect(201);
    expect(signed.body).toMatchObject({ memberId: gerrit.id, iban: ABN, kind: 'recurrent', signedVia: 'member', nextSequenceType: 'FRST' });
    expect(signed.body.signedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mine = await api().get(own).set(gerritAuth).expect(200);
    expect(mine.body.map((m: { id: string; iban: string }) => [m.id, m.iban])).toEqual([[signed.body.id, ABN]]);
    expect((await api().get(own).set(bearer(marieke.accessToken)).expect(200)).body.every((m: { memberId: string }) => m.memberId === marieke.id)).toBe(true);
    // A login with a role but no membership record has no mandates to give.
    expect((await api().get(own).set(bearer(await coop.token('member'))).expect(404)).body.code).toBe('no_member_record');
    const audit = await sut.database.dataSource.query(`SELECT action, details FROM audit_events WHERE cooperative_id = $1 AND object_id = $2`, [coop.cooperativeId, signed.body.id]);
    expect(audit).toEqual([{ action: 'sepa.mandate.sign', details: expect.objectContaining({ iban: 'NL** **** **** **43 00' }) }]);
  });

  it('moves a recurrent mandate from FRST to RCUR once collected, and collects a one-off only once', async () => {
    const recurrent = (await create(mandate({ memberId: gerrit.id, iban: ING, debtorName: 'G. Bosman' })).expect(201)).body;
    const oneOff = (await create(mandate({ memberId: gerrit.id, iban: ING, kind: 'one_off', debtorName: 'G. Bosman' })).expect(201)).body;
    const sequence = async () => new Map((await inTenant((s) => s.collectableMandates(asCooperativeId(coop.cooperativeId), [gerrit.id]))).map((c) => [c.mandateId, c.sequenceType]));
    expect((await sequence()).get(recurrent.id)).toBe('FRST');
    expect((await sequence()).get(oneOff.id)).toBe('OOFF');
    expect(await inTenant((s) => s.markCollected(asCooperativeId(coop.cooperativeId), [recurrent.id, oneOff.id], '2026-02-01'))).toEqual(expect.arrayContaining([recurrent.id, oneOff.id]));
    expect((await sequence()).get(recurrent.id)).toBe('RCUR');
    expect((await sequence()).has(oneOff.id)).toBe(false);
    // A second collection on the one-off is refused by the conditional update; the recurrent one moves on.
    expect(await inTenant((s) => s.markCollected(asCooperativeId(coop.cooperativeId), [recurrent.id, oneOff.id], '2026-03-01'))).toEqual([recurrent.id]);
    const shown = (await api().get(`${base}/mandates/${recurrent.id}`).set(treasurer).expect(200)).body;
    expect(shown).toMatchObject({ firstCollectedOn: '2026-02-01', lastCollectedOn: '2026-03-01', nextSequenceType: 'RCUR' });
    expect((await api().get(`${base}/mandates/${oneOff.id}`).set(treasurer).expect(200)).body.nextSequenceType).toBeNull();
    const spent = await api().post(`${base}/mandates/${oneOff.id}/amend`).set(treasurer).send({ iban: RABO }).expect(409);
    expect(spent.body.code).toBe('mandate_used');
  });

  it('keeps amendments with their originals and reports them with the next collection, then no more', async () => {
    const created = (await create(mandate({ iban: ING, bic: 'INGBNL2A' })).expect(201)).body;
    // Amended before the first collection: history only, the bank never saw the old details.
    const early = await api().post(`${base}/mandates/${created.id}/amend`).set(treasurer).send({ iban: ING_OTHER, reason: 'Nieuwe rekening' }).expect(200);
    expect(early.body.amendments).toEqual([expect.objectContaining({ originalIban: ING, pending: false })]);
    expect(early.body.bic).toBeNull();
    const collectable = async () => (await inTenant((s) => s.collectableMandates(asCooperativeId(coop.cooperativeId), [marieke.id]))).find((c) => c.mandateId === created.id);
    expect((await collectable())?.amendment).toBeNull();
    await inTenant((s) => s.markCollected(asCooperativeId(coop.cooperativeId), [created.id], '2026-02-01'));

    // Same bank, new account and a new reference: the original IBAN and reference go in AmdmntInfDtls.
    const amended = await api().post(`${base}/mandates/${created.id}/amend`).set(treasurer).send({ iban: ING, reference: 'BC-MARIEKE-2026' }).expect(200);
    expect(amended.body).toMatchObject({ reference: 'BC-MARIEKE-2026', iban: ING });
    expect(amended.body.amendments[1]).toMatchObject({ originalReference: created.reference, originalIban: ING_OTHER, pending: true, carriedOn: null });
    expect((await collectable())).toMatchObject({ sequenceType: 'RCUR', amendment: { originalMandateId: created.reference, originalDebtorIban: ING_OTHER, newDebtorAgent: false } });
    // The board sees the history with masked accounts.
    expect((await api().get(`${base}/mandates/${created.id}`).set(board).expect(200)).body.amendments[1].originalIban).toBe('NL** **** **** **65 43');

    // Then to another bank: SMNDA, and a first collection again; the first original still counts.
    await api().post(`${base}/mandates/${created.id}/amend`).set(treasurer).send({ iban: RABO, bic: 'RABONL2U' }).expect(200);
    const moved = await collectable();
    expect(moved).toMatchObject({ sequenceType: 'FRST', iban: RABO, amendment: { originalMandateId: created.reference, originalDebtorIban: null, newDebtorAgent: true } });
    const xml = writePain008({
      version: '.001.02',
      messageId: 'E2E-1',
      createdAt: new Date(),
      creditor: { name: 'Incasso', iban: RABO, creditorId: 'NL57ZZZ999999999999' },
      collectionDate: '2026-03-01',
      transactions: [{ endToEndId: 'E2E-1-1', amountCents: 3600, mandateId: moved!.reference, mandateSignedOn: moved!.signedOn, sequenceType: moved!.sequenceType, amendment: moved!.amendment, debtorName: moved!.debtorName, debtorIban: moved!.iban, debtorBic: moved!.bic, remittance: 'Contributie' }],
    });
    expect(xml).toContain(`<OrgnlMndtId>${created.reference}</OrgnlMndtId>`);
    expect(xml).toContain('<Id>SMNDA</Id>');

    await inTenant((s) => s.markCollected(asCooperativeId(coop.cooperativeId), [created.id], '2026-03-01'));
    expect(await collectable()).toMatchObject({ sequenceType: 'RCUR', amendment: null });
    const history = (await api().get(`${base}/mandates/${created.id}`).set(treasurer).expect(200)).body.amendments;
    expect(history.map((a: { pending: boolean; carriedOn: string | null }) => [a.pending, a.carriedOn])).toEqual([[false, null], [false, '2026-03-01'], [false, '2026-03-01']]);

    const nothing = await api().post(`${base}/mandates/${created.id}/amend`).set(treasurer).send({ iban: RABO }).expect(422);
    expect(nothing.body.code).toBe('mandate_nothing_to_amend');
    const future = await api().post(`${base}/mandates/${created.id}/amend`).set(treasurer).send({ iban: ABN, amendedOn: '2999-01-01' }).expect(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'amendedOn' })]);
    // The old reference stays reserved: the bank may still know the mandate by it.
    expect((await create(mandate({ reference: created.reference })).expect(409)).body.code).toBe('mandate_reference_taken');
    const actions = await sut.database.dataSource.query(`SELECT action FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 ORDER BY id`, [coop.cooperativeId, created.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['sepa.mandate.create', 'sepa.mandate.amend', 'sepa.mandate.amend', 'sepa.mandate.amend']);
  });

  it('revokes once: racing revocations have one winner, and a revoked mandate is never collected or amended', async () => {
    const created = (await create(mandate({ memberId: gerrit.id, debtorName: 'G. Bosman' })).expect(201)).body;
    const racing = await Promise.all(Array.from({ length: 5 }, () => api().post(`${base}/mandates/${created.id}/revoke`).set(treasurer).send({ reason: 'Opgezegd door het lid' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(racing.find((r) => r.status === 409)?.body.code).toBe('mandate_revoked');
    const revoked = racing.find((r) => r.status === 200)!.body;
    expect(revoked).toMatchObject({ status: 'revoked', revocationReason: 'Opgezegd door het lid', nextSequenceType: null });
    expect((await api().post(`${base}/mandates/${created.id}/amend`).set(treasurer).send({ iban: RABO }).expect(409)).body.code).toBe('mandate_revoked');
    expect(await inTenant((s) => s.markCollected(asCooperativeId(coop.cooperativeId), [created.id], '2026-04-01'))).toEqual([]);
    expect((await inTenant((s) => s.collectableMandates(asCooperativeId(coop.cooperativeId), [gerrit.id]))).map((c) => c.mandateId)).not.toContain(created.id);
    await api().post(`${base}/mandates/${created.id}/revoke`).set(board).send({ reason: 'Bestuur' }).expect(403);
    const other = (await create(mandate({ memberId: gerrit.id, debtorName: 'G. Bosman', signedOn: '2026-01-15' })).expect(201)).body;
    const early = await api().post(`${base}/mandates/${other.id}/revoke`).set(treasurer).send({ reason: 'Vergissing', revokedOn: '2025-12-31' }).expect(422);
    expect(early.body).toMatchObject({ code: 'mandate_date_before_signature', errors: [{ field: 'revokedOn' }] });
    // PostgreSQL keeps a revoked mandate final, even for a write past the service.
    await expect(sut.database.dataSource.query(`UPDATE sepa_mandates SET status = 'active', revoked_on = NULL WHERE cooperative_id = $1 AND id = $2`, [coop.cooperativeId, created.id])).rejects.toMatchObject({ message: expect.stringContaining('revoked') });
  });

  it('keeps cooperatives apart: another cooperative’s mandate id is not found', async () => {
    const ours = (await create(mandate()).expect(201)).body;
    const other = await createTestCooperative(sut, 'elders');
    const otherBase = `/api/v1/cooperatives/${other.cooperativeId}/sepa`;
    const theirs = bearer(await other.token('treasurer'));
    for (const [method, path, body] of [['get', '', undefined], ['post', '/amend', { iban: RABO }], ['post', '/revoke', { reason: 'Niet van ons' }]] as const) {
      const response = await (method === 'get' ? api().get(`${otherBase}/mandates/${ours.id}${path}`) : api().post(`${otherBase}/mandates/${ours.id}${path}`).send(body)).set(theirs);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('mandate_not_found');
    }
    expect((await api().get(`${otherBase}/mandates`).set(theirs).expect(200)).body).toEqual([]);
    // Through our cooperative's path their treasurer has no role at all.
    await api().get(`${base}/mandates/${ours.id}`).set(theirs).expect(404);
    const theirMember = await enrolMember(sut, other, applicant('Ans', 'Peters', 'elders'));
    const crossed = await create(mandate({ memberId: theirMember.id })).expect(422);
    expect(crossed.body.code).toBe('mandate_member_unknown');
    expect((await api().get(`${base}/mandates/${ours.id}`).set(treasurer).expect(200)).body.status).toBe('active');
  });
});
