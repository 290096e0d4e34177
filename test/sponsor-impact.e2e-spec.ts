import request from 'supertest';
import { Clock, addDays, dutchDate } from '@buurtcoop/core';
import { Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, dutchInstant, enrolMember, extractPdfText } from '@buurtcoop/testing';

const HOUR = 3_600_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface Cell {
  households: number | string;
  deliveredMinutes: number | null;
  suppressed: boolean;
}
interface PostcodeCell extends Cell {
  postcode4: number;
}
interface Statement {
  from: string;
  through: string;
  postcodes: Array<{ from: number; to: number }>;
  hoursUnit: string;
  minimumCount: number;
  categories: Array<{ category: string; total: Cell; postcodes: PostcodeCell[] }>;
  postcodeTotals: PostcodeCell[];
  total: Cell;
}

/** One completed booking as the test planned it: who was helped (their postcode-4), in what, for how long. */
interface Delivered {
  category: 'Klussen' | 'Tuin';
  postcode4: number;
  household: string;
  minutes: number;
}

/** Minutes and distinct households of the planned deliveries that match, computed apart from the product. */
function expected(deliveries: readonly Delivered[], match: (d: Delivered) => boolean): { households: number; deliveredMinutes: number } {
  const chosen = deliveries.filter(match);
  return { households: new Set(chosen.map((d) => d.household)).size, deliveredMinutes: chosen.reduce((sum, d) => sum + d.minutes, 0) };
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const AREA = '7411-7413,7421';

describe('sponsor impact statement (e2e)', () => {
  let sut: TestApp;
  let clock: Clock;
  let coop: TestCooperative;
  let base: string;
  let board: string;
  const deliveries: Delivered[] = [];
  const personal: string[] = [];
  let from: string;
  let through: string;

  const get = (path: string, token: string, query: Record<string, string>) => request(sut.url).get(path).set(bearer(token)).query(query);
  const post = async (path: string, token: string, body: object = {}) => {
    const response = await request(sut.url).post(`${base}${path}`).set(bearer(token)).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
    coop = await createTestCooperative(sut, 'korenschoof');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    board = await coop.token('board');

    let n = 0;
    const resident = async (firstName: string, lastName: string, postcode: string, role: 'consumer' | 'provider' = 'consumer'): Promise<Enrolled> => {
      n += 1;
      const email = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '') + `@korenschoof.example`;
      const street = `Zandweerd ${n}`;
      personal.push(firstName, lastName, email, street);
      return enrolMember(sut, coop, { type: role === 'provider' ? 'provider' : 'resident', role, firstName, lastName, email, street: 'Zandweerd', houseNumber: String(n), postcode, city: 'Deventer' });
    };
    const klusser = await resident('Henk', 'Brouwer', '7414 AA', 'provider');
    const hovenier = await resident('Ingrid', 'Wolters', '7415 AB', 'provider');
    const categories = (await request(sut.url).get(`${base}/service-categories`).set(bearer(board)).expect(200)).body as Array<{ id: string; code: string }>;
    const offer = (provider: Enrolled, code: string) =>
      post('/offers', provider.accessToken, {
        categoryId: categories.find((c) => c.code === code)!.id,
        description: code === 'klussen' ? 'Kleine klussen in huis.' : 'Heg snoeien en gras maaien.',
        serviceArea: [{ from: '7400', to: '7599' }],
        rateCents: 1000,
        maxBookingsPerDay: 6,
        windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '08:00', endTime: '18:00' })),
      });
    const klussen = (await offer(klusser, 'klussen')).id as string;
    const tuin = (await offer(hovenier, 'tuin')).id as string;

    // Klussen: six households in 7411 (one helped twice), five in 7412; tuin: three in 7413; and one in 7500, outside.
    const a7411 = [await resident('Gerrit', 'Bosman', '7411 AP'), await resident('Fatima', 'Amrani', '7411 BR'), await resident('Anouk', 'Vries', '7411 CN'), await resident('Kees', 'Jansen', '7411 DH'), await resident('Joost', 'Hendriks', '7411 EK'), await resident('Wilma', 'Kampman', '7411 GT')];
    const a7412 = [await resident('Pieter', 'Dijk', '7412 AB'), await resident('Sanne', 'Mulder', '7412 BC'), await resident('Riet', 'Smit', '7412 CD'), await resident('Ahmed', 'Yilmaz', '7412 DE'), await resident('Els', 'Visser', '7412 EF')];
    const b7413 = [await resident('Truus', 'Kok', '7413 AA'), await resident('Bram', 'Meijer', '7413 BB'), await resident('Lotte', 'Bakker', '7413 CC')];
    const outside = await resident('Johan', 'Schouten', '7500 AA');

    const plan: Array<{ consumer: Enrolled; provider: Enrolled; offerId: string; category: Delivered['category']; postcode4: number; minutes: number; complete: boolean }> = [
      ...a7411.map((consumer, i) => ({ consumer, provider: klusser, offerId: klussen, category: 'Klussen' as const, postcode4: 7411, minutes: 45 + 5 * i, complete: true })),
      { consumer: a7411[0], provider: klusser, offerId: klussen, category: 'Klussen', postcode4: 7411, minutes: 35, complete: true },
      ...a7412.map((consumer, i) => ({ consumer, provider: klusser, offerId: klussen, category: 'Klussen' as const, postcode4: 7412, minutes: 70 + 10 * i, complete: true })),
      { consumer: outside, provider: klusser, offerId: klussen, category: 'Klussen', postcode4: 7500, minutes: 240, complete: true },
      // Delivered but not yet confirmed by the resident: not counted.
      { consumer: a7412[1], provider: klusser, offerId: klussen, category: 'Klussen', postcode4: 7412, minutes: 500, complete: false },
      ...b7413.map((consumer, i) => ({ consumer, provider: hovenier, offerId: tuin, category: 'Tuin' as const, postcode4: 7413, minutes: 100 + 15 * i, complete: true })),
    ];
    const today = dutchDate(clock.now());
    from = addDays(today, 1);
    through = addDays(today, 10);
    const slots = ['08:00', '10:00', '12:00', '14:00'];
    const perProvider = new Map<Enrolled, number>();
    const booked: Array<{ id: string; start: Date; item: (typeof plan)[number] }> = [];
    for (const item of plan) {
      const k = perProvider.get(item.provider) ?? 0;
      perProvider.set(item.provider, k + 1);
      const start = dutchInstant(addDays(today, 2 + Math.floor(k / slots.length)), slots[k % slots.length]);
      const booking = await post('/bookings', item.consumer.accessToken, { offerId: item.offerId, start: start.toISOString() });
      await post(`/bookings/${booking.id}/confirm`, item.provider.accessToken);
      booked.push({ id: booking.id, start, item });
    }
    clock.setTo(new Date(Math.max(...booked.map((b) => b.start.getTime())) + 3 * HOUR));
    for (const { id, item } of booked) {
      await post(`/bookings/${id}/deliver`, item.provider.accessToken, { actualMinutes: item.minutes });
      if (!item.complete) continue;
      await post(`/bookings/${id}/complete`, item.consumer.accessToken);
      deliveries.push({ category: item.category, postcode4: item.postcode4, household: item.consumer.id, minutes: item.minutes });
    }
    clock.setTo(new Date());
  });
  afterAll(() => sut.close());

  const statement = async (query: Record<string, string> = {}): Promise<Statement> => {
    const response = await get(`${base}/sponsor-impact`, board, { postcodes: AREA, from, through, ...query });
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
    return response.body as Statement;
  };
  const inArea = (d: Delivered) => [7411, 7412, 7413, 7421].includes(d.postcode4);

  it('gives, per category and postcode, the minutes delivered and the distinct households helped in the area', async () => {
    const body = await statement();
    expect(body).toMatchObject({ from, through, postcodes: [{ from: 7411, to: 7413 }, { from: 7421, to: 7421 }], hoursUnit: 'minutes', minimumCount: 5 });
    const klussen = body.categories.find((c) => c.category === 'Klussen')!;
    const cell7411 = klussen.postcodes.find((p) => p.postcode4 === 7411)!;
    // Six households, one helped twice: counted once.
    expect(cell7411).toEqual({ postcode4: 7411, suppressed: false, ...expected(deliveries, (d) => d.category === 'Klussen' && d.postcode4 === 7411) });
    expect(cell7411.households).toBe(6);
    expect(body.postcodeTotals.find((p) => p.postcode4 === 7411)).toEqual({ postcode4: 7411, suppressed: false, ...expected(deliveries, (d) => d.postcode4 === 7411) });
    // The household in 7500 and the delivery not yet confirmed are left out of the grand total.
    expect(body.total).toEqual({ suppressed: false, ...expected(deliveries, inArea) });
    expect(body.total.households).toBe(14);
    expect(body.postcodeTotals.map((p) => p.postcode4)).toEqual([7411, 7412, 7413]);
  });

  it('hides tuin, with fewer than five households, everywhere it appears, and no sum gives it away', async () => {
    const body = await statement();
    const tuin = body.categories.find((c) => c.category === 'Tuin')!;
    const hidden = { households: '<5', deliveredMinutes: null, suppressed: true };
    expect(tuin.total).toEqual(hidden);
    expect(tuin.postcodes.find((p) => p.postcode4 === 7413)).toEqual({ postcode4: 7413, ...hidden });
    expect(body.postcodeTotals.find((p) => p.postcode4 === 7413)).toEqual({ postcode4: 7413, ...hidden });

    const secret = expected(deliveries, (d) => d.category === 'Tuin').deliveredMinutes;
    const shown = (cells: Cell[]) => cells.reduce((sum, c) => sum + (c.deliveredMinutes ?? 0), 0);
    const klussen = body.categories.find((c) => c.category === 'Klussen')!;
    const attempts: Array<{ total: Cell; cells: Cell[] }> = [
      { total: body.total, cells: body.categories.map((c) => c.total) },
      { total: body.total, cells: body.postcodeTotals },
      { total: body.total, cells: body.categories.flatMap((c) => c.postcodes) },
      ...body.categories.map((c) => ({ total: c.total, cells: c.postcodes })),
      ...body.postcodeTotals.map((p) => ({ total: p as Cell, cells: body.categories.map((c) => c.postcodes.find((q) => q.postcode4 === p.postcode4)!) })),
      { total: body.total, cells: [...klussen.postcodes, klussen.total] },
    ];
    for (const { total, cells } of attempts) {
      if (total.deliveredMinutes === null) continue;
      expect(total.deliveredMinutes - shown(cells)).not.toBe(secret);
    }
    // Each sum with a hidden figure hides at least two, so none is the one unknown.
    for (const { total, cells } of attempts.slice(0, 5)) {
      const hiddenCount = [total, ...cells].filter((c) => c.suppressed && !(c.households === 0)).length;
      expect(hiddenCount === 0 || hiddenCount >= 2).toBe(true);
    }
  });

  it('holds no id, name, e-mail address or street, only category names, postcodes, counts and minutes', async () => {
    const body = await statement();
    const texts = strings(body);
    expect(texts.filter((t) => UUID.test(t))).toEqual([]);
    expect(texts.filter((t) => personal.some((p) => t.toLowerCase().includes(p.toLowerCase())))).toEqual([]);
    expect(new Set(texts)).toEqual(new Set(['minutes', from, through, 'Klussen', 'Tuin', '<5', 'x']));
  });

  it('counts nothing outside the period or the area', async () => {
    const before = await statement({ from: addDays(from, -400), through: addDays(from, -1) });
    expect(before).toMatchObject({ categories: [], postcodeTotals: [], total: { households: 0, deliveredMinutes: 0, suppressed: false } });
    const elsewhere = await statement({ postcodes: '7500' });
    // One household: under five, so hidden.
    expect(elsewhere.total).toEqual({ households: '<5', deliveredMinutes: null, suppressed: true });
  });

  it('prints the statement as a PDF for the sponsor', async () => {
    const response = await get(`${base}/sponsor-impact.pdf`, board, { postcodes: AREA, from, through }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = extractPdfText(response.body as Buffer);
    expect(text.pages).toHaveLength(1);
    const total = expected(deliveries, inArea);
    const cell7411 = expected(deliveries, (d) => d.category === 'Klussen' && d.postcode4 === 7411);
    const hm = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
    expect(text.all).toContain('Wat de buurt deed in uw wijk');
    expect(text.all).toContain('Buurtcoöperatie korenschoof');
    expect(text.all).toContain('7411–7413, 7421');
    expect(text.all).toContain(`7411 6 ${hm(cell7411.deliveredMinutes)}`);
    expect(text.all).toContain(`Huishoudens geholpen, alle diensten ${total.households}`);
    expect(text.all).toContain(`Uren geleverd, alle diensten ${hm(total.deliveredMinutes)}`);
    expect(text.all).toContain('Aantallen onder de 5 worden getoond als "<5" om de privacy van bewoners te beschermen');
    expect(text.all).toMatch(/Tuin .*7413 <5 <5/);
    expect(text.all).toMatch(/Alle diensten .*7411 6 /);
    for (const p of personal) expect(text.all).not.toContain(p);
  });

  describe('refuses', () => {
    it.each([
      [{ postcodes: '7411-7400' }, 'postcodes'],
      [{ postcodes: 'abc' }, 'postcodes'],
      [{ postcodes: '999' }, 'postcodes'],
      [{ postcodes: Array.from({ length: 51 }, (_, i) => String(7000 + 2 * i)).join(',') }, 'postcodes'],
      [{ from: '2026-12-31', through: '2026-01-01' }, 'from'],
      [{ from: '2026-02-30' }, 'from'],
      [{ through: 'morgen' }, 'through'],
      [{ from: '2023-01-01', through: '2026-01-02' }, 'through'],
    ])('%p, naming %s', async (query, field) => {
      const response = await get(`${base}/sponsor-impact`, board, { postcodes: AREA, from, through, ...query });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((response.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([field]);
    });

    it('a missing area', async () => {
      const response = await request(sut.url).get(`${base}/sponsor-impact`).set(bearer(board)).query({ from, through });
      expect(response.status).toBe(400);
      expect((response.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['postcodes']);
    });

    it('a member or coordinator without funding.read (403), and another cooperative’s board (404)', async () => {
      for (const path of ['sponsor-impact', 'sponsor-impact.pdf']) {
        expect((await get(`${base}/${path}`, await coop.token('member'), { postcodes: AREA, from, through })).status).toBe(403);
        expect((await get(`${base}/${path}`, await coop.token('coordinator'), { postcodes: AREA, from, through })).status).toBe(403);
      }
      const other = await createTestCooperative(sut, 'ijsselwonen');
      expect((await get(`${base}/sponsor-impact`, await other.token('board'), { postcodes: AREA, from, through })).status).toBe(404);
      expect((await get(`${base}/sponsor-impact.pdf`, await other.token('board'), { postcodes: AREA, from, through })).status).toBe(404);
    });
  });

  it('a treasurer may read it', async () => {
    expect((await get(`${base}/sponsor-impact`, await coop.token('treasurer'), { postcodes: AREA, from, through })).status).toBe(200);
  });
});
