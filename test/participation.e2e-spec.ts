import request, { Response } from 'supertest';
import { Clock, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { ParticipationSource } from '@buurtcoop/obligations';
import { Enrolled, TestApp, TestCooperative, bearer, collectBody, createTestApp, createTestCooperative, dutchInstant, enrolMember, extractPdfText } from '@buurtcoop/testing';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const AMSTERDAM_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' });
/** The Dutch calendar month of a moment, computed apart from the product's SQL. */
const dutchMonth = (moment: Date) => AMSTERDAM_MONTH.format(moment).slice(0, 7);

const binary = (r: request.Test) => r.buffer(true).parse(collectBody);
const fieldsOf = (body: { errors?: Array<{ field: string }>; field?: string }) => (body.errors ?? (body.field ? [{ field: body.field }] : [])).map((e) => e.field).sort();

function expectProblem(response: Response, status: number, fields?: string[]): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
  // Downloads are read as bytes: a refusal is problem+json all the same.
  const body = Buffer.isBuffer(response.body) ? JSON.parse(response.body.toString()) : response.body;
  if (fields) expect(fieldsOf(body)).toEqual([...fields].sort());
}

const hhmm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

interface MonthBody {
  month: string;
  agreedMinutes: number;
  deliveredMinutes: number;
  fulfilled: boolean;
  running: boolean;
}

