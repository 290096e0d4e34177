import { Workbook } from 'exceljs';
import request from 'supertest';
import { Clock, UnitOfWork, addDays, asCooperativeId, dutchDate, parseCsv } from '@buurtcoop/core';
import { Enrolled, TestApp, TestCooperative, bearer, collectBody, createTestApp, createTestCooperative, dutchInstant, enrolMember, extractPdfText } from '@buurtcoop/testing';

const HOUR = 3_600_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const IBAN = /\b[A-Z]{2}\d{2}[A-Z]{4}\d{7,}\b/;
const FLAGS = ['age_65_plus', 'minimum_income', 'disability', 'informal_carer'] as const;
type Flag = (typeof FLAGS)[number];
type Category = 'Klussen' | 'Onderhoud zonnepanelen' | 'Tuin';

interface Share {
  residents: number | string;
  sharePercent: number | null;
}
interface Cell {
  residents: number | string;
  deliveredMinutes: number | null;
  suppressed: boolean;
  vulnerable: Share;
  categories: Record<Flag, Share>;
}
interface Figures {
  agreement: Record<string, string>;
  from: string;
  through: string;
  minimumCount: number;
  spending: { budgetCents: number; openingCents: number; receivedCents: number; spentCents: number; committedCents: number; unspentCents: number; budget: Array<Record<string, string | number>> };
  matching: Record<string, unknown>;
  outputs: { total: Cell; byServiceCategory: Array<Cell & { code: string; name: string }>; byMonth: Array<Cell & { month: string }>; byPostcode: Array<Cell & { postcode4: number | null }> };
  targets: Array<{ kind: string; target: number; unit: string; achieved: number | string | null; achievedMinutes: number | null; note: string | null }>;
  activitiesRecorded: boolean;
  tables: Table[];
}
interface Table {
  name: string;
  title: string;
  columns: Array<{ key: string; label: string; kind: string }>;
  rows: Array<Record<string, string | number | null>>;
}

/** One completed booking as the test planned it. */
interface Delivered {
  category: Category;
  month: string;
  postcode4: number;
  resident: string;
  flags: Flag[];
  minutes: number;
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return [...Object.keys(value), ...Object.values(value).flatMap(strings)];
  return [];
}

const MARKERS = ['<5', 'x'];
const euros = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const hhmm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** A downloaded CSV's blocks, split at the blank line, each read back with the core's CSV reader: title → header and rows. */
function csvTables(body: Buffer): Map<string, string[][]> {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const blocks = body.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n$/, '').split('\r\n\r\n');
  return new Map(
    blocks.map((block) => {
      const doc = parseCsv(block, { delimiter: ';' });
      expect(doc.errors).toEqual([]);
      const [title, ...rest] = doc.records.map((r) => r.fields);
      return [title[0], rest];
    }),
  );
}

/** exceljs reads a number formatted [h]:mm as a date from Excel's day zero: back to whole minutes. */
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);
const cellValue = (value: unknown) => (value instanceof Date ? Math.round((value.getTime() - EXCEL_DAY_ZERO) / 60_000) : (value ?? null));

/** Every sheet of a downloaded workbook as rows of cell values (durations in minutes), as many cells per row as the header has. */
async function sheets(body: Buffer): Promise<Array<{ name: string; rows: unknown[][] }>> {
  const book = new Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const width = sheet.getRow(1).cellCount;
    const rows: unknown[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) rows.push(Array.from({ length: width }, (_, c) => cellValue(sheet.getRow(r).getCell(c + 1).value)));
    return { name: sheet.name, rows };
  });
}

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

const firstOfMonth = (date: string, months: number): string => {
  const [y, m] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};

