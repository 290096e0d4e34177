import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, addDays, dutchDate } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { LedgerService, Posting } from '../ledger/ledger.service';
import { Invoice, InvoiceLine, InvoicePaymentRecord } from './entities/invoice.entity';
import { InvoicePayment, InvoicePayments, InvoiceRefund } from './invoice-payments.port';
import { InvoiceError, InvoiceErrorCode } from './invoices.errors';
import { DraftLine, InvoiceDraft, InvoiceFilter, InvoicesRepository, IssuedInvoice, PaymentTarget, AgeingRow } from './invoices.repository';

/** Debiteuren leden: what members owe the cooperative. */
export const RECEIVABLE_ACCOUNT = '1300';
export const BANK_ACCOUNT = '1100';
/** Days to pay an invoice that is not a dues invoice. */
export const PAYMENT_TERM_DAYS = 14;

export interface InvoiceDetail {
  invoice: Invoice;
  lines: InvoiceLine[];
  payments: InvoicePaymentRecord[];
}

export interface MemberStatement {
  memberId: string;
  openItems: Array<Invoice & { openCents: number }>;
  totalOpenCents: number;
  /** What the member paid in excess, waiting to be refunded or set off. */
  creditCents: number;
  /** The member's balance on Debiteuren leden in the ledger: open items minus credit. */
  ledgerBalanceCents: number;
}

const invoiceKey = (number: string) => `invoice:${number}`;

/**
 * Invoices: issued in sets (a dues run, the exchange's events) or by the treasurer by hand, each posted to
 * the ledger in the same transaction (D Debiteuren leden / C the lines' income accounts), and settled by
 * payments allocated to them.
 */
@Injectable()
export class InvoicesService extends InvoicePayments {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly ledger: LedgerService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** Issues the drafts not issued before and posts each to the ledger; returns what was new. */
  async issue(cooperativeId: CooperativeId, issueDate: string, drafts: InvoiceDraft[], createdBy: string | null): Promise<IssuedInvoice[]> {
    const issued = await this.invoices.issue(cooperativeId, issueDate, drafts);
    if (issued.length === 0) return issued;
    const accounts = await this.ledger.accountIdsByCode(cooperativeId, [...new Set([RECEIVABLE_ACCOUNT, ...issued.flatMap((i) => i.lines.map((l) => l.accountCode))])]);
    const account = (code: string) => accounts[code];
    const receivable = account(RECEIVABLE_ACCOUNT);
    const postings: Posting[] = issued.map((invoice) => ({
      entryDate: issueDate,
      description: `Factuur ${invoice.number}: ${invoice.lines[0].description}`,
      idempotencyKey: invoiceKey(invoice.number),
      lines: [
        { accountId: receivable, amountCents: invoice.amountCents, memberId: invoice.memberId },
        ...invoice.lines.map((l: DraftLine) => ({ accountId: account(l.accountCode), amountCents: -l.amountCents, memberId: invoice.memberId, bookingId: l.bookingId ?? null })),
      ],
    }));
    await this.ledger.postMany(cooperativeId, postings, createdBy);
    return issued;
  }

  /** An invoice the treasurer writes by hand (a key replacement, a room rental), to income accounts only. */
  async createManual(actor: Actor, cooperativeId: CooperativeId, input: { memberId: string; dueDate?: string; lines: DraftLine[] }): Promise<InvoiceDetail> {
    if (!(await this.members.standing(cooperativeId, { memberId: input.memberId }))) {
      throw new InvoiceError(InvoiceErrorCode.MemberUnknown, 'This member does not exist in the cooperative', 'memberId');
    }
    const incomeCodes = new Set((await this.ledger.accounts(cooperativeId)).filter((a) => a.type === 'income').map((a) => a.code));
    input.lines.forEach((l, i) => {
      if (!incomeCodes.has(l.accountCode)) throw new InvoiceError(InvoiceErrorCode.AccountNotIncome, `lines[${i}].accountCode must be an income account (8xxx)`, `lines[${i}].accountCode`);
    });
    const today = dutchDate(this.clock.now());
    const dueDate = input.dueDate ?? addDays(today, PAYMENT_TERM_DAYS);
    if (dueDate < today) throw new InvoiceError(InvoiceErrorCode.InvalidDueDate, 'dueDate must not be before today', 'dueDate');
    const [issued] = await this.issue(cooperativeId, today, [{ memberId: input.memberId, kind: 'manual', sourceKey: `manual:${randomUUID()}`, dueDate, lines: input.lines }], actor.userId);
    await this.audit.record({ action: 'invoice.create', objectType: 'invoice', objectId: issued.id, details: { number: issued.number } });
    return this.detail(cooperativeId, issued.id);
  }

