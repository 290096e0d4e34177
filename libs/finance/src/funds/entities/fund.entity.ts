import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';
import { Account } from '../../ledger/entities/account.entity';
import { JournalEntry, JournalLine } from '../../ledger/entities/journal-entry.entity';

export const FUNDER_KINDS = ['municipality', 'foundation', 'company', 'housing_corporation', 'residents', 'own'] as const;
/** Who attached the strings: the municipality, a foundation, a company, a housing corporation, residents, or the board itself. */
export type FunderKind = (typeof FUNDER_KINDS)[number];

export const FUND_STATUSES = ['open', 'closed'] as const;
export type FundStatus = (typeof FUND_STATUSES)[number];

/**
 * Money with a purpose and a period (bestemmingsfonds), e.g. "Boodschappendienst 2027 — gemeente Deventer".
 * Income and cost lines of the ledger carry the fund as a dimension; a restricted fund's unspent money is
 * owed to its purpose (shown as a liability), a fund the board designated itself is not.
 */
@Entity('funds')
@Unique('uq_funds_code', ['cooperativeId', 'code'])
@Check('ck_funds_period', `"ends_on" >= "starts_on"`)
@Check('ck_funds_status', `"status" IN ('open', 'closed')`)
@Check('ck_funds_funder_kind', `"funder_kind" IN ('municipality', 'foundation', 'company', 'housing_corporation', 'residents', 'own')`)
@Check('ck_funds_budget', `"budget_cents" >= 0`)
export class Fund {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** Short code the treasurer types, e.g. `BOOD-2027`. */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  purpose: string;

  @Column('text')
  funderKind: FunderKind;

  /** Restricted by the funder (money owed to the purpose) rather than designated by the board. */
  @Column('boolean')
  restricted: boolean;

  @Column('date')
  startsOn: string;

  @Column('date')
  endsOn: string;

  /** The total the fund expects to spend; the budget lines divide it over cost accounts. */
  @Column('bigint', { transformer: CENTS })
  budgetCents: number;

  @Column('text', { default: 'open' })
  status: FundStatus;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** What the fund may spend on one cost account. */
@Entity('fund_budget_lines')
@Check('ck_fund_budget_lines_amount', `"amount_cents" >= 0`)
export class FundBudgetLine {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('uuid')
  fundId: string;

  @PrimaryColumn('uuid')
  accountId: string;

  @ManyToOne(() => Fund, { onDelete: 'CASCADE' })
  @TenantJoinColumn('fund_id')
  fund?: Fund;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('account_id')
  account?: Account;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;
}

/** By rule: a share of every cost on an account, within the rule's dates, is borne by a fund. */
@Entity('fund_attribution_rules')
@Index('ix_fund_attribution_rules_account', ['cooperativeId', 'accountId'])
@Check('ck_fund_attribution_rules_share', `"share_percent" BETWEEN 1 AND 100`)
@Check('ck_fund_attribution_rules_period', `"valid_through" >= "valid_from"`)
export class FundAttributionRule {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'CASCADE' })
  @TenantJoinColumn('fund_id')
  fund?: Fund;

  @Column('uuid')
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('account_id')
  account?: Account;

  @Column('smallint')
  sharePercent: number;

  @Column('date')
  validFrom: string;

  @Column('date')
  validThrough: string;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A cost line moved onto a fund after it was booked, by rule or by hand. The move itself is a ledger entry
 * (the same account, debited with the fund and credited without), so the ledger stays append-only and
 * the fund's spending can be traced to the line it came from.
 */
@Entity('fund_attributions')
@Unique('uq_fund_attributions_line_fund', ['cooperativeId', 'sourceLineId', 'fundId'])
@Check('ck_fund_attributions_amount', `"amount_cents" > 0`)
export class FundAttribution {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Fund;

  /** The cost line (journal_lines.id) that was attributed. */
  @Column('uuid')
  sourceLineId: string;

  @ManyToOne(() => JournalLine, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('source_line_id')
  sourceLine?: Relation<JournalLine>;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  /** The reclassification entry. */
  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('entry_id')
  entry?: Relation<JournalEntry>;

  @Column('uuid', { nullable: true })
  ruleId: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const COMMITMENT_STATUSES = ['open', 'released'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** Money promised from a fund but not yet spent: a signed order, an agreed allowance. Released once booked or cancelled. */
@Entity('fund_commitments')
@Index('ix_fund_commitments_fund', ['cooperativeId', 'fundId'])
@Check('ck_fund_commitments_amount', `"amount_cents" > 0`)
@Check('ck_fund_commitments_status', `"status" IN ('open', 'released')`)
export class FundCommitment {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Fund;

  @Column('text')
  description: string;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('date')
  committedOn: string;

  @Column('text', { default: 'open' })
  status: CommitmentStatus;

  @Column('date', { nullable: true })
  releasedOn: string | null;

  @Column('text', { nullable: true })
  releaseReason: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
