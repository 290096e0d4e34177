import { CooperativeId } from '@buurtcoop/core';

export type InvoicePaymentMethod = 'stripe' | 'sepa' | 'bank_transfer' | 'manual';

/** Money received for an invoice, from whichever channel. */
export interface InvoicePayment {
  invoiceId: string;
  amountCents: number;
  /** The bookkeeping date (YYYY-MM-DD). */
  paidOn: string;
  method: InvoicePaymentMethod;
  /** Where the money came in: 1150 Tussenrekening Stripe, 1100 Bank, … */
  debitAccountCode: string;
  /** Unique per cooperative: a second call with the same key changes nothing. */
  idempotencyKey: string;
  description: string;
  /** The member the invoice is for, when the channel knows it (Stripe's metadata); the invoice itself is authoritative. */
  memberId?: string | null;
}

/** Money given back for an invoice payment: the invoice is open again for the amount. */
export interface InvoiceRefund {
  invoiceId: string;
  amountCents: number;
  refundedOn: string;
  method: InvoicePaymentMethod;
  /** Where the money went out: 1150 Tussenrekening Stripe, 1100 Bank, … */
  creditAccountCode: string;
  idempotencyKey: string;
  description: string;
  memberId?: string | null;
}

/**
 * How payment channels (Stripe, SEPA, bank statements) book money against invoices, and the
 * injection token for it. Both methods post in the caller's transaction and are idempotent by
 * `idempotencyKey`.
 */
export abstract class InvoicePayments {
  abstract recordPayment(cooperativeId: CooperativeId, payment: InvoicePayment, createdBy: string | null): Promise<{ applied: boolean }>;
  abstract recordRefund(cooperativeId: CooperativeId, refund: InvoiceRefund, createdBy: string | null): Promise<{ applied: boolean }>;
}
