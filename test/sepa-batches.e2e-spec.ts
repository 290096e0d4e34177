import request from 'supertest';
import { Clock, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { SepaMandatesService } from '@buurtcoop/finance';
import { MemberEnrolmentService } from '@buurtcoop/membership';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';

// Valid Dutch IBANs at several banks.
const ING = 'NL20INGB0001234567';
const RABO = 'NL44RABO0123456789';
const ABN = 'NL91ABNA0417164300';
const ASN = 'NL44ASNB0708123456';
const KNAB = 'NL43KNAB0612345678';
const SETTINGS = { creditorId: 'NL57ZZZ999999999999', creditorName: 'Buurtcoöperatie De Incasso', iban: 'NL63TRIO0212345678', painVersion: '.001.02' };
/** Thursday 24 December 2026, 10:00 in Amsterdam: the next two days are TARGET2 holidays, then a weekend. */
const TODAY = new Date('2026-12-24T09:00:00Z');

interface ItemBody {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  memberId: string;
  memberName: string | null;
  debtorName: string;
  iban: string;
  sequenceType: string;
  amountCents: number;
  endToEndId: string;
  remittance: string;
  status: string;
  skipReason: string | null;
}

const texts = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

describe('SEPA collection batches', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  let board: { authorization: string };
  const members: Record<'anna' | 'bram' | 'chris' | 'dirk' | 'eva', string> = {} as never;
  const mandates: Record<string, string> = {};
  const invoices: Record<string, { id: string; number: string; paymentReference: string }> = {};
  let first: { id: string; items: ItemBody[] };

  const api = () => request(sut.url);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;
  const count = async (table: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE cooperative_id = $1`, [coop.cooperativeId]))[0].n;
  const createBatch = (body: object, auth = treasurer) => api().post(`${base}/sepa/batches`).set(auth).send(body);
  const download = (id: string, query = '') => api().get(`${base}/sepa/batches/${id}/pain008${query}`).set(treasurer).buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
  const balances = async () => {
    const trial = (await api().get(`${base}/ledger/trial-balance?through=2027-12-31`).set(treasurer).expect(200)).body;
    return Object.fromEntries(trial.accounts.map((a: { code: string; balanceCents: number }) => [a.code, a.balanceCents])) as Record<string, number>;
  };

  const enrol = async (lastName: string, types: Record<string, string>) => {
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    const member = await sut.app.get(UnitOfWork).run({ cooperativeId }, () =>
      sut.app.get(MemberEnrolmentService).enrol(
        cooperativeId,
        {
          membershipTypeId: types.resident,
          role: 'consumer',
          firstName: 'Lid',
          lastName,
          organisationName: null,
          email: null,
          phone: null,
          street: 'Brink',
          houseNumber: '3',
          postcode: '7411BR',
          city: 'Deventer',
          dateOfBirth: null,
          language: 'nl',
          householdPersons: [],
          joinedOn: '2025-01-01',
          invite: false,
        },
        null,
      ),
    );
    return member.id;
  };
  const mandate = async (memberId: string, iban: string, kind: 'recurrent' | 'one_off') =>
    (await api().post(`${base}/sepa/mandates`).set(treasurer).send({ memberId, debtorName: 'Rekeninghouder', iban, signedOn: '2026-06-01', kind }).expect(201)).body.id as string;
  const invoice = async (key: string, memberId: string, amountCents: number, dueDate = '2026-12-24') => {
    const body = (await api().post(`${base}/invoices`).set(treasurer).send({ memberId, dueDate, lines: [{ description: `Contributie ${key}`, amountCents, accountCode: '8000' }] }).expect(201)).body;
    invoices[key] = { id: body.id, number: body.number, paymentReference: body.paymentReference.replace(/\s/g, '') };
  };

  beforeAll(async () => {
    sut = await createTestApp();
    sut.app.get(Clock).setTo(TODAY);
    coop = await createTestCooperative(sut, 'incassobatch');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    board = bearer(await coop.token('board'));
    const types = Object.fromEntries((await api().get(`${base}/membership-types`).set(board).expect(200)).body.map((t: { code: string; id: string }) => [t.code, t.id]));
    for (const name of ['anna', 'bram', 'chris', 'dirk', 'eva'] as const) members[name] = await enrol(name[0].toUpperCase() + name.slice(1), types);
  });
  afterAll(async () => {
    sut.app.get(Clock).setTo(new Date());
    await sut.close();
  });

  it('needs the creditor details first', async () => {
    const early = await createBatch({ collectionDate: '2026-12-28' }).expect(409);
    expect(early.body.code).toBe('sepa_not_set_up');
    expect(await count('sepa_collection_batches')).toBe(0);

    await api().put(`${base}/sepa/settings`).set(treasurer).send(SETTINGS).expect(200);
    mandates.anna = await mandate(members.anna, ING, 'recurrent');
    mandates.bram = await mandate(members.bram, RABO, 'recurrent');
    mandates.chris = await mandate(members.chris, ABN, 'one_off');
    mandates.eva = await mandate(members.eva, ASN, 'recurrent');
    await api().post(`${base}/sepa/mandates/${mandates.eva}/revoke`).set(treasurer).send({ reason: 'Opgezegd' }).expect(200);
    // Bram was collected on before: his next collection is RCUR.
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    await sut.app.get(UnitOfWork).run({ cooperativeId }, () => sut.app.get(SepaMandatesService).markCollected(cooperativeId, [mandates.bram], '2026-10-01'));
    await invoice('anna', members.anna, 3600);
    await invoice('anna-extra', members.anna, 1250);
    await invoice('anna-january', members.anna, 900, '2027-01-15');
    await invoice('bram', members.bram, 3600);
    await invoice('chris', members.chris, 2000);
    await invoice('chris-second', members.chris, 1500);
    await invoice('dirk', members.dirk, 3600);
    await invoice('eva', members.eva, 3600);
  });

  it.each([
    ['Christmas Day, no TARGET2 business day', { collectionDate: '2026-12-25' }, 422, 'collectionDate', /TARGET2/],
    ['today: the file must reach the bank by D-1', { collectionDate: '2026-12-24' }, 422, 'collectionDate', /2026-12-28 at the earliest/],
    ['a Sunday', { collectionDate: '2026-12-27' }, 422, 'collectionDate', /business day/],
    ['more than 14 months ahead', { collectionDate: '2028-03-01' }, 422, 'collectionDate', /14 months/],
    ['a date that does not exist', { collectionDate: '2026-02-30' }, 400, 'collectionDate', /date/],
    ['no collection date', {}, 400, 'collectionDate', /date/],
    ['invoices due after the collection date', { collectionDate: '2026-12-28', dueThrough: '2027-01-15' }, 422, 'dueThrough', /not be after/],
    ['an invoice id that is not one', { collectionDate: '2026-12-28', invoiceIds: ['2026-000001'] }, 400, 'invoiceIds', /UUID/],
    ['an empty selection of invoices', { collectionDate: '2026-12-28', invoiceIds: [] }, 400, 'invoiceIds', /at least 1/],
    ['an unknown field', { collectionDate: '2026-12-28', colour: 'blue' }, 400, 'colour', /should not exist/],
  ])('refuses %s with a problem naming the field, and stores nothing', async (_, body, status, field, message) => {
    const response = await createBatch(body).expect(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const error = response.body.errors.find((e: { field: string }) => e.field === field);
    expect(error?.messages.join(' ')).toMatch(message);
    expect(await count('sepa_collection_batches')).toBe(0);
    expect(await count('sepa_collection_items')).toBe(0);
  });

  it('explains an empty selection, and refuses chosen invoices that cannot be collected, naming them', async () => {
    const empty = await createBatch({ collectionDate: '2026-12-28', dueThrough: '2026-12-01' }).expect(422);
    expect(empty.body.code).toBe('sepa_nothing_to_collect');
    expect(empty.body.detail).toMatch(/no open invoice due on or before 2026-12-01 belongs to a member with a mandate/);
    const chosen = await createBatch({ collectionDate: '2026-12-28', invoiceIds: [invoices.anna.id, invoices.dirk.id, invoices.eva.id] }).expect(422);
    expect(chosen.body).toMatchObject({ code: 'sepa_invoices_not_collectable', errors: [{ field: 'invoiceIds' }] });
    expect(chosen.body.detail).toContain(`${invoices.dirk.number}: the member has no mandate to collect on`);
    expect(chosen.body.detail).toContain(`${invoices.eva.number}: the member has no mandate to collect on`);
    expect(chosen.body.detail).not.toContain(invoices.anna.number);
    expect(await count('sepa_collection_batches')).toBe(0);
  });

  it('lets only the treasurer draft a batch', async () => {
    for (const role of ['board', 'member', 'coordinator'] as const) await createBatch({ collectionDate: '2026-12-28' }, bearer(await coop.token(role))).expect(403);
    for (const role of ['member', 'coordinator'] as const) await api().get(`${base}/sepa/batches`).set(bearer(await coop.token(role))).expect(403);
    expect(await count('sepa_collection_batches')).toBe(0);
  });

  it('drafts one item per open invoice of a member with a mandate, with the mandate’s sequence type', async () => {
    const created = await createBatch({ collectionDate: '2026-12-28' }).expect(201);
    first = created.body;
    expect(created.body).toMatchObject({ number: 1, status: 'draft', collectionDate: '2026-12-28', dueThrough: '2026-12-28', itemCount: 4, skippedCount: 0, totalCents: 3600 + 1250 + 3600 + 2000, messageId: null });
    const byInvoice = new Map((created.body.items as ItemBody[]).map((i) => [i.invoiceId, i]));
    // Not Dirk (no mandate), not Eva (revoked), not Anna's invoice due in January, and Chris's one-off mandate collects one invoice: the oldest.
    expect([...byInvoice.keys()].sort()).toEqual([invoices.anna.id, invoices['anna-extra'].id, invoices.bram.id, invoices.chris.id].sort());
    expect(byInvoice.get(invoices.anna.id)).toMatchObject({ memberId: members.anna, memberName: 'Lid Anna', amountCents: 3600, sequenceType: 'FRST', iban: 'NL** **** **** **45 67', status: 'pending', skipReason: null });
    expect(byInvoice.get(invoices.bram.id)).toMatchObject({ amountCents: 3600, sequenceType: 'RCUR' });
    expect(byInvoice.get(invoices.chris.id)).toMatchObject({ amountCents: 2000, sequenceType: 'OOFF' });
    for (const key of ['anna', 'anna-extra', 'bram', 'chris']) {
      const item = byInvoice.get(invoices[key].id)!;
      expect(item.endToEndId).toBe(`${invoices[key].number}-1`);
      expect(item.remittance).toBe(`Factuur ${invoices[key].number} betalingskenmerk ${invoices[key].paymentReference}`);
    }
    // The board reads batches; nobody sees a full account number in them.
    const asBoard = await api().get(`${base}/sepa/batches/${first.id}`).set(board).expect(200);
    expect(asBoard.body.items).toHaveLength(4);
    expect(JSON.stringify(asBoard.body)).not.toMatch(/NL20INGB|NL44RABO|NL91ABNA/);
    expect((await api().get(`${base}/sepa/batches`).set(board).expect(200)).body.map((b: { id: string; itemCount: number }) => [b.id, b.itemCount])).toEqual([[first.id, 4]]);
    await api().get(`${base}/sepa/batches/${first.id}/pain008`).set(board).expect(403);

    // Its invoices are taken: the same selection again finds nothing.
    expect((await createBatch({ collectionDate: '2026-12-28' }).expect(422)).body.code).toBe('sepa_nothing_to_collect');
    const taken = await createBatch({ collectionDate: '2026-12-29', invoiceIds: [invoices.bram.id, invoices['chris-second'].id] }).expect(422);
    expect(taken.body.detail).toContain(`${invoices.bram.number}: the invoice is in another batch already`);
    expect(taken.body.detail).toContain(`${invoices['chris-second'].number}: the member’s one-off mandate is used in another batch already`);
  });

  it('cancels a draft once: of racing cancellations one wins, and its invoices are free again', async () => {
    const draft = (await createBatch({ collectionDate: '2026-12-29', invoiceIds: [invoices['anna-january'].id] }).expect(201)).body;
    expect(draft.items.map((i: ItemBody) => i.endToEndId)).toEqual([`${invoices['anna-january'].number}-1`]);
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? api().delete(`${base}/sepa/batches/${draft.id}`) : api().post(`${base}/sepa/batches/${draft.id}/cancel`)).set(treasurer)),
    );
    const winners = racing.filter((r) => r.status === 200 || r.status === 204);
    expect(winners).toHaveLength(1);
    expect(racing.filter((r) => r.status === 409).every((r) => r.body.code === 'sepa_batch_state' && r.body.batchStatus === 'cancelled')).toBe(true);
    expect(racing.filter((r) => r.status === 409)).toHaveLength(5);
    expect((await api().get(`${base}/sepa/batches/${draft.id}`).set(treasurer).expect(200)).body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    await api().get(`${base}/sepa/batches/${draft.id}/pain008`).set(treasurer).expect(409);
    await api().post(`${base}/sepa/batches/${draft.id}/book`).set(treasurer).send({ bookedOn: '2026-12-24' }).expect(409);
    const audit = await sql(`SELECT action FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 ORDER BY id`, [coop.cooperativeId, draft.id]);
    expect(audit.map((a) => a.action)).toEqual(['sepa.batch.create', 'sepa.batch.cancel']);
  });

  it('refuses to book a draft', async () => {
    const response = await api().post(`${base}/sepa/batches/${first.id}/book`).set(treasurer).send({ bookedOn: '2026-12-24' }).expect(409);
    expect(response.body).toMatchObject({ code: 'sepa_batch_state', batchStatus: 'draft' });
  });

  it('exports the file once: racing downloads get the same bytes, an invoice paid meanwhile is skipped with a note, the mandates move on', async () => {
    // Anna pays one invoice by bank transfer before the file is made.
    await api().post(`${base}/invoices/${invoices['anna-extra'].id}/payments`).set(treasurer).send({ amountCents: 1250, paidOn: '2026-12-24', idempotencyKey: 'bank-anna-extra' }).expect(200);
    const downloads = await Promise.all(Array.from({ length: 4 }, () => download(first.id)));
    for (const d of downloads) {
      expect(d.status).toBe(200);
      expect(d.headers['content-type']).toMatch(/^application\/xml/);
      expect(d.headers['content-disposition']).toBe('attachment; filename="incasso-1-2026-12-28.xml"');
    }
    const xml = downloads[0].body as string;
    expect(new Set(downloads.map((d) => d.body))).toEqual(new Set([xml]));
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.02');
    expect(texts(xml, 'MsgId')).toEqual(['SDD-000001-20261228']);
    expect(texts(xml, 'NbOfTxs')[0]).toBe('3');
    expect(texts(xml, 'CtrlSum')[0]).toBe('92.00');
    expect(texts(xml, 'SeqTp')).toEqual(['FRST', 'RCUR', 'OOFF']);
    expect(texts(xml, 'ReqdColltnDt')).toEqual(['2026-12-28', '2026-12-28', '2026-12-28']);
    expect(texts(xml, 'EndToEndId').sort()).toEqual([`${invoices.anna.number}-1`, `${invoices.bram.number}-1`, `${invoices.chris.number}-1`].sort());
    expect(texts(xml, 'InstdAmt').sort()).toEqual(['20.00', '36.00', '36.00']);
    expect(texts(xml, 'Ustrd')).toContain(`Factuur ${invoices.anna.number} betalingskenmerk ${invoices.anna.paymentReference}`);
    expect(xml).not.toContain(invoices['anna-extra'].number);

    const batch = (await api().get(`${base}/sepa/batches/${first.id}`).set(treasurer).expect(200)).body;
    expect(batch).toMatchObject({ status: 'exported', messageId: 'SDD-000001-20261228', painVersion: '.001.02', itemCount: 3, skippedCount: 1, totalCents: 9200 });
    const skipped = batch.items.find((i: ItemBody) => i.status === 'skipped');
    expect(skipped).toMatchObject({ invoiceId: invoices['anna-extra'].id, skipReason: `invoice ${invoices['anna-extra'].number} was paid in the meantime` });
    expect(batch.items.filter((i: ItemBody) => i.status === 'collected')).toHaveLength(3);
    const exports = await sql<{ details: { skipped: unknown[] } }>(`SELECT details FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 AND action = 'sepa.batch.export'`, [coop.cooperativeId, first.id]);
    expect(exports).toHaveLength(1);
    expect(exports[0].details.skipped).toEqual([{ invoice: invoices['anna-extra'].number, reason: skipped.skipReason }]);

    const next = async (id: string) => (await api().get(`${base}/sepa/mandates/${id}`).set(treasurer).expect(200)).body;
    expect(await next(mandates.anna)).toMatchObject({ nextSequenceType: 'RCUR', firstCollectedOn: '2026-12-28' });
    expect(await next(mandates.chris)).toMatchObject({ nextSequenceType: null, firstCollectedOn: '2026-12-28' });
    expect(await next(mandates.bram)).toMatchObject({ nextSequenceType: 'RCUR', firstCollectedOn: '2026-10-01', lastCollectedOn: '2026-12-28' });

    // A later download is the very same file, even on another day; another version is refused.
    sut.app.get(Clock).setTo(new Date('2026-12-24T15:00:00Z'));
    expect((await download(first.id).expect(200)).body).toBe(xml);
    const other = await download(first.id, '?version=.001.08').expect(409);
    expect(JSON.parse(other.body)).toMatchObject({ code: 'sepa_batch_version_fixed', errors: [{ field: 'version' }] });
    await download(first.id, '?version=.001.05').expect(400);
    sut.app.get(Clock).setTo(TODAY);
  });

  it('drafts the next batch with RCUR, a new end-to-end id for an invoice tried before, and no second collection on a spent one-off', async () => {
    const second = (await createBatch({ collectionDate: '2027-01-15' }).expect(201)).body;
    expect(second).toMatchObject({ number: 3, itemCount: 1, totalCents: 900 });
    expect(second.items).toEqual([
      expect.objectContaining({ invoiceId: invoices['anna-january'].id, sequenceType: 'RCUR', endToEndId: `${invoices['anna-january'].number}-2`, status: 'pending' }),
    ]);
    const xml = (await download(second.id, '?version=.001.08').expect(200)).body as string;
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.08');
    expect(texts(xml, 'SeqTp')).toEqual(['RCUR']);
    expect(texts(xml, 'MsgId')).toEqual(['SDD-000003-20270115']);
    expect((await api().get(`${base}/sepa/batches/${second.id}`).set(treasurer).expect(200)).body.painVersion).toBe('.001.08');
  });

  it('lets one of an export and a cancellation racing each other win, never both', async () => {
    await invoice('bram-extra', members.bram, 450);
    const draft = (await createBatch({ collectionDate: '2026-12-29', invoiceIds: [invoices['bram-extra'].id] }).expect(201)).body;
    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? api().post(`${base}/sepa/batches/${draft.id}/cancel`).set(treasurer) : download(draft.id))));
    const exports = racing.filter((_, i) => i % 2 === 0);
    const cancels = racing.filter((_, i) => i % 2 === 1);
    const final = (await api().get(`${base}/sepa/batches/${draft.id}`).set(treasurer).expect(200)).body;
    if (final.status === 'exported') {
      expect(exports.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(exports.map((r) => r.body)).size).toBe(1);
      expect(cancels.map((r) => r.status)).toEqual([409, 409, 409]);
    } else {
      expect(final.status).toBe('cancelled');
      expect(cancels.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect(exports.map((r) => r.status)).toEqual([409, 409, 409]);
    }
    const transitions = await sql(`SELECT action FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 AND action IN ('sepa.batch.export', 'sepa.batch.cancel')`, [coop.cooperativeId, draft.id]);
    expect(transitions).toHaveLength(1);
  });

  it('books the collection once: the invoices are paid and the ledger shows D 1100 / C 1300 per member', async () => {
    const before = await balances();
    const future = await api().post(`${base}/sepa/batches/${first.id}/book`).set(treasurer).send({ bookedOn: '2026-12-28' }).expect(422);
    expect(future.body).toMatchObject({ code: 'sepa_booking_date', errors: [{ field: 'bookedOn' }] });
    sut.app.get(Clock).setTo(new Date('2026-12-29T09:00:00Z'));
    const early = await api().post(`${base}/sepa/batches/${first.id}/book`).set(treasurer).send({ bookedOn: '2026-12-23' }).expect(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'bookedOn' })]);
    await api().post(`${base}/sepa/batches/${first.id}/book`).set(board).send({ bookedOn: '2026-12-28' }).expect(403);
    expect(await balances()).toEqual(before);

    const racing = await Promise.all(Array.from({ length: 4 }, () => api().post(`${base}/sepa/batches/${first.id}/book`).set(treasurer).send({ bookedOn: '2026-12-28' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(racing.find((r) => r.status === 200)!.body).toMatchObject({ status: 'booked', bookedOn: '2026-12-28' });
    expect(racing.filter((r) => r.status === 409).every((r) => r.body.batchStatus === 'booked')).toBe(true);

    const after = await balances();
    expect(after['1100'] - (before['1100'] ?? 0)).toBe(9200);
    expect(after['1300'] - before['1300']).toBe(-9200);
    for (const key of ['anna', 'bram', 'chris']) {
      const detail = (await api().get(`${base}/invoices/${invoices[key].id}`).set(treasurer).expect(200)).body;
      expect(detail).toMatchObject({ status: 'paid', openCents: 0 });
      expect(detail.payments).toEqual([expect.objectContaining({ method: 'sepa', paidOn: '2026-12-28' })]);
    }
    // Chris's second invoice was never collected, nor Dirk's.
    for (const key of ['chris-second', 'dirk']) expect((await api().get(`${base}/invoices/${invoices[key].id}`).set(treasurer).expect(200)).body.status).toBe('open');
    const lines = await sql<{ member_id: string; code: string; amount_cents: string }>(
      `SELECT l.member_id, a.code, l.amount_cents FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
        WHERE e.cooperative_id = $1 AND e.idempotency_key LIKE $2 ORDER BY a.code, l.amount_cents`,
      [coop.cooperativeId, `sepa:${first.id}:%`],
    );
    expect(lines.filter((l) => l.code === '1100').map((l) => Number(l.amount_cents)).sort()).toEqual([2000, 3600, 3600]);
    expect(lines.filter((l) => l.code === '1300').map((l) => [l.member_id, Number(l.amount_cents)]).sort()).toEqual(
      [[members.anna, -3600], [members.bram, -3600], [members.chris, -2000]].sort(),
    );

    // Booking again changes nothing.
    const again = await api().post(`${base}/sepa/batches/${first.id}/book`).set(treasurer).send({ bookedOn: '2026-12-28' }).expect(409);
    expect(again.body.code).toBe('sepa_batch_state');
    expect(await balances()).toEqual(after);
    const audit = await sql(`SELECT action FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 AND action LIKE 'sepa.batch.%' ORDER BY id`, [coop.cooperativeId, first.id]);
    expect(audit.map((a) => a.action)).toEqual(['sepa.batch.create', 'sepa.batch.export', 'sepa.batch.book']);
    // The file stays what the bank received, even in the database.
    await expect(sql(`UPDATE sepa_collection_batches SET file_xml = 'x' WHERE cooperative_id = $1 AND id = $2`, [coop.cooperativeId, first.id])).rejects.toMatchObject({ message: expect.stringContaining('cannot change') });
    await expect(sql(`UPDATE sepa_collection_batches SET status = 'draft', booked_on = NULL WHERE cooperative_id = $1 AND id = $2`, [coop.cooperativeId, first.id])).rejects.toMatchObject({ message: expect.stringContaining('cannot go from booked to draft') });
    sut.app.get(Clock).setTo(TODAY);
  });

  it('keeps an invoice in one live batch only, even for a write past the service', async () => {
    const [item] = await sql<{ batch_id: string; mandate_id: string }>(`SELECT batch_id, mandate_id FROM sepa_collection_items WHERE cooperative_id = $1 AND invoice_id = $2 AND active`, [coop.cooperativeId, invoices.bram.id]);
    await expect(
      sql(
        `INSERT INTO sepa_collection_items (cooperative_id, batch_id, invoice_id, member_id, mandate_id, sequence_type, amount_cents, end_to_end_id, remittance, mandate_reference, debtor_name, iban)
         VALUES ($1, $2, $3, $4, $5, 'RCUR', 100, 'DUBBEL-1', 'x', 'x', 'x', $6)`,
        [coop.cooperativeId, item.batch_id, invoices.bram.id, members.bram, item.mandate_id, RABO],
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('uq_sepa_collection_items_invoice') });
  });

  it('keeps cooperatives apart: another cooperative’s batch id is not found', async () => {
    const other = await createTestCooperative(sut, 'elders');
    const theirs = bearer(await other.token('treasurer'));
    const otherBase = `/api/v1/cooperatives/${other.cooperativeId}/sepa/batches`;
    await api().put(`/api/v1/cooperatives/${other.cooperativeId}/sepa/settings`).set(theirs).send({ ...SETTINGS, iban: KNAB }).expect(200);
    for (const call of [
      () => api().get(`${otherBase}/${first.id}`),
      () => api().get(`${otherBase}/${first.id}/pain008`),
      () => api().post(`${otherBase}/${first.id}/book`).send({ bookedOn: '2026-12-24' }),
      () => api().post(`${otherBase}/${first.id}/cancel`),
      () => api().delete(`${otherBase}/${first.id}`),
    ]) {
      const response = await call().set(theirs);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('sepa_batch_not_found');
    }
    expect((await api().get(otherBase).set(theirs).expect(200)).body).toEqual([]);
    // Our invoices cannot be pulled into their batch either.
    const crossed = await api().post(otherBase).set(theirs).send({ collectionDate: '2026-12-28', invoiceIds: [invoices['chris-second'].id] }).expect(422);
    expect(crossed.body.detail).toContain(`${invoices['chris-second'].id}: not found`);
    // And their treasurer has no role on our path.
    await api().get(`${base}/sepa/batches/${first.id}`).set(theirs).expect(404);
  });
});
