import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';
import { Fund } from '../../funds/entities/fund.entity';

/**
 * The tax-free limits of a volunteer allowance (vrijwilligersvergoeding) for one calendar year, as the
 * cooperative set them. The Belastingdienst changes them now and then; a year without its own row uses
 * the latest earlier year's.
 */
@Entity('allowance_caps')
@Check('ck_allowance_caps_amounts', `"hourly_cents" > 0 AND "hourly_under21_cents" > 0 AND "monthly_cents" > 0 AND "yearly_cents" > 0`)
@Check('ck_allowance_caps_year', `"year" BETWEEN 2000 AND 2200`)
export class AllowanceCaps {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('integer')
  year: number;

  @ManyToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** Per hour, for a volunteer of 21 or older. */
  @Column('bigint', { transformer: CENTS })
  hourlyCents: number;

  @Column('bigint', { transformer: CENTS })
  hourlyUnder21Cents: number;

  @Column('bigint', { transformer: CENTS })
  monthlyCents: number;

  @Column('bigint', { transformer: CENTS })
  yearlyCents: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One row per volunteer and year, locked while an allowance is checked against the caps: two grants for
 * the same person wait for each other instead of both reading the old total.
 */
@Entity('allowance_member_years')
export class AllowanceMemberYear {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @PrimaryColumn('integer')
  year: number;
}

export const ALLOWANCE_STATUSES = ['granted', 'cancelled'] as const;
export type AllowanceStatus = (typeof ALLOWANCE_STATUSES)[number];

/** A volunteer allowance for one month's work, booked as a cost owed to the volunteer. */
@Entity('allowances')
@Index('ix_allowances_member_month', ['cooperativeId', 'memberId', 'month'])
@Index('ix_allowances_month', ['cooperativeId', 'month'])
@Check('ck_allowances_month', `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('ck_allowances_amount', `"amount_cents" > 0`)
@Check('ck_allowances_hours', `"hours" > 0`)
@Check('ck_allowances_status', `"status" IN ('granted', 'cancelled')`)
@Check('ck_allowances_cancelled', `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)`)
export class Allowance {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** The volunteer in the membership register (another lib: checked through its service). */
  @Column('uuid')
  memberId: string;

  /** `YYYY-MM`: the month the work was done. */
  @Column('text')
  month: string;

  /** Hours worked, to two decimals. */
  @Column('numeric', { precision: 6, scale: 2 })
  hours: string;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('uuid', { nullable: true })
  fundId: string | null;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Fund;

  @Column('text')
  description: string;

  @Column('text', { default: 'granted' })
  status: AllowanceStatus;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
