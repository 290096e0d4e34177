import { isEmail } from 'class-validator';
import { CsvRecord, normalizePhone, normalizePostcode } from '@buurtcoop/core';
import { Member, MemberRole } from '../members/entities/member.entity';
import { MembershipKind } from '../membership-types/entities/membership-type.entity';

/**
 * Turns the records of a board's member list into validated rows, or into problems a board member can
 * fix in the spreadsheet: `row` is the line of the file (the header is row 1), `column` the header as
 * written in the file.
 */

export interface ImportProblem {
  row: number;
  /** The column's header as written in the file; null when the problem is about the whole row. */
  column: string | null;
  problem: string;
}

/** One member of the list, validated and normalised as the register stores it. */
export interface MemberListRow {
  row: number;
  memberNumber: number | null;
  /** Lower-case. */
  email: string | null;
  firstName: string | null;
  /** With the tussenvoegsel in front: `van der Berg`. */
  lastName: string | null;
  organisationName: string | null;
  phone: string | null;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  dateOfBirth: string | null;
  membershipTypeId: string;
  role: MemberRole;
  joinedOn: string | null;
}

export interface ImportMembershipType {
  id: string;
  code: string;
  name: string;
  kind: MembershipKind;
}

export type MemberColumn =
  | 'memberNumber'
  | 'firstName'
  | 'prefix'
  | 'lastName'
  | 'organisationName'
  | 'email'
  | 'phone'
  | 'street'
  | 'houseNumber'
  | 'addition'
  | 'postcode'
  | 'city'
  | 'dateOfBirth'
  | 'membershipType'
  | 'role'
  | 'joinedOn';

/** Header names, Dutch and English, as `headerKey` reduces them (lower case, no accents, spaces or punctuation). */
const HEADERS: Record<MemberColumn, readonly string[]> = {
  memberNumber: ['lidnummer', 'lidnr', 'membernumber', 'memberno', 'membershipnumber'],
  firstName: ['voornaam', 'roepnaam', 'firstname', 'givenname'],
  prefix: ['tussenvoegsel', 'tussenvoegsels', 'voorvoegsel', 'prefix'],
  lastName: ['achternaam', 'lastname', 'surname', 'familyname'],
  organisationName: ['organisatie', 'organisatienaam', 'organisation', 'organization', 'organisationname', 'organizationname'],
  email: ['email', 'emailadres', 'emailaddress'],
  phone: ['telefoon', 'telefoonnummer', 'telnr', 'mobiel', 'phone', 'phonenumber', 'telephone'],
  street: ['straat', 'straatnaam', 'street'],
  houseNumber: ['huisnummer', 'huisnr', 'housenumber'],
  addition: ['toevoeging', 'huisnummertoevoeging', 'addition', 'housenumberaddition'],
  postcode: ['postcode', 'postalcode', 'zipcode'],
  city: ['woonplaats', 'plaats', 'city', 'town'],
  dateOfBirth: ['geboortedatum', 'dateofbirth', 'birthdate'],
  membershipType: ['lidmaatschap', 'soortlid', 'soortlidmaatschap', 'lidmaatschapstype', 'membershiptype', 'membership'],
  role: ['rol', 'role'],
  joinedOn: ['lidsinds', 'joined', 'joinedon', 'membersince'],
};

const COLUMN_BY_KEY = new Map<string, MemberColumn>(
  (Object.entries(HEADERS) as Array<[MemberColumn, readonly string[]]>).flatMap(([column, keys]) => keys.map((key) => [key, column] as const)),
);

const ROLES: Record<string, MemberRole> = {
  consument: 'consumer',
  consumer: 'consumer',
  aanbieder: 'provider',
  provider: 'provider',
  beide: 'both',
  both: 'both',
};

/** `E-mailadres`, `e mail adres` and `EMAILADRES` are one header; so are `Soort lid` and `soort_lid`. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function columnOf(header: string): MemberColumn | undefined {
  return COLUMN_BY_KEY.get(headerKey(header));
}

/** `14-03-1948`, `4-3-1948` (also with / or .) or `1948-03-14` → `1948-03-14`; undefined when it is none of those. */
export function parseDutchDate(value: string): { iso: string; real: boolean } | undefined {
  const dayFirst = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(value);
  const isoLike = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (!dayFirst && !isoLike) return undefined;
  const [year, month, day] = dayFirst ? [+dayFirst[4], +dayFirst[3], +dayFirst[1]] : [+isoLike![1], +isoLike![2], +isoLike![3]];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return { iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, real };
}

/** `12` + `a` → `12a`; `12` + `2` → `12-2`; `12` + `bis` → `12 bis`. */
export function joinHouseNumber(number: string, addition: string): string {
  if (!addition) return number;
  if (/^[A-Za-z]$/.test(addition)) return `${number}${addition}`;
  if (/^\d/.test(addition)) return `${number}-${addition}`;
  if (/^[-/\s]/.test(addition)) return `${number}${addition}`;
  return `${number} ${addition}`;
}

