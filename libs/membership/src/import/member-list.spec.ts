import { parseCsv } from '@buurtcoop/core';
import { ImportMembershipType, MemberListRow, RegisterMember, columnOf, joinHouseNumber, matchRegister, parseDutchDate, readMemberList } from './member-list';

const TYPES: ImportMembershipType[] = [
  { id: 'type-resident', code: 'resident', name: 'Bewoner', kind: 'resident' },
  { id: 'type-steunlid', code: 'steunlid', name: 'Steunlid', kind: 'supporting' },
  { id: 'type-stichting', code: 'stichting', name: 'Stichting', kind: 'organisation' },
];
const TODAY = '2026-05-01';

function read(csv: string) {
  return readMemberList(parseCsv(csv).records, { membershipTypes: TYPES, today: TODAY });
}

const HEADER = 'Lidnummer;Voornaam;Tussenvoegsel;Achternaam;E-mail;Telefoon;Straat;Huisnummer;Toevoeging;Postcode;Woonplaats;Geboortedatum;Soort lid;Rol;Lid sinds';

describe(readMemberList.name, () => {
  it('maps Dutch and English headers whatever their case, accents and spacing', () => {
    expect(columnOf('E-mailadres')).toBe('email');
    expect(columnOf(' e mail ')).toBe('email');
    expect(columnOf('EMAIL')).toBe('email');
    expect(columnOf('Soort lid')).toBe('membershipType');
    expect(columnOf('soort_lid')).toBe('membershipType');
    expect(columnOf('Membership type')).toBe('membershipType');
    expect(columnOf('Lid sinds')).toBe('joinedOn');
    expect(columnOf('Géboortedatum')).toBe('dateOfBirth');
    expect(columnOf('Date of birth')).toBe('dateOfBirth');
    expect(columnOf('House number')).toBe('houseNumber');
    expect(columnOf('Telefoonnummer')).toBe('phone');
    expect(columnOf('Plaats')).toBe('city');
    expect(columnOf('Member number')).toBe('memberNumber');
    expect(columnOf('Organisatie')).toBe('organisationName');
    expect(columnOf('Hobby')).toBeUndefined();
  });

  it('reads a row into what the register stores: tussenvoegsel before the last name, normalised postcode and phone, ISO dates', () => {
    const sut = read(`${HEADER}\n12;Renée;van der;Berg;Renee@Example.NL;06-12 34 56 78;Brink;3;a;7411 bx;Deventer;4-3-1948;steunlid;beide;2019-01-15\n`);
    expect(sut.problems).toEqual([]);
    expect(sut.rows).toEqual<MemberListRow[]>([
      {
        row: 2,
        memberNumber: 12,
        email: 'renee@example.nl',
        firstName: 'Renée',
        lastName: 'van der Berg',
        organisationName: null,
        phone: '0612345678',
        street: 'Brink',
        houseNumber: '3a',
        postcode: '7411BX',
        city: 'Deventer',
        dateOfBirth: '1948-03-04',
        membershipTypeId: 'type-steunlid',
        role: 'both',
        joinedOn: '2019-01-15',
      },
    ]);
  });

  it('defaults to a resident consumer when the list has no type or role column', () => {
    const sut = read('email,last name,street,house number,postcode,city\npiet@example.nl,Bos,Brink,1,7411AB,Deventer\n');
    expect(sut.problems).toEqual([]);
    expect(sut.rows[0]).toMatchObject({ membershipTypeId: 'type-resident', role: 'consumer', memberNumber: null, firstName: null });
  });

  it('matches the membership type by code or name, ignoring case', () => {
    const base = 'email;achternaam;straat;huisnummer;postcode;woonplaats;lidmaatschap\n';
    const sut = read(`${base}a@x.nl;A;S;1;7411AB;D;BEWONER\nb@x.nl;B;S;1;7411AB;D;Steunlid\nc@x.nl;C;S;1;7411AB;D;resident\n`);
    expect(sut.problems).toEqual([]);
    expect(sut.rows.map((r) => r.membershipTypeId)).toEqual(['type-resident', 'type-steunlid', 'type-resident']);
  });

  it('reports unknown columns on the header row, and still checks the rows', () => {
    const sut = read('E-mail;Achternaam;Straat;Huisnummer;Postcode;Woonplaats;Hobby\npiet@example.nl;Bos;Brink;1;7411 A;Deventer;zingen\n');
    expect(sut.problems).toEqual([
      { row: 1, column: 'Hobby', problem: expect.stringContaining('unknown column') },
      { row: 2, column: 'Postcode', problem: expect.stringContaining('not a Dutch postcode') },
    ]);
  });

  it('reports missing required columns once, on the header', () => {
    const sut = read('Voornaam;Achternaam;Postcode\nPiet;Bos;7411AB\n');
    expect(sut.rows).toEqual([]);
    expect(sut.problems).toEqual([
      { row: 1, column: null, problem: expect.stringMatching(/^an e-mail or member number column is required/) },
      { row: 1, column: null, problem: 'a street (straat) column is required' },
      { row: 1, column: null, problem: 'a house number (huisnummer) column is required' },
      { row: 1, column: null, problem: 'a city (woonplaats) column is required' },
    ]);
  });

  it('reports every problem of a row, naming the column as the file does', () => {
    const sut = read(
      `${HEADER}\n` +
        `12a;Jan;;;jan@;0612;;x;;9999 SA;;31-02-1960;Erelid;baas;01-01-2999\n` +
        `;Kees;;Bos;;;;;;;;;;;\n`,
    );
    expect(sut.rows).toEqual([]);
    expect(sut.problems).toEqual([
      { row: 2, column: 'Lidnummer', problem: "'12a' is not a member number (a whole number above 0)" },
      { row: 2, column: 'E-mail', problem: "'jan@' is not an e-mail address" },
      { row: 2, column: 'Achternaam', problem: 'a last name or organisation name is required' },
      { row: 2, column: 'Telefoon', problem: expect.stringContaining("'0612' is not a phone number") },
      { row: 2, column: 'Straat', problem: 'is required' },
      { row: 2, column: 'Huisnummer', problem: expect.stringContaining("'x' is not a house number") },
      { row: 2, column: 'Postcode', problem: "'9999 SA' is not a Dutch postcode like 7411 AB" },
      { row: 2, column: 'Woonplaats', problem: 'is required' },
      { row: 2, column: 'Geboortedatum', problem: "'31-02-1960' does not exist" },
      { row: 2, column: 'Lid sinds', problem: "'01-01-2999' is in the future" },
      { row: 2, column: 'Soort lid', problem: expect.stringContaining("'Erelid' is not a membership type of this cooperative (known: Bewoner, Steunlid, Stichting)") },
      { row: 2, column: 'Rol', problem: "'baas' is not a role: use consument, aanbieder or beide" },
      { row: 3, column: 'E-mail', problem: expect.stringContaining('an e-mail address or member number is required') },
      { row: 3, column: 'Straat', problem: 'is required' },
      { row: 3, column: 'Huisnummer', problem: 'is required' },
      { row: 3, column: 'Postcode', problem: 'is required' },
      { row: 3, column: 'Woonplaats', problem: 'is required' },
    ]);
  });

  it('requires an organisation name for an organisation membership', () => {
    const sut = read('email;achternaam;organisatie;straat;huisnummer;postcode;woonplaats;lidmaatschap\na@x.nl;Bos;;S;1;7411AB;D;Stichting\nb@x.nl;;Stichting Zon;S;1;7411AB;D;Stichting\n');
    expect(sut.problems).toEqual([{ row: 2, column: 'organisatie', problem: 'an organisation name is required for a Stichting membership' }]);
    expect(sut.rows.map((r) => r.organisationName)).toEqual(['Stichting Zon']);
  });

  it('reports an e-mail or member number that occurs twice, pointing at the first row', () => {
    const sut = read('lidnummer,email,achternaam,straat,huisnummer,postcode,woonplaats\n1,a@x.nl,A,S,1,7411AB,D\n2,A@X.nl,B,S,1,7411AB,D\n\n1,c@x.nl,C,S,1,7411AB,D\n');
    expect(sut.problems).toEqual([
      { row: 3, column: 'email', problem: 'the same e-mail address as row 2' },
      { row: 5, column: 'lidnummer', problem: 'the same member number as row 2' },
    ]);
  });

  it('skips rows whose fields are all empty, and reports a list without members', () => {
    expect(read('email,achternaam,straat,huisnummer,postcode,woonplaats\n,,,,,\n\n" ",,,,,\n').problems).toEqual([{ row: 1, column: null, problem: 'The file has a header but no members' }]);
    expect(read('').problems).toEqual([{ row: 1, column: null, problem: 'The file has no header line' }]);
  });

  it('reports values beyond the header, which usually mean an unquoted delimiter', () => {
    const sut = read('email,achternaam,straat,huisnummer,postcode,woonplaats\na@x.nl,Bos,Brink,1,7411AB,Deventer,Overijssel\n');
    expect(sut.problems).toEqual([{ row: 2, column: null, problem: expect.stringContaining('has 7 fields but the header has 6') }]);
  });

  it('refuses names, addresses and e-mail addresses a spreadsheet would run as a formula, and keeps +31 phone numbers', () => {
    const sut = read(`email,achternaam,telefoon,straat,huisnummer,postcode,woonplaats\n=x@x.nl,"=cmd|' /C calc'!A0",+31 570 123456,@SUM(1),1,7411AB,-Deventer\n`);
    expect(sut.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'email'],
      [2, 'achternaam'],
      [2, 'straat'],
      [2, 'woonplaats'],
    ]);
    expect(sut.problems[1].problem).toContain('formula');
    expect(read('email,achternaam,telefoon,straat,huisnummer,postcode,woonplaats\na@x.nl,Bos,+31 570 123456,Brink,1,7411AB,Deventer\n').problems).toEqual([]);
  });
});

