import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CENTS, TenantJoinColumn } from '@buurtcoop/core';
import { Grant } from '../../grants/entities/grant.entity';
import { CoFinanceAgreement } from '../../agreements/entities/co-finance-agreement.entity';

/** Exactly one of grant and agreement owns a schedule row. */
const ONE_OWNER = `("grant_id" IS NULL) <> ("agreement_id" IS NULL)`;

/** Belongs to a grant or to an agreement; each table's CHECK makes it exactly one. */
abstract class ScheduleRow {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  grantId: string | null;

  @ManyToOne(() => Grant, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('grant_id')
  grant?: Relation<Grant>;

  @Column('uuid', { nullable: true })
  agreementId: string | null;

  @ManyToOne(() => CoFinanceAgreement, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('agreement_id')
  agreement?: Relation<CoFinanceAgreement>;
}

/**
 * A payment a funder promised on a date: a foundation's tranche or a municipality's advance (voorschot).
 * Receiving it books the money once, under `received_key`.
 */
@Entity('funding_tranches')
@Index('ix_funding_tranches_grant', ['cooperativeId', 'grantId'])
@Index('ix_funding_tranches_agreement', ['cooperativeId', 'agreementId'])
@Check('ck_funding_tranches_owner', ONE_OWNER)
@Check('ck_funding_tranches_amount', `"amount_cents" > 0`)
export class FundingTranche extends ScheduleRow {
  @Column('date')
  expectedOn: string;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('date', { nullable: true })
  receivedOn: string | null;

  /** The bank line it was booked from, when it came through the statement. */
  @Column('uuid', { nullable: true })
  statementLineId: string | null;

  /** Idempotency key of the ledger entry that booked it. */
  @Column('text', { nullable: true })
  receivedKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A report a funder wants by a date: a foundation's interim or final report, a municipality's accountability. */
@Entity('funding_reports')
@Index('ix_funding_reports_due', ['cooperativeId', 'dueOn'])
@Check('ck_funding_reports_owner', ONE_OWNER)
export class FundingReport extends ScheduleRow {
  @Column('date')
  dueOn: string;

  /** What is due, e.g. "Tussenrapportage" or "Inhoudelijk en financieel eindverslag". */
  @Column('text')
  description: string;

  @Column('date', { nullable: true })
  submittedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
