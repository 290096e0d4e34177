import { CsvParser, CsvRecord, DecimalSeparator, detectDelimiter, parseEuroAmount } from '@buurtcoop/core';
import { Balance, StatementEntry, StatementFormat, StatementItem, StatementParser } from './parsed-statement';
import { EntryInformation, collapse, decodeChunks, ibanOrNull, parseInformation, parseLabelledInformation, returnReasonCode } from './statement-text';
import { findStructuredReference } from './structured-reference';

/**
 * The Dutch banks' CSV (and ABN AMRO's tab-separated) transaction exports. The bank is recognised from the header
 * line, or for the header-less exports from the shape of the first row. Rows are read as the bytes arrive.
 *
 * One statement per account in the file (an export normally holds one). Balances are given where the export has a
 * balance column; an export listing the newest row first knows its opening balance only at the end, so it gives the
 * closing balance and leaves the opening empty.
 */
export const parseBankCsv: StatementParser = async function* (input) {
  let head = '';
  let csv: CsvParser | null = null;
  const reader = new BankCsvReader();
  for await (const text of decodeChunks(input)) {
    if (!csv) {
      // The delimiter is judged on the whole first line.
      head += text;
      if (!/[\r\n]/.test(head)) continue;
      csv = new CsvParser(detectDelimiter(head));
      for (const record of csv.write(head)) yield* reader.record(record);
      continue;
    }
    for (const record of csv.write(text)) yield* reader.record(record);
  }
  if (!csv) {
    csv = new CsvParser(detectDelimiter(head));
    for (const record of csv.write(head)) yield* reader.record(record);
  }
  for (const record of csv.end()) yield* reader.record(record);
  for (const error of csv.errors) yield { kind: 'issue', at: `line ${error.line}`, problem: `${error.message}; the rest of the file was not read`, skipped: true };
  yield* reader.finish();
};

/** One row read: the entry, and the balance before and after it where the export says. */
interface Row {
  account: string;
  currency: string;
  entry: StatementEntry;
  before: number | null;
  after: number | null;
}

interface Layout {
  format: StatementFormat;
  /** Whether the export gives a balance per row, so the statement's balances can be derived. */
  balances: boolean;
  /** The layout trims the fields itself (ASN's description may be split by a comma it must put back). */
  untrimmed?: boolean;
  read(fields: string[], line: number): Row;
}

type Columns = (name: string) => string;

class RowError extends Error {}

const EXPECTED =
  'ING ("Datum","Naam / Omschrijving",…,"Af Bij","Bedrag (EUR)","Mutatiesoort","Mededelingen"), Rabobank ("IBAN/BBAN","Munt","BIC","Volgnr","Datum",…), ' +
  'Knab ("KNAB EXPORT" then "Rekeningnummer;Transactiedatum;…"), or the header-less exports of ABN AMRO (8 tab-separated columns: account, currency, ' +
  'date YYYYMMDD, start and end balance, value date, amount, description), ASN/SNS (19 columns starting date DD-MM-YYYY, own IBAN, counter-account) ' +
  'and Triodos (date DD-MM-YYYY, own IBAN, amount, Credit/Debet, name, counter-account, code, description)';

class BankCsvReader {
  private layout: Layout | null = null;
  private knabPreamble = false;
  private statement: StatementRun | null = null;

  *record(record: CsvRecord): Generator<StatementItem> {
    const fields = record.fields.map((field) => field.trim());
    if (fields.every((field) => field === '')) return;
    if (!this.layout) {
      const detected = this.detect(fields);
      if (detected === 'preamble') return;
      this.layout = detected.layout;
      if (detected.header) return;
    }
    let row: Row;
    try {
      row = this.layout.read(this.layout.untrimmed ? record.fields : fields, record.line);
    } catch (error) {
      if (!(error instanceof RowError || error instanceof RangeError)) throw error;
      yield { kind: 'issue', at: `line ${record.line}`, problem: `${error.message}; row skipped`, skipped: true };
      return;
    }
    if (this.statement && this.statement.account !== row.account) {
      // An export of several accounts: one statement each.
      yield* this.statement.finish();
      this.statement = null;
    }
    this.statement ??= new StatementRun(this.layout, row.account, row.currency);
    yield* this.statement.add(row, record.line);
  }

