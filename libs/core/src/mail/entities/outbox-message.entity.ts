import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * An e-mail written in the same transaction as the change that causes it, so none is lost or sent
 * for a change that rolled back. The worker delivers it over SMTP when one is configured; without,
 * the board reads it in the outbox.
 */
@Entity('outbox_messages')
@Index('ix_outbox_messages_pending', ['status', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Empty for platform mail (e.g. to a user outside any cooperative). */
  @Column('uuid', { nullable: true })
  cooperativeId: string | null;

  /** e.g. `member.invitation`. */
  @Column('text')
  kind: string;

  @Column('text')
  toAddress: string;

  @Column('text')
  subject: string;

  @Column('text')
  bodyText: string;

  @Column('text', { default: 'pending' })
  status: OutboxStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}
