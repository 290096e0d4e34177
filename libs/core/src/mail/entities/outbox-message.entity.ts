import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../language';

/** `sending`: claimed by a deliverer, whose lease runs from `claimedAt`. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * An e-mail written in the same transaction as the change that causes it, so none is lost or sent
 * for a change that rolled back. The worker delivers it over SMTP when one is configured; without,
 * the board reads it in the outbox.
 */
@Entity('outbox_messages')
@Index('ix_outbox_messages_due', ['status', 'nextAttemptAt'])
@Index('ix_outbox_messages_member', ['cooperativeId', 'memberId', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Empty for platform mail (e.g. to a user outside any cooperative). */
  @Column('uuid', { nullable: true })
  cooperativeId: string | null;

  /** The member it was written to, for their notification history; empty for applicants and platform mail. */
  @Column('uuid', { nullable: true })
  memberId: string | null;

  /** e.g. `member.invitation`. */
  @Column('text')
  kind: string;

  /** The language it was written in: the recipient's. */
  @Column('text', { default: 'nl' })
  language: Language;

  @Column('text')
  toAddress: string;

  @Column('text')
  subject: string;

  @Column('text')
  bodyText: string;

  @Column('text', { default: 'pending' })
  status: OutboxStatus;

  /** Attempts begun, counted when a deliverer claims the message. */
  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  /** A pending message is not tried before this; each failed attempt pushes it further out. */
  @Column('timestamptz', { default: () => 'now()' })
  nextAttemptAt: Date;

  /** When the current claim began; a claim older than the lease is taken over. */
  @Column('timestamptz', { nullable: true })
  claimedAt: Date | null;

  /** Who holds the claim: only that deliverer may record the outcome. */
  @Column('uuid', { nullable: true })
  claimToken: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}
