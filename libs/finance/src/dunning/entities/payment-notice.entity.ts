import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CENTS } from '@buurtcoop/core';
import type { BilledTo } from '../../invoices/entities/invoice.entity';

export const NOTICE_STAGES = ['reminder', 'notice'] as const;
export type NoticeStage = (typeof NOTICE_STAGES)[number];

/** An overdue invoice as the letter listed it. */
export interface NoticedInvoice {
  invoiceId: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  openCents: number;
}

/**
 * A dunning letter sent to a member: the reminder (herinnering) or the 14-day letter
 * (veertiendagenbrief). Kept as sent, so the letter can be produced again exactly.
 */
@Entity('payment_notices')
@Index('ix_payment_notices_member', ['cooperativeId', 'memberId'])
@Check('ck_payment_notices_stage', `"stage" IN ('reminder', 'notice')`)
export class PaymentNotice {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  memberId: string;

  @Column('text')
  stage: NoticeStage;

  @Column('date')
  sentOn: string;

  /** For a reminder: pay by; for the 14-day letter: the last day of the term. */
  @Column('date')
  payBy: string;

  @Column('bigint', { transformer: CENTS })
  totalOpenCents: number;

  /** The collection costs the 14-day letter announces (WIK staffel); 0 on a reminder. */
  @Column('bigint', { transformer: CENTS, default: 0 })
  collectionCostsCents: number;

  @Column('jsonb')
  invoices: NoticedInvoice[];

  @Column('jsonb')
  billedTo: BilledTo;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
