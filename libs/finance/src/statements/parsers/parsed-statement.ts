/**
 * What every bank-statement parser (CAMT.053, MT940, the Dutch banks' CSV exports) yields, one item at a
 * time, so an import never holds a whole file in memory. The importer stores entries, checks balances and
 * matches; the parsers only read.
 */

export type StatementFormat =
  | 'camt.053.001.02'
  | 'camt.053.001.08'
  | 'mt940'
  | 'csv-ing'
  | 'csv-rabobank'
  | 'csv-abnamro'
  | 'csv-asn'
  | 'csv-sns'
  | 'csv-knab'
  | 'csv-triodos';

export interface Balance {
  /** YYYY-MM-DD */
  date: string;
  /** Signed: a debit balance is negative. */
  amountCents: number;
}

/** The start of one statement in the file (a CAMT `Stmt`, an MT940 message); CSV exports have one for the whole file. */
export interface StatementStart {
  kind: 'statement';
  format: StatementFormat;
  /** The account the statement is of, as an IBAN (normalised, no spaces); null when the file does not say. */
  accountIban: string | null;
  currency: string;
  /** The bank's id of the statement (CAMT `Stmt/Id`, MT940 :20:/:28C:), when there is one. */
  statementId: string | null;
  opening: Balance | null;
}

/** One booked line; a batch booking the file details is yielded as its transactions, each with `batchRef`. */
export interface StatementEntry {
  kind: 'entry';
  /** YYYY-MM-DD */
  bookingDate: string;
  valueDate: string | null;
  /** Signed: money in is positive, money out negative. */
  amountCents: number;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** Free remittance text, joined. */
  remittance: string | null;
  /** A structured creditor reference: a Dutch betalingskenmerk (CUR) or an ISO 11649 RF reference, digits/characters only. */
  structuredReference: string | null;
  endToEndId: string | null;
  mandateId: string | null;
  /** The bank's own reference of the entry (AcctSvcrRef, MT940 bank reference, CSV reference column). */
  bankReference: string | null;
  /** For a returned or reversed direct debit (R-transaction): the ISO reason code, e.g. MS03, AC04, MD06. */
  returnReason: string | null;
  /** The bank's transaction code (CAMT BkTxCd domain/family/subfamily or proprietary, MT940 GVC/transaction type), for display and rules. */
  transactionCode: string | null;
  /** Set on the transactions of an expanded batch booking: the batch entry's reference (e.g. its PmtInfId). */
  batchRef: string | null;
}

/** Something the parser could not take as it stood: skipped, or accepted after a known deviation. */
export interface StatementIssue {
  kind: 'issue';
  /** Where: `line 17`, `Ntry 4`, `:61: at line 230`. */
  at: string;
  /** What was wrong and what the parser did about it. */
  problem: string;
  skipped: boolean;
}

export interface StatementEnd {
  kind: 'end';
  closing: Balance | null;
}

export type StatementItem = StatementStart | StatementEntry | StatementIssue | StatementEnd;

/** A parser reads a byte stream and yields items in file order; it throws only when the file is not of its format at all. */
export type StatementParser = (input: AsyncIterable<Buffer>) => AsyncGenerator<StatementItem>;