  *finish(): Generator<StatementItem> {
    if (!this.layout) throw new Error(`Not a bank export this reader knows: the file is empty; expected ${EXPECTED}`);
    if (this.statement) yield* this.statement.finish();
    else yield* new StatementRun(this.layout, '', 'EUR').finish();
  }

  private detect(fields: string[]): { layout: Layout; header: boolean } | 'preamble' {
    const lower = fields.map((field) => field.toLowerCase());
    if (lower[0] === 'knab export' && !this.knabPreamble) {
      this.knabPreamble = true;
      return 'preamble';
    }
    if (lower.includes('af bij') && (lower.includes('mutatiesoort') || lower.includes('naam / omschrijving'))) return { layout: ingLayout(lower), header: true };
    if (lower[0] === 'iban/bban' && lower.includes('volgnr')) return { layout: rabobankLayout(lower), header: true };
    if (lower.includes('rekeningnummer') && lower.includes('creditdebet')) return { layout: knabLayout(lower), header: true };
    if (lower[0] === 'accountnumber' && lower[1] === 'mutationcode') return { layout: ABN_AMRO, header: true };
    if (fields.length >= 8 && /^[A-Z]{3}$/.test(fields[1]) && /^[0-9]{8}$/.test(fields[2]) && /^[0-9]{8}$/.test(fields[5])) return { layout: ABN_AMRO, header: false };
    if (fields.length >= 8 && DMY.test(fields[0]) && /^(credit|debet)$/.test(lower[3] ?? '')) return { layout: TRIODOS, header: false };
    if (fields.length >= 19 && DMY.test(fields[0]) && ibanOrNull(fields[1]) && /^[A-Z]{3}$/.test(fields[7])) return { layout: asnLayout(fields[1]), header: false };
    throw new Error(`Not a bank export this reader knows: the first line is ${JSON.stringify(fields.join(' | ').slice(0, 200))}; expected ${EXPECTED}`);
  }
}

/** The rows of one account, with the balance chain that yields its opening and closing balance. */
class StatementRun {
  private started = false;
  private buffered: { row: Row; line: number }[] = [];
  private direction: 'oldest-first' | 'newest-first' | 'broken' | null = null;
  private first: Row | null = null;
  private last: Row | null = null;
  private chainIntact = true;

  constructor(
    private readonly layout: Layout,
    readonly account: string,
    private readonly currency: string,
  ) {}

  *add(row: Row, line: number): Generator<StatementItem> {
    if (!this.started) {
      this.buffered.push({ row, line });
      this.decideDirection();
      // A file of equal balances (nothing but zero amounts) never decides; it is read oldest-first after a while.
      if (this.direction === null && this.buffered.length < 1000) return;
      yield* this.start();
      return;
    }
    yield* this.follow(row, line);
  }

  *finish(): Generator<StatementItem> {
    if (!this.started) yield* this.start();
    let closing: Balance | null = null;
    if (this.layout.balances && this.chainIntact && this.first && this.last) {
      const newest = this.direction === 'newest-first' ? this.first : this.last;
      if (newest.after !== null) closing = { date: newest.entry.bookingDate, amountCents: newest.after };
    }
    yield { kind: 'end', closing };
  }

  private decideDirection(): void {
    if (!this.layout.balances) {
      this.direction = 'oldest-first';
      return;
    }
    const rows = this.buffered.map((b) => b.row);
    for (let i = 1; i < rows.length; i++) {
      const oldestFirst = rows[i].before === rows[i - 1].after;
      const newestFirst = rows[i].after === rows[i - 1].before;
      if (oldestFirst && !newestFirst) this.direction = 'oldest-first';
      else if (newestFirst && !oldestFirst) this.direction = 'newest-first';
      else if (!oldestFirst && !newestFirst) this.direction = 'broken';
      if (this.direction) return;
    }
  }

