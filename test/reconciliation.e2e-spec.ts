import request from 'supertest';
import { Clock, UnitOfWork, asCooperativeId, formatDecimalCents, formatPaymentReference, invoicePaymentReference } from '@buurtcoop/core';
import { InvoicesService, LedgerService } from '@buurtcoop/finance';
import { MemberEnrolmentService } from '@buurtcoop/membership';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';

const COOP_IBAN = 'NL63TRIO0212345678';
const DEBTORS = ['NL20INGB0001234567', 'NL44RABO0123456789', 'NL91ABNA0417164300', 'NL44ASNB0708123456', 'NL43KNAB0612345678'];

interface Tx {
  amountCents: number;
  endToEndId?: string;
  name?: string;
  iban?: string;
  remittance?: string;
  reference?: string;
  returnReason?: string;
}
interface Entry {
  amountCents: number;
  date: string;
  ref: string;
  txs: Tx[];
}

const euros = (cents: number) => formatDecimalCents(Math.abs(cents));
const side = (cents: number) => (cents < 0 ? 'DBIT' : 'CRDT');

/** A CAMT.053.001.02 statement as a Dutch bank writes one: batch collections credited gross with their transactions in TxDtls. */
function camt(opening: { date: string; cents: number }, entries: Entry[]): string {
  const closing = opening.cents + entries.reduce((sum, e) => sum + e.amountCents, 0);
  const tx = (t: Tx, entry: Entry) => `
          <TxDtls>
            <Refs>${t.endToEndId ? `<EndToEndId>${t.endToEndId}</EndToEndId>` : ''}</Refs>
            ${entry.txs.length > 1 ? `<AmtDtls><TxAmt><Amt Ccy="EUR">${euros(t.amountCents)}</Amt></TxAmt></AmtDtls>` : ''}
            <RltdPties>${t.amountCents < 0 ? '<Cdtr>' : '<Dbtr>'}<Nm>${t.name ?? ''}</Nm>${t.amountCents < 0 ? '</Cdtr>' : '</Dbtr>'}${t.iban ? `<${t.amountCents < 0 ? 'CdtrAcct' : 'DbtrAcct'}><Id><IBAN>${t.iban}</IBAN></Id></${t.amountCents < 0 ? 'CdtrAcct' : 'DbtrAcct'}>` : ''}</RltdPties>
            <RmtInf>${t.remittance ? `<Ustrd>${t.remittance}</Ustrd>` : ''}${t.reference ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr></Tp><Ref>${t.reference}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf>
            ${t.returnReason ? `<RtrInf><Rsn><Cd>${t.returnReason}</Cd></Rsn></RtrInf>` : ''}
          </TxDtls>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-${opening.date}</MsgId><CreDtTm>${opening.date}T23:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${opening.date}-1</Id>
      <CreDtTm>${opening.date}T23:00:00</CreDtTm>
      <Acct><Id><IBAN>${COOP_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(opening.cents)}</Amt><CdtDbtInd>${side(opening.cents)}</CdtDbtInd><Dt><Dt>${opening.date}</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(closing)}</Amt><CdtDbtInd>${side(closing)}</CdtDbtInd><Dt><Dt>${entries.at(-1)?.date ?? opening.date}</Dt></Dt></Bal>
      ${entries
        .map(
          (e) => `
      <Ntry>
        <Amt Ccy="EUR">${euros(e.amountCents)}</Amt>
        <CdtDbtInd>${side(e.amountCents)}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${e.date}</Dt></BookgDt>
        <ValDt><Dt>${e.date}</Dt></ValDt>
        <AcctSvcrRef>${e.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${e.amountCents < 0 ? 'IDDT' : 'RCDT'}</Cd><SubFmlyCd>${e.txs[0].returnReason ? 'UPDD' : 'ESCT'}</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>${e.txs.length > 1 ? `<Btch><NbOfTxs>${e.txs.length}</NbOfTxs></Btch>` : ''}${e.txs.map((t) => tx(t, e)).join('')}
        </NtryDtls>
      </Ntry>`,
        )
        .join('')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}

describe('Reconciliation: from dues run and direct debit to a reconciled bank account', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  const members: string[] = [];
  let items: Array<{ endToEndId: string; invoiceId: string; memberId: string; amountCents: number }>;
  let transferInvoice: { id: string; paymentReference: string };
  let statementXml: string;
  let mandates: string[];

  const upload = (xml: string, name = 'afschrift-2027-02-05.xml') => request(sut.url).post(`${base}/bank-statements`).set(treasurer).attach('file', Buffer.from(xml), name);
  let statementId: string;
  const invoice = async (id: string) => (await request(sut.url).get(`${base}/invoices/${id}`).set(treasurer).expect(200)).body;

  beforeAll(async () => {
    sut = await createTestApp();
    sut.app.get(Clock).setTo(new Date('2027-01-04T09:00:00+01:00'));
    coop = await createTestCooperative(sut, 'afletteren');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    const board = bearer(await coop.token('board'));
    const types = Object.fromEntries((await request(sut.url).get(`${base}/membership-types`).set(board).expect(200)).body.map((t: { code: string; id: string }) => [t.code, t.id]));
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    for (const lastName of ['Aksoy', 'Bakker', 'Claessen', 'Dekker', 'El Idrissi', 'Fokkema']) {
      const member = await sut.app.get(UnitOfWork).run({ cooperativeId }, () =>
        sut.app.get(MemberEnrolmentService).enrol(
          cooperativeId,
          { membershipTypeId: types.resident, role: 'consumer', firstName: 'Lid', lastName, organisationName: null, email: null, phone: null, street: 'Brink', houseNumber: '1', postcode: '7411BR', city: 'Deventer', dateOfBirth: null, language: 'nl', householdPersons: [], joinedOn: '2025-01-01', invite: false },
          null,
        ),
      );
      members.push(member.id);
    }
    await request(sut.url).put(`${base}/sepa/settings`).set(treasurer).send({ creditorId: 'NL57ZZZ999999999999', creditorName: 'Buurtcoöperatie Afletteren', iban: COOP_IBAN }).expect(200);
    mandates = [];
    for (const [i, iban] of DEBTORS.entries()) {
      mandates.push((await request(sut.url).post(`${base}/sepa/mandates`).set(treasurer).send({ memberId: members[i], debtorName: `Rekeninghouder ${i}`, iban, signedOn: '2026-06-01', kind: 'recurrent' }).expect(201)).body.id);
    }
    await request(sut.url).put(`${base}/dues-plans`).set(treasurer).send({ membershipTypeId: types.resident, yearlyAmountCents: 3600, frequency: 'yearly' }).expect(200);
    await request(sut.url).post(`${base}/dues-runs`).set(treasurer).send({ period: '2027' }).expect(201);
    const batch = (await request(sut.url).post(`${base}/sepa/batches`).set(treasurer).send({ collectionDate: '2027-02-04' }).expect(201)).body;
    await request(sut.url).get(`${base}/sepa/batches/${batch.id}/pain008`).set(treasurer).expect(200);
    items = (await request(sut.url).get(`${base}/sepa/batches/${batch.id}`).set(treasurer).expect(200)).body.items;
    const fokkema = (await request(sut.url).get(`${base}/invoices?memberId=${members[5]}`).set(treasurer).expect(200)).body.items[0];
    transferInvoice = { id: fokkema.id, paymentReference: fokkema.paymentReference.replace(/\s/g, '') };
    const byMember = (i: number) => items.find((it) => it.memberId === members[i]) as (typeof items)[number];
    statementXml = camt({ date: '2027-02-04', cents: 0 }, [
      { amountCents: 5 * 3600, date: '2027-02-04', ref: 'BATCH-SDD-1', txs: items.map((it) => ({ amountCents: it.amountCents, endToEndId: it.endToEndId, name: 'Incasso contributie' })) },
      { amountCents: -3600, date: '2027-02-05', ref: 'RTRN-1', txs: [{ amountCents: -3600, endToEndId: byMember(1).endToEndId, returnReason: 'MS03', name: 'Rekeninghouder 1', iban: DEBTORS[1] }] },
      { amountCents: -3600, date: '2027-02-05', ref: 'RTRN-2', txs: [{ amountCents: -3600, endToEndId: byMember(2).endToEndId, returnReason: 'AC04', name: 'Rekeninghouder 2', iban: DEBTORS[2] }] },
      { amountCents: 3600, date: '2027-02-05', ref: 'TRF-1', txs: [{ amountCents: 3600, name: 'L. Fokkema', iban: 'NL69INGB0123456789', reference: transferInvoice.paymentReference, remittance: 'contributie' }] },
      { amountCents: -250, date: '2027-02-05', ref: 'COST-1', txs: [{ amountCents: -250, remittance: 'Kosten betaalrekening januari' }] },
    ]);
  });
  afterAll(async () => {
    sut.app.get(Clock).setTo(new Date());
    await sut.close();
  });

  it('imports the statement and explains every line it can: the collection, two returns and a transfer', async () => {
    const imported = await upload(statementXml).expect(200);
    statementId = imported.body.statements[0].id;
    expect(imported.body).toMatchObject({
      duplicate: false,
      lineCount: 9,
      newLineCount: 9,
      matched: 8,
      unmatched: 1,
      byKind: { sepa_collection: 5, sepa_return: 2, invoice_reference: 1 },
      statements: [{ format: 'camt.053.001.02', balanced: true, openingCents: 0, closingCents: 18000 - 7200 + 3600 - 250, gap: null }],
    });
  });

  it('pays the collected invoices and the transferred one, reopens the returned ones, and revokes the mandate of the closed account', async () => {
    for (const i of [0, 3, 4]) expect(await invoice(items.find((it) => it.memberId === members[i])?.invoiceId as string)).toMatchObject({ status: 'paid', openCents: 0 });
    expect(await invoice(transferInvoice.id)).toMatchObject({ status: 'paid', payments: [{ method: 'bank_transfer', amountCents: 3600 }] });
    for (const i of [1, 2]) expect(await invoice(items.find((it) => it.memberId === members[i])?.invoiceId as string)).toMatchObject({ status: 'open', openCents: 3600 });
    const revoked = (await request(sut.url).get(`${base}/sepa/mandates/${mandates[2]}`).set(treasurer).expect(200)).body;
    expect(revoked.status).toBe('revoked');
    expect((await request(sut.url).get(`${base}/sepa/mandates/${mandates[1]}`).set(treasurer).expect(200)).body.status).toBe('active');
  });

  it('offers the insufficient-funds return for the next collection, and not the one whose mandate is gone', async () => {
    sut.app.get(Clock).setTo(new Date('2027-02-08T09:00:00+01:00'));
    const next = (await request(sut.url).post(`${base}/sepa/batches`).set(treasurer).send({ collectionDate: '2027-02-10' }).expect(201)).body;
    expect(next.items.map((i: { memberId: string }) => i.memberId)).toEqual([members[1]]);
    await request(sut.url).post(`${base}/sepa/batches/${next.id}/cancel`).set(treasurer).expect(200);
  });

  it('leaves the bank costs on the worklist, and books them on the account the treasurer picks', async () => {
    const worklist = (await request(sut.url).get(`${base}/statement-lines?status=unmatched`).set(treasurer).expect(200)).body;
    expect(worklist.items).toEqual([expect.objectContaining({ amountCents: -250, remittance: 'Kosten betaalrekening januari', suggestions: [] })]);
    const booked = await request(sut.url).post(`${base}/statement-lines/${worklist.items[0].id}/assign`).set(treasurer).send({ accountCode: '4200', description: 'Bankkosten januari' }).expect(200);
    expect(booked.body).toMatchObject({ status: 'matched', matchKind: 'account' });
    await request(sut.url).post(`${base}/statement-lines/${worklist.items[0].id}/assign`).set(treasurer).send({ accountCode: '4200', description: 'Nog eens' }).expect(409);
  });

  it('reconciles the bank account to the cent, with a balanced ledger', async () => {
    const [account] = (await request(sut.url).get(`${base}/bank-accounts`).set(treasurer).expect(200)).body;
    expect(account).toMatchObject({ iban: COOP_IBAN, ledgerAccountCode: '1100' });
    const report = (await request(sut.url).get(`${base}/bank-accounts/${account.id}/reconciliation?date=2027-02-05`).set(treasurer).expect(200)).body;
    expect(report).toMatchObject({ statementBalanceCents: 14150, ledgerBalanceCents: 14150, differenceCents: 0, unexplainedLines: [], unexplainedCents: 0, remainingCents: 0 });
    const trial = (await request(sut.url).get(`${base}/ledger/trial-balance?through=2027-12-31`).set(treasurer).expect(200)).body;
    expect(trial.totalCents).toBe(0);
  });

  it('recognises the same file imported again: no second statement, and the answer names the first', async () => {
    const statements = async () => (await request(sut.url).get(`${base}/bank-statements`).set(treasurer).expect(200)).body.total;
    const before = await statements();
    const again = await upload(statementXml, 'afschrift-opnieuw.xml').expect(200);
    expect(again.body).toMatchObject({ duplicate: true, lineCount: 9, newLineCount: 0, matched: 0, unmatched: 0, statements: [{ id: statementId, lineCount: 9, newLineCount: 9, gap: null }] });
    expect(again.body.statements).toHaveLength(1);
    expect(await statements()).toBe(before);
    expect((await request(sut.url).get(`${base}/statement-lines`).set(treasurer).expect(200)).body.total).toBe(9);
  });

  it('takes a match back with reversal entries, and lets the treasurer split a payment over two invoices', async () => {
    const line = (await request(sut.url).get(`${base}/statement-lines?status=matched&pageSize=50`).set(treasurer).expect(200)).body.items.find((l: { matchKind: string }) => l.matchKind === 'invoice_reference');
    const undone = await request(sut.url).post(`${base}/statement-lines/${line.id}/undo`).set(treasurer).expect(200);
    expect(undone.body).toMatchObject({ status: 'unmatched', matchKind: null });
    expect(await invoice(transferInvoice.id)).toMatchObject({ status: 'open', openCents: 3600 });
    const suggestions = (await request(sut.url).get(`${base}/statement-lines?status=unmatched`).set(treasurer).expect(200)).body.items.find((l: { id: string }) => l.id === line.id).suggestions;
    expect(suggestions[0]).toMatchObject({ invoiceId: expect.any(String), openCents: 3600, why: expect.arrayContaining(['amount']) });

    const returned = items.find((it) => it.memberId === members[1])?.invoiceId as string;
    const bad = await request(sut.url).post(`${base}/statement-lines/${line.id}/match`).set(treasurer).send({ allocations: [{ invoiceId: transferInvoice.id, amountCents: 1000 }] }).expect(422);
    expect(bad.body.code).toBe('statement_split_mismatch');
    await request(sut.url)
      .post(`${base}/statement-lines/${line.id}/match`)
      .set(treasurer)
      .send({ allocations: [{ invoiceId: transferInvoice.id, amountCents: 1800 }, { invoiceId: returned, amountCents: 1800 }] })
      .expect(200);
    expect(await invoice(transferInvoice.id)).toMatchObject({ status: 'open', openCents: 1800 });
    expect(await invoice(returned)).toMatchObject({ status: 'open', openCents: 1800 });
    const [account] = (await request(sut.url).get(`${base}/bank-accounts`).set(treasurer).expect(200)).body;
    // The undo is a reversal dated today (8 February), the new match is dated by the bank line: on the 5th the ledger
    // shows both payments, from the 8th on the account agrees again.
    const reconciled = async (date: string) => (await request(sut.url).get(`${base}/bank-accounts/${account.id}/reconciliation?date=${date}`).set(treasurer).expect(200)).body.differenceCents;
    expect(await reconciled('2027-02-05')).toBe(-3600);
    expect(await reconciled('2027-02-08')).toBe(0);
  });

  it('reports the days missing between two statements whose balances do not follow on', async () => {
    const later = camt({ date: '2027-02-12', cents: 20_000 }, [{ amountCents: 500, date: '2027-02-12', ref: 'TRF-LATER', txs: [{ amountCents: 500, name: 'Onbekend', remittance: 'gift' }] }]);
    const imported = await upload(later, 'afschrift-2027-02-12.xml').expect(200);
    expect(imported.body.statements[0]).toMatchObject({ balanced: true, gap: { from: '2027-02-06', through: '2027-02-11', missingCents: 20_000 - 14_150 } });
  });

  it('takes a bank’s CSV export as the request body, and the account the export does not name', async () => {
    const csv = [
      '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"',
      '"20270213";"J. Jansen";"NL20INGB0001234567";"NL44RABO0123456789";"OV";"Bij";"12,50";"Overschrijving";"Naam: J. Jansen Omschrijving: koffie buurthuis IBAN: NL44RABO0123456789 Valutadatum: 13-02-2027";"1.012,50";""',
    ].join('\r\n');
    const imported = await request(sut.url).post(`${base}/bank-statements`).set(treasurer).set('content-type', 'text/csv').send(csv).expect(200);
    expect(imported.body).toMatchObject({ lineCount: 1, newLineCount: 1, statements: [{ format: 'csv-ing', totalCents: 1250 }] });
    const other = await request(sut.url).post(`${base}/bank-statements?account=NL20INGB0001234567`).set(treasurer).set('content-type', 'text/csv').send(csv).expect(200);
    expect(other.body.newLineCount).toBe(0);
    const wrong = await request(sut.url).post(`${base}/bank-statements?account=NL91ABNA0417164300`).set(treasurer).set('content-type', 'text/csv').send(csv).expect(422);
    expect(wrong.body).toMatchObject({ code: 'statement_account_unknown', errors: [{ field: 'account' }] });
  });

  it('tries an invoice returned for lack of funds twice more, then stops collecting it', async () => {
    const member = members[1];
    const invoiceId = items.find((it) => it.memberId === member)?.invoiceId as string;
    // The first collection came back (MS03) on 5 February; what the split above paid is refunded first, so the whole invoice is open.
    const paid = (await invoice(invoiceId)).paidCents;
    if (paid > 0) {
      const line = (await request(sut.url).get(`${base}/statement-lines?status=matched&pageSize=50`).set(treasurer).expect(200)).body.items.find((l: { matchKind: string }) => l.matchKind === 'split');
      await request(sut.url).post(`${base}/statement-lines/${line.id}/undo`).set(treasurer).expect(200);
    }
    for (const [n, [today, collection]] of [['2027-03-01', '2027-03-03'], ['2027-03-08', '2027-03-10']].entries()) {
      sut.app.get(Clock).setTo(new Date(`${today}T09:00:00+01:00`));
      const batch = (await request(sut.url).post(`${base}/sepa/batches`).set(treasurer).send({ collectionDate: collection, invoiceIds: [invoiceId] }).expect(201)).body;
      await request(sut.url).get(`${base}/sepa/batches/${batch.id}/pain008`).set(treasurer).expect(200);
      const item = (await request(sut.url).get(`${base}/sepa/batches/${batch.id}`).set(treasurer).expect(200)).body.items[0];
      const statement = camt({ date: collection, cents: 0 }, [
        { amountCents: 3600, date: collection, ref: `SDD-${n}`, txs: [{ amountCents: 3600, endToEndId: item.endToEndId, name: 'Incasso' }] },
        { amountCents: -3600, date: collection, ref: `RTRN-${n}`, txs: [{ amountCents: -3600, endToEndId: item.endToEndId, returnReason: 'AM04', name: 'Rekeninghouder 1', iban: DEBTORS[1] }] },
      ]);
      expect((await upload(statement, `retour-${n}.xml`).expect(200)).body.byKind).toEqual({ sepa_collection: 1, sepa_return: 1 });
      expect(await invoice(invoiceId)).toMatchObject({ status: 'open', openCents: 3600 });
    }
    sut.app.get(Clock).setTo(new Date('2027-03-15T09:00:00+01:00'));
    const stopped = await request(sut.url).post(`${base}/sepa/batches`).set(treasurer).send({ collectionDate: '2027-03-17', dueThrough: '2027-03-17' }).expect(422);
    expect(stopped.body.detail).toMatch(/Nothing to collect/);
  });

  it('matches by the member’s account and amount, a known donor, a Stripe payout and a collection credited in one line', async () => {
    sut.app.get(Clock).setTo(new Date('2027-03-22T09:00:00+01:00'));
    const ledger = sut.app.get(LedgerService);
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    // A payout booked from Stripe's webhook, as the clearing account's transfer to the bank.
    await sut.app.get(UnitOfWork).run({ cooperativeId }, async () => {
      const ids = await ledger.accountIdsByCode(cooperativeId, ['1100', '1150']);
      await ledger.post(cooperativeId, { entryDate: '2027-03-20', description: 'Uitbetaling Stripe po_1TestPayout42', idempotencyKey: 'stripe:payout:po_1TestPayout42', lines: [{ accountId: ids['1100'], amountCents: 4850 }, { accountId: ids['1150'], amountCents: -4850 }] }, null);
    });
    // A collection for Aksoy's new invoice, credited by the bank as one line that names the file's message id.
    const extra = (await request(sut.url).post(`${base}/invoices`).set(treasurer).send({ memberId: members[0], dueDate: '2027-03-23', lines: [{ description: 'Huur aanhanger', amountCents: 1500, accountCode: '8100' }] }).expect(201)).body;
    const batch = (await request(sut.url).post(`${base}/sepa/batches`).set(treasurer).send({ collectionDate: '2027-03-24', invoiceIds: [extra.id] }).expect(201)).body;
    await request(sut.url).get(`${base}/sepa/batches/${batch.id}/pain008`).set(treasurer).expect(200);
    const messageId = (await request(sut.url).get(`${base}/sepa/batches/${batch.id}`).set(treasurer).expect(200)).body.messageId;
    const bakker = items.find((it) => it.memberId === members[1])?.invoiceId as string;

    const first = camt({ date: '2027-03-24', cents: 0 }, [
      { amountCents: 3600, date: '2027-03-24', ref: 'TRF-BAKKER', txs: [{ amountCents: 3600, name: 'A. Bakker', iban: DEBTORS[1], remittance: 'contributie' }] },
      { amountCents: 10000, date: '2027-03-24', ref: 'GIFT-1', txs: [{ amountCents: 10000, name: 'Woonstichting De Brink', iban: 'NL39RABO0300065264', remittance: 'steun buurtfeest' }] },
      { amountCents: 4850, date: '2027-03-24', ref: 'STRIPE-1', txs: [{ amountCents: 4850, name: 'Stripe Payments Europe', remittance: 'STRIPE PAYOUT po_1TestPayout42' }] },
      { amountCents: 1500, date: '2027-03-24', ref: 'SDD-GROSS', txs: [{ amountCents: 1500, name: 'Incasso', remittance: `Incasso batch ${messageId}` }] },
    ]);
    sut.app.get(Clock).setTo(new Date('2027-03-25T18:00:00+01:00'));
    const imported = (await upload(first, 'afschrift-2027-03-24.xml').expect(200)).body;
    expect(imported.byKind).toEqual({ invoice_iban_amount: 1, stripe_payout: 1, sepa_batch: 1 });
    expect(await invoice(bakker)).toMatchObject({ status: 'paid' });
    expect(await invoice(extra.id)).toMatchObject({ status: 'paid', payments: [{ method: 'sepa', amountCents: 1500 }] });

    const gift = (await request(sut.url).get(`${base}/statement-lines?status=unmatched&pageSize=50`).set(treasurer).expect(200)).body.items.find((l: { remittance: string }) => l.remittance === 'steun buurtfeest');
    await request(sut.url).post(`${base}/statement-lines/${gift.id}/assign`).set(treasurer).send({ accountCode: '8200', description: 'Gift Woonstichting De Brink' }).expect(200);
    const second = camt({ date: '2027-03-25', cents: 19950 }, [{ amountCents: 5000, date: '2027-03-25', ref: 'GIFT-2', txs: [{ amountCents: 5000, name: 'Woonstichting De Brink', iban: 'NL39RABO0300065264', remittance: 'tweede bijdrage' }] }]);
    expect((await upload(second, 'afschrift-2027-03-25.xml').expect(200)).body.byKind).toEqual({ donation: 1 });
  });

  it('lets one of two treasurers booking the same line at once win, and books it once', async () => {
    const line = (await request(sut.url).get(`${base}/statement-lines?status=unmatched&pageSize=50`).set(treasurer).expect(200)).body.items.find((l: { remittance: string }) => l.remittance === 'gift');
    const racing = await Promise.all([0, 1].map(() => request(sut.url).post(`${base}/statement-lines/${line.id}/assign`).set(treasurer).send({ accountCode: '8200', description: 'Gift buurtbewoner' })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    const [entries] = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key = $2`, [coop.cooperativeId, `statement-line:${line.id}`]);
    expect(entries.n).toBe(1);
  });

  it('refuses what is not a statement, naming the problem, and stores nothing', async () => {
    const before = (await request(sut.url).get(`${base}/bank-statements`).set(treasurer).expect(200)).body.total;
    const broken = await upload('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct>', 'kapot.xml').expect(422);
    expect(broken.body).toMatchObject({ code: 'statement_unreadable', errors: [{ field: 'file' }] });
    const entity = await upload('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><Document>&a;</Document>', 'bom.xml').expect(422);
    expect(entity.body.code).toBe('statement_unreadable');
    await request(sut.url).post(`${base}/bank-statements`).set(treasurer).expect(400);
    await request(sut.url).post(`${base}/bank-statements`).set(bearer(await coop.token('board'))).attach('file', Buffer.from(statementXml), 'x.xml').expect(403);
    expect((await request(sut.url).get(`${base}/bank-statements`).set(treasurer).expect(200)).body.total).toBe(before);
  });
});

