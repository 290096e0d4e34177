import { parseEuroAmount } from '@buurtcoop/core';
import { Balance, StatementEntry, StatementItem, StatementParser } from './parsed-statement';
import { EntryInformation, NO_INFORMATION, collapse, findIban, ibanOrNull, isCodedInformation, parseInformation, readLines } from './statement-text';
import { findStructuredReference } from './structured-reference';

/**
 * MT940 as the Dutch banks export it (ING, Rabobank, ABN AMRO, Triodos, SNS, ASN, Knab), read line by line.
 * Each message (`:20:` … `:62F:`) is one statement. The reader is lenient where the banks differ from SWIFT:
 * amounts without decimals, missing `:28C:`, envelope lines, `:86:` text wrapped mid-word.
 */
export const parseMt940: StatementParser = async function* (input) {
  const reader = new Mt940Reader();
  for await (const line of readLines(input)) yield* reader.line(line.number, line.text);
  yield* reader.finish();
};

/** A complete field: its tag, its lines (the first without the tag) and where it started. */
interface Field {
  tag: string;
  lines: string[];
  line: number;
}

/** A `:61:` line read, waiting for the `:86:` that may follow it. */
interface PendingEntry {
  entry: StatementEntry;
  /** The `:61:` reference before `//`, and the supplementary details on its second line. */
  customerReference: string;
  supplementary: string;
}

interface OpenStatement {
  reference: string | null;
  sequence: string | null;
  account: string | null;
  accountLine: number;
  started: boolean;
  closed: boolean;
}

const TAG_LINE = /^:([0-9]{2}[A-Z]?):(.*)$/;
/** End of a message (`-`, `-}`, `-}{5:…}`, ING's `-XXX`) and SWIFT envelope blocks (`{1:…}{2:…}{4:`). */
const ENVELOPE_LINE = /^(?:-(?:\}.*|XXX)?\s*$|\{[1-5]:)/;
const STATEMENT_LINE = /^([0-9]{6})([0-9]{4})?(R?[CD])([A-Z])?([0-9]+(?:,[0-9]*)?)([NFS][A-Z0-9]{3})(.*)$/;
const BALANCE = /^([CD])([0-9]{6})([A-Z]{3})([0-9]+(?:,[0-9]*)?)$/;
/** SWIFT lines hold 65 characters; a full line was wrapped where it ran out, even mid-word. */
const SWIFT_LINE_LENGTH = 65;
/** Lines read without finding any tag before the reader decides the file is not MT940. */
const LINES_BEFORE_GIVING_UP = 50;

class Mt940Reader {
  private field: Field | null = null;
  private statement: OpenStatement | null = null;
  private pending: PendingEntry | 'skipped' | null = null;
  private currency = 'EUR';
  private seenTag = false;
  private linesRead = 0;

  *line(number: number, raw: string): Generator<StatementItem> {
    const text = raw.replace(/\s+$/, '');
    this.linesRead++;
    const tag = TAG_LINE.exec(text);
    if (tag) {
      this.seenTag = true;
      yield* this.completeField();
      this.field = { tag: tag[1], lines: [tag[2]], line: number };
      return;
    }
    if (!this.seenTag && this.linesRead >= LINES_BEFORE_GIVING_UP) throw notMt940();
    if (ENVELOPE_LINE.test(text)) {
      yield* this.completeField();
      return;
    }
    // Only :61: (supplementary details) and :86: run on over several lines; other stray lines are bank headers.
    if (this.field && (this.field.tag === '61' || this.field.tag === '86')) this.field.lines.push(text);
  }

  *finish(): Generator<StatementItem> {
    if (!this.seenTag) throw notMt940();
    yield* this.completeField();
    yield* this.closeStatement(null, 'the file ends');
  }

