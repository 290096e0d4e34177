import request from 'supertest';
import { Workbook } from 'exceljs';
import { Clock, addDays, asCooperativeId, dutchDate, parseCsv } from '@buurtcoop/core';
import { Enrolled, TestApp, TestCooperative, bearer, createTestApp, createTestCooperative, dutchInstant, enrolMember, registerMember } from '@buurtcoop/testing';

const HOUR = 3_600_000;
type Auth = { authorization: string };

/** `YYYY-MM-01` of the month `back` months before the month of `day`. */
function monthStart(day: string, back = 0): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
const monthEnd = (first: string) => addDays(monthStart(addDays(first, 40)), -1);
const euros = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const hhmm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const BUCKETS = ['not_due', '1-30', '31-60', '61-90', '90+'] as const;
function bucketOf(dueDate: string, at: string): (typeof BUCKETS)[number] {
  const late = daysBetween(dueDate, at);
  return late <= 0 ? 'not_due' : late <= 30 ? '1-30' : late <= 60 ? '31-60' : late <= 90 ? '61-90' : '90+';
}

/** The tables of a dashboard CSV: blocks split at the blank line, each a title, a header and rows. */
function csvTables(body: Buffer): Record<string, string[][]> {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const blocks = body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n\r\n');
  return Object.fromEntries(blocks.map((block) => {
    const doc = parseCsv(block, { delimiter: ';' });
    expect(doc.errors).toEqual([]);
    const [title, ...rest] = doc.records.map((r) => r.fields);
    return [title[0], rest];
  }));
}

