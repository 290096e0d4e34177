import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CENTS } from '@buurtcoop/core';
import type { StatementFormat, StatementIssue } from '../parsers/parsed-statement';

/** One of the cooperative's bank accounts, and the ledger account its money is booked on. */
@Entity('bank_accounts')
@Unique('uq_bank_accounts_iban', ['cooperativeId', 'iban'])
export class BankAccount {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  iban: string;

  @Column('text')
  name: string;

  /** Chart code of the ledger account that mirrors this bank account (1100 Bank). */
  @Column('text', { default: '1100' })
  ledgerAccountCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One imported statement (a CAMT `Stmt`, an MT940 message, a CSV export): what the file said, and what the import found. */
@Entity('bank_statements')
@Index('ix_bank_statements_account', ['cooperativeId', 'bankAccountId', 'closingDate'])
@Index('uq_bank_statements_file', ['cooperativeId', 'bankAccountId', 'fileSha256', 'filePosition'], { unique: true })
export class BankStatement {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  bankAccountId: string;

  @Column('text')
  format: StatementFormat;

  @Column('text', { nullable: true })
  fileName: string | null;

  /**
   * SHA-256 (hex) of the bytes of the file the statement came in, whatever its format: the same file imported
   * again for the same account is recognised by it (a file that names no account may be meant for another).
   * Null for statements imported before files were recorded.
   */
  @Column('text', { nullable: true })
  fileSha256: string | null;

  /** The statement's place in its file (0 for the first): one file may hold many statements. */
  @Column('integer', { nullable: true })
  filePosition: number | null;

  /** The bank's id of the statement, when it gives one. */
  @Column('text', { nullable: true })
  statementRef: string | null;

  @Column('date', { nullable: true })
  openingDate: string | null;

  @Column('bigint', { transformer: CENTS, nullable: true })
  openingCents: number | null;

  @Column('date', { nullable: true })
  closingDate: string | null;

  @Column('bigint', { transformer: CENTS, nullable: true })
  closingCents: number | null;

  @Column('date', { nullable: true })
  firstBookingDate: string | null;

  @Column('date', { nullable: true })
  lastBookingDate: string | null;

  /** Lines in the file, and how many of them were new (the rest were imported before). */
  @Column('integer')
  lineCount: number;

  @Column('integer')
  newLineCount: number;

  @Column('bigint', { transformer: CENTS })
  totalCents: number;

  /** Opening + lines = closing, when the file has both balances; null when it cannot be checked. */
  @Column('boolean', { nullable: true })
  balanced: boolean | null;

  /** Lines skipped and deviations accepted, as the parser reported them. */
  @Column('jsonb', { default: [] })
  issues: Array<Omit<StatementIssue, 'kind'>>;

  @Column('uuid', { nullable: true })
  importedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  importedAt: Date;
}

export const LINE_STATUSES = ['unmatched', 'matched', 'dismissed'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/**
 * A booked line of a bank account, stored once however often it is imported: its dedupe key is built from
 * the bank's reference, or failing that from its content and its place among identical lines.
 */
@Entity('statement_lines')
@Unique('uq_statement_lines_dedupe', ['cooperativeId', 'bankAccountId', 'dedupeKey'])
@Index('ix_statement_lines_status', ['cooperativeId', 'status', 'bookingDate'])
@Index('ix_statement_lines_account_date', ['cooperativeId', 'bankAccountId', 'bookingDate'])
@Index('ix_statement_lines_booked_counterparty', { synchronize: false })
@Check('ck_statement_lines_status', `"status" IN ('unmatched', 'matched', 'dismissed')`)
export class StatementLine {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  bankAccountId: string;

  /** The statement that first brought this line. */
  @Column('uuid')
  statementId: string;

  @Column('text')
  dedupeKey: string;

  @Column('date')
  bookingDate: string;

  @Column('date', { nullable: true })
  valueDate: string | null;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('text', { nullable: true })
  counterpartyName: string | null;

  @Column('text', { nullable: true })
  counterpartyIban: string | null;

  @Column('text', { nullable: true })
  remittance: string | null;

  @Column('text', { nullable: true })
  structuredReference: string | null;

  @Column('text', { nullable: true })
  endToEndId: string | null;

  @Column('text', { nullable: true })
  mandateId: string | null;

  @Column('text', { nullable: true })
  bankReference: string | null;

  @Column('text', { nullable: true })
  returnReason: string | null;

  @Column('text', { nullable: true })
  transactionCode: string | null;

  @Column('text', { nullable: true })
  batchRef: string | null;

  @Column('text', { default: 'unmatched' })
  status: LineStatus;

  /** How it was explained: `invoice`, `sepa_collection`, `sepa_return`, `stripe_payout`, `account`, `split`… */
  @Column('text', { nullable: true })
  matchKind: string | null;

  /** What it was matched to, for display and undo: invoice ids, the account code, the payout id. */
  @Column('jsonb', { nullable: true })
  matchDetails: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  dismissReason: string | null;

  @Column('timestamptz', { nullable: true })
  matchedAt: Date | null;

  @Column('uuid', { nullable: true })
  matchedBy: string | null;
}