  private *start(): Generator<StatementItem> {
    this.started = true;
    this.direction ??= 'oldest-first';
    const firstRow = this.buffered[0]?.row ?? null;
    let opening: Balance | null = null;
    if (this.layout.balances && firstRow && firstRow.before !== null && this.direction === 'oldest-first') {
      opening = { date: firstRow.entry.bookingDate, amountCents: firstRow.before };
    }
    yield { kind: 'statement', format: this.layout.format, accountIban: ibanOrNull(this.account), currency: this.currency, statementId: null, opening };
    if (this.account && !ibanOrNull(this.account)) {
      yield { kind: 'issue', at: `line ${this.buffered[0].line}`, problem: `account ${JSON.stringify(this.account)} is not an IBAN; the statement's account is left empty`, skipped: false };
    }
    if (this.layout.balances && this.direction === 'newest-first') {
      yield { kind: 'issue', at: `line ${this.buffered[0].line}`, problem: 'the export lists the newest row first, so its opening balance is known only after the last row; opening left empty', skipped: false };
    }
    const buffered = this.buffered;
    this.buffered = [];
    if (this.direction === 'broken' && buffered.length > 1) {
      this.chainIntact = false;
      yield this.chainIssue(buffered[1].line);
    }
    for (const { row, line } of buffered) {
      if (this.direction === 'broken') {
        this.remember(row);
        yield row.entry;
      } else {
        yield* this.follow(row, line);
      }
    }
  }

  private *follow(row: Row, line: number): Generator<StatementItem> {
    const previous = this.last;
    if (this.layout.balances && previous && this.chainIntact) {
      const follows = this.direction === 'newest-first' ? row.after === previous.before : row.before === previous.after;
      if (!follows) {
        this.chainIntact = false;
        yield this.chainIssue(line);
      }
    }
    this.remember(row);
    yield row.entry;
  }

  private remember(row: Row): void {
    this.first ??= row;
    this.last = row;
  }

