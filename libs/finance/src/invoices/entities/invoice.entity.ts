import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';

export const INVOICE_KINDS = ['dues', 'contribution', 'late_cancellation_fee', 'manual'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export const INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Dutch dunning: a reminder after the due date, then the 14-day letter, then the member is in default. */
export const DUNNING_STAGES = ['none', 'reminded', 'noticed', 'in_default'] as const;
export type DunningStage = (typeof DUNNING_STAGES)[number];

/** Who the invoice was addressed to when it was issued; an invoice keeps it even if the member moves or is erased. */
export interface BilledTo {
  name: string | null;
  streetLine: string | null;
  postcode: string | null;
  city: string | null;
  email: string | null;
  memberNumber: number | null;
  language: 'nl' | 'en';
}

/**
 * A claim on a member. Numbers run per cooperative per calendar year without gaps (`2027-000042`);
 * the payment reference (betalingskenmerk) lets a bank transfer find it. The amount never changes: a
 * wrong invoice is cancelled by a reversal, and payments are allocated to it as they come in.
 */
@Entity('invoices')
@Unique('uq_invoices_number', ['cooperativeId', 'year', 'sequence'])
@Unique('uq_invoices_source', ['cooperativeId', 'sourceKey'])
@Unique('uq_invoices_payment_reference', ['cooperativeId', 'paymentReference'])
@Index('ix_invoices_member', ['cooperativeId', 'memberId'])
@Index('ix_invoices_open', { synchronize: false })
@Check('ck_invoices_amount', `"amount_cents" > 0`)
@Check('ck_invoices_status', `"status" IN ('open', 'paid', 'cancelled') AND "dunning_stage" IN ('none', 'reminded', 'noticed', 'in_default')`)
@Check('ck_invoices_kind', `"kind" IN ('dues', 'contribution', 'late_cancellation_fee', 'manual')`)
export class Invoice {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** `2027-000042`. */
  @Column('text')
  number: string;

  @Column('integer')
  year: number;

  @Column('integer')
  sequence: number;

  @Column('uuid')
  memberId: string;

  @Column('text')
  kind: InvoiceKind;

  /** What caused it (`dues:<household or member>:<installment>`, `exchange-event:<id>`): the same cause never bills twice. */
  @Column('text')
  sourceKey: string;

  @Column('uuid', { nullable: true })
  duesRunId: string | null;

  @Column('date')
  issueDate: string;

  @Column('date')
  dueDate: string;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  /** Payments allocated so far, kept with each allocation in the same statement. */
  @Column('bigint', { transformer: CENTS, default: 0 })
  paidCents: number;

  @Column('text', { default: 'open' })
  status: InvoiceStatus;

  @Column('char', { length: 16 })
  paymentReference: string;

  @Column('jsonb')
  billedTo: BilledTo;

  @Column('text', { default: 'none' })
  dunningStage: DunningStage;

  @Column('date', { nullable: true })
  remindedOn: string | null;

  @Column('date', { nullable: true })
  noticedOn: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('invoice_lines')
@Index('ix_invoice_lines_invoice', ['cooperativeId', 'invoiceId'])
@Check('ck_invoice_lines_reduction', `"reduction_cents" >= 0`)
export class InvoiceLine {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('invoice_id')
  invoice?: Invoice;

  @Column('integer')
  position: number;

  @Column('text')
  description: string;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  /** The income account the line is credited to (chart code). */
  @Column('text')
  accountCode: string;

  @Column('uuid', { nullable: true })
  bookingId: string | null;

  /**
   * What the line is below the full tariff because the member declared a minimum income: the part the
   * municipality's minima policy pays for. Written when the line is issued.
   */
  @Column('bigint', { transformer: CENTS, default: 0 })
  reductionCents: number;
}

export const PAYMENT_METHODS = ['stripe', 'sepa', 'bank_transfer', 'manual'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A payment (positive) or a refund or returned collection (negative) allocated to an invoice. */
@Entity('invoice_payments')
@Unique('uq_invoice_payments_key', ['cooperativeId', 'idempotencyKey'])
@Index('ix_invoice_payments_invoice', ['cooperativeId', 'invoiceId'])
@Check('ck_invoice_payments_method', `"method" IN ('stripe', 'sepa', 'bank_transfer', 'manual') AND "amount_cents" <> 0`)
export class InvoicePaymentRecord {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  invoiceId: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('invoice_id')
  invoice?: Invoice;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('text')
  method: PaymentMethod;

  @Column('date')
  paidOn: string;

  /** The ledger entry's idempotency key as well: one allocation per payment. */
  @Column('text')
  idempotencyKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The last invoice number used per year. Its row lock is what keeps numbers gapless under concurrent runs. */
@Entity('invoice_counters')
export class InvoiceCounter {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('integer')
  year: number;

  @Column('integer')
  lastSequence: number;
}
