import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';
import { Fund } from '../../funds/entities/fund.entity';

export const GRANT_STATUSES = ['application', 'awarded', 'rejected', 'closed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** An application to a foundation (Oranje Fonds, VSBfonds, Fonds 1818…) and, once awarded, the grant itself. */
@Entity('grants')
@Index('ix_grants_status', ['cooperativeId', 'status'])
@Check('ck_grants_status', `"status" IN ('application', 'awarded', 'rejected', 'closed')`)
@Check('ck_grants_requested', `"requested_cents" > 0`)
@Check('ck_grants_awarded', `"awarded_cents" IS NULL OR "awarded_cents" > 0`)
@Check('ck_grants_period', `"ends_on" IS NULL OR "ends_on" >= "starts_on"`)
export class Grant {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('text')
  foundationName: string;

  @Column('text')
  project: string;

  @Column('bigint', { transformer: CENTS })
  requestedCents: number;

  @Column('date')
  submittedOn: string;

  @Column('text', { default: 'application' })
  status: GrantStatus;

  /** The foundation's decision date, award or rejection. */
  @Column('date', { nullable: true })
  decidedOn: string | null;

  @Column('bigint', { transformer: CENTS, nullable: true })
  awardedCents: number | null;

  @Column('date', { nullable: true })
  startsOn: string | null;

  @Column('date', { nullable: true })
  endsOn: string | null;

  @Column('text', { nullable: true })
  conditions: string | null;

  @Column('text', { nullable: true })
  rejectionReason: string | null;

  @Column('uuid', { nullable: true })
  fundId: string | null;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Relation<Fund>;

  @Column('date', { nullable: true })
  closedOn: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