describe('Reconciliation: a statement full of betalingskenmerken, matched set-based', () => {
  const INVOICES = 300;
  const AMOUNT = 3600;
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  let invoices: Array<{ id: string; number: string; memberId: string; reference: string }>;
  let firstXml: string;
  const members: string[] = [];
  const [PARTIAL, OVERPAID, CANCELLED] = [1, 5, 7];
  /** What each transfer pays: one in ten pays part, one overpays, one pays a cancelled invoice; one in ten types the kenmerk in the description. */
  const paid = (i: number) => (i === OVERPAID ? 5000 : i % 10 === PARTIAL ? 1000 : AMOUNT);

  const upload = (xml: string, name: string) => request(sut.url).post(`${base}/bank-statements`).set(treasurer).attach('file', Buffer.from(xml), name);
  /** The books as far as these payments go, read as the owner: what the API shows one invoice at a time. */
  const books = () =>
    sut.app.get(UnitOfWork).run({ as: 'owner' }, async () => {
      const [row] = await sut.app.get(UnitOfWork).rows<Record<string, number>>(
        `SELECT (SELECT count(*) FROM invoices WHERE cooperative_id = $1 AND status = 'paid')::int AS paid,
                (SELECT count(*) FROM invoices WHERE cooperative_id = $1 AND status = 'open')::int AS open,
                (SELECT count(*) FROM invoices WHERE cooperative_id = $1 AND status = 'cancelled')::int AS cancelled,
                (SELECT coalesce(sum(paid_cents), 0) FROM invoices WHERE cooperative_id = $1)::int AS paid_cents,
                (SELECT count(*) FROM invoice_payments WHERE cooperative_id = $1)::int AS allocations,
                (SELECT coalesce(sum(amount_cents), 0) FROM invoice_payments WHERE cooperative_id = $1)::int AS allocated_cents,
                (SELECT count(*) FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key LIKE 'statement-line:%')::int AS entries,
                (SELECT count(*) FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
                  WHERE l.cooperative_id = $1 AND e.idempotency_key LIKE 'statement-line:%')::int AS journal_lines,
                (SELECT coalesce(sum(l.amount_cents), 0) FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
                   JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
                  WHERE l.cooperative_id = $1 AND e.idempotency_key LIKE 'statement-line:%' AND a.code = '1100')::int AS bank_cents,
                (SELECT coalesce(-sum(l.amount_cents), 0) FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
                   JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
                  WHERE l.cooperative_id = $1 AND e.idempotency_key LIKE 'statement-line:%' AND a.code = '1300' AND l.member_id IS NOT NULL)::int AS receivable_cents,
                (SELECT count(*) FROM statement_lines WHERE cooperative_id = $1 AND status = 'matched' AND match_kind = 'invoice_reference')::int AS matched_lines`,
        [coop.cooperativeId],
      );
      return row;
    });

  beforeAll(async () => {
    sut = await createTestApp();
    sut.app.get(Clock).setTo(new Date('2027-01-04T09:00:00+01:00'));
    coop = await createTestCooperative(sut, 'kenmerken');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    const board = bearer(await coop.token('board'));
    const types = Object.fromEntries((await request(sut.url).get(`${base}/membership-types`).set(board).expect(200)).body.map((t: { code: string; id: string }) => [t.code, t.id]));
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    const uow = sut.app.get(UnitOfWork);
    for (const lastName of ['Aksoy', 'Bakker', 'Claessen', 'Dekker', 'El Idrissi', 'Fokkema']) {
      const member = await uow.run({ cooperativeId }, () =>
        sut.app.get(MemberEnrolmentService).enrol(
          cooperativeId,
          { membershipTypeId: types.resident, role: 'consumer', firstName: 'Lid', lastName, organisationName: null, email: null, phone: null, street: 'Brink', houseNumber: '1', postcode: '7411BR', city: 'Deventer', dateOfBirth: null, language: 'nl', householdPersons: [], joinedOn: '2025-01-01', invite: false },
          null,
        ),
      );
      members.push(member.id);
    }
    const issued = await uow.run({ cooperativeId }, () =>
      sut.app.get(InvoicesService).issue(
        cooperativeId,
        '2027-01-04',
        Array.from({ length: INVOICES }, (_, i) => ({ memberId: members[i % members.length], kind: 'manual' as const, sourceKey: `manual:kenmerk-${i}`, dueDate: '2027-01-18', lines: [{ description: `Sleutel ${i}`, amountCents: AMOUNT, accountCode: '8000' }] })),
        null,
      ),
    );
    const references = new Map(
      (await uow.run({ as: 'owner' }, () => uow.rows<{ id: string; payment_reference: string }>(`SELECT id, payment_reference FROM invoices WHERE cooperative_id = $1`, [coop.cooperativeId]))).map((r) => [r.id, r.payment_reference]),
    );
    invoices = issued.map((i) => ({ id: i.id, number: i.number, memberId: i.memberId, reference: references.get(i.id) as string }));
    await request(sut.url).post(`${base}/invoices/${invoices[CANCELLED].id}/cancel`).set(treasurer).send({ reason: 'Dubbel verstuurd' }).expect(200);

    const transfers: Entry[] = invoices.map((invoice, i) => ({
      amountCents: paid(i),
      date: '2027-01-20',
      ref: `TRF-${i}`,
      txs: [
        i % 10 === 2
          ? { amountCents: paid(i), name: `Betaler ${i}`, iban: DEBTORS[i % DEBTORS.length], remittance: `factuur ${invoice.number} kenmerk ${formatPaymentReference(invoice.reference)}` }
          : { amountCents: paid(i), name: `Betaler ${i}`, iban: DEBTORS[i % DEBTORS.length], reference: invoice.reference },
      ],
    }));
    // A kenmerk with a valid check digit that no invoice carries: left for the treasurer.
    transfers.push({ amountCents: 1234, date: '2027-01-20', ref: 'TRF-UNKNOWN', txs: [{ amountCents: 1234, name: 'Onbekend', iban: 'NL69INGB0123456789', reference: invoicePaymentReference(2099, 1) }] });
    firstXml = camt({ date: '2027-01-19', cents: 0 }, transfers);
  });
  afterAll(async () => {
    sut.app.get(Clock).setTo(new Date());
    await sut.close();
  });

  it('explains every transfer that names an invoice, in one import', async () => {
    const imported = await upload(firstXml, 'afschrift-2027-01-20.xml').expect(200);
    expect(imported.body).toMatchObject({ lineCount: INVOICES + 1, newLineCount: INVOICES + 1, matched: INVOICES, unmatched: 1, byKind: { invoice_reference: INVOICES } });
    // Booked together, not payment by payment: one audit event for the lot, none per invoice.
    const uow = sut.app.get(UnitOfWork);
    const events = await uow.run({ as: 'owner' }, () =>
      uow.rows<{ action: string; details: Record<string, unknown> }>(`SELECT action, details FROM audit_events WHERE cooperative_id = $1 AND action IN ('invoice.payment', 'invoice.payments')`, [coop.cooperativeId]),
    );
    expect(events).toEqual([{ action: 'invoice.payments', details: { entries: INVOICES, allocations: INVOICES - 1, method: 'bank_transfer' } }]);
  });

  it('leaves the invoices, the ledger and the credit as paying them one by one would', async () => {
    const received = invoices.reduce((sum, _, i) => sum + paid(i), 0);
    const allocated = received - AMOUNT; // the cancelled invoice's money is credit, not an allocation
    expect(await books()).toEqual({
      paid: INVOICES - INVOICES / 10 - 1,
      open: INVOICES / 10,
      cancelled: 1,
      paid_cents: allocated,
      allocations: INVOICES - 1,
      allocated_cents: allocated,
      entries: INVOICES,
      journal_lines: 2 * INVOICES,
      bank_cents: received,
      receivable_cents: received,
      matched_lines: INVOICES,
    });
    const detail = async (i: number) => (await request(sut.url).get(`${base}/invoices/${invoices[i].id}`).set(treasurer).expect(200)).body;
    expect(await detail(PARTIAL)).toMatchObject({ status: 'open', openCents: AMOUNT - 1000, payments: [{ method: 'bank_transfer', amountCents: 1000, paidOn: '2027-01-20' }] });
    expect(await detail(OVERPAID)).toMatchObject({ status: 'paid', openCents: 0, payments: [{ amountCents: 5000 }] });
    expect(await detail(CANCELLED)).toMatchObject({ status: 'cancelled', payments: [] });
    expect(await detail(12)).toMatchObject({ status: 'paid', payments: [{ amountCents: AMOUNT }] });
    const line = (await request(sut.url).get(`${base}/statement-lines?status=matched&pageSize=1`).set(treasurer).expect(200)).body.items[0];
    expect(line.matchDetails).toEqual({ invoices: [{ invoiceId: expect.any(String), number: expect.any(String), amountCents: line.amountCents, key: `statement-line:${line.id}` }] });
    // What was paid too much, and what was paid on the cancelled invoice, stays on the payer's account as credit.
    const credit = async (member: string) => (await request(sut.url).get(`${base}/members/${member}/statement`).set(treasurer).expect(200)).body.creditCents;
    expect(await credit(members[OVERPAID % members.length])).toBe(5000 - AMOUNT);
    expect(await credit(members[CANCELLED % members.length])).toBe(AMOUNT);
    const trial = (await request(sut.url).get(`${base}/ledger/trial-balance?through=2027-12-31`).set(treasurer).expect(200)).body;
    expect(trial.totalCents).toBe(0);
  });

  it('changes nothing when the statement comes again, and books only the new line of an overlapping one', async () => {
    const before = await books();
    const again = await upload(firstXml, 'afschrift-2027-01-20-opnieuw.xml').expect(200);
    expect(again.body).toMatchObject({ duplicate: true, lineCount: INVOICES + 1, newLineCount: 0, matched: 0, unmatched: 0 });
    expect(await books()).toEqual(before);

    // The next export repeats one transfer of the 20th, and adds the rest of the partly paid invoice.
    const overlapping = camt({ date: '2027-01-20', cents: 0 }, [
      { amountCents: AMOUNT, date: '2027-01-20', ref: 'TRF-0', txs: [{ amountCents: AMOUNT, name: 'Betaler 0', iban: DEBTORS[0], reference: invoices[0].reference }] },
      { amountCents: AMOUNT - 1000, date: '2027-01-21', ref: 'TRF-REST', txs: [{ amountCents: AMOUNT - 1000, name: 'Betaler 1', iban: DEBTORS[1], reference: invoices[PARTIAL].reference }] },
    ]);
    const next = await upload(overlapping, 'afschrift-2027-01-21.xml').expect(200);
    expect(next.body).toMatchObject({ duplicate: false, lineCount: 2, newLineCount: 1, matched: 1, byKind: { invoice_reference: 1 } });
    expect(await books()).toEqual({
      ...before,
      paid: before.paid + 1,
      open: before.open - 1,
      paid_cents: before.paid_cents + AMOUNT - 1000,
      allocations: before.allocations + 1,
      allocated_cents: before.allocated_cents + AMOUNT - 1000,
      entries: before.entries + 1,
      journal_lines: before.journal_lines + 2,
      bank_cents: before.bank_cents + AMOUNT - 1000,
      receivable_cents: before.receivable_cents + AMOUNT - 1000,
      matched_lines: before.matched_lines + 1,
    });
  });
});
