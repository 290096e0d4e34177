import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TestApp, TestCooperative, TestRole, createTestApp, createTestCooperative, runCli } from '@buurtcoop/testing';

// A board's member list as it comes out of a spreadsheet: Dutch headers, Deventer addresses, some
// tussenvoegsels, dates written three ways. Generated from a fixed seed, so every run reads the same list.

const HEADER = ['Lidnummer', 'Voornaam', 'Tussenvoegsel', 'Achternaam', 'Organisatie', 'E-mail', 'Telefoon', 'Straat', 'Huisnummer', 'Toevoeging', 'Postcode', 'Woonplaats', 'Geboortedatum', 'Lidmaatschap', 'Rol', 'Lid sinds'] as const;
type ListRow = Record<(typeof HEADER)[number], string>;

const FIRST_NAMES = ['Jan', 'Henk', 'Marieke', 'Sanne', 'Fatima', 'Mohammed', 'Anouk', 'Daan', 'Renée', 'Zoë', 'Gerrit', 'Willemijn', 'Sevda', 'Bram', 'Ineke', 'Joost', 'Lotte', 'Ahmet', 'Femke', 'Kees'];
const LAST_NAMES: Array<[string, string]> = [
  ['', 'Jansen'],
  ['de', 'Vries'],
  ['van den', 'Berg'],
  ['', 'Bakker'],
  ['', 'Visser'],
  ['', 'Smit'],
  ['', 'Meijer'],
  ['de', 'Boer'],
  ['', 'Mulder'],
  ['de', 'Groot'],
  ['', 'Bosman'],
  ['van', 'Leeuwen'],
  ['', 'Dijkstra'],
  ['van der', 'Meer'],
  ['', 'Yılmaz'],
  ['', 'El Amrani'],
  ['ter', 'Horst'],
  ['', 'Hendriks'],
];
const STREETS = ['Brink', 'Lange Bisschopstraat', 'Walstraat', 'Assenstraat', 'Keizerstraat', 'Rembrandtkade', 'Hoge Hondstraat', 'Welle', 'Bergkerkplein', 'Roggestraat', 'Polstraat', 'Sint Jorisstraat', 'Zandpoort', 'Noordenbergstraat', 'Vispoort'];
const POSTCODE_LETTERS = ['AB', 'BC', 'CK', 'EK', 'GH', 'JK', 'LM', 'NP', 'RT', 'VW', 'XZ'];
const TYPES = ['Bewoner', 'Bewoner', 'Bewoner', 'Aanbieder', 'Steunlid', 'Huishouden', 'resident'];
const ROLES = ['consument', 'consument', 'aanbieder', 'beide', ''];

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `count` members; every third has a member number from the old register (5000 + index), every 97th is a company. */
function memberList(count: number, domain: string, seed = 1): ListRow[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  return Array.from({ length: count }, (_, i) => {
    const [prefix, lastName] = pick(LAST_NAMES);
    const firstName = pick(FIRST_NAMES);
    const company = i % 97 === 50;
    const year = int(1935, 2005);
    const [month, day] = [int(1, 12), int(1, 28)];
    const dateStyle = i % 3;
    const slug = `${firstName}.${prefix}${lastName}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    return {
      Lidnummer: i % 3 === 0 ? String(5000 + i) : '',
      Voornaam: company ? '' : firstName,
      Tussenvoegsel: company ? '' : prefix,
      Achternaam: company ? '' : lastName,
      Organisatie: company ? `Bakkerij ${lastName}, v.o.f.` : '',
      'E-mail': `${slug}.${i}@${domain}`,
      Telefoon: i % 5 === 0 ? '' : i % 5 === 1 ? `0570-${int(100000, 999999)}` : `06 ${int(10000000, 99999999)}`,
      Straat: pick(STREETS),
      Huisnummer: String(int(1, 180)),
      Toevoeging: i % 11 === 0 ? 'a' : i % 13 === 0 ? '2' : '',
      Postcode: `74${int(11, 29)} ${pick(POSTCODE_LETTERS)}`,
      Woonplaats: i % 17 === 0 ? 'Schalkhaar' : 'Deventer',
      Geboortedatum: company || i % 7 === 0 ? '' : dateStyle === 0 ? `${pad(day)}-${pad(month)}-${year}` : dateStyle === 1 ? `${day}-${month}-${year}` : `${year}-${pad(month)}-${pad(day)}`,
      Lidmaatschap: company ? 'Bedrijf' : pick(TYPES),
      Rol: company ? '' : pick(ROLES),
      'Lid sinds': `${pad(int(1, 28))}-${pad(int(1, 12))}-${int(2012, 2024)}`,
    };
  });
}

/** RFC 4180 text: fields with the delimiter, a quote or a line break are quoted. `blankLineAfter` adds an empty line, as exports sometimes have. */
function toCsv(rows: ListRow[], options: { delimiter?: string; header?: readonly string[]; blankLineAfter?: number } = {}): string {
  const delimiter = options.delimiter ?? ',';
  const header = options.header ?? HEADER;
  const cell = (value: string) => (value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [header.map(cell).join(delimiter)];
  rows.forEach((row, i) => {
    lines.push(HEADER.map((column) => cell(row[column])).join(delimiter));
    if (i === options.blankLineAfter) lines.push('');
  });
  return `${lines.join('\r\n')}\r\n`;
}

describe('Member import', () => {
  let sut: TestApp;
  let coop: TestCooperative;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'import');
  });
  afterAll(() => sut.close());

  const importList = async (c: TestCooperative, body: string | Buffer, options: { dryRun?: string; role?: TestRole; contentType?: string } = {}) => {
    const query = options.dryRun === undefined ? '' : `?dryRun=${options.dryRun}`;
    return request(sut.url)
      .post(`/api/v1/cooperatives/${c.cooperativeId}/members/import${query}`)
      .set('authorization', `Bearer ${await c.token(options.role ?? 'board')}`)
      .set('content-type', options.contentType ?? 'text/csv')
      .send(body);
  };
  // Straight to the database, past the API, to see what was written.
  const count = async (sql: string, parameters: unknown[] = [coop.cooperativeId]): Promise<number> => Number((await sut.database.dataSource.query(sql, parameters))[0].count);
  const memberCount = (c: TestCooperative = coop) => count(`SELECT count(*) FROM members WHERE cooperative_id = $1`, [c.cooperativeId]);
  const members = async (c: TestCooperative, search = '') =>
    (
      await request(sut.url)
        .get(`/api/v1/cooperatives/${c.cooperativeId}/members`)
        .query({ pageSize: 200, sort: 'memberNumber', ...(search ? { search } : {}) })
        .set('authorization', `Bearer ${await c.token('board')}`)
        .expect(200)
    ).body.items as Array<Record<string, unknown>>;

  describe('a list of 1,000 members', () => {
    const list = memberList(1000, 'leden.example');
    // Three typing errors; an empty line after the 500th member shifts the rows after it by one.
    const broken = list.map((row) => ({ ...row }));
    broken[41].Postcode = '7411 A';
    broken[500].Geboortedatum = '31-02-1961';
    broken[876].Lidmaatschap = 'Erelid';
    const brokenCsv = toCsv(broken, { blankLineAfter: 499 });
    const fixedCsv = toCsv(list, { blankLineAfter: 499 });

    it('rejects the list with 3 bad rows, naming exactly those rows and columns, and imports nothing', async () => {
      const response = await importList(coop, brokenCsv);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 422, code: 'import_rejected', detail: expect.stringContaining('3 rows have problems') });
      expect(response.body.rows).toEqual([
        { row: 43, column: 'Postcode', problem: "'7411 A' is not a Dutch postcode like 7411 AB" },
        { row: 503, column: 'Geboortedatum', problem: "'31-02-1961' does not exist" },
        { row: 879, column: 'Lidmaatschap', problem: expect.stringContaining("'Erelid' is not a membership type") },
      ]);
      expect(await memberCount()).toBe(0);
    });

    it('checks the fixed list in a dry run, writing nothing', async () => {
      const users = await count(`SELECT count(*) FROM users WHERE email LIKE '%@leden.example'`, []);
      const response = await importList(coop, fixedCsv, { dryRun: 'true' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ dryRun: true, rows: 1000, encoding: 'utf-8', delimiter: ',', toCreate: 1000, toUpdate: 0, unchanged: 0, updates: [], problems: [] });
      expect(await memberCount()).toBe(0);
      expect(await count(`SELECT count(*) FROM users WHERE email LIKE '%@leden.example'`, [])).toBe(users);
      expect(await count(`SELECT count(*) FROM member_number_counters WHERE cooperative_id = $1`)).toBe(0);
    });

    it('imports the fixed list: 1,000 members with 1,000 distinct numbers, the old numbers kept, nobody invited', async () => {
      const response = await importList(coop, fixedCsv, { dryRun: 'false' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ dryRun: false, rows: 1000, encoding: 'utf-8', delimiter: ',', created: 1000, updated: 0, unchanged: 0, updates: [] });
      expect(await memberCount()).toBe(1000);
      expect(await count(`SELECT count(DISTINCT member_number) FROM members WHERE cooperative_id = $1`)).toBe(1000);
      // Every third row brought its number (5000 + index); the others follow the highest of those.
      const numbers = (await sut.database.dataSource.query(`SELECT member_number FROM members WHERE cooperative_id = $1 ORDER BY member_number`, [coop.cooperativeId])).map(
        (r: { member_number: number }) => r.member_number,
      );
      const kept = list.flatMap((row) => (row.Lidnummer ? [Number(row.Lidnummer)] : []));
      expect(numbers.slice(0, kept.length)).toEqual(kept);
      expect(numbers.slice(kept.length)).toEqual(Array.from({ length: 1000 - kept.length }, (_, i) => 5999 + 1 + i));
      expect(await count(`SELECT count(*) FROM outbox_messages WHERE cooperative_id = $1 OR to_address LIKE '%@leden.example'`)).toBe(0);
      expect(await count(`SELECT count(*) FROM users WHERE email LIKE '%@leden.example'`, [])).toBe(1000);

      const [member] = await members(coop, list[2]['E-mail']);
      expect(member).toMatchObject({
        firstName: list[2].Voornaam,
        lastName: [list[2].Tussenvoegsel, list[2].Achternaam].filter(Boolean).join(' '),
        postcode: list[2].Postcode.replace(' ', ''),
        city: list[2].Woonplaats,
        status: 'active',
      });
      const [audit] = await sut.database.dataSource.query(`SELECT details FROM audit_events WHERE cooperative_id = $1 AND action = 'member.import' AND details->>'dryRun' = 'false'`, [
        coop.cooperativeId,
      ]);
      expect(audit.details).toEqual({ dryRun: false, rows: 1000, create: 1000, update: 0, unchanged: 0 });
    });

    it('changes nothing when the same list is imported again', async () => {
      const response = await importList(coop, fixedCsv);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ dryRun: false, rows: 1000, created: 0, updated: 0, unchanged: 1000 });
      expect(await memberCount()).toBe(1000);
    });

    it('lets only the board import', async () => {
      for (const role of ['member', 'coordinator', 'treasurer'] as const) {
        const response = await importList(coop, fixedCsv, { dryRun: 'true', role });
        expect({ role, status: response.status }).toEqual({ role, status: 403 });
      }
      const other = await createTestCooperative(sut, 'elders');
      const response = await request(sut.url)
        .post(`/api/v1/cooperatives/${coop.cooperativeId}/members/import?dryRun=true`)
        .set('authorization', `Bearer ${await other.token('board')}`)
        .set('content-type', 'text/csv')
        .send(fixedCsv);
      expect(response.status).toBe(404);
    });
  });

  describe('a small list from Excel on Windows', () => {
    let oost: TestCooperative;
    const rows: ListRow[] = [
      { ...memberList(1, 'oost.example', 7)[0], Lidnummer: '101', Voornaam: 'Renée', Tussenvoegsel: 'van der', Achternaam: 'Berg', 'E-mail': 'renee@oost.example', Lidmaatschap: 'Bewoner', Geboortedatum: '4-3-1948' },
      { ...memberList(1, 'oost.example', 8)[0], Lidnummer: '205', Voornaam: 'Zoë', Tussenvoegsel: '', Achternaam: 'Öztürk', 'E-mail': 'zoe@oost.example', Lidmaatschap: 'steunlid' },
      { ...memberList(1, 'oost.example', 9)[0], Lidnummer: '310', Voornaam: 'Gerrit', Tussenvoegsel: '', Achternaam: 'Bosman', 'E-mail': 'gerrit@oost.example', Lidmaatschap: 'Aanbieder', Rol: 'aanbieder' },
      { ...memberList(1, 'oost.example', 10)[0], Lidnummer: '', Voornaam: 'Jan', Tussenvoegsel: 'de', Achternaam: 'Boer', 'E-mail': 'jan@oost.example', Telefoon: '06 12345678', Lidmaatschap: '' },
    ];
    // Excel's "CSV (puntkomma)" on Windows: semicolons, Windows-1252, where é is the single byte 0xE9.
    const windows1252 = (text: string) => Buffer.from(text, 'latin1');
    const csv = (list: ListRow[]) => windows1252(toCsv(list, { delimiter: ';' }));

    beforeAll(async () => {
      oost = await createTestCooperative(sut, 'oost');
    });

    it('imports Dutch headers, semicolons and Windows-1252, with é, ë and Ö intact', async () => {
      const bytes = csv(rows);
      expect(bytes.includes(0xe9)).toBe(true);
      const response = await importList(oost, bytes, { contentType: 'text/csv; charset=windows-1252' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ encoding: 'windows-1252', delimiter: ';', created: 4 });
      const imported = await members(oost);
      expect(imported.map((m) => [m.memberNumber, m.firstName, m.lastName])).toEqual([
        [101, 'Renée', 'van der Berg'],
        [205, 'Zoë', 'Öztürk'],
        [310, 'Gerrit', 'Bosman'],
        [311, 'Jan', 'de Boer'],
      ]);
      expect(imported[2]).toMatchObject({ role: 'provider' });
    });

    it('continues the member numbers after the highest imported one when the board approves an application', async () => {
      const info = await request(sut.url).get(`/api/v1/public/cooperatives/${oost.slug}`).expect(200);
      const type = info.body.membershipTypes.find((t: { code: string }) => t.code === 'resident');
      await request(sut.url)
        .post(`/api/v1/public/cooperatives/${oost.slug}/applications`)
        .send({
          email: 'nieuw@oost.example',
          membershipTypeId: type.id,
          role: 'consumer',
          firstName: 'Sevda',
          lastName: 'Kaya',
          street: 'Brink',
          houseNumber: '9',
          postcode: '7411 BX',
          city: 'Deventer',
          privacyConsent: true,
          privacyStatementVersion: info.body.privacyStatement.version,
        })
        .expect(201);
      const board = `Bearer ${await oost.token('board')}`;
      const pending = await request(sut.url).get(`/api/v1/cooperatives/${oost.cooperativeId}/applications?status=pending`).set('authorization', board).expect(200);
      const approval = await request(sut.url).post(`/api/v1/cooperatives/${oost.cooperativeId}/applications/${pending.body.items[0].id}/approve`).set('authorization', board).expect(200);
      expect(approval.body.member.memberNumber).toBe(312);
    });

    it('corrects the contact fields a re-imported list changes, and leaves the others alone', async () => {
      const changed = rows.map((row) => ({ ...row }));
      changed[1].Straat = 'Lange Bisschopstraat';
      changed[1].Huisnummer = '7';
      changed[1].Toevoeging = '';
      changed[3].Telefoon = '';
      const dryRun = await importList(oost, csv(changed), { dryRun: 'true' });
      expect(dryRun.body).toMatchObject({ toCreate: 0, toUpdate: 1, unchanged: 3, updates: [{ row: 3, memberNumber: 205, fields: expect.arrayContaining(['street', 'houseNumber']) }] });
      const response = await importList(oost, csv(changed));
      expect(response.body).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
      const imported = await members(oost);
      expect(imported.find((m) => m.memberNumber === 205)).toMatchObject({ street: 'Lange Bisschopstraat', houseNumber: '7' });
      // An empty cell does not erase what the register knows.
      expect(imported.find((m) => m.memberNumber === 311)).toMatchObject({ phone: '0612345678' });
    });

    it('refuses a member number that belongs to someone else in the register', async () => {
      const response = await importList(oost, csv([{ ...rows[0], 'E-mail': 'iemand.anders@oost.example' }]));
      expect(response.status).toBe(422);
      expect(response.body.rows).toEqual([{ row: 2, column: 'Lidnummer', problem: expect.stringContaining('member 101 in the register has another e-mail address') }]);
    });

    it('reports unknown columns and an unclosed quote instead of dropping them', async () => {
      const response = await importList(oost, `${toCsv(rows.slice(0, 1), { header: [...HEADER.slice(0, -1), 'Hobby'] })}"open;rest\n`);
      expect(response.status).toBe(422);
      expect(response.body.rows).toEqual([
        { row: 1, column: 'Hobby', problem: expect.stringContaining('unknown column') },
        { row: 3, column: null, problem: expect.stringContaining('never closed') },
      ]);
    });

    it('takes the list as multipart/form-data in a field named file', async () => {
      const response = await request(sut.url)
        .post(`/api/v1/cooperatives/${oost.cooperativeId}/members/import?dryRun=true`)
        .set('authorization', `Bearer ${await oost.token('board')}`)
        .attach('file', csv(rows), { filename: 'leden.csv', contentType: 'text/csv' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ dryRun: true, rows: 4, toCreate: 0, encoding: 'windows-1252' });
    });

    it('answers 400 to an empty file or a dryRun that is not true or false, and 415 to JSON', async () => {
      const empty = await importList(oost, '');
      expect(empty.status).toBe(400);
      expect(empty.body.detail).toContain('The file is empty');
      expect((await importList(oost, csv(rows), { dryRun: 'maybe' })).body).toMatchObject({ status: 400, detail: expect.stringContaining('dryRun must be true or false') });
      expect((await importList(oost, JSON.stringify({ members: [] }), { contentType: 'application/json' })).status).toBe(415);
    });

    it('keeps answering 415 to a CSV body or a form on routes that take no upload', async () => {
      const profile = `/api/v1/cooperatives/${oost.cooperativeId}/profile`;
      const board = `Bearer ${await oost.token('board')}`;
      const csvBody = await request(sut.url).patch(profile).set('authorization', board).set('content-type', 'text/csv').send(csv(rows));
      const form = await request(sut.url).patch(profile).set('authorization', board).attach('file', csv(rows), 'leden.csv');
      expect([csvBody.status, form.status]).toEqual([415, 415]);
      expect(form.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('on the command line', () => {
    let dir: string;
    const cli = (args: string[]) => runCli(join(dir, 'data'), args);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'buurtcoop-import-cli-'));
      const seeded = await cli(['demo:seed']);
      if (seeded.code !== 0) throw new Error(`demo:seed failed:\n${seeded.stdout}\n${seeded.stderr}`);
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('checks a list with --dry-run, printing progress and what would happen; then imports it once', async () => {
      const file = join(dir, 'leden.csv');
      // Member numbers from the old register are left out: the demo cooperative already has members.
      writeFileSync(file, toCsv(memberList(250, 'cli.example', 3).map((row) => ({ ...row, Lidnummer: '' })), { delimiter: ';' }));
      const dryRun = await cli(['members:import', file, '--cooperative', 'rivierenwijk', '--dry-run']);
      expect({ code: dryRun.code, stderr: dryRun.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('100/250 rows') });
      expect(dryRun.stderr).toContain('200/250 rows');
      expect(dryRun.stdout).toContain('250 to create, 0 to update, 0 unchanged. Nothing was written.');

      const imported = await cli(['members:import', file, '--cooperative', 'rivierenwijk']);
      expect({ code: imported.code, stdout: imported.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('250 created, 0 updated, 0 unchanged') });
      const again = await cli(['members:import', file, '--cooperative', 'rivierenwijk', '--dry-run']);
      expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('0 to create, 0 to update, 250 unchanged') });
    }, 300_000);

    it('prints every bad row and exits with 2; an unreadable file exits with 2 too', async () => {
      const rows = memberList(20, 'cli.example', 4).map((row) => ({ ...row, Lidnummer: '' }));
      rows[3].Postcode = '1234';
      rows[9]['E-mail'] = rows[2]['E-mail'];
      const file = join(dir, 'fout.csv');
      writeFileSync(file, toCsv(rows));
      const run = await cli(['members:import', file, '--cooperative', 'rivierenwijk', '--dry-run']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("row 5, column Postcode: '1234' is not a Dutch postcode like 7411 AB");
      expect(run.stderr).toContain('row 11, column E-mail: the same e-mail address as row 4');
      expect(run.stderr).toContain('2 rows have problems; nothing was imported');

      const missing = await cli(['members:import', join(dir, 'bestaat-niet.csv'), '--cooperative', 'rivierenwijk']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Cannot read');
      expect(missing.stderr).toContain('no such file');
    }, 240_000);
  });
});
