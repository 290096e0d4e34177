import request, { Response } from 'supertest';
import { Clock, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { BookingsService } from '@buurtcoop/exchange';
import { MemberEnrolmentService } from '@buurtcoop/membership';
import { Applicant, Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface BookingBody {
  id: string;
  offerId: string;
  categoryId: string;
  providerMemberId: string;
  consumerMemberId: string;
  start: string;
  end: string;
  localStart: string;
  status: string;
  rateCents: number;
  actualMinutes: number | null;
  materialCents: number | null;
  cancelledBy: string | null;
  lateCancellation: boolean;
  noShow: string | null;
  notes: string | null;
}

interface EventRow {
  kind: string;
  amount: number;
  consumer_member_id: string;
  provider_member_id: string;
  details: Record<string, unknown>;
}

interface SlotBody {
  start: string;
  end: string;
  localStart: string;
}

const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const AMSTERDAM_MINUTE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `2026-12-01` plus n calendar days. */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The instant of a Dutch wall-clock time: `at('2027-03-29', '09:00')` is 07:00Z (summer time). */
function at(day: string, time: string): Date {
  const naive = new Date(`${day}T${time}:00Z`).getTime();
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(naive - offsetHours * HOUR);
    if (AMSTERDAM_MINUTE.format(candidate) === `${day} ${time}`) return candidate;
  }
  throw new Error(`${day} ${time} does not exist in Europe/Amsterdam`);
}

const deventer = (street: string, houseNumber: string, postcode: string) => ({ street, houseNumber, postcode, city: 'Deventer' });
const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();

/** Status and problem code (and the fields named, when given) of a refused request. */
function expectProblem(response: Response, status: number, code: string, fields?: string[]): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  if (fields) expect(fieldsOf(response.body)).toEqual([...fields].sort());
}

function countStatuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe('exchange bookings (e2e)', () => {
  let sut: TestApp;
  let clock: Clock;
  let uow: UnitOfWork;

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
    uow = sut.app.get(UnitOfWork);
  });
  afterEach(() => clock.setTo(new Date()));
  afterAll(() => sut.close());

  const post = (path: string, token: string, body: object = {}) => request(sut.url).post(path).set(bearer(token)).send(body);
  const get = (path: string, token: string, query: Record<string, string> = {}) => request(sut.url).get(path).set(bearer(token)).query(query);
  const today = () => AMSTERDAM_DAY.format(clock.now());

  /** Everything about one cooperative the tests talk to over HTTP. */
  function cooperativeApi(coop: TestCooperative) {
    const base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    const cooperativeId = asCooperativeId(coop.cooperativeId);
    return {
      base,
      coop,
      book: (token: string, offerId: string, start: Date | string, extra: object = {}) =>
        post(`${base}/bookings`, token, { offerId, start: typeof start === 'string' ? start : start.toISOString(), ...extra }),
      /** Books and insists on 201. */
      async booked(token: string, offerId: string, start: Date, extra: object = {}): Promise<BookingBody> {
        const response = await post(`${base}/bookings`, token, { offerId, start: start.toISOString(), ...extra });
        expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
        return response.body as BookingBody;
      },
      act: (id: string, action: string, token: string, body: object = {}) => post(`${base}/bookings/${id}/${action}`, token, body),
      /** Performs the action and insists on 200. */
      async done(id: string, action: string, token: string, body: object = {}): Promise<BookingBody> {
        const response = await post(`${base}/bookings/${id}/${action}`, token, body);
        expect({ action, status: response.status, body: response.body }).toMatchObject({ action, status: 200 });
        return response.body as BookingBody;
      },
      async status(id: string, token: string): Promise<string> {
        const response = await get(`${base}/bookings/${id}`, token).expect(200);
        return (response.body as BookingBody).status;
      },
      events: (bookingId: string) =>
        uow.run({ cooperativeId }, () =>
          uow.rows<EventRow>(
            `SELECT kind, amount_cents::int AS amount, consumer_member_id, provider_member_id, details FROM exchange_events WHERE booking_id = $1 ORDER BY occurred_at, kind`,
            [bookingId],
          ),
        ),
      housekeeping: () => uow.run({ cooperativeId }, () => sut.app.get(BookingsService).housekeeping(cooperativeId)),
      liveBookingsAt: (offerId: string, start: Date) =>
        uow.run({ cooperativeId }, async () => {
          const [row] = await uow.rows<{ n: number }>(
            `SELECT count(*)::int AS n FROM bookings WHERE offer_id = $1 AND lower(during) = $2 AND status NOT IN ('cancelled', 'expired')`,
            [offerId, start],
          );
          return row.n;
        }),
      async category(token: string, code: string): Promise<{ id: string; reducedContributionCents: number | null }> {
        const categories = (await get(`${base}/service-categories`, token).expect(200)).body as Array<{ id: string; code: string; reducedContributionCents: number | null }>;
        const found = categories.find((c) => c.code === code);
        if (!found) throw new Error(`No category ${code}`);
        return found;
      },
      /** An offer with the same window on every day of the week. */
      async offer(token: string, categoryId: string, o: { rateCents: number; startTime: string; endTime: string; maxBookingsPerDay: number; description: string; area?: Array<{ from: string; to: string }> }): Promise<{ id: string; rateCents: number }> {
        const response = await post(`${base}/offers`, token, {
          categoryId,
          description: o.description,
          serviceArea: o.area ?? [{ from: '7411', to: '7419' }],
          rateCents: o.rateCents,
          maxBookingsPerDay: o.maxBookingsPerDay,
          windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: o.startTime, endTime: o.endTime })),
        });
        expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
        return response.body as { id: string; rateCents: number };
      },
      /** A credential registered by the provider and, when asked, verified by a coordinator. */
      async credential(token: string, issuedOn: string, expiresOn: string, verify: boolean): Promise<string> {
        const added = await post(`${base}/credentials`, token, { kind: 'vog', description: 'VOG Dienstverlening aan huis', issuedOn, expiresOn }).expect(201);
        if (verify) {
          const verified = await post(`${base}/credentials/${added.body.id}/verify`, await coop.token('coordinator')).expect(200);
          expect(verified.body.verified).toBe(true);
        }
        return added.body.id as string;
      },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Rivierenwijk: one provider (Sanne) with several offers, residents around her.
  // ---------------------------------------------------------------------------------------------
  describe('in one cooperative', () => {
    let coop: TestCooperative;
    let api: ReturnType<typeof cooperativeApi>;
    let sanne: Enrolled;
    let gerrit: Enrolled;
    let fatima: Enrolled;
    let anouk: Enrolled;
    let kees: Enrolled;
    let joost: Enrolled;
    let pieter: Enrolled;
    let wilma: Enrolled;
    let coordinator: string;
    let board: string;
    let klussen: { id: string; rateCents: number };
    let boodschappen: { id: string; rateCents: number };
    let gezelschap: { id: string; rateCents: number };
    let tuin: { id: string; rateCents: number };
    let wilmaOffer: { id: string; rateCents: number };
    let dayCounter = 1;
    /** A day no other test of this cooperative books on, so provider and consumer stay free. */
    const freshDay = () => addDays(today(), ++dayCounter);

    const enrol = (a: Omit<Applicant, 'city' | 'street' | 'houseNumber' | 'postcode'> & { address: [string, string, string] }) => {
      const { address, ...rest } = a;
      return enrolMember(sut, coop, { ...rest, ...deventer(...address) });
    };

    beforeAll(async () => {
      coop = await createTestCooperative(sut, 'rivierenwijk');
      api = cooperativeApi(coop);
      sanne = await enrol({ type: 'provider', role: 'provider', firstName: 'Sanne', lastName: 'Mulder', email: 'sanne.mulder@rivierenwijk.example', address: ['Jan Steenstraat', '7', '7412 BR'] });
      gerrit = await enrol({ type: 'resident', role: 'consumer', firstName: 'Gerrit', lastName: 'Bosman', email: 'gerrit.bosman@rivierenwijk.example', address: ['Hobbemastraat', '21', '7412 BP'] });
      fatima = await enrol({ type: 'resident', role: 'consumer', firstName: 'Fatima', lastName: 'el Amrani', email: 'fatima.elamrani@rivierenwijk.example', address: ['Ruysdaelplein', '3', '7412 CN'] });
      anouk = await enrol({ type: 'resident', role: 'consumer', firstName: 'Anouk', lastName: 'de Vries', email: 'anouk.devries@rivierenwijk.example', address: ['Van Ostadestraat', '14', '7412 AG'] });
      kees = await enrol({ type: 'resident', role: 'consumer', firstName: 'Kees', lastName: 'Jansen', email: 'kees.jansen@rivierenwijk.example', address: ['Rembrandtkade', '88', '7413 AB'] });
      joost = await enrol({ type: 'resident', role: 'consumer', firstName: 'Joost', lastName: 'Hendriks', email: 'joost.hendriks@rivierenwijk.example', address: ['Oerdijk', '150', '7423 DH'] });
      pieter = await enrol({ type: 'provider', role: 'provider', firstName: 'Pieter', lastName: 'van Dijk', email: 'pieter.vandijk@rivierenwijk.example', address: ['Brinkgreverweg', '40', '7413 AD'] });
      wilma = await enrol({ type: 'provider', role: 'provider', firstName: 'Wilma', lastName: 'Kampman', email: 'wilma.kampman@rivierenwijk.example', address: ['Roggestraat', '5', '7411 AP'] });
      coordinator = await coop.token('coordinator');
      board = await coop.token('board');

      const token = sanne.accessToken;
      klussen = await api.offer(token, (await api.category(token, 'klussen')).id, {
        description: 'Kleine klussen in huis: kraan, plank ophangen, lamp vervangen.',
        rateCents: 1250,
        startTime: '09:00',
        endTime: '17:00',
        maxBookingsPerDay: 6,
      });
      boodschappen = await api.offer(token, (await api.category(token, 'boodschappen')).id, {
        description: 'Boodschappen bij de Jumbo op de Brink, thuisbezorgd.',
        rateCents: 400,
        startTime: '09:00',
        endTime: '17:00',
        maxBookingsPerDay: 6,
      });
      gezelschap = await api.offer(token, (await api.category(token, 'gezelschap')).id, {
        description: 'Een kopje koffie en een praatje, of samen een wandeling langs de IJssel.',
        rateCents: 0,
        startTime: '09:00',
        endTime: '17:00',
        maxBookingsPerDay: 6,
      });
      tuin = await api.offer(token, (await api.category(token, 'tuin')).id, {
        description: 'Heg snoeien, onkruid wieden en het gras maaien.',
        rateCents: 1000,
        startTime: '08:00',
        endTime: '16:00',
        maxBookingsPerDay: 2,
      });
      wilmaOffer = await api.offer(wilma.accessToken, (await api.category(wilma.accessToken, 'klussen')).id, {
        description: 'Ochtendklussen: schilderen, behangen, kleine reparaties.',
        rateCents: 1000,
        startTime: '09:00',
        endTime: '12:00',
        maxBookingsPerDay: 3,
      });
      // Sanne's VOG, checked by a coordinator, covers boodschappen and gezelschap.
      await api.credential(token, addDays(today(), -300), addDays(today(), 3 * 365), true);
    });

    describe('lifecycle', () => {
      it('runs requested → confirmed → delivered → completed, each step by its own side, and records what the resident owes (hourly, rounded, plus materials)', async () => {
        const day = freshDay();
        const start = at(day, '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start, { notes: 'De kraan in de keuken lekt.' });
        expect(booking).toMatchObject({
          status: 'requested',
          offerId: klussen.id,
          providerMemberId: sanne.id,
          consumerMemberId: gerrit.id,
          start: start.toISOString(),
          end: new Date(start.getTime() + 60 * MINUTE).toISOString(),
          localStart: `${day} 10:00`,
          rateCents: 1250,
          actualMinutes: null,
          materialCents: null,
          lateCancellation: false,
          notes: 'De kraan in de keuken lekt.',
        });

        // Only the provider confirms: the resident, a coordinator and a stranger are refused as the code says.
        expectProblem(await api.act(booking.id, 'confirm', gerrit.accessToken), 404, 'not_your_booking');
        expectProblem(await api.act(booking.id, 'confirm', coordinator), 404, 'not_your_booking');
        expectProblem(await api.act(booking.id, 'confirm', fatima.accessToken), 404, 'booking_not_found');
        expect(await api.status(booking.id, gerrit.accessToken)).toBe('requested');
        expect((await api.done(booking.id, 'confirm', sanne.accessToken)).status).toBe('confirmed');

        // Hours are logged once the work has started.
        expectProblem(await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 75, materialCents: 350 }), 409, 'booking_status_change_not_allowed');
        clock.setTo(new Date(start.getTime() + 80 * MINUTE));

        const invalid = await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 0, materialCents: -1 });
        expect(invalid.status).toBe(400);
        expect(fieldsOf(invalid.body)).toEqual(['actualMinutes', 'materialCents']);
        expect(fieldsOf((await api.act(booking.id, 'deliver', sanne.accessToken, {}).expect(400)).body)).toEqual(['actualMinutes']);
        expect(fieldsOf((await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 75.5 }).expect(400)).body)).toEqual(['actualMinutes']);
        expect(fieldsOf((await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 24 * 60 + 1, materialCents: 2_000_000 }).expect(400)).body)).toEqual(['actualMinutes', 'materialCents']);
        expect(fieldsOf((await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 75, uren: 1.25 }).expect(400)).body)).toEqual(['uren']);
        expect(await api.status(booking.id, sanne.accessToken)).toBe('confirmed');

        expectProblem(await api.act(booking.id, 'deliver', gerrit.accessToken, { actualMinutes: 75 }), 404, 'not_your_booking');
        const delivered = await api.done(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 75, materialCents: 350 });
        expect(delivered).toMatchObject({ status: 'delivered', actualMinutes: 75, materialCents: 350 });
        expect(await api.events(booking.id)).toEqual([]);

        // The resident confirms the work; the provider cannot do it for them.
        expectProblem(await api.act(booking.id, 'complete', sanne.accessToken), 404, 'not_your_booking');
        expect((await api.done(booking.id, 'complete', gerrit.accessToken)).status).toBe('completed');

        // 1250 cents an hour × 75 minutes = 1562.5 → 1563, plus 350 materials.
        const events = await api.events(booking.id);
        expect(events).toEqual([
          {
            kind: 'booking.completed',
            amount: 1913,
            consumer_member_id: gerrit.id,
            provider_member_id: sanne.id,
            details: expect.objectContaining({ baseCents: 1563, contributionCents: 1563, materialCents: 350, reducedTariff: false, amountCents: 1913, actualMinutes: 75 }),
          },
        ]);

        // Nothing moves a completed booking any more.
        expectProblem(await api.act(booking.id, 'complete', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'dispute', gerrit.accessToken, { reason: 'Toch nog een druppel' }), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'cancel', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 90 }), 409, 'booking_status_change_not_allowed');
        expect(await api.events(booking.id)).toHaveLength(1);
      });

      it('charges the fixed rate per booking, whatever the minutes, plus materials', async () => {
        const start = at(freshDay(), '11:00');
        const booking = await api.booked(gerrit.accessToken, boodschappen.id, start);
        expect(booking.rateCents).toBe(400);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() + 70 * MINUTE));
        await api.done(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 40, materialCents: 2735 });
        await api.done(booking.id, 'complete', gerrit.accessToken);
        expect(await api.events(booking.id)).toEqual([expect.objectContaining({ kind: 'booking.completed', amount: 400 + 2735, details: expect.objectContaining({ baseCents: 400, contributionCents: 400 }) })]);
      });

      it('charges nothing for a free service (only materials, here none)', async () => {
        expect(gezelschap.rateCents).toBe(0);
        const start = at(freshDay(), '14:00');
        const booking = await api.booked(gerrit.accessToken, gezelschap.id, start);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() + 2 * HOUR));
        const delivered = await api.done(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 90 });
        expect(delivered.materialCents).toBe(0);
        await api.done(booking.id, 'complete', gerrit.accessToken);
        expect(await api.events(booking.id)).toEqual([expect.objectContaining({ kind: 'booking.completed', amount: 0, details: expect.objectContaining({ baseCents: 0, contributionCents: 0, materialCents: 0 }) })]);
      });

      it('lets a member on a minimum income pay the category’s reduced contribution instead (plus materials)', async () => {
        await request(sut.url).put(`${api.base}/members/me/categories`).set(bearer(anouk.accessToken)).send({ categories: ['minimum_income'], consent: true }).expect(200);
        const reducedKlussen = (await api.category(anouk.accessToken, 'klussen')).reducedContributionCents;
        const reducedBoodschappen = (await api.category(anouk.accessToken, 'boodschappen')).reducedContributionCents;
        expect({ reducedKlussen, reducedBoodschappen }).toEqual({ reducedKlussen: 250, reducedBoodschappen: 150 });

        const day = freshDay();
        const hourly = await api.booked(anouk.accessToken, klussen.id, at(day, '09:00'));
        const fixed = await api.booked(anouk.accessToken, boodschappen.id, at(day, '13:00'));
        await api.done(hourly.id, 'confirm', sanne.accessToken);
        await api.done(fixed.id, 'confirm', sanne.accessToken);
        clock.setTo(at(day, '15:00'));
        await api.done(hourly.id, 'deliver', sanne.accessToken, { actualMinutes: 120 });
        await api.done(fixed.id, 'deliver', sanne.accessToken, { actualMinutes: 45, materialCents: 1000 });
        await api.done(hourly.id, 'complete', anouk.accessToken);
        await api.done(fixed.id, 'complete', anouk.accessToken);

        expect(await api.events(hourly.id)).toEqual([
          expect.objectContaining({ kind: 'booking.completed', amount: 250, details: expect.objectContaining({ baseCents: 2500, contributionCents: 250, reducedTariff: true }) }),
        ]);
        expect(await api.events(fixed.id)).toEqual([
          expect.objectContaining({ kind: 'booking.completed', amount: 150 + 1000, details: expect.objectContaining({ baseCents: 400, contributionCents: 150, materialCents: 1000, reducedTariff: true }) }),
        ]);
      });

      it('lets the provider decline a request, which frees the slot', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        expectProblem(await api.act(booking.id, 'decline', gerrit.accessToken), 404, 'not_your_booking');
        const declined = await api.done(booking.id, 'decline', sanne.accessToken);
        expect(declined).toMatchObject({ status: 'cancelled', cancelledBy: 'provider', lateCancellation: false });
        expectProblem(await api.act(booking.id, 'confirm', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'decline', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'cancel', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expect((await api.booked(fatima.accessToken, klussen.id, start)).status).toBe('requested');
        expect(await api.events(booking.id)).toEqual([]);
      });

      it('lets only the resident dispute delivered work, with a reason; a disputed booking is not completed', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() + 3 * HOUR));
        await api.done(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 120 });

        expectProblem(await api.act(booking.id, 'dispute', sanne.accessToken, { reason: 'Ik wil het zelf bekijken' }), 404, 'not_your_booking');
        const tooShort = await api.act(booking.id, 'dispute', gerrit.accessToken, { reason: 'nu' });
        expect(tooShort.status).toBe(400);
        expect(fieldsOf(tooShort.body)).toEqual(['reason']);
        expect(fieldsOf((await api.act(booking.id, 'dispute', gerrit.accessToken, {}).expect(400)).body)).toEqual(['reason']);

        const disputed = await api.done(booking.id, 'dispute', gerrit.accessToken, { reason: 'Er is maar een half uur gewerkt, geen twee uur.' });
        expect(disputed.status).toBe('disputed');
        expectProblem(await api.act(booking.id, 'complete', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'dispute', gerrit.accessToken, { reason: 'Nogmaals: half uur.' }), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 30 }), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'cancel', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expect(await api.events(booking.id)).toEqual([]);
      });

      it('answers every transition the status does not allow with 409', async () => {
        const start = at(freshDay(), '09:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        clock.setTo(new Date(start.getTime() + 2 * HOUR));
        // requested: not yet confirmed
        expectProblem(await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 60 }), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'complete', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'dispute', gerrit.accessToken, { reason: 'Niet gekomen' }), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'no-show', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'no-show', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expect(await api.status(booking.id, gerrit.accessToken)).toBe('requested');
        // confirmed: not yet delivered
        await api.done(booking.id, 'confirm', sanne.accessToken);
        expectProblem(await api.act(booking.id, 'confirm', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'decline', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'complete', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'dispute', gerrit.accessToken, { reason: 'Niet gekomen' }), 409, 'booking_status_change_not_allowed');
        // delivered: the work is logged
        await api.done(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 60 });
        expectProblem(await api.act(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 60 }), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'confirm', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'decline', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'cancel', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'cancel', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(booking.id, 'no-show', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
        expect(await api.status(booking.id, gerrit.accessToken)).toBe('delivered');
        expect(await api.events(booking.id)).toEqual([]);
      });

      it('lets exactly one of ten parallel confirmations of the work complete it, with one event', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() + 2 * HOUR));
        await api.done(booking.id, 'deliver', sanne.accessToken, { actualMinutes: 60 });
        const responses = await Promise.all(Array.from({ length: 10 }, () => api.act(booking.id, 'complete', gerrit.accessToken)));
        expect(countStatuses(responses)).toEqual({ 200: 1, 409: 9 });
        expect(await api.events(booking.id)).toEqual([expect.objectContaining({ kind: 'booking.completed', amount: 1250 })]);
      });

      it('lets exactly one of a racing confirmation and decline win', async () => {
        const booking = await api.booked(gerrit.accessToken, klussen.id, at(freshDay(), '10:00'));
        const responses = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => api.act(booking.id, i % 2 ? 'decline' : 'confirm', sanne.accessToken)));
        expect(countStatuses(responses)).toEqual({ 200: 1, 409: 5 });
        expect(await api.status(booking.id, gerrit.accessToken)).toBe(responses.find((r) => r.status === 200)!.body.status);
      });
    });

    describe('cancellation policy', () => {
      it('is set by the board only', async () => {
        expect((await request(sut.url).patch(`${api.base}/exchange-policy`).set(bearer(gerrit.accessToken)).send({ lateCancellationFeeCents: 0 })).status).toBe(403);
        const policy = await request(sut.url).patch(`${api.base}/exchange-policy`).set(bearer(board)).send({ lateCancellationFeeCents: 500 }).expect(200);
        expect(policy.body).toEqual({ cancellationNoticeHours: 24, lateCancellationFeeCents: 500, requestExpiryHours: 48, autoCompleteDays: 7 });
      });

      it('lets a resident cancel for free at least 24 hours before the start', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() - 24 * HOUR - 5 * MINUTE));
        const cancelled = await api.done(booking.id, 'cancel', gerrit.accessToken);
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'consumer', lateCancellation: false });
        expect(await api.events(booking.id)).toEqual([]);
        expectProblem(await api.act(booking.id, 'cancel', gerrit.accessToken), 409, 'booking_status_change_not_allowed');
      });

      it('charges the board’s fee when a resident cancels a confirmed booking within 24 hours', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() - 23 * HOUR));
        expectProblem(await api.act(booking.id, 'cancel', coordinator), 404, 'not_your_booking');
        expectProblem(await api.act(booking.id, 'cancel', fatima.accessToken), 404, 'booking_not_found');
        const cancelled = await api.done(booking.id, 'cancel', gerrit.accessToken);
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'consumer', lateCancellation: true });
        expect(await api.events(booking.id)).toEqual([
          { kind: 'booking.late_cancellation', amount: 500, consumer_member_id: gerrit.id, provider_member_id: sanne.id, details: expect.objectContaining({ noticeHours: 24 }) },
        ]);
      });

      it('charges the late fee once when the resident’s cancellation is sent ten times at once', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() - 3 * HOUR));
        const responses = await Promise.all(Array.from({ length: 10 }, () => api.act(booking.id, 'cancel', gerrit.accessToken)));
        expect(countStatuses(responses)).toEqual({ 200: 1, 409: 9 });
        expect(await api.events(booking.id)).toEqual([expect.objectContaining({ kind: 'booking.late_cancellation', amount: 500 })]);
      });

      it('marks a provider’s late cancellation as late but charges no one', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        await api.done(booking.id, 'confirm', sanne.accessToken);
        clock.setTo(new Date(start.getTime() - 2 * HOUR));
        const cancelled = await api.done(booking.id, 'cancel', sanne.accessToken);
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'provider', lateCancellation: true });
        expect(await api.events(booking.id)).toEqual([]);
      });

      it('marks a resident’s late withdrawal of an unconfirmed request as late, without a fee', async () => {
        const start = at(freshDay(), '10:00');
        const booking = await api.booked(gerrit.accessToken, klussen.id, start);
        clock.setTo(new Date(start.getTime() - 12 * HOUR));
        const cancelled = await api.done(booking.id, 'cancel', gerrit.accessToken);
        expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'consumer', lateCancellation: true });
        expect(await api.events(booking.id)).toEqual([]);
      });

      it('lets the side that turned up record a no-show, only after the start', async () => {
        const day = freshDay();
        const first = await api.booked(gerrit.accessToken, klussen.id, at(day, '10:00'));
        const second = await api.booked(gerrit.accessToken, klussen.id, at(day, '13:00'));
        await api.done(first.id, 'confirm', sanne.accessToken);
        await api.done(second.id, 'confirm', sanne.accessToken);

        clock.setTo(at(day, '09:30'));
        expectProblem(await api.act(first.id, 'no-show', sanne.accessToken), 409, 'booking_status_change_not_allowed');
        expectProblem(await api.act(first.id, 'no-show', gerrit.accessToken), 409, 'booking_status_change_not_allowed');

        clock.setTo(at(day, '10:30'));
        expectProblem(await api.act(first.id, 'no-show', coordinator), 404, 'not_your_booking');
        expectProblem(await api.act(first.id, 'no-show', fatima.accessToken), 404, 'booking_not_found');
        const absentResident = await api.done(first.id, 'no-show', sanne.accessToken);
        expect(absentResident).toMatchObject({ status: 'cancelled', noShow: 'consumer', cancelledBy: 'provider' });
        expectProblem(await api.act(first.id, 'no-show', gerrit.accessToken), 409, 'booking_status_change_not_allowed');

        clock.setTo(at(day, '13:20'));
        const absentProvider = await api.done(second.id, 'no-show', gerrit.accessToken);
        expect(absentProvider).toMatchObject({ status: 'cancelled', noShow: 'provider', cancelledBy: 'consumer' });
      });
    });

    describe('VOG', () => {
      let offerId: string;
      let bookingDay: string;
      beforeAll(async () => {
        const category = await api.category(pieter.accessToken, 'boodschappen');
        offerId = (await api.offer(pieter.accessToken, category.id, { description: 'Boodschappen met de bakfiets, ook voor zware tassen.', rateCents: 300, startTime: '09:00', endTime: '12:00', maxBookingsPerDay: 3 })).id;
        // A day no other booking of Gerrit's or Fatima's is on; the day after is kept free too.
        bookingDay = freshDay();
        freshDay();
      });

      const searchDay = async (day: string) => {
        const response = await get(`${api.base}/offers/search`, gerrit.accessToken, {
          categoryId: (await api.category(gerrit.accessToken, 'boodschappen')).id,
          postcode: '7412 BP',
          from: at(day, '00:00').toISOString(),
          to: at(addDays(day, 1), '00:00').toISOString(),
        }).expect(200);
        return (response.body as Array<{ offerId: string; slots: SlotBody[] }>).find((r) => r.offerId === offerId)?.slots ?? [];
      };

      it('refuses a booking while the provider has no VOG at all', async () => {
        expectProblem(await api.book(gerrit.accessToken, offerId, at(bookingDay, '09:00')), 409, 'vog_required', ['offerId']);
      });

      it('refuses a booking while the provider’s VOG is not yet verified', async () => {
        await api.credential(pieter.accessToken, addDays(today(), -10), addDays(today(), 3 * 365), false);
        expectProblem(await api.book(gerrit.accessToken, offerId, at(bookingDay, '09:00')), 409, 'vog_required');
        expect(await searchDay(bookingDay)).toEqual([]);
      });

      it('refuses a booking when the verified VOG expired before the booking day', async () => {
        await api.credential(pieter.accessToken, addDays(today(), -3 * 365), addDays(today(), -30), true);
        expectProblem(await api.book(gerrit.accessToken, offerId, at(bookingDay, '09:00')), 409, 'vog_required');
      });

      it('refuses a booking when the verified VOG is valid today but expires the day before the booking', async () => {
        await api.credential(pieter.accessToken, addDays(today(), -10), addDays(bookingDay, -1), true);
        expect((await searchDay(addDays(bookingDay, -1))).map((s) => s.localStart)).toEqual([`${addDays(bookingDay, -1)} 09:00`, `${addDays(bookingDay, -1)} 10:00`, `${addDays(bookingDay, -1)} 11:00`]);
        expectProblem(await api.book(gerrit.accessToken, offerId, at(bookingDay, '09:00')), 409, 'vog_required');
        expect(await searchDay(bookingDay)).toEqual([]);
      });

      it('accepts a booking when a verified VOG is valid on the day, and only up to its last day', async () => {
        await api.credential(pieter.accessToken, addDays(today(), -10), bookingDay, true);
        expect((await searchDay(bookingDay)).map((s) => s.localStart)).toEqual([`${bookingDay} 09:00`, `${bookingDay} 10:00`, `${bookingDay} 11:00`]);
        const booking = await api.booked(gerrit.accessToken, offerId, at(bookingDay, '10:00'));
        expect(booking).toMatchObject({ status: 'requested', providerMemberId: pieter.id, localStart: `${bookingDay} 10:00` });
        expectProblem(await api.book(fatima.accessToken, offerId, at(addDays(bookingDay, 1), '10:00')), 409, 'vog_required');
      });

      it('is verified by a coordinator, not by a member', async () => {
        const id = await api.credential(pieter.accessToken, addDays(today(), -5), addDays(today(), 3 * 365), false);
        expect((await post(`${api.base}/credentials/${id}/verify`, pieter.accessToken)).status).toBe(403);
      });
    });

    describe('booking on behalf and refusals', () => {
      it('lets a coordinator book for a resident, who then sees it as their own', async () => {
        const start = at(freshDay(), '11:00');
        const booking = await api.booked(coordinator, klussen.id, start, { consumerMemberId: gerrit.id, notes: 'Voor dhr. Bosman, heeft geen internet.' });
        expect(booking).toMatchObject({ status: 'requested', consumerMemberId: gerrit.id, providerMemberId: sanne.id });
        const mine = (await get(`${api.base}/bookings/mine`, gerrit.accessToken).expect(200)).body as BookingBody[];
        expect(mine.map((b) => b.id)).toContain(booking.id);
        expect((await get(`${api.base}/bookings/${booking.id}`, coordinator).expect(200)).body.id).toBe(booking.id);
        await api.done(booking.id, 'confirm', sanne.accessToken);
      });

      it('refuses a plain member booking for someone else', async () => {
        expectProblem(await api.book(fatima.accessToken, klussen.id, at(freshDay(), '11:00'), { consumerMemberId: gerrit.id }), 403, 'may_not_book', ['consumerMemberId']);
      });

      it('refuses a booking for a member that does not exist', async () => {
        expectProblem(await api.book(coordinator, klussen.id, at(freshDay(), '11:00'), { consumerMemberId: '6f1c2a52-1d3b-4c55-9a0e-3f2d1b0c9e87' }), 404, 'no_member_record', ['consumerMemberId']);
      });

      it('refuses a suspended member, also when a coordinator books for them', async () => {
        const start = at(freshDay(), '11:00');
        await api.booked(kees.accessToken, klussen.id, start).then((b) => api.done(b.id, 'cancel', kees.accessToken));
        await post(`${api.base}/members/${kees.id}/status`, board, { action: 'suspend', reason: 'Contributie over 2026 niet betaald' }).expect(200);
        expectProblem(await api.book(kees.accessToken, klussen.id, start), 403, 'may_not_book');
        expectProblem(await api.book(coordinator, klussen.id, start, { consumerMemberId: kees.id }), 403, 'may_not_book');
      });

      it('refuses a provider booking their own offer', async () => {
        expectProblem(await api.book(sanne.accessToken, klussen.id, at(freshDay(), '11:00')), 422, 'own_offer', ['offerId']);
      });

      it('refuses a resident outside the offer’s service area', async () => {
        const start = at(freshDay(), '11:00');
        expectProblem(await api.book(joost.accessToken, klussen.id, start), 422, 'outside_service_area', ['offerId']);
        expectProblem(await api.book(coordinator, klussen.id, start, { consumerMemberId: joost.id }), 422, 'outside_service_area');
      });

      it('refuses a start that is not one of the offer’s slots', async () => {
        const day = freshDay();
        expectProblem(await api.book(gerrit.accessToken, klussen.id, at(day, '09:30')), 409, 'outside_availability', ['start']);
        expectProblem(await api.book(gerrit.accessToken, klussen.id, at(day, '17:00')), 409, 'outside_availability', ['start']);
        expectProblem(await api.book(gerrit.accessToken, klussen.id, at(day, '07:00')), 409, 'outside_availability', ['start']);
      });

      it('refuses a start in the past', async () => {
        expectProblem(await api.book(gerrit.accessToken, klussen.id, at(addDays(today(), -1), '10:00')), 422, 'in_the_past', ['start']);
        clock.setTo(at(addDays(today(), 0), '10:30'));
        expectProblem(await api.book(gerrit.accessToken, klussen.id, at(today(), '10:00')), 422, 'in_the_past', ['start']);
      });

      // Without an offset the server would read the time in its own zone (UTC), so "09:00" would book the 10:00 Dutch slot.
      it('refuses a start without a UTC offset rather than reading it in the server’s time zone', async () => {
        const response = await post(`${api.base}/bookings`, gerrit.accessToken, { offerId: klussen.id, start: `${freshDay()}T09:00:00` });
        expectProblem(response, 400, 'validation_failed', ['start']);
      });

      it('refuses invalid input, naming the fields, and an unknown offer', async () => {
        const invalid = await post(`${api.base}/bookings`, gerrit.accessToken, { offerId: 'klussen', start: 'morgen om tien' });
        expect(invalid.status).toBe(400);
        expect(fieldsOf(invalid.body)).toEqual(['offerId', 'start']);
        expectProblem(await api.book(gerrit.accessToken, '0b7c3c62-54e4-4c1e-8d0f-5e0e6f8e2b11', at(freshDay(), '10:00')), 404, 'offer_not_found', ['offerId']);
      });

      it('refuses more bookings than the provider takes on one day, and counts a cancelled one out', async () => {
        const day = freshDay();
        await api.booked(gerrit.accessToken, tuin.id, at(day, '08:00'));
        const second = await api.booked(fatima.accessToken, tuin.id, at(day, '10:00'));
        expectProblem(await api.book(anouk.accessToken, tuin.id, at(day, '12:00')), 409, 'day_full', ['start']);
        await api.done(second.id, 'cancel', fatima.accessToken);
        expect((await api.booked(anouk.accessToken, tuin.id, at(day, '12:00'))).localStart).toBe(`${day} 12:00`);
      });

      it('refuses a second booking of a taken slot, and a resident double-booking themselves', async () => {
        const day = freshDay();
        await api.booked(gerrit.accessToken, klussen.id, at(day, '15:00'));
        expectProblem(await api.book(fatima.accessToken, klussen.id, at(day, '15:00')), 409, 'provider_busy', ['start']);
        // Tuin lasts two hours: Sanne's 14:00–16:00 overlaps her own 15:00 klus.
        expectProblem(await api.book(fatima.accessToken, tuin.id, at(day, '14:00')), 409, 'provider_busy');
        // Gerrit cannot be at Wilma's and at Sanne's at the same time.
        await api.booked(gerrit.accessToken, wilmaOffer.id, at(day, '10:00'));
        expectProblem(await api.book(gerrit.accessToken, klussen.id, at(day, '10:00')), 409, 'consumer_busy', ['start']);
        expect((await api.booked(fatima.accessToken, klussen.id, at(day, '10:00'))).status).toBe('requested');
      });
    });

    describe('visibility', () => {
      let booking: BookingBody;
      let other: TestCooperative;
      let eva: Enrolled;
      beforeAll(async () => {
        booking = await api.booked(gerrit.accessToken, klussen.id, at(freshDay(), '16:00'));
        other = await createTestCooperative(sut, 'colmschate');
        eva = await enrolMember(sut, other, { type: 'resident', role: 'consumer', firstName: 'Eva', lastName: 'Smit', email: 'eva.smit@colmschate.example', ...deventer('Holterweg', '12', '7429 AB') });
      });

      it('hides a booking from a member who is neither side, for reading and for every action', async () => {
        expectProblem(await get(`${api.base}/bookings/${booking.id}`, fatima.accessToken), 404, 'booking_not_found');
        for (const [action, body] of [
          ['confirm', {}],
          ['decline', {}],
          ['cancel', {}],
          ['no-show', {}],
          ['deliver', { actualMinutes: 60 }],
          ['complete', {}],
          ['dispute', { reason: 'Ik was er niet bij' }],
        ] as const) {
          const response = await api.act(booking.id, action, fatima.accessToken, body);
          expect({ action, status: response.status, code: response.body.code }).toEqual({ action, status: 404, code: 'booking_not_found' });
        }
        const mine = (await get(`${api.base}/bookings/mine`, fatima.accessToken).expect(200)).body as BookingBody[];
        expect(mine.map((b) => b.id)).not.toContain(booking.id);
        expect(((await get(`${api.base}/bookings/mine`, sanne.accessToken).expect(200)).body as BookingBody[]).map((b) => b.id)).toContain(booking.id);
        expect(await api.status(booking.id, gerrit.accessToken)).toBe('requested');
      });

      it('answers a member of another cooperative with 404, through either cooperative', async () => {
        expect((await get(`${api.base}/bookings/${booking.id}`, eva.accessToken)).status).toBe(404);
        expect((await api.act(booking.id, 'cancel', eva.accessToken)).status).toBe(404);
        const otherBase = `/api/v1/cooperatives/${other.cooperativeId}`;
        expectProblem(await get(`${otherBase}/bookings/${booking.id}`, eva.accessToken), 404, 'booking_not_found');
        expectProblem(await post(`${otherBase}/bookings/${booking.id}/cancel`, eva.accessToken), 404, 'booking_not_found');
        expectProblem(await post(`${otherBase}/bookings/${booking.id}/confirm`, await other.token('coordinator')), 404, 'booking_not_found');
        expect(await api.status(booking.id, gerrit.accessToken)).toBe('requested');
      });
    });

    describe('daylight saving time', () => {
      let offerId: string;
      beforeAll(() => {
        offerId = wilmaOffer.id;
      });

      const search = async (from: string, to: string): Promise<SlotBody[]> => {
        const response = await get(`${api.base}/offers/search`, gerrit.accessToken, { categoryId: (await api.category(gerrit.accessToken, 'klussen')).id, postcode: '7412 BP', from, to });
        expect(response.status).toBe(200);
        return (response.body as Array<{ offerId: string; slots: SlotBody[] }>).find((r) => r.offerId === offerId)?.slots ?? [];
      };
      /** Three slots a day at 09:00, 10:00 and 11:00 local, whose first starts at `utcHour` UTC. */
      const expected = (days: Array<[string, number]>) =>
        days.flatMap(([day, utcHour]) =>
          [0, 1, 2].map((i) => ({
            start: `${day}T${String(utcHour + i).padStart(2, '0')}:00:00.000Z`,
            end: `${day}T${String(utcHour + i + 1).padStart(2, '0')}:00:00.000Z`,
            localStart: `${day} ${String(9 + i).padStart(2, '0')}:00`,
          })),
        );

      it('keeps slots at 09:00–12:00 local time across the start of summer time (Sunday 28 March 2027)', async () => {
        clock.setTo(new Date('2027-03-01T12:00:00Z'));
        const slots = await search('2027-03-25T00:00:00+01:00', '2027-04-01T00:00:00+02:00');
        expect(slots).toEqual(
          expected([
            ['2027-03-25', 8],
            ['2027-03-26', 8],
            ['2027-03-27', 8],
            ['2027-03-28', 7],
            ['2027-03-29', 7],
            ['2027-03-30', 7],
            ['2027-03-31', 7],
          ]),
        );

        expectProblem(await api.book(gerrit.accessToken, offerId, '2027-03-29T06:00:00.000Z'), 409, 'outside_availability');
        const booking = await api.booked(gerrit.accessToken, offerId, new Date('2027-03-29T09:00:00+02:00'));
        expect(booking).toMatchObject({ start: '2027-03-29T07:00:00.000Z', end: '2027-03-29T08:00:00.000Z', localStart: '2027-03-29 09:00' });
        expect((await api.booked(fatima.accessToken, offerId, new Date('2027-03-28T09:00:00+02:00'))).localStart).toBe('2027-03-28 09:00');
        const after = await search('2027-03-29T00:00:00+02:00', '2027-03-30T00:00:00+02:00');
        expect(after.map((s) => s.localStart)).toEqual(['2027-03-29 10:00', '2027-03-29 11:00']);
      });

      it('accepts exactly the slots a search returns in the night the clocks go forward, where 02:00 does not exist', async () => {
        clock.setTo(new Date('2027-03-01T12:00:00Z'));
        const klussen = await api.category(wilma.accessToken, 'klussen');
        const night = await api.offer(wilma.accessToken, klussen.id, { rateCents: 1500, startTime: '01:00', endTime: '04:00', maxBookingsPerDay: 6, description: 'Nachtelijke noodklus: lekkage of een kapotte cv.' });
        const response = await get(`${api.base}/offers/search`, gerrit.accessToken, { categoryId: klussen.id, postcode: '7412 BP', from: '2027-03-28T00:00:00+01:00', to: '2027-03-28T06:00:00+02:00' });
        const slots = (response.body as Array<{ offerId: string; slots: SlotBody[] }>).find((r) => r.offerId === night.id)?.slots ?? [];
        // 01:00 is 00:00 UTC; the hour from 02:00 is skipped, so 02:00 and 03:00 (summer time) are one and the same instant.
        expect(slots.map((s) => s.start)).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z']);
        expectProblem(await api.book(gerrit.accessToken, night.id, '2027-03-28T00:30:00.000Z'), 409, 'outside_availability', ['start']);
        expectProblem(await api.book(gerrit.accessToken, night.id, '2027-03-28T02:00:00.000Z'), 409, 'outside_availability', ['start']);
        expect((await api.booked(gerrit.accessToken, night.id, new Date(slots[0].start))).localStart).toBe('2027-03-28 01:00');
        expect((await api.booked(fatima.accessToken, night.id, new Date(slots[1].start))).localStart).toBe('2027-03-28 03:00');
      });

      it('keeps slots at 09:00–12:00 local time across the end of summer time (Sunday 31 October 2027)', async () => {
        clock.setTo(new Date('2027-10-01T12:00:00Z'));
        const slots = await search('2027-10-29T00:00:00+02:00', '2027-11-03T00:00:00+01:00');
        expect(slots).toEqual(
          expected([
            ['2027-10-29', 7],
            ['2027-10-30', 7],
            ['2027-10-31', 8],
            ['2027-11-01', 8],
            ['2027-11-02', 8],
          ]),
        );

        const booking = await api.booked(gerrit.accessToken, offerId, new Date('2027-11-01T09:00:00+01:00'));
        expect(booking).toMatchObject({ start: '2027-11-01T08:00:00.000Z', end: '2027-11-01T09:00:00.000Z', localStart: '2027-11-01 09:00' });
        expect((await api.booked(fatima.accessToken, offerId, new Date('2027-10-31T09:00:00+01:00'))).localStart).toBe('2027-10-31 09:00');
      });
    });
  });

  // ---------------------------------------------------------------------------------------------
  // Zandweerd: housekeeping counts are per cooperative, so these get one of their own.
  // ---------------------------------------------------------------------------------------------
  describe('expiry and auto-completion', () => {
    let api: ReturnType<typeof cooperativeApi>;
    let henk: Enrolled;
    let ria: Enrolled;
    let bram: Enrolled;
    let offerId: string;

    beforeAll(async () => {
      const coop = await createTestCooperative(sut, 'zandweerd');
      api = cooperativeApi(coop);
      henk = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Henk', lastName: 'ter Horst', email: 'henk.terhorst@zandweerd.example', ...deventer('Zandweerdboulevard', '30', '7415 AA') });
      ria = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Ria', lastName: 'Wessels', email: 'ria.wessels@zandweerd.example', ...deventer('Bokkingshang', '4', '7411 GS') });
      bram = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Bram', lastName: 'Nijhuis', email: 'bram.nijhuis@zandweerd.example', ...deventer('Diepenveenseweg', '112', '7413 AV') });
      const category = await api.category(henk.accessToken, 'klussen');
      offerId = (await api.offer(henk.accessToken, category.id, { description: 'Klussen in en om het huis, gereedschap neem ik mee.', rateCents: 1000, startTime: '09:00', endTime: '17:00', maxBookingsPerDay: 6 })).id;
    });

    it('expires a request unanswered for more than 48 hours, and frees its slot', async () => {
      const start = at(addDays(today(), 5), '10:00');
      const request48 = await api.booked(ria.accessToken, offerId, start);

      clock.advance(47 * HOUR);
      expect(await api.housekeeping()).toEqual({ expired: 0, completed: 0 });
      expect(await api.status(request48.id, ria.accessToken)).toBe('requested');
      expectProblem(await api.book(bram.accessToken, offerId, start), 409, 'provider_busy');

      clock.advance(2 * HOUR);
      expect(await api.housekeeping()).toEqual({ expired: 1, completed: 0 });
      expect(await api.status(request48.id, ria.accessToken)).toBe('expired');
      expectProblem(await api.act(request48.id, 'confirm', henk.accessToken), 409, 'booking_status_change_not_allowed');
      expectProblem(await api.act(request48.id, 'cancel', ria.accessToken), 409, 'booking_status_change_not_allowed');
      expect(await api.events(request48.id)).toEqual([]);

      const search = await get(`${api.base}/offers/search`, bram.accessToken, {
        categoryId: (await api.category(bram.accessToken, 'klussen')).id,
        from: at(addDays(today(), 0), '00:00').toISOString(),
        to: new Date(start.getTime() + DAY).toISOString(),
      }).expect(200);
      expect((search.body as Array<{ slots: SlotBody[] }>)[0].slots.map((s) => s.start)).toContain(start.toISOString());
      const rebooked = await api.booked(bram.accessToken, offerId, start);
      expect(rebooked.start).toBe(start.toISOString());
      await api.done(rebooked.id, 'confirm', henk.accessToken);
      expect(await api.housekeeping()).toEqual({ expired: 0, completed: 0 });
    });

    it('completes delivered work the resident left unconfirmed for more than 7 days, with its event; disputed work stays', async () => {
      const day = addDays(today(), 3);
      const quiet = await api.booked(ria.accessToken, offerId, at(day, '10:00'));
      const contested = await api.booked(bram.accessToken, offerId, at(day, '13:00'));
      await api.done(quiet.id, 'confirm', henk.accessToken);
      await api.done(contested.id, 'confirm', henk.accessToken);
      clock.setTo(at(day, '15:00'));
      await api.done(quiet.id, 'deliver', henk.accessToken, { actualMinutes: 90, materialCents: 425 });
      await api.done(contested.id, 'deliver', henk.accessToken, { actualMinutes: 60 });
      await api.done(contested.id, 'dispute', bram.accessToken, { reason: 'De klus is niet afgemaakt.' });

      clock.advance(6 * DAY + 23 * HOUR);
      expect(await api.housekeeping()).toEqual({ expired: 0, completed: 0 });
      expect(await api.status(quiet.id, ria.accessToken)).toBe('delivered');

      clock.advance(2 * HOUR);
      expect(await api.housekeeping()).toEqual({ expired: 0, completed: 1 });
      expect(await api.status(quiet.id, ria.accessToken)).toBe('completed');
      expect(await api.status(contested.id, bram.accessToken)).toBe('disputed');
      // 1000 cents an hour × 90 minutes = 1500, plus 425 materials.
      expect(await api.events(quiet.id)).toEqual([
        { kind: 'booking.completed', amount: 1925, consumer_member_id: ria.id, provider_member_id: henk.id, details: expect.objectContaining({ baseCents: 1500, materialCents: 425, how: 'completed automatically' }) },
      ]);
      expect(await api.events(contested.id)).toEqual([]);

      expect(await api.housekeeping()).toEqual({ expired: 0, completed: 0 });
      expect(await api.events(quiet.id)).toHaveLength(1);
      expectProblem(await api.act(quiet.id, 'complete', ria.accessToken), 409, 'booking_status_change_not_allowed');
    });
  });

  // ---------------------------------------------------------------------------------------------
  // Keizerslanden: fifty residents racing for slots; a coordinator books for each of them.
  // ---------------------------------------------------------------------------------------------
  describe('no double booking under parallel requests', () => {
    const RESIDENTS = 50;
    let api: ReturnType<typeof cooperativeApi>;
    let ahmet: Enrolled;
    let coordinator: string;
    let offerId: string;
    let residents: string[];

    beforeAll(async () => {
      const coop = await createTestCooperative(sut, 'keizerslanden');
      api = cooperativeApi(coop);
      coordinator = await coop.token('coordinator');
      ahmet = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Ahmet', lastName: 'Yılmaz', email: 'ahmet.yilmaz@keizerslanden.example', ...deventer('Rijnstraat', '19', '7417 XB') });
      const category = await api.category(ahmet.accessToken, 'klussen');
      offerId = (await api.offer(ahmet.accessToken, category.id, { description: 'Van vroeg tot laat: klussen, ook in de avond.', rateCents: 1000, startTime: '07:00', endTime: '23:00', maxBookingsPerDay: 24 })).id;

      const types = (await get(`${api.base}/membership-types`, await coop.token('board')).expect(200)).body as Array<{ id: string; code: string }>;
      const resident = types.find((t) => t.code === 'resident')!;
      const cooperativeId = asCooperativeId(coop.cooperativeId);
      const enrolment = sut.app.get(MemberEnrolmentService);
      const streets = ['Vechtstraat', 'Amstelstraat', 'Maasstraat', 'Lekstraat', 'Dinkelstraat'];
      residents = await uow.run({ cooperativeId }, async () => {
        const ids: string[] = [];
        for (let i = 0; i < RESIDENTS; i++) {
          const member = await enrolment.enrol(
            cooperativeId,
            {
              membershipTypeId: resident.id,
              role: 'consumer',
              firstName: `Bewoner${i + 1}`,
              lastName: 'Keizerslanden',
              organisationName: null,
              email: null,
              phone: null,
              street: streets[i % streets.length],
              houseNumber: String(i + 1),
              postcode: `741${6 + (i % 2)}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}`,
              city: 'Deventer',
              dateOfBirth: null,
              language: 'nl',
              householdPersons: [],
              invite: false,
            },
            null,
          );
          ids.push(member.id);
        }
        return ids;
      });
    });

    const bookFor = (memberId: string, start: Date) => api.book(coordinator, offerId, start, { consumerMemberId: memberId });

    it(`gives one slot to exactly one of ${RESIDENTS} parallel requests`, async () => {
      const start = at(addDays(today(), 4), '10:00');
      const responses = await Promise.all(residents.map((id) => bookFor(id, start)));
      expect(countStatuses(responses)).toEqual({ 201: 1, 409: RESIDENTS - 1 });
      expect([...new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))]).toEqual(['provider_busy']);
      const winner = responses.find((r) => r.status === 201)!.body as BookingBody;
      expect(residents).toContain(winner.consumerMemberId);
      expect(await api.liveBookingsAt(offerId, start)).toBe(1);
    });

    it(`books ${RESIDENTS} different slots for ${RESIDENTS} parallel requests`, async () => {
      const slots: Date[] = [];
      for (let d = 6; slots.length < RESIDENTS; d++) {
        for (let hour = 7; hour < 23 && slots.length < RESIDENTS; hour++) slots.push(at(addDays(today(), d), `${String(hour).padStart(2, '0')}:00`));
      }
      const responses = await Promise.all(residents.map((id, i) => bookFor(id, slots[i])));
      expect(countStatuses(responses)).toEqual({ 201: RESIDENTS });
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(RESIDENTS);
      for (let i = 0; i < RESIDENTS; i++) expect({ i, consumer: responses[i].body.consumerMemberId, start: responses[i].body.start }).toEqual({ i, consumer: residents[i], start: slots[i].toISOString() });
      const live = await Promise.all(slots.map((s) => api.liveBookingsAt(offerId, s)));
      expect(live.every((n) => n === 1)).toBe(true);
    });

    it('fills the last places of a day exactly once when requests for different slots race', async () => {
      await request(sut.url).patch(`${api.base}/offers/${offerId}`).set(bearer(ahmet.accessToken)).send({ maxBookingsPerDay: 5 }).expect(200);
      const day = addDays(today(), 12);
      const slots = Array.from({ length: 16 }, (_, i) => at(day, `${String(7 + i).padStart(2, '0')}:00`));
      const responses = await Promise.all(slots.map((s, i) => bookFor(residents[i], s)));
      expect(countStatuses(responses)).toEqual({ 201: 5, 409: 11 });
      expect([...new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))]).toEqual(['day_full']);
      const live = await Promise.all(slots.map((s) => api.liveBookingsAt(offerId, s)));
      expect(live.reduce((a, b) => a + b, 0)).toBe(5);
    });
  });
});
