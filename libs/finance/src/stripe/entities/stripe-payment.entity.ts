import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CENTS, Cooperative } from '@buurtcoop/core';

export const PAYMENT_PURPOSES = ['donation', 'invoice'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/**
 * A card or iDEAL payment that was booked, by its PaymentIntent: what it paid for, so a later
 * refund is booked against the same purpose, and so two events for one payment book it once.
 */
@Entity('stripe_payments')
export class StripePayment {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** Stripe's `pi_…` id. */
  @PrimaryColumn('text')
  paymentIntentId: string;

  @Column('text')
  checkoutSessionId: string;

  @Column('text')
  purpose: PaymentPurpose;

  @Column('uuid', { nullable: true })
  invoiceId: string | null;

  @Column('uuid', { nullable: true })
  memberId: string | null;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('date')
  paidOn: string;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt: Date;
}
