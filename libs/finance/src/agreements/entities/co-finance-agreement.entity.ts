import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CENTS, Cooperative, Municipality, TenantJoinColumn } from '@buurtcoop/core';
import { Fund } from '../../funds/entities/fund.entity';

export const AGREEMENT_STATUSES = ['granted', 'advances_paid', 'accountability_submitted', 'in_review', 'settled'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const REPORTING_TIERS = ['small', 'medium', 'large'] as const;
export type ReportingTier = (typeof REPORTING_TIERS)[number];

export const TARGET_KINDS = ['hours_delivered', 'residents_helped', 'vulnerable_residents_helped', 'activities_held'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface AccountabilityDocument {
  kind: string;
  name: string;
  reference: string;
}

/**
 * A municipality's subsidiebeschikking for the cooperative: what it grants for a period, the advances it
 * pays, how it matches the money the cooperative raises itself, and — after accountability and review —
 * the amount it finally settles (vaststelling).
 */
@Entity('co_finance_agreements')
@Unique('uq_co_finance_agreements_reference', ['cooperativeId', 'reference'])
@Check('ck_co_finance_agreements_status', `"status" IN ('granted', 'advances_paid', 'accountability_submitted', 'in_review', 'settled')`)
@Check('ck_co_finance_agreements_tier', `"tier" IN ('small', 'medium', 'large')`)
@Check('ck_co_finance_agreements_period', `"ends_on" >= "starts_on"`)
@Check('ck_co_finance_agreements_granted', `"granted_cents" > 0`)
@Check('ck_co_finance_agreements_ratio', `"ratio_numerator" > 0 AND "ratio_denominator" > 0`)
@Check('ck_co_finance_agreements_cap', `"cap_cents" >= 0`)
@Check('ck_co_finance_agreements_settled', `"settled_cents" IS NULL OR ("settled_cents" >= 0 AND "settled_cents" <= "granted_cents")`)
export class CoFinanceAgreement {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  /** The beschikking's kenmerk, e.g. `Z/27/123456`. */
  @Column('text')
  reference: string;

  @Column('date')
  startsOn: string;

  @Column('date')
  endsOn: string;

  @Column('bigint', { transformer: CENTS })
  grantedCents: number;

  /** Matching: the municipality adds numerator/denominator of every euro raised from own sources. */
  @Column('integer')
  ratioNumerator: number;

  @Column('integer')
  ratioDenominator: number;

  @Column('bigint', { transformer: CENTS })
  capCents: number;

  /** Income accounts that count as own sources (default 8000, 8100, 8200). */
  @Column('text', { array: true })
  ownSourceAccountCodes: string[];

  @Column('text')
  tier: ReportingTier;

  /** The municipality's thresholds this agreement was tiered with (its own settings, not the product's). */
  @Column('bigint', { transformer: CENTS })
  smallMaxCents: number;

  @Column('bigint', { transformer: CENTS })
  mediumMaxCents: number;

  @Column('text', { default: 'granted' })
  status: AgreementStatus;

  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Relation<Fund>;

  @Column('date', { nullable: true })
  accountabilitySubmittedOn: string | null;

  @Column('jsonb', { nullable: true })
  accountabilityDocuments: AccountabilityDocument[] | null;

  @Column('date', { nullable: true })
  reviewStartedOn: string | null;

  @Column('bigint', { transformer: CENTS, nullable: true })
  settledCents: number | null;

  @Column('date', { nullable: true })
  settledOn: string | null;

  /** Why the settlement is lower than granted (Awb 4:46). */
  @Column('text', { nullable: true })
  settlementReason: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** What the agreement promises to deliver; the realised figures come from the reporting module. */
@Entity('co_finance_targets')
@Check('ck_co_finance_targets_kind', `"kind" IN ('hours_delivered', 'residents_helped', 'vulnerable_residents_helped', 'activities_held')`)
@Check('ck_co_finance_targets_target', `"target" >= 0`)
export class CoFinanceTarget {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('uuid')
  agreementId: string;

  @PrimaryColumn('text')
  kind: TargetKind;

  @ManyToOne(() => CoFinanceAgreement, { onDelete: 'CASCADE' })
  @TenantJoinColumn('agreement_id')
  agreement?: Relation<CoFinanceAgreement>;

  @Column('integer')
  target: number;
}
