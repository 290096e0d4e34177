/**
 * A streaming reader of CAMT.053 bank statements (camt.053.001.02, as Dutch banks deliver them, and .001.08).
 *
 * The XML is fed to sax chunk by chunk and every `Ntry` is turned into items when it closes, so only the current
 * entry (with its transaction details) is ever held, whatever the size of the file. The reader is lenient about the
 * deviations real exports have (over-long texts, elements out of order, stray text, negative amounts) and reports
 * each as an issue; it throws only when the file is not a CAMT.053 document at all, is not XML that can be recovered,
 * or declares a DTD.
 */
import { formatDecimalCents, isValidIban, normalizeIban } from '@buurtcoop/core';
import { TextDecoder } from 'node:util';
import * as sax from 'sax';
import { SAXParser, type QualifiedTag } from 'sax';
import { Camt053Error, Camt053ErrorCode } from './camt053.errors';
import type {
  Balance,
  StatementEnd,
  StatementEntry,
  StatementFormat,
  StatementIssue,
  StatementParser,
  StatementStart,
} from './parsed-statement';

/** An entry as CAMT.053 gives it: the common shape plus the bank's reversal indicator (`RvslInd`). */
export interface Camt053Entry extends StatementEntry {
  /** True when the bank marks the entry as a reversal (`RvslInd`), e.g. an unpaid or returned direct debit. */
  reversal: boolean;
}

export type Camt053Item = StatementStart | Camt053Entry | StatementIssue | StatementEnd;

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$/;
const OTHER_ISO_MESSAGE = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3}\.\d{3}\.\d{2})$/;
/** Characters handed to sax at a time, so the items of one big chunk are yielded before the next part is read. */
const SLICE = 64 * 1024;

/** The standard's maximum lengths of the texts read here (.02 / .08). */
const MAX_LENGTH: Record<string, { '02': number; '08': number }> = {
  Ustrd: { '02': 140, '08': 140 },
  Nm: { '02': 70, '08': 140 },
  PmtInfId: { '02': 35, '08': 35 },
  EndToEndId: { '02': 35, '08': 35 },
  MndtId: { '02': 35, '08': 35 },
  AcctSvcrRef: { '02': 35, '08': 35 },
  Ref: { '02': 35, '08': 35 },
};

/** Children order per the schemas (the union of .02 and .08), to report elements out of order. */
const CHILD_ORDER: Record<string, string[]> = {
  Ntry: ['NtryRef', 'Amt', 'CdtDbtInd', 'RvslInd', 'Sts', 'BookgDt', 'ValDt', 'AcctSvcrRef', 'Avlbty', 'BkTxCd', 'ComssnWvrInd', 'AddtlInfInd', 'AmtDtls', 'Chrgs', 'TechInptChanl', 'Intrst', 'CardTx', 'NtryDtls', 'AddtlNtryInf'],
  Btch: ['MsgId', 'PmtInfId', 'NbOfTxs', 'TtlAmt', 'CdtDbtInd'],
  Bal: ['Tp', 'CdtLine', 'Amt', 'CdtDbtInd', 'Dt', 'Avlbty'],
  Refs: ['MsgId', 'AcctSvcrRef', 'PmtInfId', 'InstrId', 'EndToEndId', 'UETR', 'TxId', 'MndtId', 'ChqNb', 'ClrSysRef', 'AcctOwnrTxId', 'AcctSvcrTxId', 'MktInfrstrctrTxId', 'PrcgId', 'Prtry'],
};

const SAX_STATE = (sax as unknown as { STATE: Record<string, number> }).STATE;
const IN_DOCTYPE = new Set(['DOCTYPE', 'DOCTYPE_QUOTED', 'DOCTYPE_DTD', 'DOCTYPE_DTD_QUOTED'].map((name) => SAX_STATE[name]));
const IN_DECLARATION = new Set(['SGML_DECL', 'SGML_DECL_QUOTED'].map((name) => SAX_STATE[name]));

/** Errors sax recovers from by keeping the text as written; anything else breaks the structure. */
const RECOVERABLE_XML_ERRORS = [
  'Invalid character entity',
  'Invalid character in entity name',
  'Attribute without value',
  'Unquoted attribute value',
  'No whitespace between attributes',
  'Duplicate attribute',
  'Invalid attribute name',
  'Unbound namespace prefix',
];

