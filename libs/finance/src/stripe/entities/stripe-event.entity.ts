import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

export const STRIPE_EVENT_OUTCOMES = ['processing', 'processed', 'already_applied', 'payment_failed', 'payout_mismatch', 'ignored'] as const;
/** What a webhook event did: `already_applied` when another event had booked the same payment. */
export type StripeEventOutcome = (typeof STRIPE_EVENT_OUTCOMES)[number];

/** A Stripe event the cooperative received. Its key makes a second delivery of the same event do nothing. */
@Entity('stripe_events')
export class StripeEvent {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** Stripe's `evt_…` id. */
  @PrimaryColumn('text')
  eventId: string;

  @Column('text')
  type: string;

  @Column('timestamptz', { default: () => 'now()' })
  receivedAt: Date;

  @Column('text')
  outcome: StripeEventOutcome;
}
