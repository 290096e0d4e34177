import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

/**
 * The cooperative's Stripe connected account (`acct_…`): every payment is taken on it, and its
 * webhook events are routed back to the cooperative by it. An account serves one cooperative only.
 */
@Entity('stripe_accounts')
@Unique('uq_stripe_accounts_account', ['accountId'])
export class StripeAccount {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @OneToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('text')
  accountId: string;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
