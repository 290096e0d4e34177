import * as fc from 'fast-check';
import request from 'supertest';
import { Clock } from '@buurtcoop/core';
import { Applicant, Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';

// The exchange's side of offering a service: the catalogue, a provider's VOG, offers with their weekly
// windows and days away, and the slot search residents book from. Dates are in 2027 and "now" is pinned
// with the app's Clock, so the calendar below is the same on every run.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Monday 1 March 2027, 08:30 in Deventer. */
const NOW = new Date('2027-03-01T08:30:00+01:00');

type Auth = { authorization: string };

interface Category {
  id: string;
  code: string;
  name: string;
  requiresVog: boolean;
  defaultDurationMinutes: number;
  pricing: 'hourly' | 'fixed' | 'free';
  minRateCents: number;
  maxRateCents: number;
  contributionApplies: boolean;
  reducedContributionCents: number | null;
  active: boolean;
}

interface Window {
  weekday: number;
  startTime: string;
  endTime: string;
}

interface Offer {
  id: string;
  providerMemberId: string;
  categoryId: string;
  description: string;
  serviceArea: Array<{ from: string; to: string }>;
  rateCents: number;
  maxBookingsPerDay: number;
  paused: boolean;
  windows: Window[];
  exceptions: Array<{ id: string; fromDate: string; toDate: string; reason: string | null }>;
}

interface Slot {
  start: string;
  end: string;
  localStart: string;
}

interface SearchHit {
  offerId: string;
  providerName: string;
  description: string;
  rateCents: number;
  slots: Slot[];
}

// --- Dutch wall-clock time, computed independently of the product -------------------------------

const LOCAL = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2027-03-01 08:30`: the Dutch local time of a moment. */
const local = (moment: Date | string | number) => LOCAL.format(new Date(moment));
/** `2027-03-01`: the Dutch calendar day of a moment. */
const dayOf = (moment: Date | string | number) => local(moment).slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const isoWeekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The instant of a Dutch wall-clock time (CET or CEST, whichever holds on that day). */
function at(day: string, time: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const moment = new Date(`${day}T${time}:00${offset}`);
    if (local(moment) === `${day} ${time}`) return moment;
  }
  throw new Error(`${day} ${time} does not exist in Europe/Amsterdam`);
}

// --- HTTP helpers ---------------------------------------------------------------------------------

function expectStatus(response: request.Response, status: number): request.Response {
  if (response.status !== status) {
    throw new Error(`Expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** A problem+json answer with this status and code, naming exactly these fields (when given). */
function expectProblem(response: request.Response, status: number, code: string, fields?: string[]): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (fields) expect((response.body.errors ?? []).map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
}

const slotsOf = (response: request.Response, offerId: string): Slot[] => {
  expectStatus(response, 200);
  return (response.body as SearchHit[]).find((hit) => hit.offerId === offerId)?.slots ?? [];
};
const localStartsOf = (response: request.Response, offerId: string) => slotsOf(response, offerId).map((s) => s.localStart);

const deventer = (firstName: string, lastName: string, type: string, street: string, houseNumber: string, postcode: string, label: string): Applicant => ({
  type,
  role: type === 'resident' || type === 'steunlid' ? 'consumer' : 'both',
  firstName,
  lastName,
  email: `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}@${label}.example`,
  phone: '06 12345678',
  street,
  houseNumber,
  postcode,
  city: 'Deventer',
});

describe('Service exchange: catalogue, credentials, offers and slot search (e2e)', () => {
  let sut: TestApp;
  let clock: Clock;

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
    clock.setTo(NOW);
  });
  afterAll(() => sut.close());

  const api = () => request(sut.url);

  async function categoriesOf(coop: TestCooperative, auth: Auth): Promise<Record<string, Category>> {
    const response = expectStatus(await api().get(`/api/v1/cooperatives/${coop.cooperativeId}/service-categories`).set(auth), 200);
    return Object.fromEntries((response.body as Category[]).map((c) => [c.code, c]));
  }

  describe('catalogue and exchange policy', () => {
    let coop: TestCooperative;
    let board: Auth;
    let coordinator: Auth;
    let member: Auth;
    const url = (path: string) => `/api/v1/cooperatives/${coop.cooperativeId}${path}`;

    beforeAll(async () => {
      coop = await createTestCooperative(sut, 'catalogus');
      board = bearer(await coop.token('board'));
      coordinator = bearer(await coop.token('coordinator'));
      member = bearer(await coop.token('member'));
    });

    it('starts a new cooperative with the nine categories, their VOG requirement, pricing and bounds', async () => {
      const response = expectStatus(await api().get(url('/service-categories')).set(member), 200);
      const row = (c: Category) => [c.name, c.requiresVog, c.defaultDurationMinutes, c.pricing, c.minRateCents, c.maxRateCents, c.contributionApplies, c.reducedContributionCents, c.active];
      expect(Object.fromEntries((response.body as Category[]).map((c) => [c.code, row(c)]))).toEqual({
        klussen: ['Klussen', false, 60, 'hourly', 0, 1500, true, 250, true],
        boodschappen: ['Boodschappen', true, 60, 'fixed', 0, 600, true, 150, true],
        vervoer: ['Vervoer', true, 90, 'fixed', 0, 1000, true, 250, true],
        huiswerkbegeleiding: ['Huiswerkbegeleiding', true, 60, 'hourly', 0, 1500, true, 300, true],
        kinderopvang: ['Kinderopvang', true, 120, 'hourly', 0, 1500, true, 400, true],
        gezelschap: ['Gezelschap', true, 60, 'free', 0, 0, false, null, true],
        tuin: ['Tuin', false, 120, 'hourly', 0, 1500, true, 250, true],
        zonnepanelen: ['Onderhoud zonnepanelen', false, 90, 'fixed', 2500, 7500, true, null, true],
        buurtwacht: ['Buurtwacht', true, 120, 'free', 0, 0, false, null, true],
      });
      // Residents see the catalogue by name.
      expect((response.body as Category[]).map((c) => c.name)).toEqual([
        'Boodschappen',
        'Buurtwacht',
        'Gezelschap',
        'Huiswerkbegeleiding',
        'Kinderopvang',
        'Klussen',
        'Onderhoud zonnepanelen',
        'Tuin',
        'Vervoer',
      ]);
    });

    it('lets the board change a category, and shows the change to members', async () => {
      const { boodschappen } = await categoriesOf(coop, member);
      const response = expectStatus(
        await api()
          .patch(url(`/service-categories/${boodschappen.id}`))
          .set(board)
          .send({ name: 'Boodschappen doen', maxRateCents: 800, defaultDurationMinutes: 45, reducedContributionCents: 100 }),
        200,
      );
      expect(response.body).toEqual({ ...boodschappen, name: 'Boodschappen doen', maxRateCents: 800, defaultDurationMinutes: 45, reducedContributionCents: 100 });
      expect((await categoriesOf(coop, member)).boodschappen).toEqual(response.body);

      const withoutReduction = expectStatus(await api().patch(url(`/service-categories/${boodschappen.id}`)).set(board).send({ reducedContributionCents: null, active: false }), 200);
      expect(withoutReduction.body).toMatchObject({ reducedContributionCents: null, active: false, maxRateCents: 800 });
    });

    it('refuses bounds that contradict each other or the pricing, and durations out of range', async () => {
      const { klussen, gezelschap } = await categoriesOf(coop, member);
      const patch = (id: string, body: object) => api().patch(url(`/service-categories/${id}`)).set(board).send(body);

      expectProblem(await patch(klussen.id, { minRateCents: 1200, maxRateCents: 1000 }), 422, 'rate_out_of_bounds', ['minRateCents']);
      // Against the stored maximum of 1500 too.
      expectProblem(await patch(klussen.id, { minRateCents: 2000 }), 422, 'rate_out_of_bounds', ['minRateCents']);
      expectProblem(await patch(gezelschap.id, { maxRateCents: 500 }), 422, 'rate_out_of_bounds', ['maxRateCents']);
      expectProblem(await patch(klussen.id, { pricing: 'free' }), 422, 'rate_out_of_bounds', ['maxRateCents']);
      expectProblem(await patch(klussen.id, { defaultDurationMinutes: 5 }), 400, 'validation_failed', ['defaultDurationMinutes']);
      expectProblem(await patch(klussen.id, { defaultDurationMinutes: 481, pricing: 'per stuk' }), 400, 'validation_failed', ['defaultDurationMinutes', 'pricing']);
      expectProblem(await patch(klussen.id, { maxRateCents: -1 }), 400, 'validation_failed', ['maxRateCents']);
      expectProblem(await patch(klussen.id, { code: 'klusjes' }), 400, 'validation_failed', ['code']);

      const after = await categoriesOf(coop, member);
      expect(after.klussen).toEqual(klussen);
      expect(after.gezelschap).toEqual(gezelschap);

      // Making a service free is fine once both bounds are 0.
      const free = expectStatus(await patch(klussen.id, { pricing: 'free', minRateCents: 0, maxRateCents: 0 }), 200);
      expect(free.body).toMatchObject({ pricing: 'free', minRateCents: 0, maxRateCents: 0 });
    });

    it('answers an empty change with the category as it is', async () => {
      const { tuin } = await categoriesOf(coop, member);
      const response = await api().patch(url(`/service-categories/${tuin.id}`)).set(board).send({});
      expectStatus(response, 200);
      expect(response.body).toEqual(tuin);
    });

    it('lets neither a member nor a coordinator change the catalogue', async () => {
      const { vervoer } = await categoriesOf(coop, member);
      for (const auth of [member, coordinator]) {
        expectProblem(await api().patch(url(`/service-categories/${vervoer.id}`)).set(auth).send({ maxRateCents: 1200 }), 403, 'permission_denied');
      }
      expectProblem(await api().patch(url('/service-categories/7b0c2f4e-3a51-4f43-9b1e-0d7c1d9f2a10')).set(board).send({ maxRateCents: 1200 }), 404, 'category_not_found');
      expect((await categoriesOf(coop, member)).vervoer).toEqual(vervoer);
    });

    it('shows the exchange policy to members and lets only the board change it', async () => {
      const defaults = expectStatus(await api().get(url('/exchange-policy')).set(member), 200);
      expect(defaults.body).toEqual({ cancellationNoticeHours: 24, lateCancellationFeeCents: 0, requestExpiryHours: 48, autoCompleteDays: 7 });

      for (const auth of [member, coordinator]) {
        expectProblem(await api().patch(url('/exchange-policy')).set(auth).send({ lateCancellationFeeCents: 500 }), 403, 'permission_denied');
      }
      expectProblem(await api().patch(url('/exchange-policy')).set(board).send({ cancellationNoticeHours: 200, autoCompleteDays: 0 }), 400, 'validation_failed', ['autoCompleteDays', 'cancellationNoticeHours']);

      const changed = expectStatus(await api().patch(url('/exchange-policy')).set(board).send({ cancellationNoticeHours: 12, lateCancellationFeeCents: 350 }), 200);
      expect(changed.body).toEqual({ cancellationNoticeHours: 12, lateCancellationFeeCents: 350, requestExpiryHours: 48, autoCompleteDays: 7 });
      expect(expectStatus(await api().get(url('/exchange-policy')).set(member), 200).body).toEqual(changed.body);

      const unchanged = await api().patch(url('/exchange-policy')).set(board).send({});
      expectStatus(unchanged, 200);
      expect(unchanged.body).toEqual(changed.body);
    });
  });

  describe('credentials, offers and search in one cooperative', () => {
    let coop: TestCooperative;
    let categories: Record<string, Category>;
    let sanne: Enrolled; // provider
    let henk: Enrolled; // household, provides too
    let ineke: Enrolled; // provider without a VOG to begin with
    let bram: Enrolled; // provider of solar-panel maintenance
    let gerrit: Enrolled; // resident
    let fatima: Enrolled; // resident
    let johan: Enrolled; // resident: may book, not provide
    let kees: Enrolled; // steunlid: neither
    const url = (path: string) => `/api/v1/cooperatives/${coop.cooperativeId}${path}`;
    const as = (member: Enrolled) => bearer(member.accessToken);

    beforeAll(async () => {
      coop = await createTestCooperative(sut, 'rivierenwijk');
      const label = 'rivierenwijk';
      sanne = await enrolMember(sut, coop, deventer('Sanne', 'Mulder', 'provider', 'Jan Steenstraat', '7', '7412 BR', label));
      henk = await enrolMember(sut, coop, deventer('Henk', 'de Vries', 'household', 'Rembrandtkade', '52', '7412 AK', label));
      ineke = await enrolMember(sut, coop, deventer('Ineke', 'Bakker', 'provider', 'Ceintuurbaan', '88', '7413 EM', label));
      bram = await enrolMember(sut, coop, deventer('Bram', 'Kok', 'provider', 'Pothoofd', '301', '7411 ER', label));
      gerrit = await enrolMember(sut, coop, deventer('Gerrit', 'Bosman', 'resident', 'Hobbemastraat', '21', '7412 BP', label));
      fatima = await enrolMember(sut, coop, deventer('Fatima', 'El Amrani', 'resident', 'Ruysdaelplein', '4', '7412 CS', label));
      johan = await enrolMember(sut, coop, deventer('Johan', 'Smit', 'resident', 'Frans Halsstraat', '12', '7412 BD', label));
      kees = await enrolMember(sut, coop, deventer('Kees', 'Hofman', 'steunlid', 'Ceintuurbaan', '110', '7413 EN', label));
      categories = await categoriesOf(coop, as(gerrit));
    });

    afterEach(() => clock.setTo(NOW));

    async function createOffer(provider: Enrolled, code: string, fields: Partial<Omit<Offer, 'id'>> = {}): Promise<Offer> {
      const category = categories[code];
      const response = await api()
        .post(url('/offers'))
        .set(as(provider))
        .send({
          categoryId: category.id,
          description: `${category.name} in de Rivierenwijk, met plezier en op tijd`,
          serviceArea: [{ from: '7411', to: '7419' }],
          rateCents: category.minRateCents,
          maxBookingsPerDay: 4,
          windows: [{ weekday: 2, startTime: '09:00', endTime: '12:00' }],
          ...fields,
        });
      return expectStatus(response, 201).body as Offer;
    }

    const search = (auth: Auth, query: { categoryId: string; postcode?: string; from: string | Date; to: string | Date }) =>
      api()
        .get(url('/offers/search'))
        .query({ ...query, from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString() })
        .set(auth);
    const book = (consumer: Enrolled, offerId: string, start: string | Date) =>
      api().post(url('/bookings')).set(as(consumer)).send({ offerId, start: new Date(start).toISOString() });
    const cancel = async (member: Enrolled, bookingId: string) => expectStatus(await api().post(url(`/bookings/${bookingId}/cancel`)).set(as(member)), 200);

    describe('credentials', () => {
      it('refuses malformed dates, naming each field', async () => {
        const response = await api().post(url('/credentials')).set(as(sanne)).send({ kind: 'vog', issuedOn: '2026-02-30', expiresOn: '15-01-2029' });
        expectProblem(response, 400, 'validation_failed', ['expiresOn', 'issuedOn']);
        expect(response.body.detail).toContain('issuedOn must be a date like');

        expectProblem(await api().post(url('/credentials')).set(as(sanne)).send({ kind: 'verklaring', issuedOn: '2026-01-15', expiresOn: '2029-01-15' }), 400, 'validation_failed', ['kind']);
        expectProblem(await api().post(url('/credentials')).set(as(sanne)).send({ kind: 'vog', issuedOn: '15 januari 2026' }), 400, 'validation_failed', ['expiresOn', 'issuedOn']);
      });

      it('refuses a certificate that expires before it was issued', async () => {
        expectProblem(await api().post(url('/credentials')).set(as(sanne)).send({ kind: 'vog', issuedOn: '2026-01-15', expiresOn: '2026-01-14' }), 400, 'invalid_period', ['expiresOn']);
        expect(expectStatus(await api().get(url('/credentials/mine')).set(as(sanne)), 200).body).toEqual([]);
      });

      it('registers a VOG as unverified until a coordinator verifies it, once', async () => {
        const coordinator = bearer(await coop.token('coordinator'));
        const added = expectStatus(
          await api().post(url('/credentials')).set(as(sanne)).send({ kind: 'vog', description: 'VOG voor werken met kwetsbare ouderen', issuedOn: '2026-01-15', expiresOn: '2029-01-15' }),
          201,
        );
        expect(added.body).toEqual({
          id: expect.any(String),
          memberId: sanne.id,
          kind: 'vog',
          description: 'VOG voor werken met kwetsbare ouderen',
          issuedOn: '2026-01-15',
          expiresOn: '2029-01-15',
          verified: false,
        });
        expect(expectStatus(await api().get(url('/credentials/mine')).set(as(sanne)), 200).body).toEqual([added.body]);

        const waiting = expectStatus(await api().get(url('/credentials/unverified')).set(coordinator), 200);
        expect(waiting.body).toContainEqual(added.body);
        expectProblem(await api().get(url('/credentials/unverified')).set(as(sanne)), 403, 'permission_denied');

        // A member cannot verify a certificate, not even their own.
        expectProblem(await api().post(url(`/credentials/${added.body.id}/verify`)).set(as(sanne)), 403, 'permission_denied');
        expectProblem(await api().post(url(`/credentials/${added.body.id}/verify`)).set(as(gerrit)), 403, 'permission_denied');

        const verified = expectStatus(await api().post(url(`/credentials/${added.body.id}/verify`)).set(coordinator), 200);
        expect(verified.body).toEqual({ ...added.body, verified: true });
        const again = expectStatus(await api().post(url(`/credentials/${added.body.id}/verify`)).set(coordinator), 200);
        expect(again.body).toEqual(verified.body);

        const [{ n }] = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'credential.verify' AND object_id = $1`, [added.body.id]);
        expect(n).toBe(1);
        expect(expectStatus(await api().get(url('/credentials/unverified')).set(coordinator), 200).body.map((c: { id: string }) => c.id)).not.toContain(added.body.id);
        expect(expectStatus(await api().get(url('/credentials/mine')).set(as(sanne)), 200).body).toEqual([verified.body]);

        expectProblem(await api().post(url('/credentials/0f4b8d7e-6a1c-4c39-8e2f-5b7a9d3c1e20/verify')).set(coordinator), 404, 'credential_not_found');
      });
    });

    describe('offers', () => {
      it('lets a provider and a household member offer a service', async () => {
        const boodschappen = categories.boodschappen;
        const created = expectStatus(
          await api()
            .post(url('/offers'))
            .set(as(sanne))
            .send({
              categoryId: boodschappen.id,
              description: 'Ik doe op dinsdag en donderdag boodschappen bij de Jumbo op de Brink.',
              serviceArea: [
                { from: '7411', to: '7419' },
                { from: '7421', to: '7421' },
              ],
              rateCents: 450,
              maxBookingsPerDay: 3,
              windows: [
                { weekday: 4, startTime: '09:00', endTime: '12:00' },
                { weekday: 2, startTime: '09:00', endTime: '12:00' },
              ],
            }),
          201,
        );
        expect(created.body).toEqual({
          id: expect.any(String),
          providerMemberId: sanne.id,
          categoryId: boodschappen.id,
          description: 'Ik doe op dinsdag en donderdag boodschappen bij de Jumbo op de Brink.',
          serviceArea: [
            { from: '7411', to: '7419' },
            { from: '7421', to: '7421' },
          ],
          rateCents: 450,
          maxBookingsPerDay: 3,
          paused: false,
          windows: [
            { weekday: 2, startTime: '09:00', endTime: '12:00' },
            { weekday: 4, startTime: '09:00', endTime: '12:00' },
          ],
          exceptions: [],
        });

        const tuin = await createOffer(henk, 'tuin', { rateCents: 1250, windows: [{ weekday: 6, startTime: '10:00', endTime: '14:00' }] });
        expect(tuin).toMatchObject({ providerMemberId: henk.id, rateCents: 1250 });

        // A free service has no rate, whatever the provider typed.
        const gezelschap = await createOffer(henk, 'gezelschap', { rateCents: 500, description: 'Een kopje koffie en een praatje, of samen een stukje wandelen.' });
        expect(gezelschap.rateCents).toBe(0);

        const mine = expectStatus(await api().get(url('/offers/mine')).set(as(sanne)), 200).body as Offer[];
        expect(mine.map((o) => o.id)).toContain(created.body.id);
        expect(mine.map((o) => o.providerMemberId)).toEqual(mine.map(() => sanne.id));
        expect(expectStatus(await api().get(url(`/offers/${created.body.id}`)).set(as(gerrit)), 200).body).toEqual(created.body);
      });

      it('refuses an offer from a resident or a steunlid', async () => {
        for (const member of [johan, kees]) {
          const response = await api()
            .post(url('/offers'))
            .set(as(member))
            .send({
              categoryId: categories.klussen.id,
              description: 'Ik help graag met kleine klussen in huis.',
              serviceArea: [{ from: '7412', to: '7412' }],
              rateCents: 800,
              maxBookingsPerDay: 2,
              windows: [{ weekday: 6, startTime: '10:00', endTime: '12:00' }],
            });
          expectProblem(response, 403, 'not_a_provider');
          expect(expectStatus(await api().get(url('/offers/mine')).set(as(member)), 200).body).toEqual([]);
        }
      });

      it('refuses invalid offers, naming the field, and stores none of them', async () => {
        const before = (expectStatus(await api().get(url('/offers/mine')).set(as(sanne)), 200).body as Offer[]).length;
        const valid = {
          categoryId: categories.boodschappen.id,
          description: 'Boodschappen bij de Albert Heijn aan de Snipperlingsdijk.',
          serviceArea: [{ from: '7411', to: '7419' }],
          rateCents: 500,
          maxBookingsPerDay: 2,
          windows: [{ weekday: 3, startTime: '14:00', endTime: '17:00' }],
        };
        const post = (body: object) => api().post(url('/offers')).set(as(sanne)).send(body);

        expectProblem(await post({ ...valid, rateCents: 700 }), 422, 'rate_out_of_bounds', ['rateCents']);
        expectProblem(await post({ ...valid, categoryId: categories.zonnepanelen.id, rateCents: 1000 }), 422, 'rate_out_of_bounds', ['rateCents']);
        expectProblem(await post({ ...valid, serviceArea: [{ from: '0411', to: '7419' }] }), 400, 'validation_failed', ['serviceArea[0].from']);
        expectProblem(await post({ ...valid, serviceArea: [{ from: '7419', to: '7411' }] }), 422, 'invalid_service_area', ['serviceArea[0].to']);
        expectProblem(await post({ ...valid, serviceArea: [] }), 400, 'validation_failed', ['serviceArea']);
        expectProblem(await post({ ...valid, windows: [valid.windows[0], { weekday: 5, startTime: '12:00', endTime: '09:00' }] }), 422, 'invalid_window', ['windows[1].endTime']);
        expectProblem(await post({ ...valid, windows: [{ weekday: 5, startTime: '09:00', endTime: '09:00' }] }), 422, 'invalid_window', ['windows[0].endTime']);
        expectProblem(await post({ ...valid, windows: [{ weekday: 8, startTime: '09:00', endTime: '12:00' }] }), 400, 'validation_failed', ['windows[0].weekday']);
        expectProblem(await post({ ...valid, windows: [{ weekday: 1, startTime: '9:00', endTime: '24:00' }] }), 400, 'validation_failed', ['windows[0].endTime', 'windows[0].startTime']);
        expectProblem(await post({ ...valid, maxBookingsPerDay: 0 }), 400, 'validation_failed', ['maxBookingsPerDay']);
        expectProblem(await post({ ...valid, uurtarief: 500 }), 400, 'validation_failed', ['uurtarief']);
        expectProblem(await post({ ...valid, categoryId: '3c0a7f9e-2b6d-4e8a-9f1c-7d5e4b3a2c10' }), 404, 'category_not_found', ['categoryId']);
        // Another cooperative's category is no category here.
        const elsewhere = await createTestCooperative(sut, 'elders');
        const { klussen: theirKlussen } = await categoriesOf(elsewhere, bearer(await elsewhere.token('member')));
        expectProblem(await post({ ...valid, categoryId: theirKlussen.id, rateCents: 1000 }), 404, 'category_not_found', ['categoryId']);

        expect(expectStatus(await api().get(url('/offers/mine')).set(as(sanne)), 200).body).toHaveLength(before);
      });

      it('pauses an offer: it leaves the search and takes no bookings until it is resumed', async () => {
        // Tuesday 9 March 2027, 09:00-12:00.
        const offer = await createOffer(sanne, 'klussen', { rateCents: 1000, windows: [{ weekday: 2, startTime: '09:00', endTime: '12:00' }] });
        const query = { categoryId: categories.klussen.id, postcode: '7412 BP', from: '2027-03-09T00:00:00+01:00', to: '2027-03-10T00:00:00+01:00' };
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(['2027-03-09 09:00', '2027-03-09 10:00', '2027-03-09 11:00']);

        const paused = expectStatus(await api().patch(url(`/offers/${offer.id}`)).set(as(sanne)).send({ paused: true }), 200);
        expect(paused.body).toEqual({ ...offer, paused: true });
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual([]);
        expectProblem(await book(gerrit, offer.id, '2027-03-09T09:00:00+01:00'), 409, 'offer_paused', ['offerId']);
        expect((expectStatus(await api().get(url('/offers/mine')).set(as(sanne)), 200).body as Offer[]).find((o) => o.id === offer.id)?.paused).toBe(true);

        const resumed = expectStatus(await api().patch(url(`/offers/${offer.id}`)).set(as(sanne)).send({ paused: false }), 200);
        expect(resumed.body).toEqual(offer);
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toHaveLength(3);
        const booking = expectStatus(await book(gerrit, offer.id, '2027-03-09T09:00:00+01:00'), 201);
        expect(booking.body).toMatchObject({ offerId: offer.id, localStart: '2027-03-09 09:00', status: 'requested', rateCents: 1000 });
        await cancel(gerrit, booking.body.id);
      });

      it('changes an offer’s windows, area, rate and description, each on its own', async () => {
        // Monday 15 March 2027, 14:00-16:00, only in 7411-7412.
        const offer = await createOffer(sanne, 'klussen', { rateCents: 900, serviceArea: [{ from: '7411', to: '7412' }], windows: [{ weekday: 1, startTime: '14:00', endTime: '16:00' }] });
        const week = { categoryId: categories.klussen.id, from: '2027-03-15T00:00:00+01:00', to: '2027-03-19T00:00:00+01:00' };
        const patch = (body: object) => api().patch(url(`/offers/${offer.id}`)).set(as(sanne)).send(body);
        expect(localStartsOf(await search(as(gerrit), { ...week, postcode: '7412 BP' }), offer.id)).toEqual(['2027-03-15 14:00', '2027-03-15 15:00']);

        // Wednesday evening instead.
        const windows = expectStatus(await patch({ windows: [{ weekday: 3, startTime: '19:00', endTime: '21:00' }] }), 200);
        expect(windows.body).toEqual({ ...offer, windows: [{ weekday: 3, startTime: '19:00', endTime: '21:00' }] });
        expect(localStartsOf(await search(as(gerrit), { ...week, postcode: '7412 BP' }), offer.id)).toEqual(['2027-03-17 19:00', '2027-03-17 20:00']);

        // Moves to the other side of the Ceintuurbaan.
        const area = expectStatus(await patch({ serviceArea: [{ from: '7415', to: '7416' }] }), 200);
        expect(area.body.serviceArea).toEqual([{ from: '7415', to: '7416' }]);
        expect(localStartsOf(await search(as(gerrit), { ...week, postcode: '7412 BP' }), offer.id)).toEqual([]);
        expect(localStartsOf(await search(as(gerrit), { ...week, postcode: '7415 CD' }), offer.id)).toEqual(['2027-03-17 19:00', '2027-03-17 20:00']);

        expectProblem(await patch({ rateCents: 1600 }), 422, 'rate_out_of_bounds', ['rateCents']);
        expectProblem(await patch({ serviceArea: [{ from: '7419', to: '7411' }] }), 422, 'invalid_service_area', ['serviceArea[0].to']);
        expectProblem(await patch({ windows: [{ weekday: 2, startTime: '21:00', endTime: '19:00' }] }), 422, 'invalid_window', ['windows[0].endTime']);
        expectProblem(await patch({ providerMemberId: henk.id }), 400, 'validation_failed', ['providerMemberId']);

        const rate = expectStatus(await patch({ rateCents: 1200, description: 'Klussen op woensdagavond: lampen ophangen, kastjes in elkaar zetten.' }), 200);
        expect(rate.body).toEqual({ ...area.body, rateCents: 1200, description: 'Klussen op woensdagavond: lampen ophangen, kastjes in elkaar zetten.' });
        expect(expectStatus(await patch({}), 200).body).toEqual(rate.body);
        expect(expectStatus(await api().get(url(`/offers/${offer.id}`)).set(as(fatima)), 200).body).toEqual(rate.body);
      });

      it('keeps days away out of the search, and brings them back when the exception is removed', async () => {
        // Every day 10:00-11:00, across Easter 2027 and the change to summer time on Sunday 28 March.
        const offer = await createOffer(sanne, 'klussen', { rateCents: 1000, windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '10:00', endTime: '11:00' })) });
        const query = { categoryId: categories.klussen.id, postcode: '7412 BP', from: '2027-03-24T00:00:00+01:00', to: '2027-04-01T00:00:00+02:00' };
        const everyDay = ['24', '25', '26', '27', '28', '29', '30', '31'].map((d) => `2027-03-${d} 10:00`);
        const before = slotsOf(await search(as(gerrit), query), offer.id);
        expect(before.map((s) => s.localStart)).toEqual(everyDay);
        // 10:00 in Deventer is 09:00 UTC in winter and 08:00 UTC in summer.
        expect(before.find((s) => s.localStart === '2027-03-27 10:00')).toEqual({ start: '2027-03-27T09:00:00.000Z', end: '2027-03-27T10:00:00.000Z', localStart: '2027-03-27 10:00' });
        expect(before.find((s) => s.localStart === '2027-03-28 10:00')).toEqual({ start: '2027-03-28T08:00:00.000Z', end: '2027-03-28T09:00:00.000Z', localStart: '2027-03-28 10:00' });

        const exceptions = (body: object) => api().post(url(`/offers/${offer.id}/exceptions`)).set(as(sanne)).send(body);
        expectProblem(await exceptions({ fromDate: '2027-03-29', toDate: '2027-03-26' }), 400, 'invalid_period', ['toDate']);
        expectProblem(await exceptions({ fromDate: '26-03-2027', toDate: '2027-03-29' }), 400, 'validation_failed', ['fromDate']);

        const added = expectStatus(await exceptions({ fromDate: '2027-03-26', toDate: '2027-03-29', reason: 'Paasweekend bij familie in Zeeland' }), 201);
        expect(added.body.exceptions).toEqual([{ id: expect.any(String), fromDate: '2027-03-26', toDate: '2027-03-29', reason: 'Paasweekend bij familie in Zeeland' }]);
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(['2027-03-24 10:00', '2027-03-25 10:00', '2027-03-30 10:00', '2027-03-31 10:00']);
        expectProblem(await book(gerrit, offer.id, '2027-03-28T10:00:00+02:00'), 409, 'outside_availability', ['start']);

        const exceptionId = added.body.exceptions[0].id as string;
        const removed = expectStatus(await api().delete(url(`/offers/${offer.id}/exceptions/${exceptionId}`)).set(as(sanne)), 200);
        expect(removed.body.exceptions).toEqual([]);
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(everyDay);
        expectProblem(await api().delete(url(`/offers/${offer.id}/exceptions/${exceptionId}`)).set(as(sanne)), 404, 'offer_not_found');
      });

      it('lets nobody but the provider change an offer', async () => {
        const offer = await createOffer(sanne, 'klussen', { rateCents: 1000, windows: [{ weekday: 5, startTime: '13:00', endTime: '15:00' }] });
        const { body: withException } = expectStatus(
          await api().post(url(`/offers/${offer.id}/exceptions`)).set(as(sanne)).send({ fromDate: '2027-04-30', toDate: '2027-04-30', reason: 'Bevrijdingsdag-weekend' }),
          201,
        );
        const exceptionId = withException.exceptions[0].id as string;

        expectProblem(await api().patch(url(`/offers/${offer.id}`)).set(as(henk)).send({ rateCents: 1500, paused: true }), 404, 'offer_not_found');
        expectProblem(await api().post(url(`/offers/${offer.id}/exceptions`)).set(as(henk)).send({ fromDate: '2027-04-01', toDate: '2027-06-30' }), 404, 'offer_not_found');
        expectProblem(await api().delete(url(`/offers/${offer.id}/exceptions/${exceptionId}`)).set(as(henk)), 404, 'offer_not_found');
        expectProblem(await api().patch(url(`/offers/${offer.id}`)).set(as(gerrit)).send({ paused: true }), 404, 'offer_not_found');
        // The board runs the cooperative but holds no membership of its own here.
        expectProblem(await api().patch(url(`/offers/${offer.id}`)).set(bearer(await coop.token('board'))).send({ paused: true }), 404, 'no_member_record');

        expect(expectStatus(await api().get(url(`/offers/${offer.id}`)).set(as(sanne)), 200).body).toEqual(withException);
      });

      it('lists a slot once when two windows of a day overlap', async () => {
        // Friday 19 March 2027: 09:00-12:00 and 10:00-13:00 make 09:00-13:00.
        const offer = await createOffer(sanne, 'klussen', {
          rateCents: 1000,
          windows: [
            { weekday: 5, startTime: '09:00', endTime: '12:00' },
            { weekday: 5, startTime: '10:00', endTime: '13:00' },
          ],
        });
        const query = { categoryId: categories.klussen.id, postcode: '7412 BP', from: '2027-03-19T00:00:00+01:00', to: '2027-03-20T00:00:00+01:00' };
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(['2027-03-19 09:00', '2027-03-19 10:00', '2027-03-19 11:00', '2027-03-19 12:00']);
        const booking = expectStatus(await book(gerrit, offer.id, '2027-03-19T10:00:00+01:00'), 201);
        expectProblem(await book(fatima, offer.id, '2027-03-19T10:00:00+01:00'), 409, 'provider_busy', ['start']);
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(['2027-03-19 09:00', '2027-03-19 11:00', '2027-03-19 12:00']);
        await cancel(gerrit, booking.body.id);
      });
    });

    describe('search', () => {
      it('filters on category and on the postcode where the help is needed', async () => {
        // Tuesday 6 April 2027, 13:00-17:00, in 7413-7414 only; tuin slots last two hours.
        const offer = await createOffer(henk, 'tuin', {
          rateCents: 1100,
          description: 'Heg knippen, onkruid wieden en het gras maaien.',
          serviceArea: [{ from: '7413', to: '7414' }],
          windows: [{ weekday: 2, startTime: '13:00', endTime: '17:00' }],
        });
        const tuesday = { categoryId: categories.tuin.id, from: '2027-04-06T00:00:00+02:00', to: '2027-04-07T00:00:00+02:00' };

        const inArea = expectStatus(await search(as(gerrit), { ...tuesday, postcode: '7413 EN' }), 200);
        expect((inArea.body as SearchHit[]).find((hit) => hit.offerId === offer.id)).toEqual({
          offerId: offer.id,
          providerName: 'Henk de Vries',
          description: 'Heg knippen, onkruid wieden en het gras maaien.',
          rateCents: 1100,
          slots: [
            { start: '2027-04-06T11:00:00.000Z', end: '2027-04-06T13:00:00.000Z', localStart: '2027-04-06 13:00' },
            { start: '2027-04-06T13:00:00.000Z', end: '2027-04-06T15:00:00.000Z', localStart: '2027-04-06 15:00' },
          ],
        });
        expect(localStartsOf(await search(as(gerrit), { ...tuesday, postcode: '7412 BP' }), offer.id)).toEqual([]);
        expect(localStartsOf(await search(as(gerrit), { ...tuesday, postcode: '7415 AA' }), offer.id)).toEqual([]);
        expect(localStartsOf(await search(as(gerrit), tuesday), offer.id)).toEqual(['2027-04-06 13:00', '2027-04-06 15:00']);
        expect(localStartsOf(await search(as(gerrit), { ...tuesday, categoryId: categories.klussen.id }), offer.id)).toEqual([]);
        // However the resident writes the postcode.
        expect(localStartsOf(await search(as(gerrit), { ...tuesday, postcode: ' 7414ab ' }), offer.id)).toEqual(['2027-04-06 13:00', '2027-04-06 15:00']);
        // Gerrit lives in 7412: the provider does not serve his address.
        expectProblem(await book(gerrit, offer.id, '2027-04-06T13:00:00+02:00'), 422, 'outside_service_area', ['offerId']);
      });

      it('lists a VOG service only on days the provider holds a verified VOG', async () => {
        // Boodschappen every day 14:00-15:00; Ineke's VOG runs out on Wednesday 10 March 2027.
        const offer = await createOffer(ineke, 'boodschappen', { rateCents: 400, windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '14:00', endTime: '15:00' })) });
        const week = { categoryId: categories.boodschappen.id, postcode: '7412 BP', from: '2027-03-08T00:00:00+01:00', to: '2027-03-14T00:00:00+01:00' };
        expect(localStartsOf(await search(as(gerrit), week), offer.id)).toEqual([]);
        expectProblem(await book(gerrit, offer.id, '2027-03-08T14:00:00+01:00'), 409, 'vog_required', ['offerId']);

        const vog = expectStatus(await api().post(url('/credentials')).set(as(ineke)).send({ kind: 'vog', issuedOn: '2024-03-11', expiresOn: '2027-03-10' }), 201);
        expect(localStartsOf(await search(as(gerrit), week), offer.id)).toEqual([]);
        // Other kinds of certificate do not count.
        const ehbo = expectStatus(await api().post(url('/credentials')).set(as(ineke)).send({ kind: 'first_aid', issuedOn: '2026-01-01', expiresOn: '2030-01-01' }), 201);
        const coordinator = bearer(await coop.token('coordinator'));
        expectStatus(await api().post(url(`/credentials/${ehbo.body.id}/verify`)).set(coordinator), 200);
        expect(localStartsOf(await search(as(gerrit), week), offer.id)).toEqual([]);

        expectStatus(await api().post(url(`/credentials/${vog.body.id}/verify`)).set(coordinator), 200);
        expect(localStartsOf(await search(as(gerrit), week), offer.id)).toEqual(['2027-03-08 14:00', '2027-03-09 14:00', '2027-03-10 14:00']);
        expectProblem(await book(gerrit, offer.id, '2027-03-11T14:00:00+01:00'), 409, 'vog_required', ['offerId']);
        const lastDay = expectStatus(await book(gerrit, offer.id, '2027-03-10T14:00:00+01:00'), 201);
        await cancel(gerrit, lastDay.body.id);
      });

      it('drops booked slots, and a day’s remaining slots once the day is full', async () => {
        // Wednesday 17 March 09:00-13:00 and Thursday 18 March 09:00-11:00; at most two bookings a day.
        const offer = await createOffer(henk, 'klussen', {
          rateCents: 1000,
          maxBookingsPerDay: 2,
          windows: [
            { weekday: 3, startTime: '09:00', endTime: '13:00' },
            { weekday: 4, startTime: '09:00', endTime: '11:00' },
          ],
        });
        const query = { categoryId: categories.klussen.id, postcode: '7412 BP', from: '2027-03-17T00:00:00+01:00', to: '2027-03-19T00:00:00+01:00' };
        const thursday = ['2027-03-18 09:00', '2027-03-18 10:00'];
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(['2027-03-17 09:00', '2027-03-17 10:00', '2027-03-17 11:00', '2027-03-17 12:00', ...thursday]);

        const first = expectStatus(await book(gerrit, offer.id, '2027-03-17T10:00:00+01:00'), 201);
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(['2027-03-17 09:00', '2027-03-17 11:00', '2027-03-17 12:00', ...thursday]);
        expectProblem(await book(fatima, offer.id, '2027-03-17T10:00:00+01:00'), 409, 'provider_busy', ['start']);

        const second = expectStatus(await book(fatima, offer.id, '2027-03-17T12:00:00+01:00'), 201);
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(thursday);
        expectProblem(await book(gerrit, offer.id, '2027-03-17T09:00:00+01:00'), 409, 'day_full', ['start']);

        // A cancellation frees the day again.
        await cancel(fatima, second.body.id);
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual(['2027-03-17 09:00', '2027-03-17 11:00', '2027-03-17 12:00', ...thursday]);
        await cancel(gerrit, first.body.id);
      });

      it('lets only one of three residents racing for the last place of a day have it', async () => {
        // Monday 22 March 2027, 09:00-12:00, one booking a day; three residents each ask for another hour at once.
        const offer = await createOffer(henk, 'klussen', { rateCents: 1000, maxBookingsPerDay: 1, windows: [{ weekday: 1, startTime: '09:00', endTime: '12:00' }] });
        const starts = ['2027-03-22T09:00:00+01:00', '2027-03-22T10:00:00+01:00', '2027-03-22T11:00:00+01:00'];
        const responses = await Promise.all([gerrit, fatima, johan].map((resident, i) => book(resident, offer.id, starts[i])));
        const winners = responses.filter((r) => r.status === 201);
        expect(winners).toHaveLength(1);
        for (const loser of responses.filter((r) => r.status !== 201)) expectProblem(loser, 409, 'day_full', ['start']);
        const query = { categoryId: categories.klussen.id, postcode: '7412 BP', from: '2027-03-22T00:00:00+01:00', to: '2027-03-23T00:00:00+01:00' };
        expect(localStartsOf(await search(as(gerrit), query), offer.id)).toEqual([]);
        const winner = [gerrit, fatima, johan].find((resident) => resident.id === winners[0].body.consumerMemberId) as Enrolled;
        await cancel(winner, winners[0].body.id);
      });

      it('refuses a period that is reversed, too long or not a moment, naming the field', async () => {
        const klussen = categories.klussen.id;
        const get = (query: Record<string, string>) => api().get(url('/offers/search')).query(query).set(as(gerrit));
        expectProblem(await get({ categoryId: klussen, from: '2027-03-10T00:00:00+01:00', to: '2027-03-09T00:00:00+01:00' }), 400, 'invalid_period', ['to']);
        expectProblem(await get({ categoryId: klussen, from: '2027-03-10T00:00:00+01:00', to: '2027-03-10T00:00:00+01:00' }), 400, 'invalid_period', ['to']);
        expectStatus(await get({ categoryId: klussen, from: '2027-03-02T00:00:00+01:00', to: '2027-05-03T01:00:00+02:00' }), 200); // 62 days exactly
        expectProblem(await get({ categoryId: klussen, from: '2027-03-02T00:00:00+01:00', to: '2027-05-03T01:01:00+02:00' }), 400, 'invalid_period', ['to']);
        expectProblem(await get({ categoryId: klussen, from: '1 maart 2027', to: '2027-03-09T00:00:00+01:00' }), 400, 'validation_failed', ['from']);
        expectProblem(await get({ categoryId: klussen, from: '2027-03-02T00:00:00+01:00', to: '2027-02-30T10:00:00+01:00' }), 400, 'validation_failed', ['to']);
        expectProblem(await get({ categoryId: klussen, from: 'morgen', to: 'overmorgen' }), 400, 'validation_failed', ['from', 'to']);
        expectProblem(await get({ categoryId: 'klussen', postcode: '7412', from: '2027-03-02T00:00:00+01:00', to: '2027-03-09T00:00:00+01:00' }), 400, 'validation_failed', ['categoryId', 'postcode']);
        expectProblem(await get({ categoryId: '5d2e8c1a-7b3f-4a60-9e4d-1c8b7a6f5e30', from: '2027-03-02T00:00:00+01:00', to: '2027-03-09T00:00:00+01:00' }), 404, 'category_not_found', ['categoryId']);
      });

      it('never lists a slot that starts before now', async () => {
        // Wednesday 3 March 2027, 09:00-13:00.
        const offer = await createOffer(sanne, 'klussen', { rateCents: 1000, windows: [{ weekday: 3, startTime: '09:00', endTime: '13:00' }] });
        const wednesday = { categoryId: categories.klussen.id, postcode: '7412 BP', from: '2027-03-03T00:00:00+01:00', to: '2027-03-04T00:00:00+01:00' };
        expect(localStartsOf(await search(as(gerrit), wednesday), offer.id)).toEqual(['2027-03-03 09:00', '2027-03-03 10:00', '2027-03-03 11:00', '2027-03-03 12:00']);

        clock.setTo(new Date('2027-03-03T10:17:00+01:00'));
        expect(localStartsOf(await search(as(gerrit), wednesday), offer.id)).toEqual(['2027-03-03 11:00', '2027-03-03 12:00']);
        expectProblem(await book(gerrit, offer.id, '2027-03-03T10:00:00+01:00'), 422, 'in_the_past', ['start']);
        const booking = expectStatus(await book(gerrit, offer.id, '2027-03-03T11:00:00+01:00'), 201);
        await cancel(gerrit, booking.body.id);

        clock.setTo(new Date('2027-03-03T12:00:01+01:00'));
        expect(localStartsOf(await search(as(gerrit), wednesday), offer.id)).toEqual([]);
        clock.setTo(new Date('2027-03-05T08:00:00+01:00'));
        expect(localStartsOf(await search(as(gerrit), wednesday), offer.id)).toEqual([]);
      });

      it('lists every free slot of a 62-day search, up to the last day', async () => {
        // Solar-panel maintenance every day 07:00-22:00: ten 90-minute slots a day, 620 in 62 days.
        const offer = await createOffer(bram, 'zonnepanelen', { rateCents: 4500, windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '07:00', endTime: '22:00' })) });
        const from = new Date('2027-03-02T00:00:00+01:00');
        const slots = slotsOf(await search(as(gerrit), { categoryId: categories.zonnepanelen.id, postcode: '7412 BP', from, to: new Date(from.getTime() + 62 * DAY) }), offer.id);
        expect(slots.at(-1)?.localStart).toBe('2027-05-02 20:30');
        expect(slots).toHaveLength(620);
      });
    });
  });

  describe('property: every slot the search returns can be booked', () => {
    let coop: TestCooperative;
    let categories: Record<string, Category>;
    let willem: Enrolled;
    let ans: Enrolled;
    const url = (path: string) => `/api/v1/cooperatives/${coop.cooperativeId}${path}`;

    beforeAll(async () => {
      coop = await createTestCooperative(sut, 'zandweerd');
      willem = await enrolMember(sut, coop, deventer('Willem', 'Jansen', 'provider', 'Zandweerdlaan', '14', '7415 AB', 'zandweerd'));
      ans = await enrolMember(sut, coop, deventer('Ans', 'Peters', 'resident', 'Hanzeweg', '3', '7418 AW', 'zandweerd'));
      categories = await categoriesOf(coop, bearer(ans.accessToken));
      // A VOG valid throughout, so every category of the catalogue can be drawn.
      const vog = expectStatus(await api().post(url('/credentials')).set(bearer(willem.accessToken)).send({ kind: 'vog', issuedOn: '2026-01-05', expiresOn: '2030-01-05' }), 201);
      expectStatus(await api().post(url(`/credentials/${vog.body.id}/verify`)).set(bearer(await coop.token('coordinator'))), 200);
    });
    afterAll(() => clock.setTo(NOW));

    const calendar = fc.record({
      code: fc.constantFrom('klussen', 'boodschappen', 'vervoer', 'huiswerkbegeleiding', 'kinderopvang', 'gezelschap', 'tuin', 'zonnepanelen', 'buurtwacht'),
      windows: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), startHour: fc.integer({ min: 7, max: 18 }), hours: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 4 }),
      maxBookingsPerDay: fc.integer({ min: 1, max: 6 }),
      exception: fc.option(fc.record({ startsAfter: fc.integer({ min: -2, max: 15 }), days: fc.integer({ min: 0, max: 4 }) }), { nil: undefined }),
      // From Monday 1 March 2027 up to 45 days on: some periods span the change to summer time.
      periodStartDay: fc.integer({ min: 0, max: 45 }),
      periodStartHour: fc.integer({ min: 0, max: 23 }),
      periodDays: fc.integer({ min: 3, max: 14 }),
      periodExtraHours: fc.integer({ min: 0, max: 23 }),
      // "Now" somewhere around the start of the period, never on a slot boundary.
      nowHoursIntoPeriod: fc.integer({ min: -30, max: 60 }),
    });
    type Calendar = typeof calendar extends fc.Arbitrary<infer T> ? T : never;

    /** The free slots the calendar promises, worked out from the weekly windows in Dutch time. */
    function expectedSlots(c: Calendar, minutes: number, from: Date, to: Date, now: Date, exception?: { fromDate: string; toDate: string }) {
      const starts = new Map<number, { start: number; end: number }>();
      for (let day = dayOf(from); day <= dayOf(to); day = plusDays(day, 1)) {
        if (exception && exception.fromDate <= day && day <= exception.toDate) continue;
        for (const w of c.windows.filter((window) => window.weekday === isoWeekday(day))) {
          for (let offset = 0; (offset + 1) * minutes <= w.hours * 60; offset++) {
            const start = at(day, hhmm(w.startHour * 60 + offset * minutes)).getTime();
            const end = at(day, hhmm(w.startHour * 60 + (offset + 1) * minutes)).getTime();
            if (start >= Math.max(from.getTime(), now.getTime()) && end <= to.getTime()) starts.set(start, { start, end });
          }
        }
      }
      return [...starts.values()].sort((a, b) => a.start - b.start);
    }

    it('books each returned slot on its own, and in order until each day is full', async () => {
      const provider = bearer(willem.accessToken);
      const consumer = bearer(ans.accessToken);
      const seed = process.env.EXCHANGE_FC_SEED ? Number(process.env.EXCHANGE_FC_SEED) : undefined;
      await fc.assert(
        fc.asyncProperty(calendar, async (c) => {
          const category = categories[c.code];
          const minutes = category.defaultDurationMinutes;
          const periodDay = plusDays('2027-03-01', c.periodStartDay);
          const from = new Date(at(periodDay, '00:00').getTime() + c.periodStartHour * HOUR);
          const to = new Date(from.getTime() + c.periodDays * DAY + c.periodExtraHours * HOUR);
          const now = new Date(from.getTime() + c.nowHoursIntoPeriod * HOUR + 17 * MINUTE);
          clock.setTo(now);

          const offer = expectStatus(
            await api()
              .post(url('/offers'))
              .set(provider)
              .send({
                categoryId: category.id,
                description: `${category.name} in Zandweerd en de Knutteldorp`,
                serviceArea: [{ from: '7411', to: '7419' }],
                rateCents: Math.round((category.minRateCents + category.maxRateCents) / 2),
                maxBookingsPerDay: c.maxBookingsPerDay,
                windows: c.windows.map((w) => ({ weekday: w.weekday, startTime: hhmm(w.startHour * 60), endTime: hhmm((w.startHour + w.hours) * 60) })),
              }),
            201,
          ).body as Offer;
          const exception = c.exception && { fromDate: plusDays(dayOf(from), c.exception.startsAfter), toDate: plusDays(dayOf(from), c.exception.startsAfter + c.exception.days) };
          if (exception) expectStatus(await api().post(url(`/offers/${offer.id}/exceptions`)).set(provider).send({ ...exception, reason: 'Op vakantie' }), 201);

          const search = () =>
            api().get(url('/offers/search')).query({ categoryId: category.id, postcode: '7418 AW', from: from.toISOString(), to: to.toISOString() }).set(consumer);
          const book = (slot: Slot) => api().post(url('/bookings')).set(consumer).send({ offerId: offer.id, start: slot.start });
          const iso = (slot: { start: number; end: number }) => ({ start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), localStart: local(slot.start) });

          const expected = expectedSlots(c, minutes, from, to, now, exception);
          const returned = slotsOf(await search(), offer.id);
          expect(returned).toEqual(expected.map(iso));

          // Each slot on its own: booked, then cancelled again.
          for (const slot of returned) {
            const booking = expectStatus(await book(slot), 201);
            expect({ start: booking.body.start, end: booking.body.end }).toEqual({ start: slot.start, end: slot.end });
            expectStatus(await api().post(url(`/bookings/${booking.body.id}/cancel`)).set(consumer), 200);
          }

          // All of them, in order: a day takes bookings until its maximum, then refuses the rest.
          const perDay = new Map<string, number>();
          const booked: Array<{ id: string; start: number; end: number }> = [];
          const overlapsBooked = (slot: Slot) => booked.some((b) => b.start < Date.parse(slot.end) && Date.parse(slot.start) < b.end);
          for (const slot of returned) {
            const day = dayOf(slot.start);
            const response = await book(slot);
            if ((perDay.get(day) ?? 0) >= c.maxBookingsPerDay) {
              expectProblem(response, 409, 'day_full', ['start']);
            } else if (overlapsBooked(slot)) {
              // Only overlapping windows of one day make overlapping slots: the provider is already busy then.
              expect({ status: response.status, code: ['provider_busy', 'consumer_busy'].includes(response.body.code) }).toEqual({ status: 409, code: true });
            } else {
              expectStatus(response, 201);
              perDay.set(day, (perDay.get(day) ?? 0) + 1);
              booked.push({ id: response.body.id, start: Date.parse(slot.start), end: Date.parse(slot.end) });
            }
          }
          const stillFree = returned.filter((slot) => (perDay.get(dayOf(slot.start)) ?? 0) < c.maxBookingsPerDay && !overlapsBooked(slot));
          expect(slotsOf(await search(), offer.id)).toEqual(stillFree);

          // Leave the provider free and the search empty for the next calendar.
          for (const b of booked) expectStatus(await api().post(url(`/bookings/${b.id}/cancel`)).set(consumer), 200);
          expectStatus(await api().patch(url(`/offers/${offer.id}`)).set(provider).send({ paused: true }), 200);
        }),
        { numRuns: Number(process.env.EXCHANGE_FC_RUNS ?? 15), endOnFailure: true, ...(seed === undefined ? {} : { seed }) },
      );
    }, 300_000);
  });
});