  private *completeField(): Generator<StatementItem> {
    const field = this.field;
    this.field = null;
    if (!field) return;
    if (field.tag !== '86') yield* this.flushEntry();

    switch (field.tag) {
      case '20':
        yield* this.closeStatement(null, 'a new message starts');
        this.statement = { reference: field.lines[0].trim() || null, sequence: null, account: null, accountLine: field.line, started: false, closed: false };
        break;
      case '25':
        if (this.statement && !this.statement.started) {
          this.statement.account = field.lines[0].trim();
          this.statement.accountLine = field.line;
        }
        break;
      case '28':
      case '28C':
        if (this.statement && !this.statement.started) this.statement.sequence = field.lines[0].trim() || null;
        break;
      case '60F':
      case '60M': {
        const opening = this.balance(field);
        yield* this.ensureStarted(opening, field.line);
        break;
      }
      case '61':
        yield* this.ensureStarted(null, field.line);
        yield* this.statementLine(field);
        break;
      case '86':
        yield* this.information(field);
        break;
      case '62F':
      case '62M': {
        if (!this.statement || this.statement.closed) break;
        yield* this.ensureStarted(null, field.line);
        const closing = this.balance(field);
        if (!closing) yield issue(field.line, ':62F:', `closing balance ${JSON.stringify(field.lines[0])} is not C/D, date, currency, amount; closing left empty`, false);
        yield* this.closeStatement(closing ?? null, null);
        break;
      }
      default:
      // :13D:, :64:, :65: and bank-specific tags carry nothing the import uses.
    }
  }

  private *ensureStarted(opening: Balance | null, line: number): Generator<StatementItem> {
    if (!this.statement || this.statement.closed) {
      this.statement = { reference: null, sequence: null, account: null, accountLine: line, started: false, closed: false };
    }
    const statement = this.statement;
    if (statement.started) return;
    statement.started = true;
    const accountIban = statement.account ? findIban(statement.account) : null;
    yield {
      kind: 'statement',
      format: 'mt940',
      accountIban,
      currency: this.currency,
      statementId: [statement.reference, statement.sequence].filter((part) => part).join(' ') || null,
      opening,
    };
    if (statement.account && !accountIban) {
      yield issue(statement.accountLine, ':25:', `account ${JSON.stringify(statement.account)} is a domestic account number, not an IBAN; the statement's account is left empty`, false);
    }
  }

  private *closeStatement(closing: Balance | null, reason: string | null): Generator<StatementItem> {
    yield* this.flushEntry();
    const statement = this.statement;
    if (!statement || statement.closed) return;
    statement.closed = true;
    if (!statement.started) return; // a :20: with nothing after it
    if (reason) yield issue(statement.accountLine, ':62F:', `the message has no closing balance before ${reason}; closing left empty`, false);
    yield { kind: 'end', closing };
  }

  private balance(field: Field): Balance | null {
    const match = BALANCE.exec(field.lines[0].trim());
    if (!match) return null;
    this.currency = match[3];
    return { date: fullDate(match[2]), amountCents: signed(match[1], amountCents(match[4])) };
  }

  private *statementLine(field: Field): Generator<StatementItem> {
    const match = STATEMENT_LINE.exec(field.lines[0].trim());
    if (!match) {
      this.pending = 'skipped';
      yield issue(field.line, ':61:', `statement line ${JSON.stringify(field.lines[0])} is not value date, C/D mark, amount, transaction type; skipped`, true);
      return;
    }
    const [, valueDateText, entryDateText, mark, , amountText, transactionType, references] = match;
    const valueDate = fullDate(valueDateText);
    const [customerReference, bankReference] = splitReferences(references);
    this.pending = {
      entry: {
        kind: 'entry',
        bookingDate: entryDateText ? entryDate(valueDate, entryDateText) : valueDate,
        valueDate,
        // RC reverses a credit, so money goes out; RD reverses a debit.
        amountCents: signed(mark === 'C' || mark === 'RD' ? 'C' : 'D', amountCents(amountText)),
        counterpartyName: null,
        counterpartyIban: null,
        remittance: null,
        structuredReference: null,
        endToEndId: null,
        mandateId: null,
        bankReference: bankReference || null,
        returnReason: null,
        transactionCode: transactionType,
        batchRef: null,
      },
      customerReference,
      supplementary: collapse(field.lines.slice(1).join(' ')),
    };
  }

  private *information(field: Field): Generator<StatementItem> {
    const pending = this.pending;
    // An :86: after the closing balance (ING's totals) or after a skipped line belongs to no entry.
    if (pending === null || pending === 'skipped') {
      this.pending = null;
      return;
    }
    this.pending = null;
    yield withInformation(pending, joinInformation(field.lines));
  }

  private *flushEntry(): Generator<StatementItem> {
    const pending = this.pending;
    this.pending = null;
    if (pending && pending !== 'skipped') yield withInformation(pending, null);
  }
}

