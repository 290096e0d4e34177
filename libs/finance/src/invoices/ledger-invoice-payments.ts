import { Injectable } from '@nestjs/common';
import { CooperativeId } from '@buurtcoop/core';
import { LedgerService } from '../ledger/ledger.service';
import { InvoicePayment, InvoicePayments, InvoiceRefund } from './invoice-payments.port';

const RECEIVABLES = '1300';

/**
 * Books invoice payments in the ledger only: D the receiving account / C 1300 Debiteuren leden for
 * the member, and the opposite for a refund. The invoices module replaces it with one that also
 * settles the invoice.
 */
@Injectable()
export class LedgerInvoicePayments extends InvoicePayments {
  constructor(private readonly ledger: LedgerService) {
    super();
  }

  async recordPayment(cooperativeId: CooperativeId, payment: InvoicePayment, createdBy: string | null): Promise<void> {
    await this.post(cooperativeId, payment.paidOn, payment.description, payment.idempotencyKey, payment.debitAccountCode, payment.amountCents, payment.memberId ?? null, createdBy);
  }

  async recordRefund(cooperativeId: CooperativeId, refund: InvoiceRefund, createdBy: string | null): Promise<void> {
    await this.post(cooperativeId, refund.refundedOn, refund.description, refund.idempotencyKey, refund.creditAccountCode, -refund.amountCents, refund.memberId ?? null, createdBy);
  }

  /** `amountCents` is debited to `accountCode` and credited to the member's receivable (negative: the other way round). */
  private async post(cooperativeId: CooperativeId, entryDate: string, description: string, idempotencyKey: string, accountCode: string, amountCents: number, memberId: string | null, createdBy: string | null) {
    const ids = await this.ledger.accountIdsByCode(cooperativeId, [accountCode, RECEIVABLES]);
    await this.ledger.post(
      cooperativeId,
      { entryDate, description, idempotencyKey, lines: [{ accountId: ids[accountCode], amountCents }, { accountId: ids[RECEIVABLES], amountCents: -amountCents, memberId }] },
      createdBy,
    );
  }
}