/** Reads a CAMT.053 statement file item by item; see the module comment. */
export async function* readCamt053(input: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Camt053Item> {
  const decoder = new XmlDecoder();
  const reader = new Camt053Reader();
  for await (const chunk of input) {
    const text = decoder.decode(chunk);
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + SLICE, text.length);
      // Keep a surrogate pair together.
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end += 1;
      reader.write(text.slice(start, end));
      yield* reader.drain();
      start = end;
    }
  }
  reader.write(decoder.end());
  reader.close();
  yield* reader.drain();
}

export const parseCamt053: StatementParser = readCamt053;

// ---------------------------------------------------------------------------------------------------------------
// Decoding

/** Decodes bytes as the XML declaration says (UTF-8 unless it names another encoding), across chunk boundaries. */
class XmlDecoder {
  private head: Buffer = Buffer.alloc(0);
  private decoder: TextDecoder | null = null;

  decode(chunk: Buffer | Uint8Array): string {
    if (this.decoder) return this.decoder.decode(chunk, { stream: true });
    this.head = Buffer.concat([this.head, chunk]);
    if (!this.declarationRead()) return '';
    return this.start();
  }

  end(): string {
    const rest = this.decoder ? '' : this.start();
    return rest + this.decoder!.decode();
  }

  private declarationRead(): boolean {
    const text = this.head.toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
    if (text.length < 5) return !'<?xml'.startsWith(text) || this.head.length >= 1024;
    return !text.startsWith('<?xml') || text.includes('?>') || this.head.length >= 1024;
  }