describe(parseDutchDate.name, () => {
  it('accepts DD-MM-YYYY, D-M-YYYY and YYYY-MM-DD', () => {
    expect(parseDutchDate('14-03-1948')).toEqual({ iso: '1948-03-14', real: true });
    expect(parseDutchDate('4-3-1948')).toEqual({ iso: '1948-03-04', real: true });
    expect(parseDutchDate('1948-03-14')).toEqual({ iso: '1948-03-14', real: true });
    expect(parseDutchDate('29-02-2024')).toEqual({ iso: '2024-02-29', real: true });
  });

  it('knows which dates do not exist and which are no dates', () => {
    expect(parseDutchDate('29-02-2023')?.real).toBe(false);
    expect(parseDutchDate('1960-13-01')?.real).toBe(false);
    expect(parseDutchDate('14 maart 1948')).toBeUndefined();
    expect(parseDutchDate('14-03-48')).toBeUndefined();
  });
});

describe(joinHouseNumber.name, () => {
  it('joins the toevoeging as Dutch addresses write it', () => {
    expect(joinHouseNumber('12', '')).toBe('12');
    expect(joinHouseNumber('12', 'a')).toBe('12a');
    expect(joinHouseNumber('12', '2')).toBe('12-2');
    expect(joinHouseNumber('12', 'bis')).toBe('12 bis');
  });
});