/**
 * Free-text columns whose value a spreadsheet would run as a formula when the register is exported and opened
 * again (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`, `@SUM(…)`). No name, street or e-mail address starts that way.
 * The phone column is left out: `+31 570 123456` is how a phone number should be written.
 */
const FORMULA_START = /^[=+\-@]/;
const TEXT_COLUMNS: ReadonlySet<MemberColumn> = new Set(['firstName', 'prefix', 'lastName', 'organisationName', 'email', 'street', 'addition', 'city']);

const MAX_LENGTH: Partial<Record<MemberColumn, number>> = {
  firstName: 100,
  prefix: 30,
  lastName: 100,
  organisationName: 200,
  email: 254,
  street: 200,
  houseNumber: 20,
  addition: 10,
  city: 100,
};

const KNOWN_COLUMNS =
  'lidnummer, voornaam, tussenvoegsel, achternaam, organisatie, e-mail, telefoon, straat, huisnummer, toevoeging, postcode, woonplaats, geboortedatum, lidmaatschap, rol, lid sinds';

/** Columns without which no row could be imported (reported once, on the header). */
const REQUIRED_COLUMNS: ReadonlyArray<{ columns: MemberColumn[]; problem: string }> = [
  { columns: ['email', 'memberNumber'], problem: 'an e-mail or member number column is required, to recognise members when the list is imported again' },
  { columns: ['lastName', 'organisationName'], problem: 'a last name (achternaam) or organisation column is required' },
  { columns: ['street'], problem: 'a street (straat) column is required' },
  { columns: ['houseNumber'], problem: 'a house number (huisnummer) column is required' },
  { columns: ['postcode'], problem: 'a postcode column is required' },
  { columns: ['city'], problem: 'a city (woonplaats) column is required' },
];

export interface MemberListContext {
  membershipTypes: readonly ImportMembershipType[];
  /** Today as YYYY-MM-DD: dates after it are refused. */
  today: string;
}

export interface MemberList {
  rows: MemberListRow[];
  problems: ImportProblem[];
  /** The file's header of each column it has. */
  headers: Partial<Record<MemberColumn, string>>;
}

/**
 * Maps the header, validates every row and checks that no e-mail or member number occurs twice.
 * `records[0]` is the header. Rows whose fields are all empty are skipped.
 */