async function workbook(body: Buffer): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}
const sheetRows = (book: Workbook, name: string) => {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`No sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('Dashboards for the board and the treasurer (e2e)', () => {
  let sut: TestApp;
  let clock: Clock;
  let coop: TestCooperative;
  let base: string;
  let board: Auth;
  let treasurer: Auth;
  let today: string;
  let boardFrom: string;
  let boardThrough: string;
  let treasurerThrough: string;
  const hours: Array<{ code: string; name: string; month: string; minutes: number }> = [];
  const invoices: Array<{ dueDate: string; outstandingCents: number }> = [];
  const fund = { receivedCents: 500_000, spentCents: 120_000, committedCents: 45_000 };
  let bankCents = 0;
  const stripeCents = 2_500;
  const unmatched = [1_250, -735];

  const post = async (path: string, auth: Auth, body: object = {}) => {
    const response = await request(sut.url).post(`${base}${path}`).set(auth).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    clock = sut.app.get(Clock);
    coop = await createTestCooperative(sut, 'dashboards');
    base = `/api/v1/cooperatives/${coop.cooperativeId}`;
    board = bearer(await coop.token('board'));
    treasurer = bearer(await coop.token('treasurer'));
    today = dutchDate(clock.now());
    boardFrom = monthStart(today, 2);
    boardThrough = addDays(today, 40);
    treasurerThrough = addDays(today, 100);

    // Members: some joined in earlier months (as an import would carry them), some today; one ends today.
    const info = (await request(sut.url).get(`/api/v1/public/cooperatives/${coop.slug}`).expect(200)).body;
    const resident = info.membershipTypes.find((t: { code: string }) => t.code === 'resident').id as string;
    await registerMember(sut, asCooperativeId(coop.cooperativeId), { membershipTypeId: resident, lastName: 'Oudgediende', joinedOn: monthStart(today, 5) });
    const leaver = await registerMember(sut, asCooperativeId(coop.cooperativeId), { membershipTypeId: resident, lastName: 'Vertrekker', joinedOn: monthStart(today, 2) });
    await registerMember(sut, asCooperativeId(coop.cooperativeId), { membershipTypeId: resident, lastName: 'Bosman', joinedOn: addDays(monthStart(today, 1), -1) });
    await registerMember(sut, asCooperativeId(coop.cooperativeId), { membershipTypeId: resident, lastName: 'Amrani', joinedOn: addDays(monthStart(today, 1), 9) });
    await post(`/members/${leaver}/status`, board, { action: 'end', reason: 'Verhuisd naar Zwolle' });

    let n = 0;
    const enrol = (firstName: string, lastName: string, role: 'consumer' | 'provider'): Promise<Enrolled> =>
      enrolMember(sut, coop, { type: role === 'provider' ? 'provider' : 'resident', role, firstName, lastName, email: `${firstName}.${lastName}.${++n}@dashboards.example`.toLowerCase(), street: 'Brinkgreverweg', houseNumber: String(n), postcode: '7413 AB', city: 'Deventer' });
    const klusser = await enrol('Henk', 'Brouwer', 'provider');
    const hovenier = await enrol('Ingrid', 'Wolters', 'provider');
    const residents = [await enrol('Gerrit', 'Kampman', 'consumer'), await enrol('Fatima', 'Yilmaz', 'consumer'), await enrol('Anouk', 'Visser', 'consumer')];

    // Bookings: completed ones count with their logged minutes, a delivered but unconfirmed one does not.
    const categories = (await request(sut.url).get(`${base}/service-categories`).set(board).expect(200)).body as Array<{ id: string; code: string; name: string }>;
    const category = (code: string) => categories.find((c) => c.code === code)!;
    const offer = async (provider: Enrolled, code: string) =>
      (await post('/offers', bearer(provider.accessToken), {
        categoryId: category(code).id,
        description: code === 'klussen' ? 'Kleine klussen in huis.' : 'Heg snoeien en gras maaien.',
        serviceArea: [{ from: '7400', to: '7599' }],
        rateCents: 1000,
        maxBookingsPerDay: 6,
        windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '08:00', endTime: '18:00' })),
      })).id as string;
    const offers = { klussen: await offer(klusser, 'klussen'), tuin: await offer(hovenier, 'tuin') };
    const plan = [
      { consumer: residents[0], provider: klusser, code: 'klussen' as const, day: 2, minutes: 60, complete: true },
      { consumer: residents[1], provider: klusser, code: 'klussen' as const, day: 3, minutes: 95, complete: true },
      { consumer: residents[2], provider: klusser, code: 'klussen' as const, day: 35, minutes: 45, complete: true },
      { consumer: residents[0], provider: klusser, code: 'klussen' as const, day: 4, minutes: 300, complete: false },
      { consumer: residents[1], provider: hovenier, code: 'tuin' as const, day: 2, minutes: 125, complete: true },
    ];
    const booked = [];
    for (const item of plan) {
      const day = addDays(today, item.day);
      const start = dutchInstant(day, '10:00');
      const booking = await post('/bookings', bearer(item.consumer.accessToken), { offerId: offers[item.code], start: start.toISOString() });
      await post(`/bookings/${booking.id}/confirm`, bearer(item.provider.accessToken));
      booked.push({ id: booking.id as string, start, day, item });
    }
    clock.setTo(new Date(Math.max(...booked.map((b) => b.start.getTime())) + 3 * HOUR));
    for (const { id, day, item } of booked) {
      await post(`/bookings/${id}/deliver`, bearer(item.provider.accessToken), { actualMinutes: item.minutes });
      if (!item.complete) continue;
      await post(`/bookings/${id}/complete`, bearer(item.consumer.accessToken));
      hours.push({ code: item.code, name: category(item.code).name, month: day.slice(0, 7), minutes: item.minutes });
    }
    clock.setTo(new Date());

    // Two help requests wait for a match.
    await post('/help-requests', bearer(residents[2].accessToken), { categoryId: category('klussen').id, description: 'Lamp ophangen in de gang, ik heb geen ladder.' });
    await post('/help-requests', bearer(residents[0].accessToken), { categoryId: category('klussen').id, description: 'Kastje aan de muur bevestigen in de keuken.' });

    // Invoices: open ones due at different days, one paid in part, one cancelled.
    const invoice = async (memberId: string, dueDate: string, amountCents: number) =>
      post('/invoices', treasurer, { memberId, dueDate, lines: [{ description: 'Eigen bijdrage klussen', amountCents, accountCode: '8100' }] });
    for (const [due, amount, who] of [[14, 3_600, 0], [5, 12_550, 1], [60, 4_000, 2], [30, 7_500, 0]] as const) {
      await invoice(residents[who].id, addDays(today, due), amount);
      invoices.push({ dueDate: addDays(today, due), outstandingCents: amount });
    }
    const partly = (await request(sut.url).get(`${base}/invoices?pageSize=100`).set(treasurer).expect(200)).body.items.find((i: { amountCents: number }) => i.amountCents === 7_500);
    await post(`/invoices/${partly.id}/payments`, treasurer, { amountCents: 1_000, paidOn: today, idempotencyKey: 'bank-deel-1' });
    invoices[3].outstandingCents -= 1_000;
    bankCents += 1_000;
    const cancelled = await invoice(residents[1].id, addDays(today, 1), 9_900);
    await post(`/invoices/${cancelled.invoice?.id ?? cancelled.id}/cancel`, treasurer, { reason: 'Dubbel gefactureerd' });

    // A fund with income, costs and a commitment; a card payment on Stripe clearing.
    const accounts = Object.fromEntries(((await request(sut.url).get(`${base}/ledger/accounts`).set(treasurer).expect(200)).body as Array<{ code: string; id: string }>).map((a) => [a.code, a.id]));
    const opened = await post('/funds', treasurer, { code: 'BUURT-2026', name: 'Buurtfonds Deventer', purpose: 'Klussen voor ouderen in de wijk', funderKind: 'municipality', restricted: true, startsOn: monthStart(today, 2), endsOn: addDays(today, 365), budgetCents: 1_000_000 });
    const entry = (key: string, lines: Array<[string, number, string?]>) =>
      post('/ledger/entries', treasurer, { entryDate: today, description: `Boeking ${key}`, idempotencyKey: key, lines: lines.map(([code, amountCents, fundId]) => ({ accountId: accounts[code], amountCents, fundId })) });
    await entry('subsidie', [['1100', fund.receivedCents], ['8300', -fund.receivedCents, opened.id]]);
    await entry('materiaal', [['4100', fund.spentCents, opened.id], ['1100', -fund.spentCents]]);
    await entry('ideal', [['1150', stripeCents], ['8200', -stripeCents]]);
    bankCents += fund.receivedCents - fund.spentCents;
    await post(`/funds/${opened.id}/commitments`, treasurer, { description: 'Opdracht Fietsenmakerij Jansen', amountCents: fund.committedCents });

    // A bank export with two lines nobody can explain yet.
    const csv = [
      '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"',
      '"20261109";"J. Jansen";"NL20INGB0001234567";"NL44RABO0123456789";"OV";"Bij";"12,50";"Overschrijving";"Naam: J. Jansen Omschrijving: koffie buurthuis IBAN: NL44RABO0123456789";"1.012,50";""',
      '"20261110";"Bouwmarkt";"NL20INGB0001234567";"NL91ABNA0417164300";"BA";"Af";"7,35";"Betaalautomaat";"Pasvolgnr: 001 schroeven";"1.005,15";""',
    ].join('\r\n');
    await request(sut.url).post(`${base}/bank-statements`).set(treasurer).set('content-type', 'text/csv').send(csv).expect(200);
  });
  afterAll(() => sut.close());

  const boardDashboard = async (query: Record<string, string> = {}) => {
    const response = await request(sut.url).get(`${base}/dashboards/board`).set(board).query({ from: boardFrom, through: boardThrough, ...query });
    expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ status: 200, body: 'ok' });
    return response;
  };
  const treasurerDashboard = async (query: Record<string, string> = {}) => {
    const response = await request(sut.url).get(`${base}/dashboards/treasurer`).set(treasurer).query({ through: treasurerThrough, ...query });
    expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ status: 200, body: 'ok' });
    return response;
  };

  /** Members per month from the register the board sees, by the rule: counted from joinedOn, gone from endsOn. */
  const expectedMembers = async () => {
    const list = (await request(sut.url).get(`${base}/members?pageSize=200`).set(board).expect(200)).body;
    const all = list.items as Array<{ joinedOn: string; endsOn: string | null }>;
    expect(all.length).toBe(list.total);
    const months = [];
    for (let first = boardFrom; first <= boardThrough; first = addDays(monthEnd(first), 1)) {
      const last = monthEnd(first) < boardThrough ? monthEnd(first) : boardThrough;
      months.push({
        month: first.slice(0, 7),
        members: all.filter((m) => m.joinedOn <= last && (m.endsOn === null || m.endsOn > last)).length,
        joined: all.filter((m) => m.joinedOn >= first && m.joinedOn <= last).length,
        left: all.filter((m) => m.endsOn !== null && m.endsOn >= first && m.endsOn <= last).length,
      });
    }
    return months;
  };
  const expectedHours = () => {
    const cells = new Map<string, { categoryCode: string; categoryName: string; month: string; bookings: number; minutes: number }>();
    for (const h of hours) {
      const key = `${h.month}|${h.code}`;
      const cell = cells.get(key) ?? { categoryCode: h.code, categoryName: h.name, month: h.month, bookings: 0, minutes: 0 };
      cell.bookings += 1;
      cell.minutes += h.minutes;
      cells.set(key, cell);
    }
    return [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || a.categoryCode.localeCompare(b.categoryCode));
  };
  const expectedAgeing = (at: string, overdueOnly: boolean) => {
    const buckets = BUCKETS.filter((b) => !overdueOnly || b !== 'not_due').map((bucket) => {
      const inBucket = invoices.filter((i) => bucketOf(i.dueDate, at) === bucket);
      return { bucket, invoices: inBucket.length, outstandingCents: inBucket.reduce((sum, i) => sum + i.outstandingCents, 0) };
    });
    return { invoices: buckets.reduce((n, b) => n + b.invoices, 0), outstandingCents: buckets.reduce((n, b) => n + b.outstandingCents, 0), buckets };
  };

  it('shows the board members over time, hours by category and month, overdue invoices and open help requests', async () => {
    const body = (await boardDashboard()).body;
    const members = await expectedMembers();
    expect(members.length).toBeGreaterThanOrEqual(3);
    expect(members.reduce((n, m) => n + m.left, 0)).toBe(1);
    expect(body).toEqual({
      from: boardFrom,
      through: boardThrough,
      members,
      hours: expectedHours(),
      overdue: expectedAgeing(boardThrough, true),
      helpRequests: [{ categoryCode: 'klussen', categoryName: expect.any(String), status: 'open', requests: 2, oldestOn: today }],
    });
    // The seeded data reaches several buckets and both categories, so the figures are not trivially zero.
    expect(body.overdue.buckets.filter((b: { invoices: number }) => b.invoices > 0).length).toBeGreaterThanOrEqual(2);
    expect(new Set(body.hours.map((h: { categoryCode: string }) => h.categoryCode))).toEqual(new Set(['klussen', 'tuin']));
  });

  it('shows the treasurer receivables by age, fund balances, cash and the bank worklist', async () => {
    const body = (await treasurerDashboard()).body;
    expect(body).toEqual({
      through: treasurerThrough,
      receivables: expectedAgeing(treasurerThrough, false),
      funds: [{ fundId: expect.any(String), code: 'BUURT-2026', name: 'Buurtfonds Deventer', restricted: true, ...fund, unspentCents: fund.receivedCents - fund.spentCents, availableCents: fund.receivedCents - fund.spentCents - fund.committedCents }],
      cash: { bankCents, stripeClearingCents: stripeCents, totalCents: bankCents + stripeCents },
      reconciliation: { unmatchedLines: unmatched.length, unmatchedCents: unmatched.reduce((a, b) => a + b, 0), lastStatementDate: '2026-11-10' },
    });
    expect(body.receivables.buckets.filter((b: { invoices: number }) => b.invoices > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('takes the position at an earlier day: money booked later is not in it', async () => {
    const body = (await treasurerDashboard({ through: addDays(today, -1) })).body;
    expect(body.cash).toEqual({ bankCents: 0, stripeClearingCents: 0, totalCents: 0 });
    expect(body.receivables).toEqual({ invoices: 0, outstandingCents: 0, buckets: BUCKETS.map((bucket) => ({ bucket, invoices: 0, outstandingCents: 0 })) });
  });

  it('downloads the board dashboard as a CSV whose tables read back to the same figures', async () => {
    const response = await request(sut.url).get(`${base}/dashboards/board`).set(board).query({ from: boardFrom, through: boardThrough, format: 'csv' }).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="bestuur-${boardFrom}-${boardThrough}.csv"`);
    const tables = csvTables(response.body as Buffer);
    expect(Object.keys(tables)).toEqual(['Leden per maand', 'Boekingen en uren per categorie', 'Achterstallige facturen', 'Open hulpvragen']);
    const members = await expectedMembers();
    expect(tables['Leden per maand']).toEqual([['Maand', 'Leden aan het eind van de maand', 'Nieuwe leden', 'Vertrokken leden'], ...members.map((m) => [m.month, String(m.members), String(m.joined), String(m.left)])]);
    expect(tables['Boekingen en uren per categorie'].slice(1)).toEqual(expectedHours().map((h) => [h.month, h.categoryName, String(h.bookings), hhmm(h.minutes)]));
    const overdue = expectedAgeing(boardThrough, true);
    expect(tables['Achterstallige facturen'].slice(1).map((r) => r.slice(1))).toEqual([...overdue.buckets.map((b) => [String(b.invoices), euros(b.outstandingCents)]), [String(overdue.invoices), euros(overdue.outstandingCents)]]);
    expect(tables['Open hulpvragen'].slice(1)).toEqual([[expect.any(String), 'Nog niet gekoppeld', '2', today]]);
  });

  it('downloads the treasurer dashboard as XLSX, one sheet per table, money as euro numbers', async () => {
    const response = await request(sut.url).get(`${base}/dashboards/treasurer`).set(treasurer).query({ through: treasurerThrough, format: 'xlsx' }).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="penningmeester-${treasurerThrough}.xlsx"`);
    const book = await workbook(response.body as Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Openstaande debiteuren', 'Fondsen', 'Liquide middelen', 'Bankaansluiting']);
    const receivables = expectedAgeing(treasurerThrough, false);
    expect(sheetRows(book, 'Openstaande debiteuren').slice(1).map((r) => r.slice(1))).toEqual([...receivables.buckets.map((b) => [b.invoices, b.outstandingCents / 100]), [receivables.invoices, receivables.outstandingCents / 100]]);
    const unspent = fund.receivedCents - fund.spentCents;
    expect(sheetRows(book, 'Fondsen')).toEqual([
      ['Code', 'Fonds', 'Ontvangen', 'Besteed', 'Toegezegd', 'Onbesteed', 'Vrij beschikbaar'],
      ['BUURT-2026', 'Buurtfonds Deventer', fund.receivedCents / 100, fund.spentCents / 100, fund.committedCents / 100, unspent / 100, (unspent - fund.committedCents) / 100],
    ]);
    expect(sheetRows(book, 'Liquide middelen').slice(1)).toEqual([['1100 Bank', bankCents / 100], ['1150 Stripe (onderweg)', stripeCents / 100], ['Totaal', (bankCents + stripeCents) / 100]]);
    expect(sheetRows(book, 'Bankaansluiting')[1]).toEqual([2, 5.15, new Date('2026-11-10T00:00:00Z')]);
    expect(book.getWorksheet('Fondsen')!.getCell('C2').numFmt).toContain('€');
    expect(book.getWorksheet('Fondsen')!.getCell('A1').font?.bold).toBe(true);

    const csv = csvTables((await request(sut.url).get(`${base}/dashboards/treasurer`).set(treasurer).query({ through: treasurerThrough, format: 'csv' }).buffer(true).parse(binary).expect(200)).body as Buffer);
    expect(csv['Liquide middelen'].slice(1)).toEqual([['1100 Bank', euros(bankCents)], ['1150 Stripe (onderweg)', euros(stripeCents)], ['Totaal', euros(bankCents + stripeCents)]]);
    expect(csv['Bankaansluiting'][1]).toEqual(['2', '5,15', '2026-11-10']);
  });

  it('is for the board and the treasurer of this cooperative only', async () => {
    for (const role of ['member', 'coordinator'] as const) {
      const caller = bearer(await coop.token(role));
      await request(sut.url).get(`${base}/dashboards/board`).set(caller).expect(403);
      await request(sut.url).get(`${base}/dashboards/treasurer`).set(caller).expect(403);
    }
    const other = await createTestCooperative(sut, 'elders');
    const otherBoard = bearer(await other.token('board'));
    await request(sut.url).get(`${base}/dashboards/board`).set(otherBoard).expect(404);
    await request(sut.url).get(`${base}/dashboards/treasurer`).set(otherBoard).expect(404);
    await request(sut.url).get(`${base}/dashboards/treasurer`).set(board).expect(200);
    await request(sut.url).get(`${base}/dashboards/board`).set(treasurer).expect(200);
  });

  it('refuses a bad from, through or format, naming the field', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['board', { from: '2026-02-30' }, 'from'],
      ['board', { through: 'gisteren' }, 'through'],
      ['board', { format: 'pdf' }, 'format'],
      ['board', { from: '2026-11-02', through: '2026-11-01' }, 'from'],
      ['board', { from: '2010-01-01', through: '2026-11-01' }, 'from'],
      ['board', { bogus: '1' }, 'bogus'],
      ['treasurer', { through: '2026-13-01' }, 'through'],
      ['treasurer', { format: 'XLSX' }, 'format'],
    ];
    for (const [which, query, field] of cases) {
      const response = await request(sut.url).get(`${base}/dashboards/${which}`).set(board).query(query).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it('defaults to the last twelve months through today, and to today for the treasurer', async () => {
    const board12 = (await request(sut.url).get(`${base}/dashboards/board`).set(board).expect(200)).body;
    expect({ from: board12.from, through: board12.through, months: board12.members.length }).toEqual({ from: monthStart(today, 11), through: today, months: 12 });
    expect((await request(sut.url).get(`${base}/dashboards/treasurer`).set(treasurer).expect(200)).body.through).toBe(today);
  });
});