function withInformation(pending: PendingEntry, text: string | null): StatementEntry {
  const info: EntryInformation = text ? readFreeOrCoded(text, pending) : { ...NO_INFORMATION };
  // SNS, ASN and Rabobank put the counter-account in the :61: reference or supplementary details.
  const referenceIban = ibanOrNull(pending.customerReference);
  const supplementaryIban = ibanOrNull(pending.supplementary);
  const supplementaryName = pending.supplementary && !supplementaryIban && !/^[A-Z]?[0-9]+$/.test(pending.supplementary) ? pending.supplementary : null;
  const counterpartyIban = info.counterpartyIban ?? referenceIban ?? supplementaryIban;
  return {
    ...pending.entry,
    counterpartyIban,
    counterpartyName: info.counterpartyName ?? (referenceIban ? supplementaryName : null),
    remittance: info.remittance,
    structuredReference: info.structuredReference,
    endToEndId: info.endToEndId,
    mandateId: info.mandateId,
    returnReason: info.returnReason,
  };
}

/**
 * Free :86: text. SNS and ASN start it with `counter-account name` on its own line, the description after an empty
 * line; ABN AMRO, ING and Knab write prose, sometimes with labels (`REK: …/NAAM: …`).
 */
function readFreeOrCoded(text: string, pending: PendingEntry): EntryInformation {
  if (isCodedInformation(text)) return parseInformation(text);
  if (/^[0-9]{3}>[0-9]{2}/.test(text)) return parseInformation(text.replace(/\n/g, ''));
  const [first, ...rest] = text.split('\n');
  const reference = pending.customerReference;
  const account = /^[A-Z0-9]{8,34}$/.test(reference) && reference !== 'NONREF' && first.startsWith(reference) ? reference : ibanOrNull(first.split(' ')[0]);
  if (account && first.startsWith(account) && rest.length > 0) {
    const remittance = collapse(rest.join(' ')) || null;
    return {
      ...NO_INFORMATION,
      counterpartyIban: ibanOrNull(account),
      counterpartyName: collapse(first.slice(account.length)) || null,
      remittance,
      structuredReference: findStructuredReference(remittance),
    };
  }
  return parseInformation(text.replace(/\n/g, ' '));
}

/**
 * Joins the lines of an :86:. A line that filled all 65 characters was wrapped where it ran out (Rabobank breaks
 * `ACCOUN` / `T HOLDER`), so it joins without a space; coded text also joins without one before a `/`. Free text keeps
 * its line breaks for {@link readFreeOrCoded}.
 */
function joinInformation(lines: string[]): string {
  const first = `:86:${lines[0]}`;
  const coded = isCodedInformation(lines[0].trim());
  let text = lines[0].replace(/^\s+/, '');
  let previousLength = first.length;
  for (const line of lines.slice(1)) {
    // Knab starts `REK: …` and `NAAM: …` on a new line even after a full one.
    const wrapped = (previousLength >= SWIFT_LINE_LENGTH && !/^[A-Z][A-Za-z ]{1,20}:/.test(line)) || (coded && (line.startsWith('/') || text.endsWith('/')));
    text += wrapped ? line : coded ? ` ${line}` : `\n${line}`;
    previousLength = line.length;
  }
  return text.replace(/\n+$/, '');
}

function splitReferences(references: string): [string, string] {
  const at = references.indexOf('//');
  if (at === -1) return [references.trim(), ''];
  return [references.slice(0, at).trim(), references.slice(at + 2).trim()];
}

/** `500,` and `500` (Knab, ABN AMRO) are whole euros. */
function amountCents(text: string): number {
  const normalised = text.endsWith(',') ? `${text}00` : text;
  return parseEuroAmount(normalised, { decimalSeparator: ',' });
}

function signed(mark: string, cents: number): number {
  return mark === 'D' && cents !== 0 ? -cents : cents;
}

/** YYMMDD; SWIFT years are 20YY (a bank export from the last century would be read as 20YY, which none of them still sends). */
function fullDate(yymmdd: string): string {
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** The entry date has no year: it is the value date's, or the next or previous year's across New Year. */
function entryDate(valueDate: string, mmdd: string): string {
  const year = Number(valueDate.slice(0, 4));
  const valueMonth = Number(valueDate.slice(5, 7));
  const month = Number(mmdd.slice(0, 2));
  const entryYear = month - valueMonth > 6 ? year - 1 : valueMonth - month > 6 ? year + 1 : year;
  return `${entryYear}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
}

function issue(line: number, tag: string, problem: string, skipped: boolean): StatementItem {
  return { kind: 'issue', at: `${tag} at line ${line}`, problem, skipped };
}

function notMt940(): Error {
  return new Error('Not an MT940 file: expected SWIFT tag lines such as :20:, :25:, :60F:, :61:, :62F:, but none were found');
}
