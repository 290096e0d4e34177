import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CENTS, Cooperative } from '@buurtcoop/core';

/** The cooperative's booking rules, the same for every category. */
@Entity('exchange_policies')
export class ExchangePolicy {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @OneToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** Cancelling later than this before the start is a late cancellation. */
  @Column('integer', { default: 24 })
  cancellationNoticeHours: number;

  /** Charged to a consumer who cancels late; 0 records it without a fee. */
  @Column('bigint', { transformer: CENTS, default: 0 })
  lateCancellationFeeCents: number;

  /** A request the provider has not answered expires after this. */
  @Column('integer', { default: 48 })
  requestExpiryHours: number;

  /** Delivered work the consumer has not confirmed (or disputed) completes by itself after this. */
  @Column('integer', { default: 7 })
  autoCompleteDays: number;
}
