import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CENTS } from '@buurtcoop/core';

export const EXCHANGE_EVENT_KINDS = ['booking.completed', 'booking.late_cancellation'] as const;
export type ExchangeEventKind = (typeof EXCHANGE_EVENT_KINDS)[number];

/**
 * What finance must turn into invoices and ledger entries, stored in the transaction that caused it
 * so none is lost. `processedAt` is set by the consumer of the event.
 */
@Entity('exchange_events')
@Index('ix_exchange_events_unprocessed', ['cooperativeId', 'processedAt'])
export class ExchangeEvent {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: ExchangeEventKind;

  @Column('uuid')
  bookingId: string;

  @Column('uuid')
  consumerMemberId: string;

  @Column('uuid')
  providerMemberId: string;

  /** What the consumer owes for this event (contribution, or late-cancellation fee). */
  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column('timestamptz', { nullable: true })
  processedAt: Date | null;
}
