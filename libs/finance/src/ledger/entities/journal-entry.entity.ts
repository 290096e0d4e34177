import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';
import { Fund } from '../../funds/entities/fund.entity';
import { Account } from './account.entity';

/**
 * One balanced booking in the ledger. Append-only: corrections are reversal entries. The
 * idempotency key (a Stripe event id, a statement line, an invoice) makes a repeated post harmless.
 */
@Entity('journal_entries')
@Unique('uq_journal_entries_idempotency', ['cooperativeId', 'idempotencyKey'])
@Unique('uq_journal_entries_reverses', ['cooperativeId', 'reversesEntryId'])
@Index('ix_journal_entries_date', ['cooperativeId', 'entryDate'])
export class JournalEntry {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** The bookkeeping date (which period it belongs to). */
  @Column('date')
  entryDate: string;

  @Column('text')
  description: string;

  @Column('text')
  idempotencyKey: string;

  /** Set on a reversal: the entry it cancels (each entry can be reversed once). */
  @Column('uuid', { nullable: true })
  reversesEntryId: string | null;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('reverses_entry_id')
  reverses?: JournalEntry;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A line of an entry: positive is debit, negative is credit; an entry's lines sum to zero. */
@Entity('journal_lines')
@Index('ix_journal_lines_account', ['cooperativeId', 'accountId'])
@Index('ix_journal_lines_entry', ['cooperativeId', 'entryId'])
// Partial (lines with a fund), created by the FundingSecurity migration: a fund's report reads only its own lines.
@Index('ix_journal_lines_fund', { synchronize: false })
export class JournalLine {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('entry_id')
  entry?: JournalEntry;

  @Column('uuid')
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('account_id')
  account?: Account;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  /** Dimensions: which member, earmarked fund or booking the amount concerns. */
  @Column('uuid', { nullable: true })
  memberId: string | null;

  @Column('uuid', { nullable: true })
  fundId: string | null;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Relation<Fund>;

  @Column('uuid', { nullable: true })
  bookingId: string | null;
}
