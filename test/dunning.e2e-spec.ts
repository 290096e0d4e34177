import request from 'supertest';
import { Clock, addDays } from '@buurtcoop/core';
import { noticeTermEnd } from '@buurtcoop/finance';
import { MEMBER_PASSWORD, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember, extractPdfText, login } from '@buurtcoop/testing';

const pdfOf = (response: request.Response) => extractPdfText(response.body as Buffer).all;
const binary = (r: request.Test) => r.buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

describe('Invoice documents and dunning', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let clock: Clock;
  let treasurer: () => Promise<{ authorization: string }>;
  let anna: { id: string; email: string };
  let bram: { id: string; email: string };
  const invoices: Record<string, { id: string; number: string; amountCents: number }> = {};

  const at = (day: string) => clock.setTo(new Date(`${day}T10:00:00+01:00`));
  const runDunning = async () => (await request(sut.url).post(`${base}/dunning/run`).set(await treasurer()).expect(200)).body;
  const invoice = async (memberId: string, amountCents: number) =>
    (await request(sut.url).post(`${base}/invoices`).set(await treasurer()).send({ memberId, lines: [{ description: 'Contributie 2027', amountCents, accountCode: '8000' }] }).expect(201)).body;

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
    coop = await createTestCooperative(sut, 'aanmaning');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    treasurer = async () => bearer(await coop.token('treasurer'));
    await request(sut.url)
      .patch(`${base}/profile`)
      .set(bearer(await coop.token('board')))
      .send({ kvkNumber: '12345678', street: 'Brink', houseNumber: '1', postcode: '7411BR', city: 'Deventer', iban: 'NL91ABNA0417164300' })
      .expect(200);
    const person = (firstName: string, lastName: string, email: string) => ({ type: 'resident', role: 'consumer' as const, firstName, lastName, email, street: 'Zandweerd', houseNumber: '3', postcode: '7415AA', city: 'Deventer' });
    anna = await enrolMember(sut, coop, person('Anna', 'Smit', 'anna.smit@example.nl'));
    bram = await enrolMember(sut, coop, person('Bram', 'Mulder', 'bram.mulder@example.nl'));
    at('2027-03-01');
    invoices.anna1 = await invoice(anna.id, 4000);
    invoices.anna2 = await invoice(anna.id, 2500);
    invoices.bram = await invoice(bram.id, 3600);
  });
  afterAll(async () => {
    clock.setTo(new Date());
    await sut.close();
  });

  describe('invoice PDF', () => {
    it('gives the treasurer and the member the invoice as PDF, with its number, addressee, amount and betalingskenmerk', async () => {
      const own = await binary(request(sut.url).get(`${base}/me/invoices/${invoices.anna1.id}/pdf`).set(bearer(await login(sut, anna.email, MEMBER_PASSWORD)))).expect(200);
      expect(own.headers['content-type']).toBe('application/pdf');
      expect(own.headers['content-disposition']).toBe(`attachment; filename="factuur-${invoices.anna1.number}.pdf"`);
      const text = pdfOf(own);
      const detail = (await request(sut.url).get(`${base}/invoices/${invoices.anna1.id}`).set(await treasurer()).expect(200)).body;
      for (const expected of [invoices.anna1.number, 'Anna Smit', 'Zandweerd 3', 'Contributie 2027', '€ 40,00', detail.paymentReference, 'NL91 ABNA 0417 1643 00']) expect(text).toContain(expected);
      const board = await binary(request(sut.url).get(`${base}/invoices/${invoices.anna1.id}/pdf`).set(bearer(await coop.token('board')))).expect(200);
      expect(pdfOf(board)).toContain(invoices.anna1.number);
    });

    it('does not give one member another member’s invoice', async () => {
      await request(sut.url).get(`${base}/me/invoices/${invoices.bram.id}/pdf`).set(bearer(await login(sut, anna.email, MEMBER_PASSWORD))).expect(404);
      await request(sut.url).get(`${base}/invoices/${invoices.bram.id}/pdf`).set(bearer(await login(sut, anna.email, MEMBER_PASSWORD))).expect(403);
    });
  });

  describe('dunning', () => {
    it('waits a week after the due date before the reminder', async () => {
      at('2027-03-20');
      expect(await runDunning()).toEqual({ reminders: 0, notices: 0, inDefault: 0 });
    });

    it('then sends one reminder per member listing all their overdue invoices, once', async () => {
      at('2027-03-23');
      expect(await runDunning()).toEqual({ reminders: 2, notices: 0, inDefault: 0 });
      expect(await runDunning()).toEqual({ reminders: 0, notices: 0, inDefault: 0 });
      const letters = (await request(sut.url).get(`${base}/payment-notices?memberId=${anna.id}`).set(await treasurer()).expect(200)).body;
      expect(letters.items).toEqual([
        expect.objectContaining({ stage: 'reminder', sentOn: '2027-03-23', payBy: '2027-04-06', totalOpenCents: 6500, collectionCostsCents: 0, invoices: [expect.objectContaining({ invoiceNumber: invoices.anna1.number }), expect.objectContaining({ invoiceNumber: invoices.anna2.number })] }),
      ]);
      const mail = await sut.database.dataSource.query(`SELECT to_address, subject, body_text FROM outbox_messages WHERE cooperative_id = $1 AND kind = 'dunning.reminder' ORDER BY to_address`, [coop.cooperativeId]);
      expect(mail.map((m: { to_address: string }) => m.to_address)).toEqual([anna.email, bram.email]);
      expect(mail[0].body_text).toContain('€ 65,00');
      expect((await request(sut.url).get(`${base}/invoices/${invoices.anna1.id}`).set(await treasurer()).expect(200)).body.dunningStage).toBe('reminded');
    });

    it('stops for a member who pays, and sends the 14-day letter with the statutory collection costs to one who does not', async () => {
      await request(sut.url).post(`${base}/invoices/${invoices.bram.id}/payments`).set(await treasurer()).send({ amountCents: 3600, paidOn: '2027-03-25', idempotencyKey: 'bank-bram-1' }).expect(200);
      // Two weeks after the reminder of 23 March, not a day earlier.
      at('2027-04-05');
      expect(await runDunning()).toEqual({ reminders: 0, notices: 0, inDefault: 0 });
      at('2027-04-06');
      expect(await runDunning()).toEqual({ reminders: 0, notices: 1, inDefault: 0 });
      const [notice] = (await request(sut.url).get(`${base}/payment-notices?stage=notice`).set(await treasurer()).expect(200)).body.items;
      // 15% of € 65 is under the € 40 minimum of the staffel.
      expect(notice).toMatchObject({ memberId: anna.id, sentOn: '2027-04-06', payBy: noticeTermEnd('2027-04-06'), totalOpenCents: 6500, collectionCostsCents: 4000 });
      const [mail] = await sut.database.dataSource.query(`SELECT to_address, body_text FROM outbox_messages WHERE cooperative_id = $1 AND kind = 'dunning.notice'`, [coop.cooperativeId]);
      expect(mail.to_address).toBe(anna.email);
      expect(mail.body_text).toMatch(/14 dagen.*dag na ontvangst/s);
      expect(mail.body_text).toContain('€ 40,00');

      const letter = await binary(request(sut.url).get(`${base}/me/payment-notices/${notice.id}/pdf`).set(bearer(await login(sut, anna.email, MEMBER_PASSWORD)))).expect(200);
      const text = pdfOf(letter);
      for (const expected of [invoices.anna1.number, invoices.anna2.number, '€ 65,00', '€ 40,00', 'Anna Smit']) expect(text).toContain(expected);
      await request(sut.url).get(`${base}/me/payment-notices/${notice.id}/pdf`).set(bearer(await login(sut, bram.email, MEMBER_PASSWORD))).expect(404);
    });

    it('marks the invoices in default once the letter’s term has run out, not a day before', async () => {
      at(noticeTermEnd('2027-04-06'));
      expect(await runDunning()).toEqual({ reminders: 0, notices: 0, inDefault: 0 });
      at(addDays(noticeTermEnd('2027-04-06'), 1));
      expect(await runDunning()).toEqual({ reminders: 0, notices: 0, inDefault: 2 });
      const stages = (await request(sut.url).get(`${base}/invoices?memberId=${anna.id}`).set(await treasurer()).expect(200)).body.items.map((i: { dunningStage: string }) => i.dunningStage);
      expect(stages).toEqual(['in_default', 'in_default']);
    });

    it('waits with a member whose invoice is in a direct-debit collection under way, and picks it up if the collection is cancelled', async () => {
      at('2027-05-03');
      const carla = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Carla', lastName: 'Visser', email: 'carla.visser@example.nl', street: 'Zandweerd', houseNumber: '8', postcode: '7415AA', city: 'Deventer' });
      const open = await invoice(carla.id, 3600);
      await request(sut.url).put(`${base}/sepa/settings`).set(await treasurer()).send({ creditorId: 'NL57ZZZ999999999999', creditorName: 'Buurtcoöperatie Aanmaning', iban: 'NL91ABNA0417164300' }).expect(200);
      await request(sut.url).post(`${base}/sepa/mandates`).set(await treasurer()).send({ memberId: carla.id, debtorName: 'C. Visser', iban: 'NL20INGB0001234567', signedOn: '2027-05-01', kind: 'recurrent' }).expect(201);
      const batch = (await request(sut.url).post(`${base}/sepa/batches`).set(await treasurer()).send({ collectionDate: '2027-05-28', invoiceIds: [open.id] }).expect(201)).body;
      at('2027-05-27');
      expect(await runDunning()).toEqual({ reminders: 0, notices: 0, inDefault: 0 });
      await request(sut.url).post(`${base}/sepa/batches/${batch.id}/cancel`).set(await treasurer()).expect(200);
      expect(await runDunning()).toEqual({ reminders: 1, notices: 0, inDefault: 0 });
    });

    it('lets only the treasurer run dunning, and members see only their own letters', async () => {
      await request(sut.url).post(`${base}/dunning/run`).set(bearer(await coop.token('board'))).expect(403);
      const own = (await request(sut.url).get(`${base}/me/payment-notices`).set(bearer(await login(sut, bram.email, MEMBER_PASSWORD))).expect(200)).body;
      expect(own.items.map((n: { stage: string }) => n.stage)).toEqual(['reminder']);
    });
  });
});