  list(cooperativeId: CooperativeId, filter: InvoiceFilter) {
    return this.invoices.list(cooperativeId, filter);
  }

  async detail(cooperativeId: CooperativeId, id: string): Promise<InvoiceDetail> {
    const invoice = await this.require(cooperativeId, id);
    return { invoice, lines: await this.invoices.lines(cooperativeId, id), payments: await this.invoices.payments(cooperativeId, id) };
  }

  /** A member's own invoice; another member's invoice is "not found", not "forbidden". */
  async ownDetail(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<InvoiceDetail> {
    const member = await this.members.ownMember(actor, cooperativeId);
    const invoice = await this.invoices.find(cooperativeId, id);
    if (!invoice || invoice.memberId !== member.id) throw new InvoiceError(InvoiceErrorCode.NotFound, 'Invoice was not found');
    return this.detail(cooperativeId, id);
  }

  async own(actor: Actor, cooperativeId: CooperativeId, filter: Omit<InvoiceFilter, 'memberId'>) {
    const member = await this.members.ownMember(actor, cooperativeId);
    return this.invoices.list(cooperativeId, { ...filter, memberId: member.id });
  }

  /**
   * Books a payment or refund: the ledger entry (D the channel's account / C Debiteuren leden) and the
   * allocation to the invoice, under one key, so a second delivery of the same payment changes nothing.
   * Paying more than is open, or paying a cancelled invoice, leaves a credit on the member's account.
   */
  async recordPayment(cooperativeId: CooperativeId, payment: InvoicePayment, createdBy: string | null): Promise<{ applied: boolean; invoice: Invoice }> {
    const invoice = await this.require(cooperativeId, payment.invoiceId);
    const accounts = await this.ledger.accountIdsByCode(cooperativeId, [payment.debitAccountCode, RECEIVABLE_ACCOUNT]);
    const posted = await this.ledger.post(
      cooperativeId,
      {
        entryDate: payment.paidOn,
        description: payment.description,
        idempotencyKey: payment.idempotencyKey,
        lines: [
          { accountId: accounts[payment.debitAccountCode], amountCents: payment.amountCents },
          { accountId: accounts[RECEIVABLE_ACCOUNT], amountCents: -payment.amountCents, memberId: invoice.memberId },
        ],
      },
      createdBy,
    );
    // Money paid on a cancelled invoice still arrived: it stays on the member's account as a credit.
    const allocated = posted.applied && invoice.status !== 'cancelled' && (await this.invoices.allocate(cooperativeId, invoice.id, payment));
    if (posted.applied) {
      await this.audit.record({ action: payment.amountCents > 0 ? 'invoice.payment' : 'invoice.refund', objectType: 'invoice', objectId: invoice.id, details: { amountCents: payment.amountCents, method: payment.method, key: payment.idempotencyKey } });
    }
    return { applied: posted.applied && (allocated || invoice.status === 'cancelled'), invoice: (await this.invoices.find(cooperativeId, invoice.id)) as Invoice };
  }

  /**
   * `recordPayment` for many payments at once, in a handful of statements: one ledger entry per payment
   * (D the channel's account / C Debiteuren leden), dated in the open period (a bank statement may come in
   * after the closing), and the allocations. Keys posted or allocated before are skipped; cancelled invoices
   * keep their status and the money stays as credit. Returns how many entries were new.
   */
  async recordPayments(cooperativeId: CooperativeId, payments: InvoicePayment[], createdBy: string | null): Promise<number> {
    if (payments.length === 0) return 0;
    const invoices = new Map((await this.invoices.paymentTargets(cooperativeId, [...new Set(payments.map((p) => p.invoiceId))])).map((i) => [i.id, i]));
    const unknown = payments.find((p) => !invoices.has(p.invoiceId));
    if (unknown) throw new InvoiceError(InvoiceErrorCode.NotFound, `Invoice ${unknown.invoiceId} was not found`);
    const accounts = await this.ledger.accountIdsByCode(cooperativeId, [...new Set([RECEIVABLE_ACCOUNT, ...payments.map((p) => p.debitAccountCode)])]);
    const openDays = new Map<string, string>();
    for (const day of new Set(payments.map((p) => p.paidOn))) openDays.set(day, await this.ledger.openDay(cooperativeId, day));
    const posted = await this.ledger.postMany(
      cooperativeId,
      payments.map((p) => ({
        entryDate: openDays.get(p.paidOn) as string,
        description: p.description,
        idempotencyKey: p.idempotencyKey,
        lines: [
          { accountId: accounts[p.debitAccountCode], amountCents: p.amountCents },
          { accountId: accounts[RECEIVABLE_ACCOUNT], amountCents: -p.amountCents, memberId: invoices.get(p.invoiceId)?.memberId },
        ],
      })),
      createdBy,
    );
    const allocated = await this.invoices.allocateMany(cooperativeId, payments.filter((p) => invoices.get(p.invoiceId)?.status !== 'cancelled'));
    if (posted > 0) await this.audit.record({ action: 'invoice.payments', objectType: 'invoice', details: { entries: posted, allocations: allocated.length, method: payments[0].method } });
    return posted;
  }

  /** The invoices these betalingskenmerken name, by reference. */
  byPaymentReferences(cooperativeId: CooperativeId, references: string[]): Promise<Map<string, PaymentTarget>> {
    return this.invoices.byPaymentReferences(cooperativeId, references);
  }

  byPaymentReference(cooperativeId: CooperativeId, paymentReference: string): Promise<Invoice | null> {
    return this.invoices.byPaymentReference(cooperativeId, paymentReference);
  }

  /** For the dashboards: open receivables by days past due at `at` (counts and cents only). */
  ageing(cooperativeId: CooperativeId, at: string): Promise<AgeingRow[]> {
    return this.invoices.ageing(cooperativeId, at);
  }

  openOfMembers(cooperativeId: CooperativeId, memberIds: string[]): Promise<Invoice[]> {
    return this.invoices.openOfMembers(cooperativeId, memberIds);
  }

  suggestions(cooperativeId: CooperativeId, line: { amountCents: number; text: string; name: string | null }, limit = 10): Promise<Invoice[]> {
    return this.invoices.suggestions(cooperativeId, line, limit);
  }

  /**
   * Takes back a payment booked by mistake: its ledger entry is reversed, and the allocation is undone by an
   * opposite one, so the invoice is open again for it. A payment that was never booked is left as it is.
   */
  async undoPayment(cooperativeId: CooperativeId, idempotencyKey: string, createdBy: string | null): Promise<void> {
    const payment = await this.invoices.paymentByKey(cooperativeId, idempotencyKey);
    await this.ledger.reverseByKey(cooperativeId, idempotencyKey, createdBy, `Ongedaan gemaakt: ${idempotencyKey}`);
    if (payment) {
      await this.invoices.allocate(cooperativeId, payment.invoiceId, { amountCents: -payment.amountCents, method: payment.method, paidOn: dutchDate(this.clock.now()), idempotencyKey: `undo:${idempotencyKey}` });
      await this.audit.record({ action: 'invoice.payment_undone', objectType: 'invoice', objectId: payment.invoiceId, details: { key: idempotencyKey } });
    }
  }

  /** Money given back (a Stripe refund, a returned collection): the invoice is open again for it. */
  async recordRefund(cooperativeId: CooperativeId, refund: InvoiceRefund, createdBy: string | null): Promise<{ applied: boolean; invoice: Invoice }> {
    return this.recordPayment(
      cooperativeId,
      {
        invoiceId: refund.invoiceId,
        amountCents: -refund.amountCents,
        paidOn: refund.refundedOn,
        method: refund.method,
        debitAccountCode: refund.creditAccountCode,
        idempotencyKey: refund.idempotencyKey,
        description: refund.description,
      },
      createdBy,
    );
  }

  /** A bank transfer the treasurer books by hand (until the statement import finds it by itself). */
  async recordBankTransfer(actor: Actor, cooperativeId: CooperativeId, id: string, input: { amountCents: number; paidOn: string; idempotencyKey: string; note?: string }): Promise<InvoiceDetail> {
    const invoice = await this.require(cooperativeId, id);
    await this.recordPayment(
      cooperativeId,
      {
        invoiceId: id,
        amountCents: input.amountCents,
        paidOn: input.paidOn,
        method: 'bank_transfer',
        debitAccountCode: BANK_ACCOUNT,
        idempotencyKey: `payment:${input.idempotencyKey}`,
        description: `Betaling factuur ${invoice.number}${input.note ? `: ${input.note}` : ''}`,
      },
      actor.userId,
    );
    return this.detail(cooperativeId, id);
  }

  /** Cancels an unpaid invoice: its ledger entry is reversed, and its number stays used (no gaps). */
  async cancel(actor: Actor, cooperativeId: CooperativeId, id: string, reason: string): Promise<InvoiceDetail> {
    const invoice = await this.require(cooperativeId, id);
    if (!(await this.invoices.cancel(cooperativeId, id, reason))) {
      throw new InvoiceError(
        InvoiceErrorCode.NotCancellable,
        invoice.status === 'cancelled' ? `Invoice ${invoice.number} is cancelled already` : `Invoice ${invoice.number} has payments; refund them before cancelling`,
      );
    }
    await this.ledger.reverseByKey(cooperativeId, invoiceKey(invoice.number), actor.userId, `Creditering factuur ${invoice.number}: ${reason}`);
    await this.audit.record({ action: 'invoice.cancel', objectType: 'invoice', objectId: id, details: { number: invoice.number } });
    return this.detail(cooperativeId, id);
  }

  /** What a member owes: open invoices with what is left on each, any credit, and the ledger's view of it. */
  async statement(cooperativeId: CooperativeId, memberId: string): Promise<MemberStatement> {
    if (!(await this.members.standing(cooperativeId, { memberId }))) throw new InvoiceError(InvoiceErrorCode.MemberNotFound, 'Member was not found');
    const open = await this.invoices.openFor(cooperativeId, memberId);
    const accounts = await this.ledger.accountIdsByCode(cooperativeId, [RECEIVABLE_ACCOUNT]);
    const ledgerBalanceCents = await this.ledger.memberBalance(cooperativeId, accounts[RECEIVABLE_ACCOUNT], memberId);
    const openItems = open.map((i) => ({ ...i, openCents: i.amountCents - i.paidCents }));
    const totalOpenCents = openItems.reduce((sum, i) => sum + i.openCents, 0);
    return { memberId, openItems, totalOpenCents, creditCents: Math.max(0, totalOpenCents - ledgerBalanceCents), ledgerBalanceCents };
  }

  async ownStatement(actor: Actor, cooperativeId: CooperativeId): Promise<MemberStatement> {
    return this.statement(cooperativeId, (await this.members.ownMember(actor, cooperativeId)).id);
  }

  private async require(cooperativeId: CooperativeId, id: string): Promise<Invoice> {
    const invoice = await this.invoices.find(cooperativeId, id);
    if (!invoice) throw new InvoiceError(InvoiceErrorCode.NotFound, 'Invoice was not found');
    return invoice;
  }
}
