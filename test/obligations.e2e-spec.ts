import request from 'supertest';
import { Clock, JobQueue, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { ExchangeInvoicing } from '@buurtcoop/finance';
import { Enrolled, TestApp, bearer, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';

const HOUR = 60 * 60 * 1000;
const AMSTERDAM_MINUTE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The instant of a Dutch wall-clock time. */
function nl(day: string, time = '10:00'): Date {
  const naive = new Date(`${day}T${time}:00Z`).getTime();
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(naive - offsetHours * HOUR);
    if (AMSTERDAM_MINUTE.format(candidate) === `${day} ${time}`) return candidate;
  }
  throw new Error(`${day} ${time} does not exist in Europe/Amsterdam`);
}

interface ObligationBody {
  id: string;
  type: string;
  status: string;
  memberId: string | null;
  summary: string;
  amountCents: number | null;
  dueAt: string;
  ageDays: number;
  step: string | null;
  events?: Array<{ kind: string; at: string; details: Record<string, unknown>; actorUserId: string | null }>;
}

interface Mail {
  kind: string;
  to_address: string;
  subject: string;
  body_text: string;
}

let enrolled = 0;
const person = (firstName: string, lastName: string, role: 'consumer' | 'provider', house: string) => ({
  type: role === 'provider' ? 'provider' : 'resident',
  role,
  firstName,
  lastName,
  email: `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/\s/g, '')}.${++enrolled}@plichten.example`,
  street: 'Zandweerd',
  houseNumber: house,
  postcode: '7415AA',
  city: 'Deventer',
});

describe('Obligations: creation from the facts, escalation, fulfilment and the board’s worklist', () => {
  let sut: TestApp;
  let clock: Clock;

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
  });
  afterAll(async () => {
    clock.setTo(new Date());
    await sut.close();
  });

  /** One cooperative as the tests talk to it. */
  async function cooperative(slug: string) {
    const coop = await createTestCooperative(sut, slug);
    const base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    const board = bearer(await coop.token('board'));
    const treasurer = bearer(await coop.token('treasurer'));
    const api = {
      coop,
      base,
      board,
      treasurer,
      evaluate: async () => (await request(sut.url).post(`${base}/obligations/evaluate`).set(board).expect(200)).body as { created: number; fulfilled: number; lapsed: number; steps: number; messages: number },
      obligations: async (query: Record<string, string> = {}) => (await request(sut.url).get(`${base}/obligations`).query(query).set(board).expect(200)).body as { items: ObligationBody[]; total: number },
      /** The one obligation of a type and member, with its history. */
      async one(type: string, memberId: string | null): Promise<ObligationBody> {
        const all = await api.obligations({ status: 'open,overdue,escalated,fulfilled,waived', type, pageSize: '200' });
        const found = all.items.filter((o) => o.memberId === memberId);
        expect(found).toHaveLength(1);
        return (await request(sut.url).get(`${base}/obligations/${found[0].id}`).set(board).expect(200)).body as ObligationBody;
      },
      mails: async (kindPrefix: string): Promise<Mail[]> =>
        sut.database.dataSource.query(`SELECT kind, to_address, subject, body_text FROM outbox_messages WHERE cooperative_id = $1 AND kind LIKE $2 ORDER BY created_at, to_address`, [coop.cooperativeId, `${kindPrefix}%`]),
      offer: async (token: string, code: string): Promise<string> => {
        const categories = (await request(sut.url).get(`${base}/service-categories`).set(bearer(token)).expect(200)).body as Array<{ id: string; code: string }>;
        const response = await request(sut.url)
          .post(`${base}/offers`)
          .set(bearer(token))
          .send({
            categoryId: categories.find((c) => c.code === code)!.id,
            description: `${code} in de Zandweerd`,
            serviceArea: [{ from: '7411', to: '7419' }],
            rateCents: code === 'klussen' ? 1000 : 300,
            maxBookingsPerDay: 6,
            windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })),
          });
        expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
        return response.body.id as string;
      },
      book: (token: string, offerId: string, start: Date) => request(sut.url).post(`${base}/bookings`).set(bearer(token)).send({ offerId, start: start.toISOString() }),
      act: (token: string, bookingId: string, action: string, body: object = {}) => request(sut.url).post(`${base}/bookings/${bookingId}/${action}`).set(bearer(token)).send(body),
      vog: async (token: string, issuedOn: string, expiresOn: string): Promise<string> => {
        const added = await request(sut.url).post(`${base}/credentials`).set(bearer(token)).send({ kind: 'vog', description: 'VOG Dienstverlening aan huis', issuedOn, expiresOn }).expect(201);
        await request(sut.url).post(`${base}/credentials/${added.body.id}/verify`).set(bearer(await coop.token('coordinator'))).expect(200);
        return added.body.id as string;
      },
      invoice: async (memberId: string, amountCents: number, dueDate: string) =>
        (await request(sut.url).post(`${base}/invoices`).set(treasurer).send({ memberId, dueDate, lines: [{ description: 'Contributie 2027', amountCents, accountCode: '8000' }] }).expect(201)).body as { id: string; number: string },
      pay: (invoiceId: string, amountCents: number, paidOn: string) =>
        request(sut.url).post(`${base}/invoices/${invoiceId}/payments`).set(treasurer).send({ amountCents, paidOn, idempotencyKey: `bank-${invoiceId}` }).expect(200),
    };
    return api;
  }

  const at = (moment: Date) => clock.setTo(moment);

  describe('paying an invoice: dunning’s letters, board review, suspension of booking rights, fulfilment by payment', () => {
    let api: Awaited<ReturnType<typeof cooperative>>;
    let gerrit: Enrolled;
    let sanne: Enrolled;
    let klussen: string;
    let invoice: { id: string; number: string };

    beforeAll(async () => {
      at(nl('2027-03-01'));
      api = await cooperative('plichten-factuur');
      gerrit = await enrolMember(sut, api.coop, person('Gerrit', 'Bosman', 'consumer', '3'));
      sanne = await enrolMember(sut, api.coop, person('Sanne', 'Mulder', 'provider', '5'));
      klussen = await api.offer(sanne.accessToken, 'klussen');
      invoice = await api.invoice(gerrit.id, 4000, '2027-03-15');
    });

    it('creates the obligation from the open invoice, due at the end of its due date, once', async () => {
      at(nl('2027-03-02'));
      expect(await api.evaluate()).toMatchObject({ created: 1, steps: 0, messages: 0 });
      expect(await api.evaluate()).toMatchObject({ created: 0 });
      const o = await api.one('invoice_payment', gerrit.id);
      expect(o).toMatchObject({ status: 'open', summary: `Factuur ${invoice.number}`, amountCents: 4000, step: null, dueAt: nl('2027-03-16', '00:00').toISOString() });
    });

    it('is overdue the day after the due date, and the reminder and the 14-day letter are dunning’s, recorded without a second message', async () => {
      at(nl('2027-03-16', '09:00'));
      await api.evaluate();
      expect(await api.one('invoice_payment', gerrit.id)).toMatchObject({ status: 'overdue', step: null });

      at(nl('2027-03-23'));
      await request(sut.url).post(`${api.base}/dunning/run`).set(api.treasurer).expect(200);
      await api.evaluate();
      at(nl('2027-04-06'));
      await request(sut.url).post(`${api.base}/dunning/run`).set(api.treasurer).expect(200);
      await api.evaluate();

      const o = await api.one('invoice_payment', gerrit.id);
      expect(o).toMatchObject({ status: 'overdue', step: 'second_reminder' });
      expect(o.events!.map((e) => [e.kind, e.at, e.details.by])).toEqual([
        ['reminder', nl('2027-03-23', '00:00').toISOString(), 'dunning'],
        ['second_reminder', nl('2027-04-06', '00:00').toISOString(), 'dunning'],
      ]);
      expect((await api.mails('dunning.')).map((m) => m.kind)).toEqual(['dunning.reminder', 'dunning.notice']);
      expect(await api.mails('obligation.')).toEqual([]);
    });

    it('goes to the board 35 days after the due date, telling the member', async () => {
      at(nl('2027-04-19', '23:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 0 });
      at(nl('2027-04-20', '08:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 1 });
      expect(await api.one('invoice_payment', gerrit.id)).toMatchObject({ status: 'escalated', step: 'board_review' });
      const [mail] = await api.mails('obligation.invoice_payment.board_review');
      expect(mail.to_address).toBe(gerrit.email);
      expect(mail.subject).toBe('Het bestuur bekijkt een openstaande verplichting');
      expect(mail.body_text).toContain(`Factuur ${invoice.number} (€ 40,00)`);
      const history = (await request(sut.url).get(`${api.base}/members/${gerrit.id}/notifications`).set(bearer(gerrit.accessToken)).expect(200)).body;
      expect(history.items.map((m: { kind: string }) => m.kind)).toContain('obligation.invoice_payment.board_review');
    });

    it('suspends booking rights after 60 days: the member cannot book, and is told why', async () => {
      at(nl('2027-05-15', '10:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 1 });
      expect(await api.one('invoice_payment', gerrit.id)).toMatchObject({ status: 'escalated', step: 'suspension' });
      const refused = await api.book(gerrit.accessToken, klussen, nl('2027-05-20'));
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('may_not_book');
      expect(refused.body.detail).toContain(`Factuur ${invoice.number}`);
      const [mail] = await api.mails('obligation.invoice_payment.suspension');
      expect(mail.subject).toBe('U kunt tijdelijk geen diensten boeken');
    });

    it('is fulfilled by the payment, never by hand, and gives the booking rights back', async () => {
      await api.pay(invoice.id, 4000, '2027-05-15');
      expect(await api.evaluate()).toMatchObject({ fulfilled: 1 });
      const o = await api.one('invoice_payment', gerrit.id);
      expect(o.status).toBe('fulfilled');
      expect(o.events!.slice(-2).map((e) => [e.kind, e.details])).toEqual([
        ['fulfilled', {}],
        ['restored', { bookingRightsRestored: true }],
      ]);
      expect((await api.book(gerrit.accessToken, klussen, nl('2027-05-20'))).status).toBe(201);
      // Nothing more happens to a fulfilled obligation.
      at(nl('2027-09-01'));
      expect(await api.evaluate()).toMatchObject({ steps: 0, messages: 0 });
    });
  });

  describe('the exchange: hours logged by the provider, work confirmed by the resident, cancelling in time', () => {
    let api: Awaited<ReturnType<typeof cooperative>>;
    let sanne: Enrolled;
    let emma: Enrolled;
    let gerrit: Enrolled;
    let klussen: string;
    let bookingId: string;

    beforeAll(async () => {
      at(nl('2027-06-01'));
      api = await cooperative('plichten-ruil');
      sanne = await enrolMember(sut, api.coop, person('Sanne', 'Mulder', 'provider', '5'));
      emma = await enrolMember(sut, api.coop, person('Emma', 'Clarke', 'consumer', '9'));
      gerrit = await enrolMember(sut, api.coop, person('Gerrit', 'Bosman', 'consumer', '3'));
      await request(sut.url).patch(`${api.base}/members/${emma.id}`).set(api.board).send({ language: 'en' }).expect(200);
      klussen = await api.offer(sanne.accessToken, 'klussen');
      const booked = await api.book(emma.accessToken, klussen, nl('2027-06-02', '10:00')).expect(201);
      bookingId = booked.body.id;
      await api.act(sanne.accessToken, bookingId, 'confirm').expect(200);
    });

    it('asks the provider for the hours from the end of the booking, due three days later', async () => {
      at(nl('2027-06-02', '10:30'));
      expect(await api.evaluate()).toMatchObject({ created: 0 });
      at(nl('2027-06-02', '11:00'));
      expect(await api.evaluate()).toMatchObject({ created: 1 });
      expect(await api.one('hours_logging', sanne.id)).toMatchObject({ status: 'open', dueAt: nl('2027-06-05', '11:00').toISOString(), summary: 'Uren registreren: Klussen op 02-06-2027 10:00' });
    });

    it('reminds at the due moment, again four days later, and puts it to the board after eleven', async () => {
      at(nl('2027-06-05', '11:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 1 });
      expect(await api.one('hours_logging', sanne.id)).toMatchObject({ status: 'overdue', step: 'reminder' });
      at(nl('2027-06-09', '11:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1 });
      at(nl('2027-06-16', '11:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1 });
      expect(await api.one('hours_logging', sanne.id)).toMatchObject({ status: 'escalated', step: 'board_review' });
      const mails = await api.mails('obligation.hours_logging.');
      expect(mails.map((m) => [m.kind, m.to_address])).toEqual([
        ['obligation.hours_logging.reminder', sanne.email],
        ['obligation.hours_logging.second_reminder', sanne.email],
        ['obligation.hours_logging.board_review', sanne.email],
      ]);
      expect(mails[0].subject).toBe('Herinnering: het registreren van de gewerkte uren');
      expect(mails[0].body_text).toContain('Dit had uiterlijk 05-06-2027 moeten gebeuren');
    });

    it('is fulfilled when the provider logs the hours, and the resident is asked to confirm — in English, her language', async () => {
      at(nl('2027-06-16', '12:00'));
      await api.act(sanne.accessToken, bookingId, 'deliver', { actualMinutes: 75 }).expect(200);
      expect(await api.evaluate()).toMatchObject({ fulfilled: 1, created: 1 });
      expect(await api.one('hours_logging', sanne.id)).toMatchObject({ status: 'fulfilled' });
      // Seven days after the hours were logged (at 12:00 and a few milliseconds).
      expect(await api.one('consumer_confirmation', emma.id)).toMatchObject({ status: 'open', dueAt: expect.stringMatching(/^2027-06-23T10:00:00\.\d{3}Z$/) });

      // The reminder comes two days before the work is confirmed automatically.
      at(nl('2027-06-21', '11:59'));
      expect(await api.evaluate()).toMatchObject({ steps: 0 });
      at(nl('2027-06-21', '12:01'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 1 });
      expect(await api.one('consumer_confirmation', emma.id)).toMatchObject({ status: 'open', step: 'reminder' });
      const [mail] = await api.mails('obligation.consumer_confirmation.reminder');
      expect(mail).toMatchObject({ to_address: emma.email, subject: 'Reminder: confirming delivered work' });
      expect(mail.body_text).toContain('This is due by 23-06-2027.');

      await api.act(emma.accessToken, bookingId, 'complete').expect(200);
      expect(await api.evaluate()).toMatchObject({ fulfilled: 1 });
      expect(await api.one('consumer_confirmation', emma.id)).toMatchObject({ status: 'fulfilled' });
    });

    it('keeps the cancellation notice and its fee in the booking policy, where the exchange applies them', async () => {
      const updated = await request(sut.url)
        .put(`${api.base}/obligation-policies/timely_cancellation`)
        .set(api.board)
        .send({ enabled: true, termHours: 24, feeCents: 750, steps: [{ step: 'reminder', afterDays: 0 }, { step: 'suspension', afterDays: 14 }] })
        .expect(200);
      expect(updated.body).toMatchObject({ type: 'timely_cancellation', termHours: 24, feeCents: 750, customised: true });
      const policy = (await request(sut.url).get(`${api.base}/exchange-policy`).set(api.board).expect(200)).body;
      expect(policy).toMatchObject({ cancellationNoticeHours: 24, lateCancellationFeeCents: 750 });
    });

    it('records a late cancellation as a breach with the fee, suspends after the set days, and settles when the fee is paid', async () => {
      at(nl('2027-07-01', '09:00'));
      const booked = await api.book(gerrit.accessToken, klussen, nl('2027-07-02', '10:00')).expect(201);
      await api.act(sanne.accessToken, booked.body.id, 'confirm').expect(200);
      at(nl('2027-07-01', '20:00'));
      await api.act(gerrit.accessToken, booked.body.id, 'cancel').expect(200);
      expect(await api.evaluate()).toMatchObject({ created: 1, steps: 1, messages: 1 });
      expect(await api.one('timely_cancellation', gerrit.id)).toMatchObject({ status: 'overdue', step: 'reminder', amountCents: 750, dueAt: nl('2027-07-01', '10:00').toISOString() });

      at(nl('2027-07-15', '10:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1 });
      expect((await api.book(gerrit.accessToken, klussen, nl('2027-07-20'))).status).toBe(403);

      const cooperativeId = asCooperativeId(api.coop.cooperativeId);
      await sut.app.get(UnitOfWork).run({ cooperativeId }, () => sut.app.get(ExchangeInvoicing).invoicePending(cooperativeId));
      const fees = (await request(sut.url).get(`${api.base}/invoices`).query({ memberId: gerrit.id }).set(api.treasurer).expect(200)).body.items as Array<{ id: string; kind: string; amountCents: number }>;
      const fee = fees.find((i) => i.kind === 'late_cancellation_fee')!;
      expect(fee.amountCents).toBe(750);
      await api.pay(fee.id, 750, '2027-07-15');
      expect(await api.evaluate()).toMatchObject({ fulfilled: 1 });
      expect(await api.one('timely_cancellation', gerrit.id)).toMatchObject({ status: 'fulfilled' });
      expect((await api.book(gerrit.accessToken, klussen, nl('2027-07-20'))).status).toBe(201);
    });
  });

  describe('a provider’s VOG: warned, offers paused at expiry, resumed by a new one', () => {
    let api: Awaited<ReturnType<typeof cooperative>>;
    let pieter: Enrolled;
    let boodschappen: string;
    let klussen: string;
    const paused = async (offerId: string) => (await request(sut.url).get(`${api.base}/offers/${offerId}`).set(bearer(pieter.accessToken)).expect(200)).body.paused as boolean;

    beforeAll(async () => {
      at(nl('2027-03-01'));
      api = await cooperative('plichten-vog');
      pieter = await enrolMember(sut, api.coop, person('Pieter', 'van Dijk', 'provider', '12'));
      await api.vog(pieter.accessToken, '2024-05-01', '2027-04-30');
      boodschappen = await api.offer(pieter.accessToken, 'boodschappen');
      klussen = await api.offer(pieter.accessToken, 'klussen');
    });

    it('follows the VOG, warns 30 and 7 days before it expires, and pauses only the offers that need one', async () => {
      expect(await api.evaluate()).toMatchObject({ created: 1, steps: 0 });
      expect(await api.one('vog_validity', pieter.id)).toMatchObject({ status: 'open', dueAt: nl('2027-05-01', '00:00').toISOString(), summary: 'VOG geldig tot 30-04-2027' });
      at(nl('2027-04-01', '00:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 1 });
      at(nl('2027-04-24', '00:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 1 });
      expect(await paused(boodschappen)).toBe(false);
      at(nl('2027-05-01', '00:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 1 });
      expect(await paused(boodschappen)).toBe(true);
      expect(await paused(klussen)).toBe(false);
      const o = await api.one('vog_validity', pieter.id);
      expect(o).toMatchObject({ status: 'escalated', step: 'suspension' });
      expect(o.events!.map((e) => e.kind)).toEqual(['reminder', 'second_reminder', 'suspension']);
      expect(o.events![2].details).toEqual({ pausedOfferIds: [boodschappen] });
      expect((await api.mails('obligation.vog_validity.')).map((m) => m.subject)).toEqual([
        'Herinnering: een geldige VOG (verklaring omtrent het gedrag)',
        'Tweede herinnering: een geldige VOG (verklaring omtrent het gedrag)',
        'Uw aanbod waarvoor een VOG nodig is, staat op pauze',
      ]);
    });

    it('is fulfilled by a newer verified VOG, which resumes the paused offers, and follows the new one', async () => {
      at(nl('2027-05-03'));
      await api.vog(pieter.accessToken, '2027-05-02', '2030-05-01');
      expect(await api.evaluate()).toMatchObject({ fulfilled: 1, created: 1 });
      expect(await paused(boodschappen)).toBe(false);
      const all = await api.obligations({ status: 'open,fulfilled', type: 'vog_validity' });
      expect(all.items.map((o) => [o.status, o.summary])).toEqual([
        ['fulfilled', 'VOG geldig tot 30-04-2027'],
        ['open', 'VOG geldig tot 01-05-2030'],
      ]);
    });
  });

  describe('the cooperative’s own duty: a report to a foundation', () => {
    let api: Awaited<ReturnType<typeof cooperative>>;
    let grantId: string;

    beforeAll(async () => {
      at(nl('2027-03-01'));
      api = await cooperative('plichten-fonds');
      grantId = (await request(sut.url).post(`${api.base}/grants`).set(api.treasurer).send({ foundationName: 'Oranje Fonds', project: 'Buurtkamer', requestedCents: 1_500_000, submittedOn: '2026-09-15' }).expect(201)).body.id;
      await request(sut.url)
        .post(`${api.base}/grants/${grantId}/award`)
        .set(api.treasurer)
        .send({ decidedOn: '2026-11-10', awardedCents: 1_200_000, startsOn: '2027-01-01', endsOn: '2027-12-31', conditions: 'Vermelding van het fonds in publicaties', reportsDue: [{ dueOn: '2027-04-15', description: 'Tussenrapportage' }], tranches: [{ expectedOn: '2027-01-15', amountCents: 1_200_000 }] })
        .expect(200);
    });

    it('reminds the board and the treasurer three and one weeks ahead, and puts it on the worklist the day after', async () => {
      expect(await api.evaluate()).toMatchObject({ created: 1 });
      expect(await api.one('funder_report', null)).toMatchObject({ status: 'open', memberId: null, summary: 'Tussenrapportage voor Oranje Fonds (Buurtkamer)' });
      at(nl('2027-03-26', '00:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 2 });
      at(nl('2027-04-09', '00:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 2 });
      at(nl('2027-04-17', '00:00'));
      expect(await api.evaluate()).toMatchObject({ steps: 1, messages: 2 });
      expect(await api.one('funder_report', null)).toMatchObject({ status: 'escalated', step: 'board_review' });
      const recipients = new Set((await api.mails('obligation.funder_report.')).map((m) => m.to_address));
      const users: Array<{ email: string }> = await sut.database.dataSource.query(
        `SELECT u.email FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE r.cooperative_id = $1 AND r.role IN ('board', 'treasurer')`,
        [api.coop.cooperativeId],
      );
      expect(recipients).toEqual(new Set(users.map((u) => u.email)));
    });

    it('is fulfilled when the report is submitted', async () => {
      const grant = (await request(sut.url).get(`${api.base}/grants/${grantId}`).set(api.treasurer).expect(200)).body;
      await request(sut.url).post(`${api.base}/grants/${grantId}/reports/${grant.reports[0].id}/submit`).set(api.treasurer).send({ submittedOn: '2027-04-17' }).expect(200);
      expect(await api.evaluate()).toMatchObject({ fulfilled: 1 });
      expect(await api.one('funder_report', null)).toMatchObject({ status: 'fulfilled' });
    });
  });

  describe('the board’s worklist, waivers and bulk actions', () => {
    let api: Awaited<ReturnType<typeof cooperative>>;
    let members: Enrolled[];

    beforeAll(async () => {
      at(nl('2027-02-01'));
      api = await cooperative('plichten-lijst');
      members = [
        await enrolMember(sut, api.coop, person('Anna', 'Smit', 'consumer', '1')),
        await enrolMember(sut, api.coop, person('Bram', 'Mulder', 'consumer', '2')),
        await enrolMember(sut, api.coop, person('Carla', 'Visser', 'consumer', '4')),
      ];
      await api.invoice(members[0].id, 2500, '2027-02-10');
      await api.invoice(members[1].id, 3000, '2027-03-01');
      await api.invoice(members[2].id, 3500, '2027-03-31');
      at(nl('2027-04-05'));
      await api.evaluate();
    });

    it('lists overdue obligations oldest first, with their age, and filters by type, member and age', async () => {
      const list = await api.obligations();
      expect(list.items.map((o) => [o.memberId, o.status, o.ageDays])).toEqual([
        [members[0].id, 'escalated', 53],
        [members[1].id, 'overdue', 34],
        [members[2].id, 'overdue', 4],
      ]);
      expect((await api.obligations({ minAgeDays: '30' })).items).toHaveLength(2);
      expect((await api.obligations({ memberId: members[2].id })).items).toHaveLength(1);
      expect((await api.obligations({ type: 'hours_logging' })).total).toBe(0);
      const summary = (await request(sut.url).get(`${api.base}/obligations/summary`).set(api.board).expect(200)).body;
      expect(summary).toEqual(
        expect.arrayContaining([
          { type: 'invoice_payment', status: 'escalated', ageBucket: '31-60', count: 1, amountCents: 2500 },
          { type: 'invoice_payment', status: 'overdue', ageBucket: '31-60', count: 1, amountCents: 3000 },
          { type: 'invoice_payment', status: 'overdue', ageBucket: '0-7', count: 1, amountCents: 3500 },
        ]),
      );
    });

    it('refuses bad filters with the field named', async () => {
      const bad = await request(sut.url).get(`${api.base}/obligations`).query({ status: 'late', minAgeDays: '-1' }).set(api.board).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['minAgeDays', 'status']);
    });

    it('reminds several members at once, in their language', async () => {
      const ids = (await api.obligations()).items.map((o) => o.id);
      const response = await request(sut.url).post(`${api.base}/obligations/bulk`).set(api.board).send({ ids: [...ids, '00000000-0000-4000-8000-000000000000'], action: 'remind' }).expect(200);
      expect(response.body.results.filter((r: { done: boolean }) => r.done)).toHaveLength(3);
      expect(response.body.results[3]).toEqual({ id: '00000000-0000-4000-8000-000000000000', done: false, reason: 'Not found, or no longer open' });
      const mails = await api.mails('obligation.invoice_payment.manual_reminder');
      expect(mails.map((m) => m.to_address).sort()).toEqual(members.map((m) => m.email).sort());
      expect(mails[0].subject).toBe('Herinnering: de betaling van een factuur');
    });

    it('waives only with a reason, audits it, and a waived obligation stays waived', async () => {
      const [first] = (await api.obligations()).items;
      const missing = await request(sut.url).post(`${api.base}/obligations/${first.id}/waive`).set(api.board).send({}).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
      expect((await api.obligations()).total).toBe(3);

      const waived = await request(sut.url).post(`${api.base}/obligations/${first.id}/waive`).set(api.board).send({ reason: 'Betalingsregeling met het lid afgesproken' }).expect(200);
      expect(waived.body).toMatchObject({ status: 'waived', waiverReason: 'Betalingsregeling met het lid afgesproken' });
      expect(waived.body.events.at(-1)).toMatchObject({ kind: 'waived', details: { reason: 'Betalingsregeling met het lid afgesproken' } });
      expect(waived.body.events.at(-1).actorUserId).toEqual(expect.any(String));
      await request(sut.url).post(`${api.base}/obligations/${first.id}/waive`).set(api.board).send({ reason: 'nogmaals' }).expect(409);
      const [audit] = await sut.database.dataSource.query(`SELECT details FROM audit_events WHERE cooperative_id = $1 AND action = 'obligation.waive'`, [api.coop.cooperativeId]);
      expect(audit.details).toMatchObject({ reason: 'Betalingsregeling met het lid afgesproken', memberId: members[0].id });

      at(nl('2027-06-01'));
      await api.evaluate();
      expect((await request(sut.url).get(`${api.base}/obligations/${first.id}`).set(api.board).expect(200)).body.status).toBe('waived');
    });

    it('waives many at once, and shows a member their own obligations only', async () => {
      const ids = (await api.obligations()).items.map((o) => o.id);
      const response = await request(sut.url).post(`${api.base}/obligations/bulk`).set(api.board).send({ ids, action: 'waive', reason: 'Kwijtgescholden door de ledenvergadering' }).expect(200);
      expect(response.body.results.every((r: { done: boolean }) => r.done)).toBe(true);
      expect((await api.obligations()).total).toBe(0);
      await request(sut.url).post(`${api.base}/obligations/bulk`).set(api.board).send({ ids, action: 'waive' }).expect(400);

      const own = (await request(sut.url).get(`${api.base}/me/obligations`).set(bearer(members[1].accessToken)).expect(200)).body;
      expect(own.items.map((o: ObligationBody) => [o.memberId, o.status])).toEqual([[members[1].id, 'waived']]);
      await request(sut.url).get(`${api.base}/obligations`).set(bearer(members[1].accessToken)).expect(403);
      await request(sut.url).post(`${api.base}/obligations/${ids[0]}/waive`).set(api.treasurer).send({ reason: 'x' }).expect(403);
    });

    it('validates policies: steps in order, only steps the type has, a fee only for late cancellation', async () => {
      const put = (type: string, body: object) => request(sut.url).put(`${api.base}/obligation-policies/${type}`).set(api.board).send(body);
      const base = { enabled: true, termHours: 72 };
      const cases: Array<[string, object, string]> = [
        ['hours_logging', { ...base, steps: [{ step: 'board_review', afterDays: 3 }, { step: 'reminder', afterDays: 5 }] }, 'steps[0]'],
        ['consumer_confirmation', { ...base, termHours: 168, steps: [{ step: 'suspension', afterDays: 1 }] }, 'steps[0]'],
        ['invoice_payment', { ...base, steps: [{ step: 'reminder', afterDays: 1 }] }, 'steps[0]'],
        ['hours_logging', { ...base, steps: [], feeCents: 500 }, 'feeCents'],
        ['consumer_confirmation', { ...base, termHours: 30, steps: [] }, 'termHours'],
      ];
      for (const [type, body, field] of cases) {
        const response = await put(type, body);
        expect({ type, status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ type, status: 400, fields: [field] });
      }
      await put('punctuality', { ...base, steps: [] }).expect(400);
      const bad = await put('hours_logging', { enabled: 'yes', termHours: -1, steps: [{ step: 'scold', afterDays: 1.5 }] }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['enabled', 'steps[0].afterDays', 'steps[0].step', 'termHours']);
      const policies = (await request(sut.url).get(`${api.base}/obligation-policies`).set(api.board).expect(200)).body;
      expect(policies.find((p: { type: string }) => p.type === 'hours_logging')).toMatchObject({ customised: false, termHours: 72 });

      await put('hours_logging', { enabled: false, termHours: 48, steps: [{ step: 'reminder', afterDays: 1 }] }).expect(200);
      expect((await request(sut.url).get(`${api.base}/obligation-policies`).set(api.board).expect(200)).body.find((p: { type: string }) => p.type === 'hours_logging')).toMatchObject({
        enabled: false,
        termHours: 48,
        customised: true,
      });
    });
  });

  describe('evaluations running at the same time', () => {
    it('take each step, and write each message, once', async () => {
      at(nl('2027-03-01'));
      const api = await cooperative('plichten-race');
      const debtors = [];
      for (const [i, name] of ['Daan', 'Eva', 'Fenna', 'Gijs'].entries()) {
        const m = await enrolMember(sut, api.coop, person(name, 'de Boer', 'consumer', String(20 + i)));
        await api.invoice(m.id, 1000 + i, '2027-03-10');
        debtors.push(m);
      }
      await api.evaluate();
      at(nl('2027-05-20'));
      const cooperativeId = asCooperativeId(api.coop.cooperativeId);
      const uow = sut.app.get(UnitOfWork);
      const { ObligationsEngine } = await import('@buurtcoop/obligations');
      const engine = sut.app.get(ObligationsEngine);
      const outcomes = await Promise.all([
        ...Array.from({ length: 4 }, () => uow.run({ cooperativeId }, () => engine.evaluate(cooperativeId))),
        ...Array.from({ length: 4 }, () => api.evaluate()),
      ]);
      // Board review and suspension are both due: each debtor hears of the furthest step, once.
      expect(outcomes.reduce((sum, o) => sum + o.steps, 0)).toBe(8);
      expect(outcomes.reduce((sum, o) => sum + o.messages, 0)).toBe(4);
      const mails = await api.mails('obligation.');
      expect(mails.map((m) => [m.kind, m.to_address]).sort()).toEqual(debtors.map((d) => ['obligation.invoice_payment.suspension', d.email]).sort());
      const events: Array<{ n: number }> = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM obligation_events WHERE cooperative_id = $1`, [api.coop.cooperativeId]);
      expect(events[0].n).toBe(8);
    });
  });

  describe('on the job queue', () => {
    it('queues one evaluation per cooperative each hour, which evaluates that cooperative', async () => {
      at(nl('2027-03-01'));
      const api = await cooperative('plichten-wachtrij');
      const debtor = await enrolMember(sut, api.coop, person('Hanna', 'Kok', 'consumer', '30'));
      await api.invoice(debtor.id, 1200, '2027-03-10');
      const jobs = sut.app.get(JobQueue);
      await jobs.runNow('obligations');
      const queued: Array<{ data: { cooperativeId: string } }> = await sut.database.dataSource.query(`SELECT data FROM pgboss.job WHERE name = 'obligations-evaluate' AND data->>'cooperativeId' = $1`, [api.coop.cooperativeId]);
      expect(queued).toHaveLength(1);

      await jobs.runNow('obligations-evaluate', queued[0].data);
      expect((await api.obligations({ status: 'open' })).total).toBe(1);
      await expect(jobs.runNow('obligations-evaluate', { cooperativeId: 'rivierenwijk' })).rejects.toThrow('obligations-evaluate needs a cooperativeId, got "rivierenwijk"');
    });
  });
});
