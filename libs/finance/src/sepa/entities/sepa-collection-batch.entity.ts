import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';
import type { PainVersion, SequenceType } from '../pain008';
import { SepaMandate } from './sepa-mandate.entity';
import { Invoice } from '../../invoices/entities/invoice.entity';

export const BATCH_STATUSES = ['draft', 'exported', 'booked', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const ITEM_STATUSES = ['pending', 'collected', 'skipped', 'returned'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/**
 * A SEPA direct-debit collection run (incassobatch): drafted from open invoices, exported once as a pain.008
 * file (kept byte for byte, so a second download is the same file), then booked when the bank has credited it.
 */
@Entity('sepa_collection_batches')
@Unique('uq_sepa_collection_batches_number', ['cooperativeId', 'number'])
@Unique('uq_sepa_collection_batches_message', ['cooperativeId', 'messageId'])
@Index('ix_sepa_collection_batches_status', ['cooperativeId', 'status'])
@Check('ck_sepa_collection_batches_status', `status IN ('draft', 'exported', 'booked', 'cancelled')`)
@Check('ck_sepa_collection_batches_exported', `(status IN ('exported', 'booked')) = (exported_at IS NOT NULL AND message_id IS NOT NULL AND pain_version IS NOT NULL AND file_xml IS NOT NULL)`)
@Check('ck_sepa_collection_batches_booked', `(status = 'booked') = (booked_on IS NOT NULL)`)
@Check('ck_sepa_collection_batches_cancelled', `(status = 'cancelled') = (cancelled_at IS NOT NULL)`)
@Check('ck_sepa_collection_batches_version', `pain_version IS NULL OR pain_version IN ('.001.02', '.001.08')`)
// Collecting an invoice before it is due would surprise the member.
@Check('ck_sepa_collection_batches_due_through', 'due_through IS NULL OR due_through <= collection_date')
export class SepaCollectionBatch {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** 1, 2, 3 … per cooperative: what the treasurer calls it, and part of the file's message id. */
  @Column('integer')
  number: number;

  @Column('text', { default: 'draft' })
  status: BatchStatus;

  /** ReqdColltnDt: the day the debtors' accounts are debited. */
  @Column('date')
  collectionDate: string;

  /** Invoices due on or before this day were selected; null when the treasurer picked them by hand. */
  @Column('date', { nullable: true })
  dueThrough: string | null;

  /** GrpHdr/MsgId, unique per cooperative; set at export. */
  @Column('text', { nullable: true })
  messageId: string | null;

  @Column('text', { nullable: true })
  painVersion: PainVersion | null;

  /** GrpHdr/CreDtTm. */
  @Column('timestamptz', { nullable: true })
  exportedAt: Date | null;

  /** The file as first downloaded; every later download returns exactly this. */
  @Column('text', { nullable: true })
  fileXml: string | null;

  @Column('date', { nullable: true })
  bookedOn: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One invoice to collect. The mandate details are those of the draft until the export, which refreshes them
 * (an amended account, a sequence type moved on by another batch) and marks what it left out as skipped.
 * `active` is false for items of a cancelled batch and skipped ones: a partial unique index keeps an invoice
 * in at most one active item.
 */
@Entity('sepa_collection_items')
@Unique('uq_sepa_collection_items_end_to_end', ['cooperativeId', 'endToEndId'])
@Index('ix_sepa_collection_items_batch', ['cooperativeId', 'batchId'])
@Index('uq_sepa_collection_items_invoice', { synchronize: false })
@Check('ck_sepa_collection_items_amount', 'amount_cents > 0')
@Check('ck_sepa_collection_items_status', `status IN ('pending', 'collected', 'skipped', 'returned')`)
@Check('ck_sepa_collection_items_returned', `(status = 'returned') = (return_reason IS NOT NULL) AND NOT (status = 'returned' AND active)`)
@Check('ck_sepa_collection_items_sequence', `sequence_type IN ('FRST', 'RCUR', 'OOFF', 'FNAL')`)
@Check('ck_sepa_collection_items_skipped', `(status = 'skipped') = (skip_reason IS NOT NULL) AND NOT (status = 'skipped' AND active)`)
@Check('ck_sepa_collection_items_end_to_end', 'char_length(end_to_end_id) BETWEEN 1 AND 35')
export class SepaCollectionItem {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  batchId: string;

  @ManyToOne(() => SepaCollectionBatch, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('batch_id')
  batch?: SepaCollectionBatch;

  @Column('uuid')
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('invoice_id')
  invoice?: Invoice;

  @Column('uuid')
  memberId: string;

  @Column('uuid')
  mandateId: string;

  @ManyToOne(() => SepaMandate, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('mandate_id')
  mandate?: SepaMandate;

  @Column('text')
  sequenceType: SequenceType;

  /** What was open on the invoice (amount − paid). */
  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  /** `<invoice number>-<attempt>`: the bank reports returns by it, so it is never used twice. */
  @Column('text')
  endToEndId: string;

  @Column('text')
  remittance: string;

  @Column('text')
  mandateReference: string;

  @Column('text')
  debtorName: string;

  @Column('text')
  iban: string;

  @Column('text', { nullable: true })
  bic: string | null;

  @Column('text', { default: 'pending' })
  status: ItemStatus;

  /** Why the export left it out (the invoice was paid or cancelled, the mandate revoked). */
  @Column('text', { nullable: true })
  skipReason: string | null;

  @Column('boolean', { default: true })
  active: boolean;

  /** For a collection the debtor's bank sent back: the ISO reason code (MS03, AC04, MD06…). */
  @Column('text', { nullable: true })
  returnReason: string | null;

  @Column('date', { nullable: true })
  returnedOn: string | null;
}
