/**
 * A collection batch made the way the treasurer makes one — members, mandates and invoices through the product,
 * the batch drafted and downloaded through the API — exports files that validate strictly against the official
 * ISO 20022 schemas, pain.008.001.02 and .001.08, with 100 collections each.
 */
import request from 'supertest';
import { validateXML } from 'xmllint-wasm';
import { Clock, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { PainVersion, SepaMandatesService } from '@buurtcoop/finance';
import { MemberEnrolmentService } from '@buurtcoop/membership';
import { TestApp, TestCooperative, bearer, createTestApp, createTestCooperative } from '@buurtcoop/testing';
import globalSetup from '../global-setup';
import globalTeardown from '../global-teardown';
import { describeWithReferenceData, readReference, xmlTexts } from './reference-data';

const ACCOUNTS = [
  { iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
  { iban: 'NL20INGB0001234567', bic: 'INGBNL2A' },
  { iban: 'NL44RABO0123456789', bic: 'RABONL2U' },
  { iban: 'NL44ASNB0708123456', bic: 'ASNBNL21' },
  { iban: 'NL63TRIO0212345678', bic: 'TRIONL2U' },
  { iban: 'NL43KNAB0612345678', bic: 'KNABNL2H' },
];
const NAMES = ['Marieke de Vries', 'Zoë Brouwer-Ĳzerman', 'André Müller', 'Renée & Françoise Dubois', 'Jürgen Weiß', 'Ahmed Yılmaz', 'Wilhelmina ter Horst'];
const MEMBERS = 100;
/** Thursday 24 December 2026 in Amsterdam. */
const TODAY = new Date('2026-12-24T09:00:00Z');

async function validate(xml: string, version: PainVersion) {
  const schema = `pain.008${version}.xsd`;
  return validateXML({ xml: [{ fileName: `batch-${version.slice(-2)}.xml`, contents: xml }], schema: [{ fileName: schema, contents: readReference(`iso20022/${schema}`) }] });
}

describeWithReferenceData('collection batches made through the API against the official pain.008 schemas', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let treasurer: { authorization: string };
  const mandateIds: string[] = [];

  const api = () => request(sut.url);
  const exportBatch = async (collectionDate: string, version: PainVersion) => {
    const batch = (await api().post(`${base}/sepa/batches`).set(treasurer).send({ collectionDate }).expect(201)).body;
    expect(batch.itemCount).toBe(MEMBERS);
    const file = await api().get(`${base}/sepa/batches/${batch.id}/pain008?version=${version}`).set(treasurer).buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    return file.body as string;
  };
  const amend = async (indexes: number[]) => {
    for (const i of indexes) {
      const account = ACCOUNTS[(i + 1) % ACCOUNTS.length];
      // Odd ones a new reference, even ones another account (at another bank: SMNDA).
      const body = i % 2 ? { reference: `BC-NIEUW-${i}` } : { iban: account.iban, bic: account.bic };
      await api().post(`${base}/sepa/mandates/${mandateIds[i]}/amend`).set(treasurer).send(body).expect(200);
    }
  };

  beforeAll(async () => {
    // The conformance run has no global set-up of its own: make the migrated template this suite copies.
    await globalSetup();
    sut = await createTestApp();
    sut.app.get(Clock).setTo(TODAY);
    coop = await createTestCooperative(sut, 'conformiteit');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = bearer(await coop.token('treasurer'));
    const board = bearer(await coop.token('board'));
    await api().put(`${base}/sepa/settings`).set(treasurer).send({ creditorId: 'NL57ZZZ999999999999', creditorName: 'Buurtcoöperatie Rivierenwijk U.A.', iban: 'NL91 ABNA 0417 1643 00' }).expect(200);
    const types = Object.fromEntries((await api().get(`${base}/membership-types`).set(board).expect(200)).body.map((t: { code: string; id: string }) => [t.code, t.id]));
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    const memberIds = await sut.app.get(UnitOfWork).run({ cooperativeId }, async () => {
      const ids: string[] = [];
      for (let i = 0; i < MEMBERS; i++) {
        const member = await sut.app.get(MemberEnrolmentService).enrol(
          cooperativeId,
          {
            membershipTypeId: types.resident,
            role: 'consumer',
            firstName: NAMES[i % NAMES.length],
            lastName: `Lid ${i + 1}`,
            organisationName: null,
            email: null,
            phone: null,
            street: 'Rembrandtkade',
            houseNumber: String(i + 1),
            postcode: '7412AG',
            city: 'Deventer',
            dateOfBirth: null,
            language: 'nl',
            householdPersons: [],
            joinedOn: '2025-01-01',
            invite: false,
          },
          null,
        );
        ids.push(member.id);
      }
      return ids;
    });
    const recurring: string[] = [];
    for (const [i, memberId] of memberIds.entries()) {
      const account = ACCOUNTS[i % ACCOUNTS.length];
      // Every fifth member signed two one-off mandates (one per batch); the others a recurrent one.
      const kind = i % 5 === 4 ? 'one_off' : 'recurrent';
      for (let n = kind === 'one_off' ? 2 : 1; n > 0; n--) {
        const mandate = { memberId, debtorName: NAMES[i % NAMES.length], iban: account.iban, bic: i % 3 === 0 ? undefined : account.bic, signedOn: `2026-0${(i % 9) + 1}-1${i % 10}`, kind };
        mandateIds[i] = (await api().post(`${base}/sepa/mandates`).set(treasurer).send(mandate).expect(201)).body.id;
      }
      if (kind === 'recurrent' && i % 5 !== 0) recurring.push(mandateIds[i]);
      for (const dueDate of ['2026-12-24', '2027-01-08']) {
        await api().post(`${base}/invoices`).set(treasurer).send({ memberId, dueDate, lines: [{ description: `Contributie 2027 – lid ${i + 1}`, amountCents: 250 + i * 137, accountCode: '8000' }] }).expect(201);
      }
    }
    // Most recurrent mandates were collected on before (RCUR); every fifth is new (FRST).
    await sut.app.get(UnitOfWork).run({ cooperativeId }, () => sut.app.get(SepaMandatesService).markCollected(cooperativeId, recurring, '2026-10-01'));
  }, 180_000);

  afterAll(async () => {
    await sut?.close();
    await globalTeardown();
  });

  it.each([
    ['.001.02', '2026-12-28', [1, 2, 3, 6]],
    ['.001.08', '2027-01-08', [7, 8, 11, 12]],
  ] as const)('a batch of 100 collections exported as pain.008%s validates', async (version, collectionDate, amended) => {
    await amend([...amended]);
    const xml = await exportBatch(collectionDate, version);
    expect(xml).toContain(`urn:iso:std:iso:20022:tech:xsd:pain.008${version}`);
    expect(xml.match(/<DrctDbtTxInf>/g)).toHaveLength(MEMBERS);
    expect(xmlTexts(xml, 'NbOfTxs')[0]).toBe(String(MEMBERS));
    const cents = Array.from({ length: MEMBERS }, (_, i) => 250 + i * 137).reduce((a, b) => a + b, 0);
    expect(xmlTexts(xml, 'CtrlSum')[0]).toBe(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    // Guards against a file that validates because it lacks what is being tested.
    // In the second batch FRST comes only from the mandates moved to another bank just before it (SMNDA).
    expect(new Set(xmlTexts(xml, 'SeqTp'))).toEqual(new Set(['FRST', 'RCUR', 'OOFF']));
    expect(xml).toContain('<AmdmntInfDtls>');
    expect(xml).toContain('<Id>SMNDA</Id>');
    expect(xml).toContain('<Id>NOTPROVIDED</Id>');
    expect(xml).toContain('<Nm>Renee + Francoise Dubois</Nm>');
    const result = await validate(xml, version);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
