import request from 'supertest';
import { Clock } from '@buurtcoop/core';
import { Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';

const deventer = (street: string, houseNumber: string, postcode: string) => ({ street, houseNumber, postcode, city: 'Deventer' });

/** Help requests and matching, weekly series across a DST change, reviews, and the hours account. */
describe('Service exchange: matching, series, reviews and hours', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let base: string;
  let provider: Enrolled;
  let resident: Enrolled;
  let other: Enrolled;
  let coordinator: { authorization: string };
  let categories: Record<string, { id: string; defaultDurationMinutes: number }>;
  let offerId: string;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'match');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    coordinator = bearer(await coop.token('coordinator'));
    provider = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName: 'Fatima', lastName: 'El Amrani', email: 'fatima@match.example', ...deventer('Pothoofd', '88', '7411 ES') });
    resident = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Wilhelmina', lastName: 'ter Horst', email: 'mien@match.example', ...deventer('Vermeerstraat', '2', '7412 BW') });
    other = await enrolMember(sut, coop, { type: 'resident', role: 'consumer', firstName: 'Kees', lastName: 'Hofman', email: 'kees@match.example', ...deventer('Ceintuurbaan', '110', '7413 EN') });
    const list = (await request(sut.url).get(`${base}/service-categories`).set(bearer(provider.accessToken)).expect(200)).body;
    categories = Object.fromEntries(list.map((c: { code: string; id: string; defaultDurationMinutes: number }) => [c.code, c]));
    // Homework help needs a VOG: register it and have a coordinator verify the original.
    const vog = await request(sut.url).post(`${base}/credentials`).set(bearer(provider.accessToken)).send({ kind: 'vog', issuedOn: '2026-01-05', expiresOn: '2029-01-05' }).expect(201);
    await request(sut.url).post(`${base}/credentials/${vog.body.id}/verify`).set(coordinator).expect(200);
    const offer = await request(sut.url)
      .post(`${base}/offers`)
      .set(bearer(provider.accessToken))
      .send({
        categoryId: categories.huiswerkbegeleiding.id,
        description: 'Huiswerkbegeleiding wiskunde en Engels voor de onderbouw.',
        serviceArea: [{ from: '7411', to: '7415' }],
        rateCents: 500,
        maxBookingsPerDay: 2,
        windows: [{ weekday: 2, startTime: '16:00', endTime: '18:00' }],
      })
      .expect(201);
    offerId = offer.body.id;
  });
  afterAll(() => sut.close());

  /** The next Tuesday 16:00 in Dutch time, at least `weeksAhead` weeks from now, from the offer's own search. */
  async function tuesdaySlot(weeksAhead = 1): Promise<string> {
    const from = new Date(Date.now() + weeksAhead * 7 * 86_400_000);
    const to = new Date(from.getTime() + 8 * 86_400_000);
    const search = await request(sut.url)
      .get(`${base}/offers/search`)
      .query({ categoryId: categories.huiswerkbegeleiding.id, postcode: '7412 BW', from: from.toISOString(), to: to.toISOString() })
      .set(bearer(resident.accessToken))
      .expect(200);
    return search.body[0].slots[0].start as string;
  }

  describe('help requests', () => {
    it('a coordinator writes down a need for a resident without internet, proposes a provider, and both accepting books it', async () => {
      const created = await request(sut.url)
        .post(`${base}/help-requests`)
        .set(coordinator)
        .send({ categoryId: categories.huiswerkbegeleiding.id, consumerMemberId: resident.id, description: 'Kleinzoon Daan (13) zoekt hulp bij wiskunde, op dinsdagmiddag.' })
        .expect(201);
      expect(created.body).toMatchObject({ status: 'open', consumerMemberId: resident.id });
      // A plain member cannot write a request for someone else, nor propose.
      await request(sut.url).post(`${base}/help-requests`).set(bearer(other.accessToken)).send({ categoryId: categories.tuin.id, consumerMemberId: resident.id, description: 'Mijn buurvrouw heeft hulp nodig.' }).expect(403);
      const start = await tuesdaySlot();
      await request(sut.url).post(`${base}/help-requests/${created.body.id}/propose`).set(bearer(other.accessToken)).send({ offerId, start }).expect(403);

      const proposed = await request(sut.url).post(`${base}/help-requests/${created.body.id}/propose`).set(coordinator).send({ offerId, start }).expect(200);
      expect(proposed.body).toMatchObject({ status: 'proposed', proposedOfferId: offerId, proposedStart: new Date(start).toISOString() });
      // The provider sees the proposal; an unrelated member does not.
      const forProvider = (await request(sut.url).get(`${base}/help-requests`).set(bearer(provider.accessToken)).expect(200)).body;
      expect(forProvider.map((r: { id: string }) => r.id)).toContain(created.body.id);
      await request(sut.url).get(`${base}/help-requests/${created.body.id}`).set(bearer(other.accessToken)).expect(404);

      const oneSide = await request(sut.url).post(`${base}/help-requests/${created.body.id}/accept`).set(bearer(provider.accessToken)).expect(200);
      expect(oneSide.body).toMatchObject({ status: 'proposed', providerAccepted: true, consumerAccepted: false, bookingId: null });
      // The resident has no internet: the coordinator accepts on her behalf.
      const both = await request(sut.url).post(`${base}/help-requests/${created.body.id}/accept`).set(coordinator).expect(200);
      expect(both.body).toMatchObject({ status: 'booked', bookingId: expect.any(String) });
      const booking = await request(sut.url).get(`${base}/bookings/${both.body.bookingId}`).set(bearer(provider.accessToken)).expect(200);
      expect(booking.body).toMatchObject({ status: 'confirmed', consumerMemberId: resident.id, start: new Date(start).toISOString() });
    });

    it('declining a proposal opens the request again; a withdrawn request takes no proposal', async () => {
      const created = await request(sut.url).post(`${base}/help-requests`).set(bearer(other.accessToken)).send({ categoryId: categories.huiswerkbegeleiding.id, description: 'Hulp bij Engels voor mijn dochter.' }).expect(201);
      await request(sut.url).post(`${base}/help-requests/${created.body.id}/propose`).set(coordinator).send({ offerId, start: await tuesdaySlot(3) }).expect(200);
      const declined = await request(sut.url).post(`${base}/help-requests/${created.body.id}/decline`).set(bearer(other.accessToken)).expect(200);
      expect(declined.body).toMatchObject({ status: 'open', proposedOfferId: null });
      await request(sut.url).post(`${base}/help-requests/${created.body.id}/withdraw`).set(bearer(other.accessToken)).expect(200);
      const late = await request(sut.url).post(`${base}/help-requests/${created.body.id}/propose`).set(coordinator).send({ offerId, start: await tuesdaySlot(3) }).expect(409);
      expect(late.body.code).toBe('booking_status_change_not_allowed');
    });

    it('refuses a proposal of an offer in another category, and bad input', async () => {
      const created = await request(sut.url).post(`${base}/help-requests`).set(bearer(other.accessToken)).send({ categoryId: categories.tuin.id, description: 'De heg moet gesnoeid worden.' }).expect(201);
      const wrong = await request(sut.url).post(`${base}/help-requests/${created.body.id}/propose`).set(coordinator).send({ offerId, start: await tuesdaySlot() }).expect(404);
      expect(wrong.body.errors).toEqual([{ field: 'offerId', messages: [expect.any(String)] }]);
      const bad = await request(sut.url).post(`${base}/help-requests`).set(bearer(other.accessToken)).send({ categoryId: 'tuin', description: 'kort' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['categoryId', 'description']);
    });
  });

  describe('weekly series', () => {
    it('books the same local time every week across the DST change, and reports the dates that clash', async () => {
      // Tuesday 20 October 2026 16:00 CEST; the clocks go back on Sunday 25 October.
      const clock = sut.app.get(Clock);
      clock.setTo(new Date('2026-10-01T08:00:00Z'));
      try {
        // Someone already booked the third Tuesday (3 November), and the provider is away on 17 November.
        await request(sut.url).post(`${base}/offers/${offerId}/exceptions`).set(bearer(provider.accessToken)).send({ fromDate: '2026-11-17', toDate: '2026-11-17', reason: 'ziek' }).expect(201);
        await request(sut.url).post(`${base}/bookings`).set(bearer(other.accessToken)).send({ offerId, start: '2026-11-03T16:00:00+01:00' }).expect(201);
        const series = await request(sut.url).post(`${base}/bookings/series`).set(bearer(resident.accessToken)).send({ offerId, start: '2026-10-20T16:00:00+02:00', weeks: 5 }).expect(201);
        expect(series.body.booked.map((b: { localStart: string }) => b.localStart)).toEqual(['2026-10-20 16:00', '2026-10-27 16:00', '2026-11-10 16:00']);
        // 16:00 local is 14:00 UTC in summer time and 15:00 UTC after the change.
        expect(series.body.booked.map((b: { start: string }) => b.start)).toEqual(['2026-10-20T14:00:00.000Z', '2026-10-27T15:00:00.000Z', '2026-11-10T15:00:00.000Z']);
        expect(series.body.conflicts).toEqual([
          { start: '2026-11-03T15:00:00.000Z', localStart: '2026-11-03 16:00', code: 'provider_busy', reason: expect.any(String) },
          { start: '2026-11-17T15:00:00.000Z', localStart: '2026-11-17 16:00', code: 'outside_availability', reason: expect.any(String) },
        ]);
        expect(new Set(series.body.booked.map(() => series.body.seriesId)).size).toBe(1);
      } finally {
        clock.setTo(new Date());
      }
    });

    it('asks for 2 to 52 weeks', async () => {
      const response = await request(sut.url).post(`${base}/bookings/series`).set(bearer(resident.accessToken)).send({ offerId, start: await tuesdaySlot(), weeks: 1 }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['weeks']);
    });
  });

  describe('reviews and hours', () => {
    let bookingId: string;

    beforeAll(async () => {
      const start = await tuesdaySlot(6);
      const booking = await request(sut.url).post(`${base}/bookings`).set(bearer(other.accessToken)).send({ offerId, start }).expect(201);
      bookingId = booking.body.id;
      await request(sut.url).post(`${base}/bookings/${bookingId}/confirm`).set(bearer(provider.accessToken)).expect(200);
      const clock = sut.app.get(Clock);
      clock.setTo(new Date(new Date(start).getTime() + 2 * 3_600_000));
      await request(sut.url).post(`${base}/bookings/${bookingId}/deliver`).set(bearer(provider.accessToken)).send({ actualMinutes: 75 }).expect(200);
      await request(sut.url).post(`${base}/bookings/${bookingId}/complete`).set(bearer(other.accessToken)).expect(200);
    });
    afterAll(() => sut.app.get(Clock).setTo(new Date()));

    it('shows a review to the other side only once both reviewed', async () => {
      await request(sut.url).post(`${base}/bookings/${bookingId}/reviews`).set(bearer(other.accessToken)).send({ rating: 6 }).expect(400);
      await request(sut.url).post(`${base}/bookings/${bookingId}/reviews`).set(bearer(other.accessToken)).send({ rating: 5, comment: 'Fatima legt het heel geduldig uit.' }).expect(201);
      await request(sut.url).post(`${base}/bookings/${bookingId}/reviews`).set(bearer(other.accessToken)).send({ rating: 4 }).expect(409);
      expect((await request(sut.url).get(`${base}/bookings/${bookingId}/reviews`).set(bearer(provider.accessToken)).expect(200)).body).toEqual([]);
      await request(sut.url).post(`${base}/bookings/${bookingId}/reviews`).set(bearer(provider.accessToken)).send({ rating: 5 }).expect(201);
      const both = (await request(sut.url).get(`${base}/bookings/${bookingId}/reviews`).set(bearer(provider.accessToken)).expect(200)).body;
      expect(both.map((r: { authorSide: string; rating: number }) => [r.authorSide, r.rating])).toEqual([
        ['consumer', 5],
        ['provider', 5],
      ]);
      await request(sut.url).get(`${base}/bookings/${bookingId}/reviews`).set(bearer(resident.accessToken)).expect(404);
    });

    it('counts the completed booking in the time account of both sides', async () => {
      const given = (await request(sut.url).get(`${base}/hours/mine`).set(bearer(provider.accessToken)).expect(200)).body;
      expect(given).toEqual([expect.objectContaining({ categoryId: categories.huiswerkbegeleiding.id, minutesGiven: 75, minutesReceived: 0, bookings: 1 })]);
      const received = (await request(sut.url).get(`${base}/hours/mine`).set(bearer(other.accessToken)).expect(200)).body;
      expect(received).toEqual([expect.objectContaining({ minutesGiven: 0, minutesReceived: 75 })]);
      const all = (await request(sut.url).get(`${base}/hours`).set(coordinator).expect(200)).body;
      expect(all).toHaveLength(2);
      await request(sut.url).get(`${base}/hours`).set(bearer(other.accessToken)).expect(403);
    });
  });

  describe('disputes', () => {
    afterEach(() => sut.app.get(Clock).setTo(new Date()));

    async function deliveredBooking(weeksAhead: number, minutes: number): Promise<string> {
      const start = await tuesdaySlot(weeksAhead);
      const booking = await request(sut.url).post(`${base}/bookings`).set(bearer(other.accessToken)).send({ offerId, start }).expect(201);
      await request(sut.url).post(`${base}/bookings/${booking.body.id}/confirm`).set(bearer(provider.accessToken)).expect(200);
      sut.app.get(Clock).setTo(new Date(new Date(start).getTime() + 3 * 3_600_000));
      await request(sut.url).post(`${base}/bookings/${booking.body.id}/deliver`).set(bearer(provider.accessToken)).send({ actualMinutes: minutes }).expect(200);
      await request(sut.url).post(`${base}/bookings/${booking.body.id}/dispute`).set(bearer(other.accessToken)).send({ reason: 'Er is maar een uur gewerkt, geen twee.' }).expect(200);
      return booking.body.id;
    }

    it('go to the coordinators, who settle them with corrected minutes: the booking completes and finance is told the corrected amount', async () => {
      const id = await deliveredBooking(8, 120);
      const disputed = (await request(sut.url).get(`${base}/bookings?status=disputed`).set(coordinator).expect(200)).body;
      expect(disputed.map((b: { id: string }) => b.id)).toContain(id);
      await request(sut.url).get(`${base}/bookings?status=disputed`).set(bearer(other.accessToken)).expect(403);
      await request(sut.url).post(`${base}/bookings/${id}/resolve`).set(bearer(provider.accessToken)).send({ outcome: 'complete', note: 'eens' }).expect(403);
      await request(sut.url).post(`${base}/bookings/${id}/resolve`).set(coordinator).send({ outcome: 'maybe', note: 'x' }).expect(400);
      const resolved = await request(sut.url).post(`${base}/bookings/${id}/resolve`).set(coordinator).send({ outcome: 'complete', actualMinutes: 60, note: 'Met beiden gebeld: een uur.' }).expect(200);
      expect(resolved.body).toMatchObject({ status: 'completed', actualMinutes: 60 });
      const [event] = await sut.database.dataSource.query(`SELECT kind, amount_cents FROM exchange_events WHERE booking_id = $1`, [id]);
      // Homework help at 500 cents an hour, one hour.
      expect(event).toEqual({ kind: 'booking.completed', amount_cents: '500' });
      await request(sut.url).post(`${base}/bookings/${id}/resolve`).set(coordinator).send({ outcome: 'cancel', note: 'nogmaals' }).expect(409);
    });

    it('can also be settled by cancelling: nothing is owed', async () => {
      const id = await deliveredBooking(9, 90);
      const resolved = await request(sut.url).post(`${base}/bookings/${id}/resolve`).set(coordinator).send({ outcome: 'cancel', note: 'Niet doorgegaan.' }).expect(200);
      expect(resolved.body.status).toBe('cancelled');
      expect(await sut.database.dataSource.query(`SELECT 1 FROM exchange_events WHERE booking_id = $1`, [id])).toEqual([]);
    });
  });

  describe('search across providers', () => {
    it('lists every provider in good standing, and stops listing one the board suspends', async () => {
      const gardeners: Enrolled[] = [];
      for (const [firstName, email, houseNumber] of [['Daan', 'daan@match.example', '15'], ['Priya', 'priya@match.example', '5']]) {
        const gardener = await enrolMember(sut, coop, { type: 'provider', role: 'provider', firstName, lastName: 'Tuinman', email, ...deventer('Worp', houseNumber, '7419 AD') });
        await request(sut.url)
          .post(`${base}/offers`)
          .set(bearer(gardener.accessToken))
          .send({ categoryId: categories.tuin.id, description: 'Heg snoeien en gras maaien.', serviceArea: [{ from: '7411', to: '7419' }], rateCents: 800, maxBookingsPerDay: 2, windows: [{ weekday: 3, startTime: '13:00', endTime: '17:00' }] })
          .expect(201);
        gardeners.push(gardener);
      }
      const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
      const to = new Date(Date.now() + 16 * 86_400_000).toISOString();
      const providers = async () =>
        ((await request(sut.url).get(`${base}/offers/search`).query({ categoryId: categories.tuin.id, postcode: '7412 BW', from, to }).set(bearer(resident.accessToken)).expect(200)).body as Array<{ providerName: string }>)
          .map((r) => r.providerName)
          .sort();
      expect(await providers()).toEqual(['Daan Tuinman', 'Priya Tuinman']);
      const board = bearer(await coop.token('board'));
      await request(sut.url).post(`${base}/members/${gardeners[0].id}/status`).set(board).send({ action: 'suspend', reason: 'Klachten in behandeling' }).expect(200);
      expect(await providers()).toEqual(['Priya Tuinman']);
      await request(sut.url).post(`${base}/members/${gardeners[0].id}/status`).set(board).send({ action: 'reinstate', reason: 'Afgehandeld' }).expect(200);
      expect(await providers()).toEqual(['Daan Tuinman', 'Priya Tuinman']);
    });
  });
});