describe('municipality reviewer portal: agreement figures (e2e)', () => {
  let sut: TestApp;
  let clock: Clock;
  let coop: TestCooperative;
  let base: string;
  let reviewer: { authorization: string };
  let agreementId: string;
  let fundId: string;
  let from: string;
  let through: string;
  const deliveries: Delivered[] = [];
  const personal: string[] = [];
  const datesOfBirth: string[] = [];

  const post = async (path: string, token: string, body: object = {}) => {
    const response = await request(sut.url).post(`${base}${path}`).set(bearer(token)).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const figuresPath = (municipalityId: string, id: string) => `/api/v1/municipalities/${municipalityId}/agreements/${id}/figures`;
  const figures = async (query: Record<string, string> = {}): Promise<Figures> => {
    const response = await request(sut.url).get(figuresPath(coop.municipalityId, agreementId)).set(reviewer).query(query);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
    return response.body as Figures;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
    coop = await createTestCooperative(sut, 'zandweerd');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    const board = await coop.token('board');
    const treasurer = await coop.token('treasurer');
    reviewer = bearer(await coop.token('municipality_reviewer'));

    let n = 0;
    const resident = async (firstName: string, lastName: string, postcode: string, flags: Flag[] = [], role: 'consumer' | 'provider' = 'consumer'): Promise<Enrolled> => {
      n += 1;
      const email = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '') + '@zandweerd.example';
      const dateOfBirth = `19${40 + n}-0${1 + (n % 9)}-1${n % 10}`;
      personal.push(firstName, lastName, email, `Brinkgreverweg ${n}`);
      datesOfBirth.push(dateOfBirth);
      const member = await enrolMember(sut, coop, { type: role === 'provider' ? 'provider' : 'resident', role, firstName, lastName, email, street: 'Brinkgreverweg', houseNumber: String(n), postcode, city: 'Deventer', dateOfBirth });
      if (flags.length) await request(sut.url).put(`${base}/members/me/categories`).set(bearer(member.accessToken)).send({ categories: flags, consent: true }).expect(200);
      return member;
    };
    const klusser = await resident('Henk', 'Brouwer', '7414 AA', [], 'provider');
    const hovenier = await resident('Ingrid', 'Wolters', '7415 AB', [], 'provider');
    const monteur = await resident('Sven', 'Hoekstra', '7416 AC', [], 'provider');
    const categories = (await request(sut.url).get(`${base}/service-categories`).set(bearer(board)).expect(200)).body as Array<{ id: string; code: string }>;
    const offer = async (provider: Enrolled, code: string, rateCents: number) =>
      (
        await post('/offers', provider.accessToken, {
          categoryId: categories.find((c) => c.code === code)!.id,
          description: `Aanbod ${code} in de wijk.`,
          serviceArea: [{ from: '7400', to: '7599' }],
          rateCents,
          maxBookingsPerDay: 6,
          windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '08:00', endTime: '18:00' })),
        })
      ).id as string;
    const offers: Record<Category, { id: string; provider: Enrolled }> = {
      Klussen: { id: await offer(klusser, 'klussen', 1000), provider: klusser },
      Tuin: { id: await offer(hovenier, 'tuin', 1000), provider: hovenier },
      'Onderhoud zonnepanelen': { id: await offer(monteur, 'zonnepanelen', 3000), provider: monteur },
    };

    // Klussen: seven residents, five in 7411 and two in 7412; zonnepanelen: the five in 7411; tuin: three in 7412.
    const k = [
      { m: await resident('Gerrit', 'Bosman', '7411 AP', ['age_65_plus', 'minimum_income']), flags: ['age_65_plus', 'minimum_income'] as Flag[] },
      { m: await resident('Fatima', 'Amrani', '7411 BR', ['age_65_plus']), flags: ['age_65_plus'] as Flag[] },
      { m: await resident('Anouk', 'Vries', '7411 CN', ['age_65_plus']), flags: ['age_65_plus'] as Flag[] },
      { m: await resident('Kees', 'Jansen', '7411 DH', ['age_65_plus', 'disability']), flags: ['age_65_plus', 'disability'] as Flag[] },
      { m: await resident('Joost', 'Hendriks', '7411 EK', ['age_65_plus']), flags: ['age_65_plus'] as Flag[] },
      { m: await resident('Pieter', 'Dijk', '7412 AB', ['minimum_income']), flags: ['minimum_income'] as Flag[] },
      { m: await resident('Sanne', 'Mulder', '7412 BC'), flags: [] as Flag[] },
    ];
    const t = [
      { m: await resident('Truus', 'Kok', '7412 CD', ['age_65_plus']), flags: ['age_65_plus'] as Flag[] },
      { m: await resident('Bram', 'Meijer', '7412 DE', ['informal_carer']), flags: ['informal_carer'] as Flag[] },
      { m: await resident('Lotte', 'Bakker', '7412 EF'), flags: [] as Flag[] },
    ];
    // A resident who withdrew consent is not counted in any category.
    await request(sut.url).put(`${base}/members/me/categories`).set(bearer(k[6].m.accessToken)).send({ categories: ['disability'], consent: true }).expect(200);
    await request(sut.url).put(`${base}/members/me/categories`).set(bearer(k[6].m.accessToken)).send({ categories: [] }).expect(200);

    const today = dutchDate(clock.now());
    from = firstOfMonth(today, 1);
    through = addDays(firstOfMonth(today, 13), -1);
    const month1 = firstOfMonth(today, 1);
    const month2 = firstOfMonth(today, 2);
    const postcodeOf = (r: { m: Enrolled }) => (k.slice(0, 5).includes(r as (typeof k)[number]) ? 7411 : 7412);
    type Plan = { who: { m: Enrolled; flags: Flag[] }; category: Category; day: string; minutes: number; complete: boolean };
    const plan: Plan[] = [
      ...k.slice(0, 5).map((who, i) => ({ who, category: 'Klussen' as const, day: addDays(month1, 2 + Math.floor(i / 3)), minutes: 45 + 5 * i, complete: true })),
      ...t.map((who, i) => ({ who, category: 'Tuin' as const, day: addDays(month1, 3), minutes: 100 + 15 * i, complete: true })),
      ...k.slice(2, 7).map((who, i) => ({ who, category: 'Klussen' as const, day: addDays(month2, 2 + Math.floor(i / 3)), minutes: 70 + 10 * i, complete: true })),
      ...k.slice(0, 5).map((who, i) => ({ who, category: 'Onderhoud zonnepanelen' as const, day: addDays(month2, 4 + Math.floor(i / 3)), minutes: 80 + 7 * i, complete: true })),
      // Delivered but never confirmed by the resident: not counted.
      { who: k[6], category: 'Tuin', day: addDays(month2, 6), minutes: 500, complete: false },
    ];
    // Slots follow each category's duration from the window's start: 60 (klussen), 120 (tuin), 90 minutes (zonnepanelen).
    const slots = (category: Category) => (category === 'Onderhoud zonnepanelen' ? ['08:00', '09:30', '11:00', '12:30'] : ['08:00', '10:00', '12:00', '14:00']);
    const used = new Map<string, number>();
    const booked: Array<{ id: string; start: Date; item: Plan }> = [];
    for (const item of plan) {
      const key = `${item.category}|${item.day}`;
      const slot = used.get(key) ?? 0;
      used.set(key, slot + 1);
      const start = dutchInstant(item.day, slots(item.category)[slot]);
      const booking = await post('/bookings', item.who.m.accessToken, { offerId: offers[item.category].id, start: start.toISOString() });
      await post(`/bookings/${booking.id}/confirm`, offers[item.category].provider.accessToken);
      booked.push({ id: booking.id, start, item });
    }
    clock.setTo(new Date(Math.max(...booked.map((b) => b.start.getTime())) + 3 * HOUR));
    for (const { id, item } of booked) {
      await post(`/bookings/${id}/deliver`, offers[item.category].provider.accessToken, { actualMinutes: item.minutes });
      if (!item.complete) continue;
      await post(`/bookings/${id}/complete`, item.who.m.accessToken);
      deliveries.push({ category: item.category, month: item.day.slice(0, 7), postcode4: postcodeOf(item.who), resident: item.who.m.id, flags: item.who.flags, minutes: item.minutes });
    }
    clock.setTo(new Date());

    // Money: the agreement's fund with a budget, an advance received, a cost on the fund and own-source dues.
    const recorded = await post('/agreements', treasurer, {
      reference: 'Z/26/700001',
      startsOn: from,
      endsOn: through,
      grantedCents: 2_000_000,
      ratio: { numerator: 1, denominator: 2 },
      capCents: 1_500_000,
      advances: [{ expectedOn: addDays(from, 5), amountCents: 800_000 }],
      reportsDue: [],
      targets: [
        { kind: 'hours_delivered', target: 40 },
        { kind: 'residents_helped', target: 25 },
        { kind: 'vulnerable_residents_helped', target: 10 },
        { kind: 'activities_held', target: 12 },
      ],
    });
    agreementId = recorded.id;
    fundId = recorded.fundId;
    await request(sut.url).put(`${base}/funds/${fundId}/budget`).set(bearer(treasurer)).send({ lines: [{ accountCode: '4000', amountCents: 1_200_000 }, { accountCode: '4100', amountCents: 300_000 }] }).expect(200);
    await post(`/agreements/${agreementId}/advances/${recorded.advances[0].id}/receive`, treasurer, { receivedOn: addDays(from, 6) });
    const accounts = Object.fromEntries((await request(sut.url).get(`${base}/ledger/accounts`).set(bearer(treasurer)).expect(200)).body.map((a: { code: string; id: string }) => [a.code, a.id]));
    const entry = (date: string, key: string, lines: object[]) => post('/ledger/entries', treasurer, { entryDate: date, description: `Boeking ${key}`, idempotencyKey: key, lines });
    await entry(addDays(from, 10), 'kosten-1', [{ accountId: accounts['4000'], amountCents: 123_450, fundId }, { accountId: accounts['1100'], amountCents: -123_450 }]);
    await entry(addDays(from, 40), 'kosten-2', [{ accountId: accounts['4100'], amountCents: 20_005, fundId }, { accountId: accounts['1100'], amountCents: -20_005 }]);
    await entry(addDays(from, 12), 'contributie', [{ accountId: accounts['1100'], amountCents: 91_001 }, { accountId: accounts['8000'], amountCents: -91_001 }]);
  });
  afterAll(() => sut.close());

  /** What the planned deliveries say of a set of them, computed apart from the product. */
  const planned = (match: (d: Delivered) => boolean) => {
    const chosen = deliveries.filter(match);
    const residents = new Set(chosen.map((d) => d.resident));
    const withFlag = (f: (flags: Flag[]) => boolean) => new Set(chosen.filter((d) => f(d.flags)).map((d) => d.resident)).size;
    return {
      residents: residents.size,
      minutes: chosen.reduce((s, d) => s + d.minutes, 0),
      vulnerable: withFlag((flags) => flags.length > 0),
      flags: Object.fromEntries(FLAGS.map((f) => [f, withFlag((flags) => flags.includes(f))])) as Record<Flag, number>,
    };
  };
  const percent = (part: number, whole: number) => Math.round((100 * part) / whole);
  const shown = (cell: Cell, match: (d: Delivered) => boolean) => {
    const p = planned(match);
    expect({ residents: cell.residents, deliveredMinutes: cell.deliveredMinutes, suppressed: cell.suppressed }).toEqual({ residents: p.residents, deliveredMinutes: p.minutes, suppressed: false });
    return p;
  };
  const share = (s: Share, part: number, whole: number) => expect(s).toEqual({ residents: part, sharePercent: percent(part, whole) });
  const hidden = (s: Share, marker: '<5' | 'x') => expect(s).toEqual({ residents: marker, sharePercent: null });

  it('gives budget against spending from the fund and matching against the rule', async () => {
    const body = await figures();
    expect(body).toMatchObject({ from, through, minimumCount: 5, agreement: { id: agreementId, cooperativeId: coop.cooperativeId, reference: 'Z/26/700001', fundId } });
    expect(body.spending).toEqual({
      budgetCents: 2_000_000,
      openingCents: 0,
      receivedCents: 800_000,
      spentCents: 123_450 + 20_005,
      committedCents: 0,
      unspentCents: 800_000 - 123_450 - 20_005,
      budget: [
        { accountCode: '4000', accountName: expect.any(String), budgetCents: 1_200_000, actualCents: 123_450, remainingCents: 1_200_000 - 123_450 },
        { accountCode: '4100', accountName: expect.any(String), budgetCents: 300_000, actualCents: 20_005, remainingCents: 300_000 - 20_005 },
      ],
    });
    // 1 euro municipal money for every 2 euros of own sources, rounded down to the cent.
    expect(body.matching).toEqual({ ratio: { numerator: 1, denominator: 2 }, capCents: 1_500_000, grantedCents: 2_000_000, ownSourcesCents: 91_001, earnedCents: 45_500, matchingCents: 45_500, binding: 'own_sources', from, through });
    // A shorter period counts only what fell in it.
    const early = await figures({ through: addDays(from, 20) });
    expect(early.spending).toMatchObject({ receivedCents: 800_000, spentCents: 123_450 });
    expect(early.matching).toMatchObject({ through: addDays(from, 20), ownSourcesCents: 91_001 });
  });

  it('counts hours, distinct residents and vulnerable residents in all and per month and postcode-4 area', async () => {
    const { outputs } = await figures();
    const total = shown(outputs.total, () => true);
    expect(total.residents).toBe(10);
    share(outputs.total.vulnerable, total.vulnerable, total.residents);
    share(outputs.total.categories.age_65_plus, total.flags.age_65_plus, total.residents);
    // Two residents on minimum income, one with a disability, one carer: too few to show, anywhere.
    expect(total.flags).toMatchObject({ minimum_income: 2, disability: 1, informal_carer: 1 });
    for (const flag of ['minimum_income', 'disability', 'informal_carer'] as const) {
      hidden(outputs.total.categories[flag], '<5');
      // A cell counting nobody in the category shows 0; every other cell hides its count and share.
      for (const c of [...outputs.byServiceCategory, ...outputs.byMonth, ...outputs.byPostcode]) {
        const s = c.categories[flag];
        expect(s.residents === 0 ? s.sharePercent === 0 : s.sharePercent === null && ['<5', 'x'].includes(s.residents as string)).toBe(true);
      }
    }

    const months = [...new Set(deliveries.map((d) => d.month))].sort();
    expect(outputs.byMonth.map((m) => m.month)).toEqual(months);
    for (const m of outputs.byMonth) {
      const p = shown(m, (d) => d.month === m.month);
      share(m.vulnerable, p.vulnerable, p.residents);
      share(m.categories.age_65_plus, p.flags.age_65_plus, p.residents);
    }
    expect(outputs.byPostcode.map((p) => p.postcode4)).toEqual([7411, 7412]);
    const [p7411, p7412] = outputs.byPostcode;
    shown(p7411, (d) => d.postcode4 === 7411);
    const q = shown(p7412, (d) => d.postcode4 === 7412);
    // 7412 has three vulnerable residents and one aged 65+: hidden, and 7411's counts hidden with them.
    expect(q).toMatchObject({ vulnerable: 3, flags: { age_65_plus: 1 } });
    hidden(p7412.vulnerable, '<5');
    hidden(p7412.categories.age_65_plus, '<5');
    hidden(p7411.vulnerable, 'x');
    hidden(p7411.categories.age_65_plus, 'x');
  });

  it('hides tuin, with three residents, as "<5" everywhere, and no total minus shown cells reveals it', async () => {
    const body = await figures();
    const { outputs } = body;
    expect(outputs.byServiceCategory.map((c) => c.name)).toEqual(['Klussen', 'Onderhoud zonnepanelen', 'Tuin']);
    const [klussen, zon, tuin] = outputs.byServiceCategory;
    expect(planned((d) => d.category === 'Tuin').residents).toBe(3);
    expect(tuin).toMatchObject({ residents: '<5', deliveredMinutes: null, suppressed: true });
    for (const s of [tuin.vulnerable, ...Object.values(tuin.categories)]) expect(s.sharePercent).toBeNull();
    // Zonnepanelen (five residents) is hidden too, or klussen + tuin = total would give tuin away.
    expect(zon).toMatchObject({ residents: 'x', deliveredMinutes: null, suppressed: true });
    const k = shown(klussen, (d) => d.category === 'Klussen');
    share(klussen.categories.age_65_plus, k.flags.age_65_plus, k.residents);
    share(klussen.vulnerable, k.vulnerable, k.residents);

    const secret = planned((d) => d.category === 'Tuin');
    const sumShown = (cells: Cell[]) => cells.reduce((s, c) => s + (c.deliveredMinutes ?? 0), 0);
    const countShown = (cells: Cell[]) => cells.reduce((s, c) => s + (typeof c.residents === 'number' ? c.residents : 0), 0);
    const sets: Cell[][] = [outputs.byServiceCategory, outputs.byMonth, outputs.byPostcode];
    for (const cells of sets) {
      for (let mask = 0; mask < 1 << cells.length; mask++) {
        const chosen = cells.filter((_, i) => mask & (1 << i));
        expect(outputs.total.deliveredMinutes! - sumShown(chosen)).not.toBe(secret.minutes);
      }
      const hiddenCells = [...cells, outputs.total].filter((c) => c.suppressed).length;
      expect(hiddenCells === 0 || hiddenCells >= 2).toBe(true);
    }
    // Nor in the tables handed to the exports.
    const table = body.tables.find((t) => t.name === 'uitvoer-per-dienstcategorie')!;
    expect(table.rows.find((r) => r.category === 'Tuin')).toMatchObject({ residents: '<5', minutes: null, vulnerablePercent: null });
    expect(table.rows.find((r) => r.category === 'Totaal')).toMatchObject({ residents: 10, minutes: planned(() => true).minutes });
    expect(countShown(outputs.byServiceCategory)).toBe(k.residents);
  });

  it('sets outputs against the targets, and says activities cannot be counted', async () => {
    const body = await figures();
    const total = planned(() => true);
    expect([...body.targets].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'activities_held', target: 12, unit: 'activities', achieved: null, achievedMinutes: null, note: expect.stringContaining('geen activiteiten') },
      { kind: 'hours_delivered', target: 40, unit: 'hours', achieved: Math.floor(total.minutes / 60), achievedMinutes: total.minutes, note: null },
      { kind: 'residents_helped', target: 25, unit: 'residents', achieved: 10, achievedMinutes: null, note: null },
      { kind: 'vulnerable_residents_helped', target: 10, unit: 'residents', achieved: total.vulnerable, achievedMinutes: null, note: null },
    ]);
    expect(body.activitiesRecorded).toBe(false);
    expect(body.tables.find((t) => t.name === 'geld')!.rows).toEqual(
      expect.arrayContaining([{ figure: 'Besteed uit het fonds', amountCents: 123_450 + 20_005 }, { figure: 'Matching (na plafond)', amountCents: 45_500 }]),
    );
    expect(body.tables.map((t) => t.name)).toEqual(['besteding', 'geld', 'doelen', 'uitvoer-per-dienstcategorie', 'uitvoer-per-maand', 'uitvoer-per-postcodegebied']);
  });

  const download = async (format: 'csv' | 'xlsx', query: Record<string, string> = {}, path = figuresPath(coop.municipalityId, agreementId)) => {
    const response = await request(sut.url).get(path).set(reviewer).query({ ...query, format }).buffer(true).parse(binary);
    expect({ status: response.status, type: response.headers['content-type'] }).toMatchObject({ status: 200 });
    return response as request.Response & { body: Buffer };
  };
  /** A JSON table cell as the CSV must write it: euros with a decimal comma, hours as h:mm, markers as they are. */
  const csvText = (kind: string, value: string | number | null): string =>
    value === null ? '' : typeof value === 'string' ? value : kind === 'cents' ? euros(value) : kind === 'minutes' ? hhmm(value) : String(value);
  /** A JSON table cell as the workbook must hold it: euros as numbers, durations (read back as minutes), markers as text. */
  const excelValue = (kind: string, value: string | number | null): unknown => (value === null || typeof value === 'string' ? value : kind === 'cents' ? value / 100 : value);
  /** The minutes of the two hidden service categories, which no download may contain. */
  const hiddenMinutes = () => [planned((d) => d.category === 'Tuin').minutes, planned((d) => d.category === 'Onderhoud zonnepanelen').minutes];

  it('downloads the figures as CSV: the same tables, money and hours exact, hidden cells only as "<5" or "x"', async () => {
    const body = await figures();
    const response = await download('csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="cofinanciering-Z-26-700001-${from}-${through}.csv"`);
    const tables = csvTables(response.body);
    expect([...tables.keys()]).toEqual(body.tables.map((t) => t.title));
    for (const t of body.tables) {
      expect({ table: t.name, rows: tables.get(t.title) }).toEqual({ table: t.name, rows: [t.columns.map((c) => c.label), ...t.rows.map((r) => t.columns.map((c) => csvText(c.kind, r[c.key] ?? null)))] });
    }

    // The figures themselves, computed apart from the product.
    expect(tables.get('Ontvangsten, besteding en matching')!.slice(1)).toEqual(
      expect.arrayContaining([['Ontvangen op het fonds', euros(800_000)], ['Besteed uit het fonds', euros(123_450 + 20_005)], ['Eigen inkomsten', euros(91_001)], ['Matching (na plafond)', euros(45_500)]]),
    );
    const [header, ...rows] = tables.get('Uren en bewoners per dienstcategorie')!;
    const row = (name: string) => rows.find((r) => r[0] === name)!;
    const total = planned(() => true);
    const klussen = planned((d) => d.category === 'Klussen');
    expect(row('Totaal').slice(0, 3)).toEqual(['Totaal', String(total.residents), hhmm(total.minutes)]);
    expect(row('Klussen').slice(0, 3)).toEqual(['Klussen', String(klussen.residents), hhmm(klussen.minutes)]);
    expect(row('Tuin').slice(0, 3)).toEqual(['Tuin', '<5', '']);
    expect(row('Onderhoud zonnepanelen').slice(0, 3)).toEqual(['Onderhoud zonnepanelen', 'x', '']);
    // Two residents on minimum income: "<5" in the total, with no percentage beside it.
    expect(row('Totaal')[header.indexOf('Bewoners minimuminkomen')]).toBe('<5');
    expect(row('Totaal')[header.indexOf('minimuminkomen (%)')]).toBe('');
    // A hidden row holds markers and blanks only, and the hidden minutes appear nowhere in the file.
    for (const name of ['Tuin', 'Onderhoud zonnepanelen']) expect({ name, numbers: row(name).slice(1).filter((c) => c !== '' && !MARKERS.includes(c)) }).toEqual({ name, numbers: [] });
    const cells = [...tables.values()].flat(2);
    for (const minutes of hiddenMinutes()) expect(cells).not.toContain(hhmm(minutes));
  });

  it('downloads the figures as XLSX: one sheet per table, euros and hours as numbers, hidden cells only as "<5" or "x"', async () => {
    const body = await figures();
    const response = await download('xlsx');
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="cofinanciering-Z-26-700001-${from}-${through}.xlsx"`);
    const book = await sheets(response.body);
    // Excel allows 31 characters in a sheet's name.
    expect(book.map((s) => s.name)).toEqual(body.tables.map((t) => t.title.slice(0, 31)));
    body.tables.forEach((t, i) => {
      expect({ table: t.name, rows: book[i].rows }).toEqual({ table: t.name, rows: [t.columns.map((c) => c.label), ...t.rows.map((r) => t.columns.map((c) => excelValue(c.kind, r[c.key] ?? null)))] });
    });

    const money = book[body.tables.findIndex((t) => t.name === 'geld')].rows;
    expect(money).toEqual(expect.arrayContaining([['Besteed uit het fonds', (123_450 + 20_005) / 100], ['Matching (na plafond)', 455]]));
    const [header, ...rows] = book[body.tables.findIndex((t) => t.name === 'uitvoer-per-dienstcategorie')].rows;
    const row = (name: string) => rows.find((r) => r[0] === name)!;
    const total = planned(() => true);
    expect(row('Totaal').slice(0, 3)).toEqual(['Totaal', total.residents, total.minutes]);
    expect(row('Tuin').slice(0, 3)).toEqual(['Tuin', '<5', null]);
    expect(row('Onderhoud zonnepanelen').slice(0, 3)).toEqual(['Onderhoud zonnepanelen', 'x', null]);
    expect(row('Totaal')[header.indexOf('Bewoners met een beperking')]).toBe('<5');
    for (const name of ['Tuin', 'Onderhoud zonnepanelen']) expect({ name, numbers: row(name).slice(1).filter((c) => c !== null && !MARKERS.includes(c as string)) }).toEqual({ name, numbers: [] });
    const cells = book.flatMap((s) => s.rows.flat());
    for (const minutes of hiddenMinutes()) expect(cells).not.toContain(minutes);
  });

  it('refuses an unknown format with 400 naming format', async () => {
    const bad = await request(sut.url).get(figuresPath(coop.municipalityId, agreementId)).set(reviewer).query({ format: 'pdf' }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors[0].field).toBe('format');
  });

  it('refuses a period outside the agreement or upside down, naming the field', async () => {
    const late = await request(sut.url).get(figuresPath(coop.municipalityId, agreementId)).set(reviewer).query({ through: addDays(through, 1) }).expect(422);
    expect(late.body.errors[0].field).toBe('through');
    const reversed = await request(sut.url).get(figuresPath(coop.municipalityId, agreementId)).set(reviewer).query({ from: addDays(from, 10), through: addDays(from, 9) }).expect(422);
    expect(reversed.body.errors[0].field).toBe('through');
    const bad = await request(sut.url).get(figuresPath(coop.municipalityId, agreementId)).set(reviewer).query({ from: 'gisteren' }).expect(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('walks every municipality route as a reviewer and finds no person-level data', async () => {
    const docs = (await request(sut.url).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const all = Object.entries(docs.paths).filter(([path]) => path.startsWith('/api/v1/municipalities/'));
    // Reviewers write only on accountability reports (comment, ask for changes, approve, settle); those answer with
    // the report shapes read here and are walked with bodies of their own in accountability.e2e-spec.ts.
    expect(all.filter(([, methods]) => !('get' in methods)).map(([path]) => path).filter((path) => !path.includes('/accountability-reports/'))).toEqual([]);
    const routes = all.filter(([, methods]) => 'get' in methods);
    // A handed-in accountability report, so its routes have something to show.
    const board = bearer(await coop.token('board'));
    const reports = `${base}/agreements/${agreementId}/accountability-reports`;
    const reportId = (await request(sut.url).post(reports).set(board).send({ from, through }).expect(201)).body.id as string;
    await request(sut.url).put(`${reports}/${reportId}/narrative`).set(board).send({ sections: { samenvatting: 'Klussen, tuin en zonnepanelen voor de buurt.' } }).expect(200);
    await request(sut.url).post(`${reports}/${reportId}/submit`).set(board).send({}).expect(200);
    expect(routes.map(([path]) => path)).toEqual(expect.arrayContaining(['/api/v1/municipalities/{municipalityId}/agreements/{agreementId}/figures']));
    const allowed = new Set([coop.municipalityId, coop.cooperativeId, agreementId, fundId, reportId]);
    const ids: Record<string, string> = { municipalityId: coop.municipalityId, agreementId, id: agreementId, cooperativeId: coop.cooperativeId, reportId, version: '3' };
    let walked = 0;
    let downloads = 0;
    for (const [path, methods] of routes) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (!ids[name]) throw new Error(`No id for ${name} in ${path}`);
        return ids[name];
      });
      {
        const pdf = path.endsWith('/pdf');
        const response = pdf
          ? await request(sut.url).get(url).set(reviewer).buffer(true).parse(collectBody).expect(200)
          : await request(sut.url).get(url).set(reviewer).expect(200);
        walked += 1;
        const texts = pdf ? extractPdfText(response.body as Buffer).pages.flat() : strings(response.body);
        if (pdf) expect(texts.join(' ')).toContain('Klussen, tuin en zonnepanelen voor de buurt.');
        // A route that offers downloads is walked in each of them too.
        const parameters = (methods.get as { parameters?: Array<{ name: string; in: string }> }).parameters ?? [];
        const formats = parameters.some((p) => p.in === 'query' && p.name === 'format') ? (['csv', 'xlsx'] as const) : [];
        if (path.endsWith('/figures')) expect(formats).toEqual(['csv', 'xlsx']);
        const variants = [{ variant: path, texts }];
        for (const format of formats) {
          const file = (await download(format, {}, url)).body;
          const downloaded =
            format === 'csv'
              ? [...csvTables(file).entries()].flatMap(([title, rows]) => [title, ...rows.flat()])
              : (await sheets(file)).flatMap((s) => [s.name, ...s.rows.flat().map((c) => (c === null ? '' : String(c)))]);
          expect(downloaded.length).toBeGreaterThan(20);
          variants.push({ variant: `${path}?format=${format}`, texts: downloaded });
        }
        downloads += formats.length;
        for (const { variant: path, texts } of variants) {
          expect({ path, uuids: texts.flatMap((t) => t.match(UUID) ?? []).filter((id) => !allowed.has(id)) }).toEqual({ path, uuids: [] });
          expect({ path, personal: texts.filter((t) => personal.some((p) => t.toLowerCase().includes(p.toLowerCase()))) }).toEqual({ path, personal: [] });
          expect({ path, dates: texts.filter((t) => datesOfBirth.some((d) => t.includes(d))) }).toEqual({ path, dates: [] });
          expect({ path, ibans: texts.filter((t) => IBAN.test(t)) }).toEqual({ path, ibans: [] });
          expect({ path, keys: texts.filter((t) => /^(email|iban|street|houseNumber|dateOfBirth|firstName|lastName|memberId|phone)$/i.test(t)) }).toEqual({ path, keys: [] });
        }
      }
    }
    expect(walked).toBe(routes.length);
    expect(downloads).toBeGreaterThanOrEqual(2);
    expect(walked).toBeGreaterThanOrEqual(3);
  });

  it('answers 404 to a reviewer of another municipality and to the board, and 404 for another municipality’s agreement', async () => {
    const other = await createTestCooperative(sut, 'elders');
    const otherTreasurer = bearer(await other.token('treasurer'));
    const elsewhere = (
      await request(sut.url)
        .post(`/api/v1/cooperatives/${other.cooperativeId}/agreements`)
        .set(otherTreasurer)
        .send({ reference: 'Z/26/800002', startsOn: from, endsOn: through, grantedCents: 100_000, ratio: { numerator: 1, denominator: 1 }, advances: [], reportsDue: [], targets: [] })
        .expect(201)
    ).body.id as string;
    const otherReviewer = bearer(await other.token('municipality_reviewer'));
    await request(sut.url).get(figuresPath(coop.municipalityId, agreementId)).set(otherReviewer).expect(404);
    await request(sut.url).get(figuresPath(other.municipalityId, agreementId)).set(otherReviewer).expect(404);
    await request(sut.url).get(figuresPath(coop.municipalityId, elsewhere)).set(reviewer).expect(404);
    await request(sut.url).get(figuresPath(other.municipalityId, elsewhere)).set(otherReviewer).expect(200);
    for (const role of ['board', 'treasurer'] as const) {
      const status = (await request(sut.url).get(figuresPath(coop.municipalityId, agreementId)).set(bearer(await coop.token(role)))).status;
      expect([403, 404]).toContain(status);
    }
  });

  it('records every read by a reviewer in the audit log, for the agreement’s cooperative', async () => {
    const uow = sut.app.get(UnitOfWork);
    const tenant = { cooperativeId: asCooperativeId(coop.cooperativeId) };
    const count = () =>
      uow.run(tenant, () =>
        uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'municipality.figures.read' AND object_id = $1 AND cooperative_id = $2`, [agreementId, coop.cooperativeId]),
      );
    const before = (await count())[0].n;
    await figures({ from: addDays(from, 3), through: addDays(from, 30) });
    const rows = await uow.run(tenant, () =>
      uow.rows<{ details: Record<string, string>; object_type: string; actor_user_id: string | null }>(
        `SELECT details, object_type, actor_user_id FROM audit_events WHERE action = 'municipality.figures.read' AND object_id = $1 AND cooperative_id = $2 ORDER BY id DESC LIMIT 1`,
        [agreementId, coop.cooperativeId],
      ),
    );
    expect((await count())[0].n).toBe(before + 1);
    expect(before).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ object_type: 'co_finance_agreement', details: { municipalityId: coop.municipalityId, from: addDays(from, 3), through: addDays(from, 30) } });
    expect(rows[0].actor_user_id).toEqual(expect.any(String));
  });
});