export function readMemberList(records: readonly CsvRecord[], context: MemberListContext): MemberList {
  const problems: ImportProblem[] = [];
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [{ row: 1, column: null, problem: 'The file has no header line' }], headers: {} };

  const headers = header.fields.map((h) => h.trim());
  const columns = new Map<MemberColumn, number>();
  headers.forEach((name, index) => {
    if (!name) return;
    const column = columnOf(name);
    if (!column) {
      problems.push({ row: header.line, column: name, problem: `unknown column; rename it to one of the known columns or remove it (known: ${KNOWN_COLUMNS})` });
    } else if (columns.has(column)) {
      problems.push({ row: header.line, column: name, problem: `the same column as '${headers[columns.get(column) as number]}'` });
    } else {
      columns.set(column, index);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((required) => !required.columns.some((c) => columns.has(c)));
  problems.push(...missing.map((required) => ({ row: header.line, column: null, problem: required.problem })));
  const named = Object.fromEntries([...columns].map(([column, index]) => [column, headers[index]])) as Partial<Record<MemberColumn, string>>;
  // Without a required column every row would repeat the same problem.
  if (missing.length > 0) return { rows: [], problems, headers: named };

  const typeFinder = membershipTypeFinder(context.membershipTypes);
  const rows: MemberListRow[] = [];
  const emails = new Map<string, number>();
  const numbers = new Map<number, number>();
  const label = (column: MemberColumn, fallback?: MemberColumn): string => {
    const index = columns.get(column) ?? (fallback !== undefined ? columns.get(fallback) : undefined);
    return index === undefined ? column : headers[index];
  };

  for (const record of data) {
    const values = record.fields.map((f) => f.trim());
    if (values.every((v) => v === '')) continue;
    const before = problems.length;
    const problem = (column: MemberColumn | null, text: string, fallback?: MemberColumn) =>
      problems.push({ row: record.line, column: column === null ? null : label(column, fallback), problem: text });
    const value = (column: MemberColumn): string => {
      const index = columns.get(column);
      const v = index === undefined ? '' : (values[index] ?? '');
      const max = MAX_LENGTH[column];
      if (max !== undefined && v.length > max) problem(column, `longer than ${max} characters`);
      if (TEXT_COLUMNS.has(column) && FORMULA_START.test(v)) problem(column, `starts with '${v[0]}', which a spreadsheet runs as a formula; remove it`);
      return v;
    };

    const extra = values.slice(headers.length).filter((v) => v !== '').length;
    if (extra > 0) problem(null, `has ${values.length} fields but the header has ${headers.length}; is a delimiter missing quotes?`);
    values.forEach((v, index) => {
      if (index < headers.length && !headers[index] && v !== '') problem(null, `has a value in column ${index + 1}, which has no header`);
    });

    const numberText = value('memberNumber');
    let memberNumber: number | null = null;
    if (numberText) {
      if (/^\d{1,9}$/.test(numberText) && +numberText > 0) memberNumber = +numberText;
      else problem('memberNumber', `'${numberText}' is not a member number (a whole number above 0)`);
    }

    const emailText = value('email');
    let email: string | null = null;
    if (emailText) {
      if (isEmail(emailText)) email = emailText.toLowerCase();
      else problem('email', `'${emailText}' is not an e-mail address`);
    }
    if (!emailText && !numberText) problem('email', 'an e-mail address or member number is required, to recognise the member when the list is imported again', 'memberNumber');

    const firstName = value('firstName') || null;
    const prefix = value('prefix');
    const lastNameText = value('lastName');
    const lastName = lastNameText ? (prefix ? `${prefix} ${lastNameText}` : lastNameText) : null;
    if (prefix && !lastNameText) problem('lastName', `a tussenvoegsel ('${prefix}') without a last name`, 'prefix');
    const organisationName = value('organisationName') || null;
    if (!lastName && !organisationName && !prefix) problem('lastName', 'a last name or organisation name is required', 'organisationName');

    const phoneText = value('phone');
    let phone: string | null = null;
    if (phoneText) {
      phone = normalizePhone(phoneText) ?? null;
      if (!phone) problem('phone', `'${phoneText}' is not a phone number like 06 12345678 or +31 570 123456`);
    }

    const street = value('street');
    if (!street) problem('street', 'is required');
    const houseNumberText = value('houseNumber');
    const addition = value('addition');
    if (!houseNumberText) problem('houseNumber', 'is required');
    else if (!/^[1-9]\d{0,4}(?!\d)/.test(houseNumberText)) problem('houseNumber', `'${houseNumberText}' is not a house number (it starts with a number, like 12 or 12a)`);
    const houseNumber = joinHouseNumber(houseNumberText, addition);
    if (houseNumber.length > 20) problem('houseNumber', 'with its addition, longer than 20 characters');
    const postcodeText = value('postcode');
    const postcode = postcodeText ? normalizePostcode(postcodeText) : undefined;
    if (!postcodeText) problem('postcode', 'is required');
    else if (!postcode) problem('postcode', `'${postcodeText}' is not a Dutch postcode like 7411 AB`);
    const city = value('city');
    if (!city) problem('city', 'is required');

    const date = (column: 'dateOfBirth' | 'joinedOn'): string | null => {
      const text = value(column);
      if (!text) return null;
      const parsed = parseDutchDate(text);
      if (!parsed) problem(column, `'${text}' is not a date like 14-03-1948 or 1948-03-14`);
      else if (!parsed.real) problem(column, `'${text}' does not exist`);
      else if (parsed.iso > context.today) problem(column, `'${text}' is in the future`);
      else if (parsed.iso < '1900-01-01') problem(column, `'${text}' is before 1900`);
      else return parsed.iso;
      return null;
    };
    const dateOfBirth = date('dateOfBirth');
    const joinedOn = date('joinedOn');

    const typeText = value('membershipType');
    const type = typeFinder(typeText || 'resident');
    const knownTypes = context.membershipTypes.map((t) => t.name).join(', ');
    if (!type && typeText) problem('membershipType', `'${typeText}' is not a membership type of this cooperative (known: ${knownTypes})`);
    else if (!type) problem('membershipType', `no membership type given, and this cooperative has no 'resident' type to default to (known: ${knownTypes})`);
    else if (type.kind === 'organisation' && !organisationName) problem('organisationName', `an organisation name is required for a ${type.name} membership`, 'lastName');

    const roleText = value('role');
    const role = roleText ? ROLES[headerKey(roleText)] : 'consumer';
    if (!role) problem('role', `'${roleText}' is not a role: use consument, aanbieder or beide`);

    if (email) {
      const first = emails.get(email);
      if (first !== undefined) problem('email', `the same e-mail address as row ${first}`);
      else emails.set(email, record.line);
    }
    if (memberNumber !== null) {
      const first = numbers.get(memberNumber);
      if (first !== undefined) problem('memberNumber', `the same member number as row ${first}`);
      else numbers.set(memberNumber, record.line);
    }

    if (problems.length === before && type && role && postcode) {
      rows.push({
        row: record.line,
        memberNumber,
        email,
        firstName,
        lastName,
        organisationName,
        phone,
        street,
        houseNumber,
        postcode,
        city,
        dateOfBirth,
        membershipTypeId: type.id,
        role,
        joinedOn,
      });
    }
  }
  if (data.every((r) => r.fields.every((f) => f.trim() === '')) && problems.length === 0) {
    problems.push({ row: header.line, column: null, problem: 'The file has a header but no members' });
  }
  return { rows, problems, headers: named };
}


/** By code or by name, ignoring case and accents: `Steunlid`, `steunlid`, `BEWONER`. */
function membershipTypeFinder(types: readonly ImportMembershipType[]): (text: string) => ImportMembershipType | undefined {
  const byKey = new Map<string, ImportMembershipType>();
  for (const type of types) byKey.set(headerKey(type.name), type);
  // A code wins over another type's name.
  for (const type of types) byKey.set(headerKey(type.code), type);
  return (text) => byKey.get(headerKey(text));
}

/** What a register member looks like to the matching: the entity's fields the import compares. */
export type RegisterMember = Pick<
  Member,
  'id' | 'memberNumber' | 'email' | 'firstName' | 'lastName' | 'organisationName' | 'phone' | 'street' | 'houseNumber' | 'postcode' | 'city' | 'dateOfBirth' | 'anonymisedAt'
>;

/** Fields an import corrects on a member it recognises; type, role, status and dates of membership stay the board's decisions. */
export const UPDATABLE_FIELDS = ['firstName', 'lastName', 'organisationName', 'phone', 'street', 'houseNumber', 'postcode', 'city', 'dateOfBirth'] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

export type RowPlan =
  | { action: 'create'; row: MemberListRow }
  | { action: 'unchanged'; row: MemberListRow; member: RegisterMember }
  | { action: 'update'; row: MemberListRow; member: RegisterMember; patch: Partial<Record<UpdatableField, string>>; fields: UpdatableField[] };

/**
 * Recognises each row in the register by e-mail or member number. A recognised member gets the
 * file's non-empty contact fields where they differ (an empty cell never erases what the register
 * knows); a row whose e-mail and number point at different members is a problem.
 */
export function matchRegister(
  rows: readonly MemberListRow[],
  register: readonly RegisterMember[],
  headers: Partial<Record<MemberColumn, string>>,
): { plans: RowPlan[]; problems: ImportProblem[] } {
  const numberColumn = headers.memberNumber ?? headers.email ?? 'memberNumber';
  const byEmail = new Map<string, RegisterMember>();
  const byNumber = new Map<number, RegisterMember>();
  for (const member of register) {
    if (member.email) byEmail.set(member.email.toLowerCase(), member);
    byNumber.set(member.memberNumber, member);
  }
  const plans: RowPlan[] = [];
  const problems: ImportProblem[] = [];
  // One row by e-mail and another by number can both point at the same member.
  const recognised = new Map<string, number>();
  for (const row of rows) {
    const withEmail = row.email ? byEmail.get(row.email) : undefined;
    const withNumber = row.memberNumber !== null ? byNumber.get(row.memberNumber) : undefined;
    const problem = (column: string, text: string) => problems.push({ row: row.row, column, problem: text });
    if (withNumber?.anonymisedAt) {
      problem(numberColumn, `member ${row.memberNumber} was erased at their request; leave this number out`);
      continue;
    }
    if (withEmail && row.memberNumber !== null && withEmail.memberNumber !== row.memberNumber) {
      problem(numberColumn, `this e-mail address belongs to member ${withEmail.memberNumber} in the register, not ${row.memberNumber}`);
      continue;
    }
    if (!withEmail && withNumber && row.email) {
      problem(
        numberColumn,
        withNumber.email
          ? `member ${row.memberNumber} in the register has another e-mail address; is this a different person?`
          : `member ${row.memberNumber} is in the register without an e-mail address; an import does not add one to an existing member`,
      );
      continue;
    }
    const member = withEmail ?? withNumber;
    if (!member) {
      plans.push({ action: 'create', row });
      continue;
    }
    const first = recognised.get(member.id);
    if (first !== undefined) {
      problem(row.email ? (headers.email ?? numberColumn) : numberColumn, `the same member (${member.memberNumber}) as row ${first}`);
      continue;
    }
    recognised.set(member.id, row.row);
    const patch: Partial<Record<UpdatableField, string>> = {};
    for (const field of UPDATABLE_FIELDS) {
      const value = row[field];
      if (value !== null && value !== (member[field] ?? null)) patch[field] = value;
    }
    const fields = Object.keys(patch) as UpdatableField[];
    plans.push(fields.length === 0 ? { action: 'unchanged', row, member } : { action: 'update', row, member, patch, fields });
  }
  return { plans, problems };
}