  private chainIssue(line: number): StatementItem {
    return { kind: 'issue', at: `line ${line}`, problem: 'the balance on this row does not follow from the row before it; the closing balance is left empty', skipped: false };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Layouts

const DMY = /^[0-9]{2}-[0-9]{2}-[0-9]{4}$/;

function columns(header: string[], fields: string[]): Columns {
  return (name) => {
    const at = header.indexOf(name);
    return at === -1 ? '' : (fields[at] ?? '').trim();
  };
}

function ingLayout(header: string[]): Layout {
  const hasBalance = header.includes('saldo na mutatie');
  return {
    format: 'csv-ing',
    balances: hasBalance,
    read(fields) {
      const col = columns(header, fields);
      const cents = amount(col('bedrag (eur)'), ',');
      const sign = col('af bij').toLowerCase();
      if (sign !== 'af' && sign !== 'bij') throw new RowError(`"Af Bij" is ${JSON.stringify(col('af bij'))}, not Af or Bij`);
      const amountCents = sign === 'af' ? negate(cents) : cents;
      const notes = col('mededelingen');
      const info = parseLabelledInformation(notes);
      const after = hasBalance && col('saldo na mutatie') ? amount(col('saldo na mutatie'), ',') : null;
      return {
        account: col('rekening'),
        currency: 'EUR',
        before: after === null ? null : after - amountCents,
        after,
        entry: entry({
          bookingDate: yyyymmdd(col('datum')),
          valueDate: info.valueDate,
          amountCents,
          info: { ...info, counterpartyName: info.counterpartyName ?? (col('naam / omschrijving') || null), counterpartyIban: ibanOrNull(col('tegenrekening')) ?? info.counterpartyIban },
          transactionCode: col('code') || null,
        }),
      };
    },
  };
}

function rabobankLayout(header: string[]): Layout {
  return {
    format: 'csv-rabobank',
    balances: header.includes('saldo na trn'),
    read(fields) {
      const col = columns(header, fields);
      const amountCents = amount(col('bedrag'), ',');
      const after = col('saldo na trn') ? amount(col('saldo na trn'), ',') : null;
      const remittance = collapse([col('omschrijving-1'), col('omschrijving-2'), col('omschrijving-3')].join(' ')) || null;
      const reference = col('transactiereferentie');
      return {
        account: col('iban/bban'),
        currency: col('munt') || 'EUR',
        before: after === null ? null : after - amountCents,
        after,
        entry: entry({
          bookingDate: isoDate(col('datum')),
          valueDate: col('rentedatum') ? isoDate(col('rentedatum')) : null,
          amountCents,
          info: {
            counterpartyIban: ibanOrNull(col('tegenrekening iban/bban')),
            counterpartyName: col('naam tegenpartij') || null,
            remittance,
            structuredReference: findStructuredReference(col('betalingskenmerk')) ?? findStructuredReference(remittance),
            endToEndId: reference && reference.toUpperCase() !== 'NOTPROVIDED' ? reference : null,
            mandateId: col('machtigingskenmerk') || null,
            returnReason: col('reden retour') ? returnReasonCode(col('reden retour')) : null,
            transactionType: null,
          },
          bankReference: col('volgnr') || null,
          transactionCode: col('code') || null,
        }),
      };
    },
  };
}

function knabLayout(header: string[]): Layout {
  return {
    format: 'csv-knab',
    balances: false,
    read(fields) {
      const col = columns(header, fields);
      const cents = amount(col('bedrag'), ',');
      const mark = col('creditdebet').toUpperCase();
      if (mark !== 'C' && mark !== 'D') throw new RowError(`CreditDebet is ${JSON.stringify(col('creditdebet'))}, not C or D`);
      const remittance = col('omschrijving') || null;
      return {
        account: col('rekeningnummer'),
        currency: col('valutacode') || 'EUR',
        before: null,
        after: null,
        entry: entry({
          bookingDate: dmy(col('boekdatum') || col('transactiedatum')),
          valueDate: col('valutadatum') ? dmy(col('valutadatum')) : null,
          amountCents: mark === 'D' ? negate(cents) : cents,
          info: {
            ...parseInformation(remittance),
            counterpartyIban: ibanOrNull(col('tegenrekeningnummer')),
            counterpartyName: col('tegenrekeninghouder') || null,
            mandateId: col('machtigingsnummer') || null,
          },
          bankReference: col('referentie') || null,
          transactionCode: col('betaalwijze') || null,
        }),
      };
    },
  };
}

/** ABN AMRO's TXT (.TAB) export: account, currency, date, balance before, balance after, value date, signed amount, description. */
const ABN_AMRO: Layout = {
  format: 'csv-abnamro',
  balances: true,
  read(fields) {
    if (fields.length < 8) throw new RowError(`${fields.length} columns where ABN AMRO's export has 8`);
    const amountCents = amount(fields[6], ',');
    return {
      account: fields[0],
      currency: fields[1] || 'EUR',
      before: amount(fields[3], ','),
      after: amount(fields[4], ','),
      entry: entry({
        bookingDate: yyyymmdd(fields[2]),
        valueDate: yyyymmdd(fields[5]),
        amountCents,
        info: parseInformation(fields.slice(7).join('\t')),
      }),
    };
  },
};

/** Triodos: date, own account, amount, Credit/Debet, name, counter-account, code, description, and in newer exports the balance after. */
const TRIODOS: Layout = {
  format: 'csv-triodos',
  balances: true,
  read(fields) {
    const cents = amount(fields[2], ',');
    const amountCents = fields[3].toLowerCase() === 'debet' ? negate(cents) : cents;
    const after = fields[8] ? amount(fields[8], ',') : null;
    const info = parseInformation(fields[7]);
    return {
      account: fields[1],
      currency: 'EUR',
      before: after === null ? null : after - amountCents,
      after,
      entry: entry({
        bookingDate: dmy(fields[0]),
        valueDate: null,
        amountCents,
        info: { ...info, counterpartyName: fields[4] || info.counterpartyName, counterpartyIban: ibanOrNull(fields[5]) ?? info.counterpartyIban },
        transactionCode: fields[6] || null,
      }),
    };
  },
};

/**
 * ASN Bank's header-less export, which SNS and RegioBank (the same group) share: booking date, own account,
 * counter-account, name, address, postcode, town, account currency, balance before, entry currency, amount (a `.`
 * for decimals), journal date, value date, internal code, global code, sequence number, betalingskenmerk, description
 * in single quotes, statement number.
 */
function asnLayout(account: string): Layout {
  const bank = ibanOrNull(account)?.slice(4, 8);
  return {
    format: bank === 'SNSB' || bank === 'RBRB' ? 'csv-sns' : 'csv-asn',
    balances: true,
    untrimmed: true,
    read(raw) {
      // The description is quoted with ' rather than ", so a comma inside it splits it; put it back together.
      const joined = raw.length > 19 && raw[17].trim().startsWith("'") ? [...raw.slice(0, 17), raw.slice(17, raw.length - 1).join(','), raw[raw.length - 1]] : raw;
      const fields = joined.map((field) => field.trim());
      if (fields.length < 19) throw new RowError(`${fields.length} columns where the ASN/SNS export has 19`);
      const amountCents = amount(fields[10], '.');
      const before = amount(fields[8], '.');
      const remittance = collapse(fields[17].replace(/^'|'$/g, '')) || null;
      return {
        account: fields[1],
        currency: fields[7] || 'EUR',
        before,
        after: before + amountCents,
        entry: entry({
          bookingDate: dmy(fields[0]),
          valueDate: fields[12] ? dmy(fields[12]) : null,
          amountCents,
          info: {
            ...parseInformation(remittance),
            counterpartyIban: ibanOrNull(fields[2]),
            counterpartyName: collapse(fields[3]) || null,
            structuredReference: findStructuredReference(fields[16]) ?? findStructuredReference(remittance),
          },
          bankReference: fields[15] || null,
          transactionCode: fields[14] || null,
        }),
      };
    },
  };
}

function entry(parts: {
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  info: EntryInformation;
  bankReference?: string | null;
  transactionCode?: string | null;
}): StatementEntry {
  const { info } = parts;
  return {
    kind: 'entry',
    bookingDate: parts.bookingDate,
    valueDate: parts.valueDate,
    amountCents: parts.amountCents,
    counterpartyName: info.counterpartyName,
    counterpartyIban: info.counterpartyIban,
    remittance: info.remittance,
    structuredReference: info.structuredReference,
    endToEndId: info.endToEndId,
    mandateId: info.mandateId,
    bankReference: parts.bankReference ?? null,
    returnReason: info.returnReason,
    transactionCode: parts.transactionCode ?? info.transactionType,
    batchRef: null,
  };
}

function amount(text: string, decimalSeparator: DecimalSeparator): number {
  return parseEuroAmount(text, { decimalSeparator });
}

function negate(cents: number): number {
  return cents === 0 ? 0 : -cents;
}

function yyyymmdd(text: string): string {
  if (!/^[0-9]{8}$/.test(text)) throw new RowError(`date ${JSON.stringify(text)} is not YYYYMMDD`);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

function dmy(text: string): string {
  if (!DMY.test(text)) throw new RowError(`date ${JSON.stringify(text)} is not DD-MM-YYYY`);
  return `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
}

function isoDate(text: string): string {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) throw new RowError(`date ${JSON.stringify(text)} is not YYYY-MM-DD`);
  return text;
}