describe(matchRegister.name, () => {
  const row = (overrides: Partial<MemberListRow>): MemberListRow => ({
    row: 2,
    memberNumber: null,
    email: null,
    firstName: 'Jan',
    lastName: 'Bos',
    organisationName: null,
    phone: null,
    street: 'Brink',
    houseNumber: '1',
    postcode: '7411AB',
    city: 'Deventer',
    dateOfBirth: null,
    membershipTypeId: 'type-resident',
    role: 'consumer',
    joinedOn: null,
    ...overrides,
  });
  const member = (overrides: Partial<RegisterMember>): RegisterMember => ({
    id: 'm1',
    memberNumber: 7,
    email: 'jan@x.nl',
    firstName: 'Jan',
    lastName: 'Bos',
    organisationName: null,
    phone: '0612345678',
    street: 'Brink',
    houseNumber: '1',
    postcode: '7411AB',
    city: 'Deventer',
    dateOfBirth: '1950-01-01',
    anonymisedAt: null,
    ...overrides,
  });
  const headers = { email: 'E-mail', memberNumber: 'Lidnummer' };

  it('leaves a recognised member alone when the row says nothing new (empty cells erase nothing)', () => {
    for (const recognisedBy of [{ email: 'jan@x.nl' }, { memberNumber: 7 }, { email: 'jan@x.nl', memberNumber: 7 }]) {
      const sut = matchRegister([row(recognisedBy)], [member({})], headers);
      expect(sut).toEqual({ plans: [expect.objectContaining({ action: 'unchanged' })], problems: [] });
    }
  });

  it('corrects the contact fields that differ', () => {
    const sut = matchRegister([row({ email: 'jan@x.nl', memberNumber: 7, street: 'Lange Bisschopstraat', phone: '0687654321' })], [member({})], headers);
    expect(sut.plans).toEqual([expect.objectContaining({ action: 'update', fields: ['phone', 'street'], patch: { phone: '0687654321', street: 'Lange Bisschopstraat' } })]);
  });

  it('refuses two rows that are the same member, one by e-mail and one by number', () => {
    const sut = matchRegister([row({ email: 'jan@x.nl' }), row({ row: 3, memberNumber: 7 })].reverse(), [member({})], headers);
    expect(sut.problems).toEqual([{ row: 2, column: 'E-mail', problem: 'the same member (7) as row 3' }]);
  });

  it('creates members it does not recognise', () => {
    expect(matchRegister([row({ email: 'new@x.nl', memberNumber: 8 })], [member({})], headers).plans).toEqual([{ action: 'create', row: expect.objectContaining({ email: 'new@x.nl' }) }]);
  });

  it('refuses a member number that belongs to someone else, or an e-mail registered under another number', () => {
    const sut = matchRegister(
      [row({ email: 'piet@x.nl', memberNumber: 7 }), row({ row: 3, email: 'jan@x.nl', memberNumber: 9 }), row({ row: 4, email: 'kees@x.nl', memberNumber: 11 }), row({ row: 5, memberNumber: 12 })],
      [member({}), member({ id: 'm2', memberNumber: 11, email: null }), member({ id: 'm3', memberNumber: 12, email: null, anonymisedAt: new Date() })],
      headers,
    );
    expect(sut.plans).toEqual([]);
    expect(sut.problems).toEqual([
      { row: 2, column: 'Lidnummer', problem: 'member 7 in the register has another e-mail address; is this a different person?' },
      { row: 3, column: 'Lidnummer', problem: 'this e-mail address belongs to member 7 in the register, not 9' },
      { row: 4, column: 'Lidnummer', problem: expect.stringContaining('without an e-mail address') },
      { row: 5, column: 'Lidnummer', problem: expect.stringContaining('erased at their request') },
    ]);
  });
});