describe('participation agreements (e2e)', () => {
  let sut: TestApp;
  let clock: Clock;
  let uow: UnitOfWork;
  let coop: TestCooperative;
  let base: string;
  let board: string;
  let treasurer: string;
  let klusser: Enrolled;
  let tuinier: Enrolled;
  let bewoner: Enrolled;
  let buurvrouw: Enrolled;

  const sql = <T>(text: string, params: unknown[] = []) => sut.database.dataSource.query(text, params) as Promise<T[]>;
  const agreementsOf = (memberId: string) => sql<{ n: number }>(`SELECT count(*)::int AS n FROM participation_agreements WHERE cooperative_id = $1 AND member_id = $2`, [coop.cooperativeId, memberId]);
  const record = (token: string, body: object) => request(sut.url).post(`${base}/participation-agreements`).set(bearer(token)).send(body);
  const auditActions = (id: string) =>
    sql<{ action: string; actor_user_id: string | null }>(`SELECT action, actor_user_id FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 ORDER BY id`, [coop.cooperativeId, id]);

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
    uow = sut.app.get(UnitOfWork);
    coop = await createTestCooperative(sut, 'deelname');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    board = await coop.token('board');
    treasurer = await coop.token('treasurer');
    const deventer = { city: 'Deventer', street: 'Snipperlingsdijk', postcode: '7417 BJ' };
    klusser = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Ruud', lastName: 'Bakker', email: 'ruud.bakker@deelname.example', houseNumber: '12', ...deventer });
    tuinier = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Esther', lastName: 'Kok', email: 'esther.kok@deelname.example', houseNumber: '14', ...deventer });
    bewoner = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Truus', lastName: 'Wolters', email: 'truus.wolters@deelname.example', houseNumber: '16', ...deventer });
    buurvrouw = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Ans', lastName: 'Meijer', email: 'ans.meijer@deelname.example', houseNumber: '18', ...deventer });
  });
  afterEach(() => clock.setTo(new Date()));
  afterAll(() => sut.close());

  describe('recording', () => {
    it('refuses bad input naming the field, and stores nothing', async () => {
      const valid = { memberId: tuinier.id, minutesPerMonth: 240, purpose: 'vrijwilligerswerk', description: 'Tuinonderhoud bij ouderen', startsOn: '2026-01-01' };
      expectProblem(await record(board, { ...valid, minutesPerMonth: 0 }), 400, ['minutesPerMonth']);
      expectProblem(await record(board, { ...valid, minutesPerMonth: -30 }), 400, ['minutesPerMonth']);
      expectProblem(await record(board, { ...valid, minutesPerMonth: 90.5 }), 400, ['minutesPerMonth']);
      expectProblem(await record(board, { ...valid, purpose: 'dwang' }), 400, ['purpose']);
      expectProblem(await record(board, { ...valid, startsOn: '2026-01-15' }), 400, ['startsOn']);
      expectProblem(await record(board, { ...valid, startsOn: '2026-02-30' }), 400, ['startsOn']);
      expectProblem(await record(board, { ...valid, endsOn: '2026-06-15' }), 400, ['endsOn']);
      expectProblem(await record(board, { ...valid, startsOn: '2026-07-01', endsOn: '2026-06-30' }), 400, ['endsOn']);
      expectProblem(await record(board, { ...valid, memberId: '7b0e1a52-4f5c-4d43-9a55-3f0c2c8c1e11' }), 422, ['memberId']);
      expectProblem(await record(board, { ...valid, memberId: 'niet-een-id' }), 400, ['memberId']);
      expect((await agreementsOf(tuinier.id))[0].n).toBe(0);
      // Only the board records agreements: the treasurer reads them, a member neither.
      expect((await record(treasurer, valid)).status).toBe(403);
      expect((await record(tuinier.accessToken, valid)).status).toBe(403);
      expect((await agreementsOf(tuinier.id))[0].n).toBe(0);
    });

    it('allows one agreement per member and purpose at a time', async () => {
      const first = await record(board, { memberId: tuinier.id, minutesPerMonth: 240, purpose: 'vrijwilligerswerk', description: 'Tuinonderhoud bij ouderen', startsOn: '2026-01-01', endsOn: '2026-06-30' }).expect(201);
      expectProblem(await record(board, { memberId: tuinier.id, minutesPerMonth: 120, purpose: 'vrijwilligerswerk', description: 'Nog meer tuinwerk', startsOn: '2026-06-01' }), 409, ['startsOn']);
      expect((await agreementsOf(tuinier.id))[0].n).toBe(1);
      // The month after it ends, or another purpose, is free.
      await record(board, { memberId: tuinier.id, minutesPerMonth: 120, purpose: 'vrijwilligerswerk', description: 'Tuinonderhoud, tweede halfjaar', startsOn: '2026-07-01' }).expect(201);
      await record(board, { memberId: tuinier.id, minutesPerMonth: 60, purpose: 'other', description: 'Meedenken in de werkgroep groen', startsOn: '2026-03-01' }).expect(201);
      const all = await request(sut.url).get(`${base}/participation-agreements`).set(bearer(treasurer)).query({ memberId: tuinier.id }).expect(200);
      expect(all.body.map((a: { startsOn: string; purpose: string }) => `${a.startsOn} ${a.purpose}`)).toEqual(['2026-07-01 vrijwilligerswerk', '2026-03-01 other', '2026-01-01 vrijwilligerswerk']);
      clock.setTo(new Date('2026-08-10T10:00:00Z'));
      const running = await request(sut.url).get(`${base}/participation-agreements`).set(bearer(board)).query({ memberId: tuinier.id, active: 'true' }).expect(200);
      expect(running.body.map((a: { startsOn: string }) => a.startsOn).sort()).toEqual(['2026-03-01', '2026-07-01']);
      const over = await request(sut.url).get(`${base}/participation-agreements`).set(bearer(board)).query({ memberId: tuinier.id, active: 'false' }).expect(200);
      expect(over.body.map((a: { id: string }) => a.id)).toEqual([first.body.id]);
      expect((await request(sut.url).get(`${base}/participation-agreements`).set(bearer(tuinier.accessToken))).status).toBe(403);
    });
  });

  describe('months, consent and attestations', () => {
    let agreementId: string;
    /** Every completed booking of Ruud's, as [start, minutes, category]. */
    const completed: Array<{ start: Date; minutes: number; category: string }> = [];

    /** Books, confirms, delivers and (when asked) completes one job of Ruud's for Truus, moving the clock around it. */
    async function job(offerId: string, start: Date, minutes: number, category: string, complete = true): Promise<void> {
      clock.setTo(new Date(start.getTime() - 2 * DAY));
      const booked = await request(sut.url).post(`${base}/bookings`).set(bearer(bewoner.accessToken)).send({ offerId, start: start.toISOString() });
      if (booked.status !== 201) throw new Error(`${start.toISOString()}: ${booked.status} ${JSON.stringify(booked.body)}`);
      await request(sut.url).post(`${base}/bookings/${booked.body.id}/confirm`).set(bearer(klusser.accessToken)).expect(200);
      clock.setTo(new Date(start.getTime() + 3 * 60 * MINUTE));
      await request(sut.url).post(`${base}/bookings/${booked.body.id}/deliver`).set(bearer(klusser.accessToken)).send({ actualMinutes: minutes }).expect(200);
      if (complete) {
        await request(sut.url).post(`${base}/bookings/${booked.body.id}/complete`).set(bearer(bewoner.accessToken)).expect(200);
        completed.push({ start, minutes, category });
      }
    }

    beforeAll(async () => {
      const categories = (await request(sut.url).get(`${base}/service-categories`).set(bearer(klusser.accessToken)).expect(200)).body as Array<{ id: string; code: string; name: string }>;
      const offer = async (code: string) => {
        const response = await request(sut.url)
          .post(`${base}/offers`)
          .set(bearer(klusser.accessToken))
          .send({
            categoryId: categories.find((c) => c.code === code)?.id,
            description: `${code} in de Rivierenwijk, ook 's avonds laat en vroeg in de ochtend.`,
            serviceArea: [{ from: '7411', to: '7419' }],
            rateCents: 0,
            maxBookingsPerDay: 6,
            windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '00:00', endTime: '23:59' })),
          });
        expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
        return response.body.id as string;
      };
      clock.setTo(new Date('2026-02-01T10:00:00Z'));
      const klussen = await offer('klussen');
      const tuin = await offer('tuin');
      // In the last night of February (CET): Dutch February, outside the agreement.
      await job(klussen, dutchInstant('2026-02-28', '22:00'), 50, 'Klussen');
      // Midnight starting 1 March (CET): still 28 February in UTC, March in the Netherlands.
      await job(klussen, dutchInstant('2026-03-01', '00:00'), 45, 'Klussen');
      await job(tuin, dutchInstant('2026-03-12', '10:00'), 130, 'Tuin');
      // The last evening of March, after the clocks went forward on the 29th (CEST).
      await job(klussen, dutchInstant('2026-03-31', '22:00'), 60, 'Klussen');
      // 1 April 00:00 CEST is 31 March 22:00 UTC: April in the Netherlands.
      await job(klussen, dutchInstant('2026-04-01', '00:00'), 40, 'Klussen');
      // Delivered, not confirmed by the resident: it does not count yet.
      await job(klussen, dutchInstant('2026-04-09', '10:00'), 90, 'Klussen', false);
      clock.setTo(new Date('2026-04-20T10:00:00Z'));
      const created = await record(board, {
        memberId: klusser.id,
        minutesPerMonth: 200,
        purpose: 'tegenprestatie',
        description: 'Klussen in de buurt, tegenprestatie met de gemeente',
        externalReference: 'SD-DEV-2026-0815',
        startsOn: '2026-03-01',
      }).expect(201);
      agreementId = created.body.id;
    });

    it('counts delivered minutes per Dutch calendar month from completed bookings as provider', async () => {
      clock.setTo(new Date('2026-04-20T10:00:00Z'));
      const expected = (month: string) => completed.filter((c) => dutchMonth(c.start) === month).reduce((sum, c) => sum + c.minutes, 0);
      expect([expected('2026-02'), expected('2026-03'), expected('2026-04')]).toEqual([50, 45 + 130 + 60, 40]);
      const one = await request(sut.url).get(`${base}/participation-agreements/${agreementId}`).set(bearer(treasurer)).expect(200);
      expect(one.body.months).toEqual<MonthBody[]>([
        { month: '2026-03', agreedMinutes: 200, deliveredMinutes: expected('2026-03'), fulfilled: true, running: false },
        { month: '2026-04', agreedMinutes: 200, deliveredMinutes: expected('2026-04'), fulfilled: false, running: true },
      ]);
      const own = await request(sut.url).get(`${base}/me/participation-agreements`).set(bearer(klusser.accessToken)).expect(200);
      expect(own.body).toEqual([expect.objectContaining({ id: agreementId, purpose: 'tegenprestatie', attestationConsent: false, months: one.body.months })]);
      expect((await request(sut.url).get(`${base}/me/participation-agreements`).set(bearer(bewoner.accessToken)).expect(200)).body).toEqual([]);
    });

    it('issues attestations only with the member’s own consent, which only the member gives and withdraws', async () => {
      clock.setTo(new Date('2026-04-20T10:00:00Z'));
      const consent = `${base}/participation-agreements/${agreementId}/attestation-consent`;
      const attestation = (token: string, month: string) => binary(request(sut.url).get(`${base}/participation-agreements/${agreementId}/attestations/${month}`).set(bearer(token)));

      expectProblem(await attestation(klusser.accessToken, '2026-03'), 409);
      expectProblem(await attestation(board, '2026-03'), 409);
      // Nobody gives consent for the member, the board included.
      expectProblem(await request(sut.url).put(consent).set(bearer(board)), 403);
      expectProblem(await request(sut.url).put(consent).set(bearer(bewoner.accessToken)), 403);
      expect((await request(sut.url).get(`${base}/participation-agreements/${agreementId}`).set(bearer(board)).expect(200)).body.attestationConsent).toBe(false);

      const given = await request(sut.url).put(consent).set(bearer(klusser.accessToken)).expect(200);
      expect(given.body).toMatchObject({ attestationConsent: true, attestationConsentAt: expect.any(String), attestationConsentWithdrawnAt: null });

      const pdf = await attestation(klusser.accessToken, '2026-03').expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
      const text = extractPdfText(pdf.body as Buffer).all;
      const march = completed.filter((c) => dutchMonth(c.start) === '2026-03');
      const kinds = new Map<string, number>();
      for (const c of march) kinds.set(c.category, (kinds.get(c.category) ?? 0) + c.minutes);
      expect(text).toContain('Verklaring deelname maart 2026');
      expect(text).toContain('Ruud Bakker');
      expect(text).toContain(`Lidnummer: ${klusser.memberNumber}`);
      expect(text).toContain(`Afgesproken uren: ${hhmm(200)}`);
      expect(text).toContain(`Geleverde uren: ${hhmm(march.reduce((s, c) => s + c.minutes, 0))}`);
      for (const [category, minutes] of kinds) expect(text).toContain(`${category} ${hhmm(minutes)}`);
      expect(text).toContain('SD-DEV-2026-0815');
      expect(text).toContain('op verzoek van Ruud Bakker');
      expect(text).toContain('20 april 2026');

      // The board may have it issued too; another member may not, nor can anyone ask for a month outside the agreement.
      expect((await attestation(board, '2026-04').expect(200)).body.subarray(0, 4).toString()).toBe('%PDF');
      expectProblem(await attestation(bewoner.accessToken, '2026-03'), 403);
      expectProblem(await attestation(klusser.accessToken, '2026-02'), 422, ['month']);
      expectProblem(await attestation(klusser.accessToken, '2026-05'), 422, ['month']);
      expectProblem(await attestation(klusser.accessToken, '2026-13'), 400, ['month']);
      expectProblem(await attestation(klusser.accessToken, 'maart'), 400, ['month']);

      expectProblem(await request(sut.url).delete(consent).set(bearer(board)), 403);
      await attestation(klusser.accessToken, '2026-03').expect(200);
      const withdrawn = await request(sut.url).delete(consent).set(bearer(klusser.accessToken)).expect(200);
      expect(withdrawn.body).toMatchObject({ attestationConsent: false, attestationConsentWithdrawnAt: expect.any(String) });
      expectProblem(await attestation(klusser.accessToken, '2026-03'), 409);
      expectProblem(await attestation(board, '2026-03'), 409);

      const audit = await auditActions(agreementId);
      expect(audit.map((a) => a.action)).toEqual([
        'participation_agreement.record',
        'participation_agreement.attestation_consent.give',
        'participation_agreement.attestation_issue',
        'participation_agreement.attestation_issue',
        'participation_agreement.attestation_issue',
        'participation_agreement.attestation_consent.withdraw',
      ]);
      // Consent is given and withdrawn by Ruud's own login; the issues name who asked.
      const [ruud] = await sql<{ user_id: string }>(`SELECT user_id FROM members WHERE cooperative_id = $1 AND id = $2`, [coop.cooperativeId, klusser.id]);
      expect([audit[1].actor_user_id, audit[5].actor_user_id]).toEqual([ruud.user_id, ruud.user_id]);
      const issued = await sql<{ requested_by: string; month: string }>(
        `SELECT details->>'requestedBy' AS requested_by, details->>'month' AS month FROM audit_events WHERE cooperative_id = $1 AND object_id = $2 AND action = 'participation_agreement.attestation_issue' ORDER BY id`,
        [coop.cooperativeId, agreementId],
      );
      expect(issued).toEqual([{ requested_by: 'member', month: '2026-03' }, { requested_by: 'board', month: '2026-04' }, { requested_by: 'member', month: '2026-03' }]);
    });

    it('ends an agreement on the last day of a month, once', async () => {
      clock.setTo(new Date('2026-04-20T10:00:00Z'));
      const other = await record(board, { memberId: buurvrouw.id, minutesPerMonth: 60, purpose: 'other', description: 'Koffieochtend zetten', startsOn: '2026-01-01' }).expect(201);
      const end = (body: object) => request(sut.url).post(`${base}/participation-agreements/${other.body.id}/end`).set(bearer(board)).send(body);
      expectProblem(await end({ endsOn: '2026-02-27' }), 400, ['endsOn']);
      expectProblem(await end({}), 400, ['endsOn']);
      expect((await request(sut.url).post(`${base}/participation-agreements/${other.body.id}/end`).set(bearer(treasurer)).send({ endsOn: '2026-02-28' })).status).toBe(403);
      const ended = await end({ endsOn: '2026-02-28' }).expect(200);
      expect(ended.body).toMatchObject({ endsOn: '2026-02-28', endedAt: expect.any(String) });
      expect(ended.body.months.map((m: MonthBody) => m.month)).toEqual(['2026-01', '2026-02']);
      expectProblem(await end({ endsOn: '2026-01-31' }), 409);
    });
  });

  describe('the participation obligation source', () => {
    it('creates each month’s obligation once, and settles fulfilled and lapsed months', async () => {
      const source = sut.app.get(ParticipationSource);
      const policy = { type: 'participation' as const, enabled: true, termHours: 48, steps: [] };
      // A fresh cooperative of its own: the other tests' agreements stay out of the count.
      const own = await createTestCooperative(sut, 'bron');
      const ownBase = `/api/v1/cooperatives/${own.cooperativeId}`;
      const ownId = asCooperativeId(own.cooperativeId);
      const where = { city: 'Deventer', street: 'Brink', postcode: '7411 BR' };
      const sem = await enrolMember(sut, own, { type: 'provider', role: 'provider', firstName: 'Sem', lastName: 'Visser', email: 'sem.visser@bron.example', houseNumber: '1', ...where });
      const lot = await enrolMember(sut, own, { type: 'provider', role: 'provider', firstName: 'Lotte', lastName: 'Smit', email: 'lotte.smit@bron.example', houseNumber: '3', ...where });
      const mien = await enrolMember(sut, own, { type: 'resident', role: 'consumer', firstName: 'Mien', lastName: 'Post', email: 'mien.post@bron.example', houseNumber: '5', ...where });
      const ownBoard = await own.token('board');

      // Sem's October job of 65 minutes against 60 agreed; nothing in November.
      clock.setTo(new Date('2026-10-01T08:00:00Z'));
      const categories = (await request(sut.url).get(`${ownBase}/service-categories`).set(bearer(sem.accessToken)).expect(200)).body as Array<{ id: string; code: string }>;
      const offer = await request(sut.url)
        .post(`${ownBase}/offers`)
        .set(bearer(sem.accessToken))
        .send({ categoryId: categories.find((c) => c.code === 'klussen')?.id, description: 'Klussen in en om het huis.', serviceArea: [{ from: '7411', to: '7419' }], rateCents: 0, maxBookingsPerDay: 4, windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })) })
        .expect(201);
      const start = dutchInstant('2026-10-14', '10:00');
      const booked = await request(sut.url).post(`${ownBase}/bookings`).set(bearer(mien.accessToken)).send({ offerId: offer.body.id, start: start.toISOString() }).expect(201);
      await request(sut.url).post(`${ownBase}/bookings/${booked.body.id}/confirm`).set(bearer(sem.accessToken)).expect(200);
      clock.setTo(new Date(start.getTime() + 2 * 60 * MINUTE));
      await request(sut.url).post(`${ownBase}/bookings/${booked.body.id}/deliver`).set(bearer(sem.accessToken)).send({ actualMinutes: 65 }).expect(200);
      await request(sut.url).post(`${ownBase}/bookings/${booked.body.id}/complete`).set(bearer(mien.accessToken)).expect(200);

      clock.setTo(new Date('2026-11-20T10:00:00Z'));
      const semAgreement = (await request(sut.url).post(`${ownBase}/participation-agreements`).set(bearer(ownBoard)).send({ memberId: sem.id, minutesPerMonth: 60, purpose: 'tegenprestatie', description: 'Klussen', startsOn: '2026-10-01' }).expect(201)).body.id as string;
      const lotAgreement = (await request(sut.url).post(`${ownBase}/participation-agreements`).set(bearer(ownBoard)).send({ memberId: lot.id, minutesPerMonth: 90, purpose: 'vrijwilligerswerk', description: 'Tuin', startsOn: '2026-09-01' }).expect(201)).body.id as string;

      const now = new Date('2026-11-20T10:00:00Z');
      const inOwn = <T>(work: () => Promise<T>) => uow.run({ cooperativeId: ownId }, work);
      expect(await inOwn(() => source.discover(ownId, now, policy))).toBe(2 + 3);
      expect(await inOwn(() => source.discover(ownId, now, policy))).toBe(0);
      const rows = await sql<{ subject_id: string; period: string; member_id: string; summary: string; due_at: Date; status: string }>(
        `SELECT subject_id, period, member_id, summary, due_at, status FROM obligations WHERE cooperative_id = $1 AND type = 'participation' ORDER BY subject_id = $2 DESC, period`,
        [own.cooperativeId, semAgreement],
      );
      expect(rows.map((r) => [r.subject_id === semAgreement ? 'sem' : 'lotte', r.period, r.member_id, r.summary, new Date(r.due_at).toISOString(), r.status])).toEqual([
        ['sem', '2026-10', sem.id, 'Deelname oktober 2026: 1 uur afgesproken', new Date(dutchInstant('2026-11-01', '00:00').getTime() + 48 * 60 * MINUTE).toISOString(), 'open'],
        ['sem', '2026-11', sem.id, 'Deelname november 2026: 1 uur afgesproken', new Date(dutchInstant('2026-12-01', '00:00').getTime() + 48 * 60 * MINUTE).toISOString(), 'open'],
        ['lotte', '2026-09', lot.id, 'Deelname september 2026: 1:30 uur afgesproken', new Date(dutchInstant('2026-10-01', '00:00').getTime() + 48 * 60 * MINUTE).toISOString(), 'open'],
        ['lotte', '2026-10', lot.id, 'Deelname oktober 2026: 1:30 uur afgesproken', expect.any(String), 'open'],
        ['lotte', '2026-11', lot.id, 'Deelname november 2026: 1:30 uur afgesproken', expect.any(String), 'open'],
      ]);
      const idOf = (subject: string, period: string) => sql<{ id: string }>(`SELECT id FROM obligations WHERE cooperative_id = $1 AND subject_id = $2 AND period = $3`, [own.cooperativeId, subject, period]).then((r) => r[0].id);

      // Sem delivered October in full; nobody else delivered anything.
      expect(await inOwn(() => source.settled(ownId, now))).toEqual([{ id: await idOf(semAgreement, '2026-10'), outcome: 'fulfilled' }]);

      // Lotte's agreement ends on 30 September: October and November lapse, September stays open.
      await request(sut.url).post(`${ownBase}/participation-agreements/${lotAgreement}/end`).set(bearer(ownBoard)).send({ endsOn: '2026-09-30' }).expect(200);
      const settled = await inOwn(() => source.settled(ownId, now));
      expect(settled).toEqual(
        expect.arrayContaining([
          { id: await idOf(semAgreement, '2026-10'), outcome: 'fulfilled' },
          { id: await idOf(lotAgreement, '2026-10'), outcome: 'lapsed', reason: 'De deelnameafspraak is beëindigd per 30 september 2026' },
          { id: await idOf(lotAgreement, '2026-11'), outcome: 'lapsed', reason: 'De deelnameafspraak is beëindigd per 30 september 2026' },
        ]),
      );
      expect(settled).toHaveLength(3);
      // A settled obligation no longer counts once it is no longer open.
      await sql(`UPDATE obligations SET status = 'fulfilled', fulfilled_at = now() WHERE id = $1`, [await idOf(semAgreement, '2026-10')]);
      expect(await inOwn(() => source.settled(ownId, now))).toHaveLength(2);
      expect(await inOwn(() => source.discover(ownId, now, policy))).toBe(0);
    });
  });
  describe('through the obligations engine', () => {
    it('walks a month from creation through its reminders to fulfilment by completed work', async () => {
      const own = await createTestCooperative(sut, 'deelname-motor');
      const ownBase = `/api/v1/cooperatives/${own.cooperativeId}`;
      const ownBoard = bearer(await own.token('board'));
      const where = { city: 'Deventer', street: 'Zandweerd', postcode: '7415 AB' };
      clock.setTo(dutchInstant('2027-03-01', '09:00'));
      const gijs = await enrolMember(sut, own, { type: 'provider', role: 'provider', firstName: 'Gijs', lastName: 'Hoekstra', email: 'gijs.hoekstra@motor.example', houseNumber: '2', ...where });
      const riet = await enrolMember(sut, own, { type: 'resident', role: 'consumer', firstName: 'Riet', lastName: 'Brouwer', email: 'riet.brouwer@motor.example', houseNumber: '4', ...where });
      const categories = (await request(sut.url).get(`${ownBase}/service-categories`).set(bearer(gijs.accessToken)).expect(200)).body as Array<{ id: string; code: string }>;
      const offer = (
        await request(sut.url)
          .post(`${ownBase}/offers`)
          .set(bearer(gijs.accessToken))
          .send({ categoryId: categories.find((c) => c.code === 'klussen')?.id, description: 'Klussen aan de Zandweerd.', serviceArea: [{ from: '7411', to: '7419' }], rateCents: 0, maxBookingsPerDay: 4, windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })) })
          .expect(201)
      ).body.id as string;
      const agreement = (await request(sut.url).post(`${ownBase}/participation-agreements`).set(ownBoard).send({ memberId: gijs.id, minutesPerMonth: 120, purpose: 'tegenprestatie', description: 'Klussen', startsOn: '2027-03-01' }).expect(201)).body.id as string;
      const evaluate = async () => (await request(sut.url).post(`${ownBase}/obligations/evaluate`).set(ownBoard).expect(200)).body as { created: number; fulfilled: number; steps: number };
      const march = async () => {
        const list = (await request(sut.url).get(`${ownBase}/obligations`).query({ type: 'participation', status: 'open,overdue,escalated,fulfilled,waived', pageSize: '50' }).set(ownBoard).expect(200)).body as { items: Array<{ id: string; summary: string }> };
        const found = list.items.filter((o) => o.summary.startsWith('Deelname maart 2027'));
        expect(found).toHaveLength(1);
        return (await request(sut.url).get(`${ownBase}/obligations/${found[0].id}`).set(ownBoard).expect(200)).body as { status: string; step: string | null; dueAt: string; events: Array<{ kind: string }> };
      };
      const job = async (bookOn: Date, start: Date, minutes: number) => {
        clock.setTo(bookOn);
        const booked = await request(sut.url).post(`${ownBase}/bookings`).set(bearer(riet.accessToken)).send({ offerId: offer, start: start.toISOString() }).expect(201);
        await request(sut.url).post(`${ownBase}/bookings/${booked.body.id}/confirm`).set(bearer(gijs.accessToken)).expect(200);
        clock.setTo(new Date(start.getTime() + 2 * 60 * MINUTE));
        await request(sut.url).post(`${ownBase}/bookings/${booked.body.id}/deliver`).set(bearer(gijs.accessToken)).send({ actualMinutes: minutes }).expect(200);
        return booked.body.id as string;
      };

      clock.setTo(dutchInstant('2027-03-05', '09:00'));
      expect((await evaluate()).created).toBeGreaterThanOrEqual(1);
      expect(await march()).toMatchObject({ status: 'open', step: null, dueAt: dutchInstant('2027-04-01', '00:00').toISOString() });

      // 90 of the 120 minutes in March, confirmed at once; 30 more delivered on the 30th, confirmed only in April.
      const first = await job(dutchInstant('2027-03-08', '09:00'), dutchInstant('2027-03-12', '10:00'), 90);
      await request(sut.url).post(`${ownBase}/bookings/${first}/complete`).set(bearer(riet.accessToken)).expect(200);
      const second = await job(dutchInstant('2027-03-25', '09:00'), dutchInstant('2027-03-30', '10:00'), 30);

      // Ten days before the month ends: the reminder, told to the member.
      clock.setTo(dutchInstant('2027-03-23', '09:00'));
      await evaluate();
      expect(await march()).toMatchObject({ status: 'open', step: 'reminder' });
      const mails = () =>
        sql<{ kind: string; to_address: string }>(`SELECT kind, to_address FROM outbox_messages WHERE cooperative_id = $1 AND kind LIKE 'obligation.participation%' ORDER BY created_at`, [own.cooperativeId]);
      expect(await mails()).toEqual([{ kind: 'obligation.participation.reminder', to_address: gijs.email }]);

      // Past the month: overdue; three days on, the second reminder.
      clock.setTo(dutchInstant('2027-04-02', '09:00'));
      await evaluate();
      expect(await march()).toMatchObject({ status: 'overdue', step: 'reminder' });
      clock.setTo(dutchInstant('2027-04-05', '09:00'));
      await evaluate();
      expect(await march()).toMatchObject({ status: 'overdue', step: 'second_reminder' });

      // Riet confirms the job of the 30th: March now holds 120 minutes, and the engine fulfils it.
      await request(sut.url).post(`${ownBase}/bookings/${second}/complete`).set(bearer(riet.accessToken)).expect(200);
      expect((await evaluate()).fulfilled).toBeGreaterThanOrEqual(1);
      const done = await march();
      expect(done.status).toBe('fulfilled');
      expect(done.events.map((e) => e.kind)).toEqual(['reminder', 'second_reminder', 'fulfilled']);
      const months = (await request(sut.url).get(`${ownBase}/participation-agreements/${agreement}`).set(ownBoard).expect(200)).body.months as MonthBody[];
      expect(months[0]).toMatchObject({ month: '2027-03', deliveredMinutes: 90 + 30, fulfilled: true });
    });
  });
});
