import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { CENTS } from '@buurtcoop/core';

export const BILLING_FREQUENCIES = ['yearly', 'quarterly', 'monthly'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

/** What members of one membership type pay per year, and how often they are billed. */
@Entity('dues_plans')
@Unique('uq_dues_plans_type', ['cooperativeId', 'membershipTypeId'])
@Check('ck_dues_plans_amounts', `"yearly_amount_cents" >= 0 AND ("reduced_yearly_amount_cents" IS NULL OR "reduced_yearly_amount_cents" BETWEEN 0 AND "yearly_amount_cents")`)
@Check('ck_dues_plans_frequency', `"frequency" IN ('yearly', 'quarterly', 'monthly')`)
export class DuesPlan {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A membership type of the membership lib (checked through its service). */
  @Column('uuid')
  membershipTypeId: string;

  @Column('bigint', { transformer: CENTS })
  yearlyAmountCents: number;

  /** The tariff for members who declared a minimum income; null: no reduction. */
  @Column('bigint', { transformer: CENTS, nullable: true })
  reducedYearlyAmountCents: number | null;

  @Column('text')
  frequency: BillingFrequency;

  /** A member who joins during an installment pays for the days left in it. */
  @Column('boolean', { default: true })
  proRata: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export const DUES_RUN_STATUSES = ['running', 'completed'] as const;
export type DuesRunStatus = (typeof DUES_RUN_STATUSES)[number];

/**
 * One dues run for a period. It invoices in chunks, each committed on its own, so a run that stopped
 * halfway is resumed by running the period again: what was invoiced is skipped by its source key.
 */
@Entity('dues_runs')
@Index('uq_dues_runs_running', { synchronize: false })
@Check('ck_dues_runs_status', `"status" IN ('running', 'completed')`)
export class DuesRun {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `2027`, `2027-Q2` or `2027-04`: installments that start in it are billed. */
  @Column('text')
  period: string;

  @Column('date')
  issueDate: string;

  @Column('date')
  dueDate: string;

  @Column('text')
  status: DuesRunStatus;

  @Column('integer', { default: 0 })
  invoiceCount: number;

  @Column('bigint', { transformer: CENTS, default: 0 })
  totalCents: number;

  @Column('uuid', { nullable: true })
  startedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;
}