  private start(): string {
    const head = this.head.toString('latin1');
    const declared = /^(?:\xEF\xBB\xBF)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    const label = head.startsWith('\xEF\xBB\xBF') || !declared ? 'utf-8' : declared;
    try {
      this.decoder = new TextDecoder(label);
    } catch {
      throw new Camt053Error(Camt053ErrorCode.UNSUPPORTED_ENCODING, `The XML declaration names encoding "${label}", which cannot be read.`);
    }
    const text = this.decoder.decode(this.head, { stream: true });
    this.head = Buffer.alloc(0);
    return text;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface Frame {
  name: string;
  /** The text as written, kept while the element has no child: collapsed for the value, measured for the length. */
  text: string;
  hasChild: boolean;
  ccy: string | null;
  /** Position in CHILD_ORDER of the last known child, to notice one out of order. */
  lastChild: number;
  lastChildName: string | null;
}

interface DateValue {
  text: string;
  /** `Dt`, `DtTm`, or the text straight in the element (`bare`). */
  kind: 'Dt' | 'DtTm' | 'bare';
}

interface BankCode {
  domain: string | null;
  family: string | null;
  subFamily: string | null;
  proprietary: string | null;
}

interface PartyFields {
  dbtrName: string | null;
  cdtrName: string | null;
  ultmtDbtrName: string | null;
  ultmtCdtrName: string | null;
  dbtrIban: string | null;
  cdtrIban: string | null;
}

interface TxState extends PartyFields {
  at: number;
  number: number;
  amount: string | null;
  txAmount: string | null;
  indicator: string | null;
  code: BankCode;
  ustrd: string[];
  structuredReference: string | null;
  endToEndId: string | null;
  mandateId: string | null;
  pmtInfId: string | null;
  batchPmtInfId: string | null;
  bankReference: string | null;
  returnReason: string | null;
}

interface EntryState {
  at: number;
  number: number;
  line: number;
  amount: string | null;
  ccy: string | null;
  indicator: string | null;
  reversal: string | null;
  status: string | null;
  bookingDate: DateValue | null;
  valueDate: DateValue | null;
  bankReference: string | null;
  code: BankCode;
  additionalInfo: string | null;
  declaredTxs: number | null;
  txs: TxState[];
  tx: TxState | null;
  details: { at: number; firstTx: number; pmtInfId: string | null } | null;
  /** The batch's own ids (Btch/MsgId, Btch/PmtInfId), kept for a batch that stays one line. */
  batchIds: string[];
  notes: string[];
  stray: string[];
  broken: string | null;
}

interface BalanceState {
  at: number;
  type: string | null;
  amount: string | null;
  ccy: string | null;
  indicator: string | null;
  date: DateValue | null;
}

interface StmtState {
  at: number;
  number: number;
  id: string | null;
  iban: string | null;
  ccy: string | null;
  balanceCcy: string | null;
  opening: { type: string; balance: Balance } | null;
  closing: Balance | null;
  started: boolean;
  pending: StatementIssue[];
  balance: BalanceState | null;
}

const noCode = (): BankCode => ({ domain: null, family: null, subFamily: null, proprietary: null });

class Camt053Reader {
  private readonly parser: SAXParser;
  private readonly frames: Frame[] = [];
  private readonly queue: Camt053Item[] = [];
  private failure: Error | null = null;
  private version: '02' | '08' = '02';
  private format: StatementFormat = 'camt.053.001.02';
  private sawRoot = false;
  private closing = false;
  private statements = 0;
  private entries = 0;
  private stmt: StmtState | null = null;
  private entry: EntryState | null = null;

  constructor() {
    // Strict: case-sensitive names and namespaces. strictEntities: only XML's five entities; sax never reads
    // entity declarations, and a DTD is refused before any could be used.
    this.parser = new SAXParser(true, { xmlns: true, strictEntities: true, position: true } as ConstructorParameters<typeof SAXParser>[1]);
    this.parser.onerror = (error) => this.onError(error);
    this.parser.ondoctype = () => {
      throw new Camt053Error(Camt053ErrorCode.DECLARATION_REFUSED, 'The file declares a DTD (<!DOCTYPE …>). A bank statement needs none; it is refused so that no entity can be expanded.');
    };
    this.parser.onsgmldeclaration = (declaration) => {
      throw new Camt053Error(Camt053ErrorCode.DECLARATION_REFUSED, `The file contains a declaration <!${declaration.slice(0, 40)}…>. A bank statement needs none; it is refused so that no entity can be expanded.`);
    };
    this.parser.onopentag = (tag) => this.onOpen(tag as QualifiedTag);
    this.parser.onclosetag = () => this.onClose();
    this.parser.ontext = (text) => this.onText(text);
    this.parser.oncdata = (text) => this.onText(text);
  }

  write(text: string): void {
    if (this.failure || text === '') return;
    try {
      this.parser.write(text);
      this.refuseDeclarations();
    } catch (error) {
      this.failure = error as Error;
    }
  }

  close(): void {
    if (this.failure) return;
    this.closing = true;
    try {
      this.parser.close();
      if (!this.sawRoot) throw new Camt053Error(Camt053ErrorCode.NOT_CAMT053, 'The file holds no XML element; it is not a CAMT.053 statement.');
    } catch (error) {
      this.failure = error as Error;
    }
  }

  /**
   * A declaration is refused as soon as it begins, not only when sax reports it whole: sax never reports an
   * `<!ENTITY … "…">` outside a DTD (it stays inside the quotes to the end of the file).
   */
  private refuseDeclarations(): void {
    const state = (this.parser as unknown as { state: number; sgmlDecl: string }).state;
    const declaration = (this.parser as unknown as { sgmlDecl: string }).sgmlDecl ?? '';
    if (IN_DOCTYPE.has(state)) this.parser.ondoctype('');
    if (IN_DECLARATION.has(state) && /^(ENTITY|ELEMENT|ATTLIST|NOTATION|DOCTYPE)/i.test(declaration)) this.parser.onsgmldeclaration(declaration);
  }

  /** The items read so far, then the error that stopped the reading, if any. */
  *drain(): Generator<Camt053Item> {
    while (this.queue.length > 0) yield this.queue.shift()!;
    if (this.failure) throw this.failure;
  }

  // -- sax events ------------------------------------------------------------------------------------------------

  private onError(error: Error): void {
    const message = error.message.split('\n')[0];
    const line = this.parser.line + 1;
    if (/doctype/i.test(message)) {
      throw new Camt053Error(Camt053ErrorCode.DECLARATION_REFUSED, `The file declares a DTD (${message} at line ${line}); it is refused so that no entity can be expanded.`);
    }
    if (!this.sawRoot) {
      throw new Camt053Error(Camt053ErrorCode.NOT_CAMT053, `The file is not XML (${message} at line ${line}); it is not a CAMT.053 statement.`);
    }
    if (RECOVERABLE_XML_ERRORS.some((known) => message.startsWith(known))) {
      this.deviation(`XML error "${message}" at line ${line}; the text was kept as written`);
    } else if (this.entry && !this.closing) {
      this.entry.broken ??= `the XML is broken inside the entry ("${message}" at line ${line})`;
    } else {
      throw new Camt053Error(Camt053ErrorCode.MALFORMED_XML, `The XML is not well-formed: ${message} at line ${line}.`);
    }
    this.parser.resume();
  }

  private onText(text: string): void {
    const frame = this.frames.at(-1);
    if (!frame) return;
    if (frame.hasChild) {
      if (/\S/.test(text)) this.strayText(frame.name, text);
    } else {
      frame.text += text;
    }
  }

  private onOpen(tag: QualifiedTag): void {
    const name = tag.local;
    const depth = this.frames.length;
    if (depth === 0) this.checkRoot(tag);
    if (depth === 1 && name !== 'BkToCstmrStmt') {
      throw new Camt053Error(Camt053ErrorCode.NOT_CAMT053, `The document holds ${name}, not a bank-to-customer statement (BkToCstmrStmt).`);
    }
    const parent = this.frames.at(-1);
    if (parent) {
      if (!parent.hasChild && /\S/.test(parent.text)) this.strayText(parent.name, parent.text);
      parent.hasChild = true;
      parent.text = '';
      this.checkOrder(parent, name);
    }
    const ccy = tag.attributes.Ccy?.value ?? null;
    this.frames.push({ name, text: '', hasChild: false, ccy, lastChild: -1, lastChildName: null });

    const parentName = parent?.name;
    if (name === 'Stmt' && depth === 2) {
      this.statements += 1;
      this.stmt = { at: depth, number: this.statements, id: null, iban: null, ccy: null, balanceCcy: null, opening: null, closing: null, started: false, pending: [], balance: null };
    } else if (this.entry) {
      if (name === 'Ntry') {
        this.entry.broken ??= 'the entry is not closed before the next Ntry begins';
      } else if (name === 'NtryDtls' && depth === this.entry.at + 1) {
        this.entry.details = { at: depth, firstTx: this.entry.txs.length, pmtInfId: null };
      } else if (name === 'TxDtls' && parentName === 'NtryDtls' && !this.entry.tx) {
        this.entry.tx = newTx(depth, this.entry.txs.length + 1);
      }
    } else if (this.stmt) {
      if (name === 'Ntry' && depth === this.stmt.at + 1) {
        this.startStatement(this.stmt);
        this.entries += 1;
        this.entry = newEntry(depth, this.entries, this.parser.line + 1);
      } else if (name === 'Bal' && depth === this.stmt.at + 1) {
        this.stmt.balance = { at: depth, type: null, amount: null, ccy: null, indicator: null, date: null };
      }
    }
  }

  private onClose(): void {
    const depth = this.frames.length - 1;
    const frame = this.frames[depth];
    const value = frame.hasChild ? null : collapse(frame.text);
    const path = (from: number) => this.frames.slice(from + 1).map((f) => f.name).join('/');
    try {
      const entry = this.entry;
      const stmt = this.stmt;
      if (entry) {
        if (depth === entry.at) {
          this.entry = null;
          this.finishEntry(entry);
        } else if (entry.tx && depth === entry.tx.at) {
          entry.txs.push(entry.tx);
          entry.tx = null;
        } else if (entry.tx) {
          if (value !== null) this.txField(entry, entry.tx, path(entry.tx.at), value, frame);
        } else if (entry.details && depth === entry.details.at) {
          for (const tx of entry.txs.slice(entry.details.firstTx)) tx.batchPmtInfId = entry.details.pmtInfId;
          entry.details = null;
        } else if (value !== null) {
          this.entryField(entry, path(entry.at), value, frame);
        }
      } else if (stmt) {
        if (depth === stmt.at) {
          this.stmt = null;
          this.finishStatement(stmt);
        } else if (stmt.balance && depth === stmt.balance.at) {
          this.finishBalance(stmt, stmt.balance);
          stmt.balance = null;
        } else if (stmt.balance) {
          if (value !== null) this.balanceField(stmt.balance, path(stmt.balance.at), value, frame);
        } else if (value !== null) {
          this.statementField(stmt, path(stmt.at), value);
        }
      }
    } finally {
      this.frames.pop();
    }
  }

  // -- document --------------------------------------------------------------------------------------------------

  private checkRoot(tag: QualifiedTag): void {
    this.sawRoot = true;
    const version = NAMESPACE.exec(tag.uri)?.[1];
    if (tag.local !== 'Document' || !version) {
      const other = OTHER_ISO_MESSAGE.exec(tag.uri)?.[1];
      const what = other ? `an ISO 20022 ${other} message` : tag.uri ? `a document in namespace ${tag.uri}` : `a <${tag.name}> document without the camt.053 namespace`;
      throw new Camt053Error(Camt053ErrorCode.NOT_CAMT053, `The file is ${what}, not a CAMT.053 bank statement (urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx).`);
    }
    if (version === '02' || version === '08') {
      this.version = version;
      this.format = `camt.053.001.${version}`;
      return;
    }
    // Versions share Stmt/Bal/Ntry/TxDtls; read the others as the nearest supported one.
    this.version = Number(version) < 8 ? '02' : '08';
    this.format = `camt.053.001.${this.version}`;
    this.queue.push(issue('Document', `camt.053.001.${version} is not a supported version; read as ${this.format}, which shares its structure`, false));
  }

  // -- statement -------------------------------------------------------------------------------------------------

  private statementField(stmt: StmtState, path: string, value: string): void {
    if (path === 'Id') stmt.id = value || null;
    else if (path === 'Acct/Id/IBAN') {
      stmt.iban = normalizeIban(value);
      if (!isValidIban(stmt.iban)) stmt.pending.push(issue(`Stmt ${stmt.number}`, `account IBAN ${stmt.iban} does not pass the IBAN check; kept as given`, false));
    } else if (path === 'Acct/Ccy') stmt.ccy = value;
  }

  private balanceField(balance: BalanceState, path: string, value: string, frame: Frame): void {
    if (path === 'Tp/CdOrPrtry/Cd') balance.type = value;
    else if (path === 'Amt') {
      balance.amount = value;
      balance.ccy = frame.ccy;
    } else if (path === 'CdtDbtInd') balance.indicator = value;
    else if (path === 'Dt/Dt' || path === 'Dt/DtTm') balance.date = { text: value, kind: path === 'Dt/Dt' ? 'Dt' : 'DtTm' };
    else if (path === 'Dt') balance.date = { text: value, kind: 'bare' };
  }

  private finishBalance(stmt: StmtState, state: BalanceState): void {
    const type = state.type;
    if (type !== 'OPBD' && type !== 'PRCD' && type !== 'CLBD') return;
    const at = `Stmt ${stmt.number} balance ${type}`;
    const notes: string[] = [];
    const date = readDate(state.date, 'Dt', notes);
    const amount = state.amount === null ? null : parseAmount(state.amount);
    const problem =
      !date ? 'has no valid date' : !amount ? 'has no amount' : 'error' in amount ? `has amount "${state.amount}": ${amount.error}` : null;
    if (problem || !amount || 'error' in amount || !date) {
      stmt.pending.push(issue(at, `the balance ${problem}; not used`, true));
      return;
    }
    if (amount.negative) notes.push(`amount ${state.amount} is negative; took its absolute value, signed by CdtDbtInd`);
    let sign = 1;
    if (state.indicator === 'DBIT') sign = -1;
    else if (state.indicator !== 'CRDT') notes.push(`CdtDbtInd "${state.indicator ?? ''}" is not CRDT or DBIT; taken as CRDT`);
    for (const note of notes) stmt.pending.push(issue(at, note, false));
    const balance: Balance = { date, amountCents: sign * amount.cents };
    stmt.balanceCcy ??= state.ccy;
    if (type === 'CLBD') {
      stmt.closing = balance;
    } else if (stmt.started) {
      this.queue.push(issue(at, 'the opening balance comes after the entries; not used', false));
    } else if (!stmt.opening || (stmt.opening.type === 'PRCD' && type === 'OPBD')) {
      stmt.opening = { type, balance };
    }
  }

  private startStatement(stmt: StmtState): void {
    if (stmt.started) return;
    stmt.started = true;
    let currency = stmt.ccy ?? stmt.balanceCcy;
    if (!currency) {
      currency = 'EUR';
      stmt.pending.push(issue(`Stmt ${stmt.number}`, 'the statement names no currency (Acct/Ccy or a balance Ccy); EUR assumed', false));
    }
    stmt.ccy = currency;
    this.queue.push({
      kind: 'statement',
      format: this.format,
      accountIban: stmt.iban,
      currency,
      statementId: stmt.id,
      opening: stmt.opening?.balance ?? null,
    });
    this.queue.push(...stmt.pending);
    stmt.pending = [];
  }

  private finishStatement(stmt: StmtState): void {
    this.startStatement(stmt);
    this.queue.push(...stmt.pending);
    this.queue.push({ kind: 'end', closing: stmt.closing });
  }

  // -- entry -----------------------------------------------------------------------------------------------------

  private entryField(entry: EntryState, path: string, value: string, frame: Frame): void {
    this.checkLength(frame, path);
    switch (path) {
      case 'Amt':
        entry.amount = value;
        entry.ccy = frame.ccy;
        return;
      case 'CdtDbtInd':
        entry.indicator = value;
        return;
      case 'RvslInd':
        entry.reversal = value;
        return;
      case 'Sts':
      case 'Sts/Cd':
        entry.status = value;
        return;
      case 'AcctSvcrRef':
        entry.bankReference = value || null;
        return;
      case 'AddtlNtryInf':
        entry.additionalInfo = value || null;
        return;
      case 'NtryDtls/Btch/PmtInfId':
        if (entry.details) entry.details.pmtInfId = value || null;
        if (value) entry.batchIds.push(value);
        return;
      case 'NtryDtls/Btch/MsgId':
        if (value) entry.batchIds.push(value);
        return;
      case 'NtryDtls/Btch/NbOfTxs':
        entry.declaredTxs = (entry.declaredTxs ?? 0) + (Number.parseInt(value, 10) || 0);
        return;
    }
    const date = dateField(path, 'BookgDt', value);
    if (date) entry.bookingDate = date;
    const valueDate = dateField(path, 'ValDt', value);
    if (valueDate) entry.valueDate = valueDate;
    if (path.startsWith('BkTxCd/')) codeField(entry.code, path.slice(7), value);
  }

  private txField(entry: EntryState, tx: TxState, path: string, value: string, frame: Frame): void {
    this.checkLength(frame, `TxDtls/${path}`);
    switch (path) {
      case 'Amt':
        tx.amount = value;
        return;
      case 'AmtDtls/TxAmt/Amt':
        tx.txAmount = value;
        return;
      case 'CdtDbtInd':
        tx.indicator = value;
        return;
      case 'Refs/EndToEndId':
        tx.endToEndId = value && value.toUpperCase() !== 'NOTPROVIDED' ? value : null;
        return;
      case 'Refs/MndtId':
        tx.mandateId = value || null;
        return;
      case 'Refs/PmtInfId':
        tx.pmtInfId = value || null;
        return;
      case 'Refs/AcctSvcrRef':
        tx.bankReference = value || null;
        return;
      case 'RmtInf/Ustrd':
        if (value) tx.ustrd.push(value);
        return;
      case 'RmtInf/Strd/CdtrRefInf/Ref':
        tx.structuredReference ??= value.replace(/[^0-9A-Za-z]/g, '') || null;
        return;
      case 'RtrInf/Rsn/Cd':
        tx.returnReason = value || null;
        return;
    }
    if (path.startsWith('BkTxCd/')) codeField(tx.code, path.slice(7), value);
    else if (path.startsWith('RltdPties/')) this.partyField(entry, tx, path.slice(10), value);
  }

  private partyField(entry: EntryState, tx: TxState, path: string, value: string): void {
    // .08 wraps a party as Dbtr/Pty/Nm (Party40Choice); .02 has Dbtr/Nm.
    const [party, ...rest] = path.split('/');
    const field = rest.filter((part) => part !== 'Pty').join('/');
    if (field === 'Nm') {
      if (party === 'Dbtr') tx.dbtrName = value || null;
      else if (party === 'Cdtr') tx.cdtrName = value || null;
      else if (party === 'UltmtDbtr') tx.ultmtDbtrName = value || null;
      else if (party === 'UltmtCdtr') tx.ultmtCdtrName = value || null;
    } else if (field === 'Id/IBAN' && (party === 'DbtrAcct' || party === 'CdtrAcct')) {
      const iban = normalizeIban(value);
      if (!isValidIban(iban)) entry.notes.push(`counterparty IBAN ${iban} does not pass the IBAN check; kept as given`);
      if (party === 'DbtrAcct') tx.dbtrIban = iban;
      else tx.cdtrIban = iban;
    }
  }

  private finishEntry(entry: EntryState): void {
    const at = `Ntry ${entry.number} at line ${entry.line}`;
    const skip = (problem: string): void => {
      this.queue.push(issue(at, `${problem}; the entry is skipped`, true));
    };
    if (entry.broken) return skip(entry.broken);
    if (entry.status && entry.status !== 'BOOK') return skip(`status ${entry.status}, not booked`);
    if (entry.amount === null) return skip('the entry has no amount (Amt)');
    const amount = parseAmount(entry.amount);
    if ('error' in amount) return skip(`amount "${entry.amount}": ${amount.error}`);
    const sign = indicatorSign(entry.indicator);
    if (!sign) return skip(`CdtDbtInd "${entry.indicator ?? ''}" is not CRDT or DBIT, so the direction is unknown`);
    const notes = entry.notes;
    if (amount.negative) notes.unshift(`amount ${entry.amount} is negative, which the standard does not allow; took its absolute value, signed by CdtDbtInd ${entry.indicator}`);
    let bookingDate = readDate(entry.bookingDate, 'BookgDt', notes);
    const valueDate = readDate(entry.valueDate, 'ValDt', notes);
    if (!bookingDate && valueDate) {
      notes.push('no booking date (BookgDt); the value date is used');
      bookingDate = valueDate;
    }
    if (!bookingDate) return skip('the entry has no booking date (BookgDt)');
    if (entry.ccy && this.stmt?.ccy && entry.ccy !== this.stmt.ccy) notes.push(`amount in ${entry.ccy} in a statement in ${this.stmt.ccy}; taken as it stands`);
    if (entry.stray.length > 0) notes.push(`text outside any field ignored: ${entry.stray.join(', ')}`);

    const amountCents = sign * amount.cents;
    const reversal = entry.reversal?.toLowerCase() === 'true';
    const line = (tx: TxState | null): Camt053Entry => ({
      kind: 'entry',
      bookingDate: bookingDate!,
      valueDate,
      amountCents,
      counterpartyName: null,
      counterpartyIban: null,
      remittance: entry.additionalInfo,
      structuredReference: null,
      endToEndId: null,
      mandateId: null,
      bankReference: entry.bankReference,
      returnReason: null,
      transactionCode: joinCode(entry.code),
      batchRef: null,
      reversal,
      ...(tx ? details(tx, amountCents) : {}),
    });

    if (entry.txs.length <= 1) {
      const single = line(entry.txs[0] ?? null);
      this.queue.push(single.batchRef === null && entry.batchIds.length > 0 ? { ...single, batchRef: entry.batchIds.join(' ') } : single);
    } else {
      const expanded = this.expandBatch(entry, amountCents, notes);
      if (expanded) {
        for (const { tx, cents } of expanded) {
          this.queue.push({
            ...line(tx),
            amountCents: cents,
            bankReference: tx.bankReference ?? entry.bankReference,
            transactionCode: joinCode(tx.code) ?? joinCode(entry.code),
            batchRef: tx.batchPmtInfId ?? tx.pmtInfId ?? entry.bankReference,
            ...details(tx, cents),
            // The entry's own text describes the batch, not this transaction.
            remittance: tx.ustrd.length > 0 ? tx.ustrd.join(' ') : null,
          });
        }
      } else {
        // A batch kept as one line: its ids let the importer find the collection it books.
        this.queue.push({ ...line(null), batchRef: entry.batchIds.join(' ') || null });
      }
    }
    for (const note of notes) this.queue.push(issue(at, note, false));
  }

  /** The batch's transactions with their signed amounts, or null (with a note) when they do not add up to the entry. */
  private expandBatch(entry: EntryState, entryCents: number, notes: string[]): { tx: TxState; cents: number }[] | null {
    const lines: { tx: TxState; cents: number }[] = [];
    let total = 0;
    for (const tx of entry.txs) {
      const text = tx.txAmount ?? tx.amount;
      const amount = text === null ? null : parseAmount(text);
      const sign = tx.indicator === null ? indicatorSign(entry.indicator) : indicatorSign(tx.indicator);
      if (!amount || 'error' in amount || !sign) {
        const why = !amount ? 'has no amount' : 'error' in amount ? `has amount "${text}": ${amount.error}` : `has CdtDbtInd "${tx.indicator}"`;
        notes.push(`batch of ${entry.txs.length} transactions kept as one line: TxDtls ${tx.number} ${why}`);
        return null;
      }
      if (amount.negative) notes.push(`TxDtls ${tx.number} amount ${text} is negative; took its absolute value`);
      lines.push({ tx, cents: sign * amount.cents });
      total += sign * amount.cents;
    }
    if (total !== entryCents) {
      notes.push(`batch of ${entry.txs.length} transactions kept as one line: they add up to ${formatDecimalCents(total)}, the entry is ${formatDecimalCents(entryCents)}`);
      return null;
    }
    if (entry.declaredTxs !== null && entry.declaredTxs !== entry.txs.length) {
      notes.push(`the batch says ${entry.declaredTxs} transactions (NbOfTxs) but details ${entry.txs.length}; the ${entry.txs.length} are used, they add up to the entry`);
    }
    return lines;
  }

  // -- deviations ------------------------------------------------------------------------------------------------

  private deviation(problem: string): void {
    if (this.entry) this.entry.notes.push(problem);
    else if (this.stmt && !this.stmt.started) this.stmt.pending.push(issue(`Stmt ${this.stmt.number}`, problem, false));
    else this.queue.push(issue(`line ${this.parser.line + 1}`, problem, false));
  }

  private strayText(element: string, text: string): void {
    const shown = `"${collapse(text).slice(0, 20)}" in ${element}`;
    if (this.entry) this.entry.stray.push(shown);
    else this.deviation(`text outside any field ignored: ${shown}`);
  }

  private checkOrder(parent: Frame, child: string): void {
    const order = CHILD_ORDER[parent.name];
    const index = order?.indexOf(child) ?? -1;
    if (index < 0) return;
    if (index < parent.lastChild) this.deviation(`${parent.name}/${child} comes after ${parent.lastChildName}, against the standard's order; read anyway`);
    else {
      parent.lastChild = index;
      parent.lastChildName = child;
    }
  }

  private checkLength(frame: Frame, path: string): void {
    const limit = MAX_LENGTH[frame.name]?.[this.version];
    const length = frame.text.trim().length;
    if (limit && length > limit) this.deviation(`${path} is ${length} characters, more than the ${limit} the standard allows; read whole`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Values

function newEntry(at: number, number: number, line: number): EntryState {
  return {
    at, number, line, amount: null, ccy: null, indicator: null, reversal: null, status: null, bookingDate: null, valueDate: null,
    bankReference: null, code: noCode(), additionalInfo: null, declaredTxs: null, txs: [], tx: null, details: null, batchIds: [], notes: [], stray: [],
    broken: null,
  };
}

function newTx(at: number, number: number): TxState {
  return {
    at, number, amount: null, txAmount: null, indicator: null, code: noCode(), ustrd: [], structuredReference: null, endToEndId: null,
    mandateId: null, pmtInfId: null, batchPmtInfId: null, bankReference: null, returnReason: null, dbtrName: null, cdtrName: null,
    ultmtDbtrName: null, ultmtCdtrName: null, dbtrIban: null, cdtrIban: null,
  };
}

/** What one TxDtls says about its line; the counterparty is the payer of money in, the payee of money out. */
function details(tx: TxState, cents: number): Partial<Camt053Entry> {
  const incoming = cents >= 0;
  const name = incoming ? (tx.dbtrName ?? tx.ultmtDbtrName) : (tx.cdtrName ?? tx.ultmtCdtrName);
  const fields: Partial<Camt053Entry> = {
    counterpartyName: name,
    counterpartyIban: incoming ? tx.dbtrIban : tx.cdtrIban,
    structuredReference: tx.structuredReference,
    endToEndId: tx.endToEndId,
    mandateId: tx.mandateId,
    returnReason: tx.returnReason,
  };
  if (tx.ustrd.length > 0) fields.remittance = tx.ustrd.join(' ');
  return fields;
}

function dateField(path: string, element: string, value: string): DateValue | null {
  if (path === `${element}/Dt`) return { text: value, kind: 'Dt' };
  if (path === `${element}/DtTm`) return { text: value, kind: 'DtTm' };
  if (path === element) return { text: value, kind: 'bare' };
  return null;
}

function codeField(code: BankCode, path: string, value: string): void {
  if (path === 'Domn/Cd') code.domain = value || null;
  else if (path === 'Domn/Fmly/Cd') code.family = value || null;
  else if (path === 'Domn/Fmly/SubFmlyCd') code.subFamily = value || null;
  else if (path === 'Prtry/Cd') code.proprietary = value || null;
}

function joinCode(code: BankCode): string | null {
  if (code.domain) return [code.domain, code.family, code.subFamily].filter(Boolean).join('/');
  return code.proprietary;
}

/** The calendar date of a `Dt` or `DtTm` as written (a date-time is taken on the bank's own date, not converted). */
function readDate(value: DateValue | null, element: string, notes: string[]): string | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.text);
  if (!match) {
    notes.push(`${element} "${value.text}" is not a date; ignored`);
    return null;
  }
  const [, y, m, d] = match.map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    notes.push(`${element} "${value.text}" is not a calendar date; ignored`);
    return null;
  }
  const isDate = value.text.length === 10;
  if (value.kind === 'bare') notes.push(`${element} holds its date directly instead of in Dt or DtTm; read anyway`);
  else if (value.kind === 'Dt' && !isDate) notes.push(`${element}/Dt holds "${value.text}", a date-time; its date is used`);
  return match[0];
}

/** Integer cents from a decimal string, without floating point; the sign is reported separately. */
function parseAmount(text: string): { cents: number; negative: boolean } | { error: string } {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/.exec(text.replace(/\s+/g, ''));
  if (!match) return { error: 'not a decimal amount' };
  const sign = match[1] ?? match[4];
  const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? match[5] ?? '';
  if (/[^0]/.test(fraction.slice(2))) return { error: 'has fractions of a cent' };
  if (whole.length > 13) return { error: 'too large' };
  const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  return { cents, negative: sign === '-' && cents !== 0 };
}

function indicatorSign(indicator: string | null): 1 | -1 | null {
  if (indicator === 'CRDT') return 1;
  if (indicator === 'DBIT') return -1;
  return null;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function issue(at: string, problem: string, skipped: boolean): StatementIssue {
  return { kind: 'issue', at, problem, skipped };
}
