import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, parsePaymentReference } from '@buurtcoop/core';
import { DonationsRepository } from '../donations/donations.repository';
import { Invoice } from '../invoices/entities/invoice.entity';
import { InvoicesService } from '../invoices/invoices.service';
import { LedgerService } from '../ledger/ledger.service';
import { CollectionBatchesRepository } from '../sepa/collection-batches.repository';
import { CollectionBatchesService } from '../sepa/collection-batches.service';
import { SepaMandatesService } from '../sepa/sepa-mandates.service';
import { BankAccount, StatementLine } from './entities/bank-statement.entity';
import { StatementsRepository } from './statements.repository';
import { StatementError, StatementErrorCode } from './statements.errors';

/** Returns that void the mandate: account closed (AC04), no mandate (MD01), debtor deceased (MD07). */
const MANDATE_VOID = new Set(['AC04', 'MD01', 'MD07']);
const DONATIONS = '8200';
/** Lines matched per round of set-based statements: few statements, and memory bounded however long the statement. */
const MATCH_CHUNK = 10_000;

export const lineKey = (lineId: string, part?: number) => `statement-line:${lineId}${part === undefined ? '' : `:${part}`}`;

export interface MatchSummary {
  matched: number;
  unmatched: number;
  byKind: Record<string, number>;
}

export interface Suggestion {
  invoiceId: string;
  number: string;
  memberName: string | null;
  openCents: number;
  score: number;
  why: string[];
}

const paymentText = (number: string, payer: string | null) => `Betaling factuur ${number}${payer ? ` door ${payer}` : ''}`;

/** A betalingskenmerk quoted anywhere in a line's text, as people type it (with spaces or dots). */
function referenceIn(text: string | null): string | null {
  for (const candidate of (text ?? '').match(/\d[\d .-]{14,22}\d/g) ?? []) {
    const reference = parsePaymentReference(candidate);
    if (reference) return reference;
  }
  return null;
}

/**
 * Explains bank lines, automatically on import (rules in order, first that applies wins) and by hand from
 * the worklist. Every explanation posts its ledger entry under the line's own key, or under the key of
 * what it settles when that was booked another way too (a SEPA item, a Stripe payout), so nothing is
 * booked twice whichever way it arrives.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly statements: StatementsRepository,
    private readonly invoices: InvoicesService,
    private readonly ledger: LedgerService,
    private readonly batches: CollectionBatchesRepository,
    private readonly batchService: CollectionBatchesService,
    private readonly mandates: SepaMandatesService,
    private readonly audit: AuditService,
    private readonly donations: DonationsRepository,
  ) {}

  /**
   * Explains what it can of these lines. The betalingskenmerk, which explains most lines of a statement,
   * is matched for all of them at once; only what is left goes through the other rules line by line.
   */
  async matchAutomatically(cooperativeId: CooperativeId, lineIds: string[]): Promise<MatchSummary> {
    const summary: MatchSummary = { matched: 0, unmatched: 0, byKind: {} };
    const accounts = new Map((await this.statements.accounts(cooperativeId)).map((a) => [a.id, a]));
    for (let from = 0; from < lineIds.length; from += MATCH_CHUNK) {
      const chunk = lineIds.slice(from, from + MATCH_CHUNK);
      const byReference = await this.byPaymentReferences(cooperativeId, chunk, accounts);
      if (byReference > 0) {
        summary.matched += byReference;
        summary.byKind.invoice_reference = (summary.byKind.invoice_reference ?? 0) + byReference;
      }
      for (const line of await this.statements.unmatchedByIds(cooperativeId, chunk)) {
        const kind = await this.applyRules(cooperativeId, line, accounts.get(line.bankAccountId) as BankAccount);
        if (kind) {
          summary.matched++;
          summary.byKind[kind] = (summary.byKind[kind] ?? 0) + 1;
        } else summary.unmatched++;
      }
    }
    return summary;
  }

  /** Rules after the betalingskenmerk, which `byPaymentReferences` has tried for every line already. */
  private async applyRules(cooperativeId: CooperativeId, line: StatementLine, account: BankAccount): Promise<string | null> {
    if (line.amountCents < 0) return (await this.sepaReturn(cooperativeId, line, account)) ? 'sepa_return' : null;
    const rules: Array<[string, () => Promise<boolean>]> = [
      ['sepa_collection', () => this.bySepaItem(cooperativeId, line, account)],
      ['sepa_batch', () => this.bySepaBatch(cooperativeId, line)],
      ['stripe_payout', () => this.byStripePayout(cooperativeId, line)],
      ['invoice_iban_amount', () => this.byIbanAndAmount(cooperativeId, line, account)],
      ['donation', () => this.byKnownDonor(cooperativeId, line, account)],
    ];
    for (const [kind, rule] of rules) if (await rule()) return kind;
    return null;
  }

  /**
   * Rule 1, for many lines at once: a betalingskenmerk, structured or typed in the description, names an
   * invoice. The lines are claimed first (a conditional update), so only lines still open get booked: one
   * ledger entry each under the line's key, and the allocations. Returns how many lines it explained.
   */
  private async byPaymentReferences(cooperativeId: CooperativeId, lineIds: string[], accounts: Map<string, BankAccount>): Promise<number> {
    const receipts = (await this.statements.openReceipts(cooperativeId, lineIds)).flatMap((line) => {
      const reference = (line.structuredReference && parsePaymentReference(line.structuredReference)) || referenceIn(line.remittance);
      return reference ? [{ line, reference }] : [];
    });
    if (receipts.length === 0) return 0;
    const invoices = await this.invoices.byPaymentReferences(cooperativeId, [...new Set(receipts.map((r) => r.reference))]);
    const matches = receipts.flatMap(({ line, reference }) => {
      const invoice = invoices.get(reference);
      return invoice ? [{ line, invoice }] : [];
    });
    const claimed = new Set(
      await this.statements.markManyMatched(
        cooperativeId,
        'invoice_reference',
        matches.map(({ line, invoice }) => ({ lineId: line.id, details: { invoices: [{ invoiceId: invoice.id, number: invoice.number, amountCents: line.amountCents, key: lineKey(line.id) }] } })),
        null,
      ),
    );
    await this.invoices.recordPayments(
      cooperativeId,
      matches
        .filter(({ line }) => claimed.has(line.id))
        .map(({ line, invoice }) => ({
          invoiceId: invoice.id,
          amountCents: line.amountCents,
          paidOn: line.bookingDate,
          method: 'bank_transfer',
          debitAccountCode: (accounts.get(line.bankAccountId) as BankAccount).ledgerAccountCode,
          idempotencyKey: lineKey(line.id),
          description: paymentText(invoice.number, line.counterpartyName),
        })),
      null,
    );
    return claimed.size;
  }

  /** Rule 2: the end-to-end id of one of our direct debits, credited on its own. */
  private async bySepaItem(cooperativeId: CooperativeId, line: StatementLine, account: BankAccount): Promise<boolean> {
    const item = line.endToEndId ? await this.batches.itemByEndToEnd(cooperativeId, line.endToEndId) : null;
    if (!item || item.amountCents !== line.amountCents || !['exported', 'booked'].includes(item.batchStatus)) return false;
    const key = `sepa:${item.batchId}:${item.itemId}`;
    await this.invoices.recordPayment(
      cooperativeId,
      { invoiceId: item.invoiceId, amountCents: line.amountCents, paidOn: line.bookingDate, method: 'sepa', debitAccountCode: account.ledgerAccountCode, idempotencyKey: key, description: `Incasso ${line.endToEndId}` },
      null,
    );
    return this.statements.markMatched(cooperativeId, line.id, 'sepa_collection', { invoices: [{ invoiceId: item.invoiceId, amountCents: line.amountCents, key }], batchId: item.batchId }, null);
  }

  /** Rule 2b: a collection credited gross in one line: book the whole batch. */
  private async bySepaBatch(cooperativeId: CooperativeId, line: StatementLine): Promise<boolean> {
    const batchId = await this.batches.exportedBatchFor(cooperativeId, [line.batchRef, line.remittance, line.endToEndId].filter(Boolean).join(' ') || null, line.amountCents);
    if (!batchId) return false;
    await this.batchService.book(cooperativeId, batchId, line.bookingDate);
    return this.statements.markMatched(cooperativeId, line.id, 'sepa_batch', { batchId }, null);
  }

  /** Rule 3 (money out): a direct debit sent back, with the bank's reason. */
  private async sepaReturn(cooperativeId: CooperativeId, line: StatementLine, account: BankAccount): Promise<boolean> {
    const item = line.returnReason && line.endToEndId ? await this.batches.itemByEndToEnd(cooperativeId, line.endToEndId) : null;
    if (!item || item.amountCents !== -line.amountCents) return false;
    const reason = line.returnReason as string;
    await this.batches.markReturned(cooperativeId, item.itemId, reason, line.bookingDate);
    await this.invoices.recordRefund(
      cooperativeId,
      { invoiceId: item.invoiceId, amountCents: -line.amountCents, refundedOn: line.bookingDate, method: 'sepa', creditAccountCode: account.ledgerAccountCode, idempotencyKey: lineKey(line.id), description: `Incasso ${line.endToEndId} teruggeboekt (${reason})` },
      null,
    );
    const revoked = MANDATE_VOID.has(reason) ? await this.mandates.revokeOnReturn(cooperativeId, item.mandateId, reason, line.bookingDate) : false;
    return this.statements.markMatched(cooperativeId, line.id, 'sepa_return', { invoices: [{ invoiceId: item.invoiceId, amountCents: line.amountCents, key: lineKey(line.id) }], reason, mandateRevoked: revoked }, null);
  }

  /** Rule 4: a Stripe payout, booked already from its webhook: the line only confirms it. */
  private async byStripePayout(cooperativeId: CooperativeId, line: StatementLine): Promise<boolean> {
    const payout = /\bpo_[A-Za-z0-9]{8,}\b/.exec(`${line.remittance ?? ''} ${line.endToEndId ?? ''}`)?.[0];
    if (!payout || !(await this.ledger.hasEntry(cooperativeId, `stripe:payout:${payout}`))) return false;
    return this.statements.markMatched(cooperativeId, line.id, 'stripe_payout', { payoutId: payout }, null);
  }

  /** Rule 5: from the account of a member's mandate, exactly the open amount of one of their invoices. */
  private async byIbanAndAmount(cooperativeId: CooperativeId, line: StatementLine, account: BankAccount): Promise<boolean> {
    if (!line.counterpartyIban) return false;
    const members = await this.mandates.membersWithIban(cooperativeId, line.counterpartyIban);
    const fitting = (await this.invoices.openOfMembers(cooperativeId, members)).filter((i) => i.amountCents - i.paidCents === line.amountCents);
    if (fitting.length !== 1) return false;
    await this.pay(cooperativeId, line, account, fitting[0], line.amountCents, lineKey(line.id), null);
    return this.statements.markMatched(cooperativeId, line.id, 'invoice_iban_amount', { invoices: [{ invoiceId: fitting[0].id, number: fitting[0].number, amountCents: line.amountCents, key: lineKey(line.id) }] }, null);
  }

  /**
   * Rule 6: the account of a registered donor, or one whose earlier transfers the treasurer booked as gifts.
   * A registered donor's line is also recorded as their donation, under the line's key (so only once).
   */
  private async byKnownDonor(cooperativeId: CooperativeId, line: StatementLine, account: BankAccount): Promise<boolean> {
    if (!line.counterpartyIban) return false;
    const donor = await this.donations.donorByIban(cooperativeId, line.counterpartyIban);
    if (!donor && !(await this.statements.knownDonor(cooperativeId, line.counterpartyIban, DONATIONS))) return false;
    const entryId = await this.post(cooperativeId, line, account, DONATIONS, `Gift ${donor?.name ?? line.counterpartyName ?? line.counterpartyIban}`, null);
    if (!(await this.statements.markMatched(cooperativeId, line.id, 'donation', { accountCode: DONATIONS, key: lineKey(line.id), donorId: donor?.id ?? null }, null))) return false;
    if (donor) {
      await this.donations.insertDonation(
        cooperativeId,
        { donorId: donor.id, amountCents: line.amountCents, receivedOn: line.bookingDate, channel: 'bank_transfer', fundId: null, pledgeId: null, ledgerKey: lineKey(line.id), entryId, statementLineId: line.id },
        null,
      );
    }
    return true;
  }

  /** Ranked open invoices for a line on the worklist. */
  async suggestions(cooperativeId: CooperativeId, line: StatementLine): Promise<Suggestion[]> {
    if (line.amountCents <= 0) return [];
    const text = `${line.remittance ?? ''} ${line.structuredReference ?? ''}`;
    const payer = (line.counterpartyName ?? '').toLowerCase();
    const members = line.counterpartyIban ? new Set(await this.mandates.membersWithIban(cooperativeId, line.counterpartyIban)) : new Set<string>();
    return (await this.invoices.suggestions(cooperativeId, { amountCents: line.amountCents, text, name: line.counterpartyName }))
      .map((i) => {
        const why: string[] = [];
        const open = i.amountCents - i.paidCents;
        if (open === line.amountCents) why.push('amount');
        if (text.includes(i.number)) why.push('invoice number in the description');
        const name = (i.billedTo.name ?? '').toLowerCase();
        if (name && payer && (payer.includes(name) || name.split(' ').some((part) => part.length > 2 && payer.includes(part)))) why.push('payer’s name');
        if (members.has(i.memberId)) why.push('payer’s account');
        const score = (why.includes('amount') ? 3 : 0) + (why.includes('invoice number in the description') ? 4 : 0) + (why.includes('payer’s name') ? 2 : 0) + (why.includes('payer’s account') ? 2 : 0);
        return { invoiceId: i.id, number: i.number, memberName: i.billedTo.name, openCents: open, score, why };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.number.localeCompare(b.number))
      .slice(0, 5);
  }

  /** By hand: the line pays one or more invoices; the parts add up to the line. */
  async matchToInvoices(actor: Actor, cooperativeId: CooperativeId, lineId: string, parts: Array<{ invoiceId: string; amountCents: number }>): Promise<StatementLine> {
    const { line, account } = await this.open(cooperativeId, lineId);
    if (line.amountCents <= 0) throw new StatementError(StatementErrorCode.SplitMismatch, 'Only money received can pay invoices; book money out to an account', 'allocations');
    const total = parts.reduce((sum, p) => sum + p.amountCents, 0);
    if (total !== line.amountCents) throw new StatementError(StatementErrorCode.SplitMismatch, `The parts add up to ${total} cents; the line is ${line.amountCents}`, 'allocations');
    const booked: Array<Record<string, unknown>> = [];
    for (const [n, part] of parts.entries()) {
      const key = lineKey(line.id, n + 1);
      const invoice = await this.invoices.detail(cooperativeId, part.invoiceId);
      await this.pay(cooperativeId, line, account, invoice.invoice, part.amountCents, key, actor.userId);
      booked.push({ invoiceId: part.invoiceId, number: invoice.invoice.number, amountCents: part.amountCents, key });
    }
    await this.claim(cooperativeId, line.id, parts.length > 1 ? 'split' : 'invoice_manual', { invoices: booked }, actor);
    return (await this.statements.line(cooperativeId, line.id)) as StatementLine;
  }

  /** By hand: book the line on an account (a gift, bank costs, a grant tranche), optionally for an earmarked fund. */
  async assignToAccount(actor: Actor, cooperativeId: CooperativeId, lineId: string, input: { accountCode: string; description: string; fundId?: string }): Promise<StatementLine> {
    const { line, account } = await this.open(cooperativeId, lineId);
    if (input.accountCode === account.ledgerAccountCode) throw new StatementError(StatementErrorCode.AccountNotAllowed, 'Book the line on another account than the bank itself', 'accountCode');
    await this.post(cooperativeId, line, account, input.accountCode, input.description, actor.userId, input.fundId);
    await this.claim(cooperativeId, line.id, 'account', { accountCode: input.accountCode, fundId: input.fundId ?? null, key: lineKey(line.id) }, actor);
    return (await this.statements.line(cooperativeId, line.id)) as StatementLine;
  }

  async dismiss(actor: Actor, cooperativeId: CooperativeId, lineId: string, reason: string): Promise<StatementLine> {
    const { line } = await this.open(cooperativeId, lineId);
    if (!(await this.statements.markDismissed(cooperativeId, line.id, reason, actor.userId))) throw new StatementError(StatementErrorCode.LineNotOpen, 'This line was explained or dismissed meanwhile');
    await this.audit.record({ action: 'statement_line.dismiss', objectType: 'statement_line', objectId: line.id, details: { reason } });
    return (await this.statements.line(cooperativeId, line.id)) as StatementLine;
  }

  /** Takes an explanation back: its ledger entries are reversed, invoice payments undone, and the line is open again. */
  async undo(actor: Actor, cooperativeId: CooperativeId, lineId: string): Promise<StatementLine> {
    const line = await this.statements.line(cooperativeId, lineId);
    if (!line) throw new StatementError(StatementErrorCode.LineNotFound, 'Statement line was not found');
    if (line.status === 'unmatched') throw new StatementError(StatementErrorCode.LineNotMatched, 'This line is not explained: there is nothing to undo');
    const details = line.matchDetails ?? {};
    if (!['invoice_reference', 'invoice_iban_amount', 'invoice_manual', 'split', 'account', 'donation'].includes(line.matchKind ?? '') && line.status === 'matched') {
      throw new StatementError(StatementErrorCode.LineNotMatched, `A ${line.matchKind} match is settled through its collection or payout; it cannot be undone from the bank line`);
    }
    for (const part of (details.invoices as Array<{ key: string }> | undefined) ?? []) await this.invoices.undoPayment(cooperativeId, part.key, actor.userId);
    if (typeof details.key === 'string' && !details.invoices) {
      await this.ledger.reverseByKey(cooperativeId, details.key, actor.userId, `Ongedaan gemaakt: bankregel ${line.bookingDate}`);
      // A gift recorded from this line goes with its booking.
      await this.donations.cancelByLedgerKey(cooperativeId, details.key, 'Bankregel ongedaan gemaakt');
    }
    await this.statements.markUnmatched(cooperativeId, line.id);
    await this.audit.record({ action: 'statement_line.undo', objectType: 'statement_line', objectId: line.id, details: { kind: line.matchKind } });
    return (await this.statements.line(cooperativeId, line.id)) as StatementLine;
  }

  private async open(cooperativeId: CooperativeId, lineId: string): Promise<{ line: StatementLine; account: BankAccount }> {
    const line = await this.statements.line(cooperativeId, lineId);
    if (!line) throw new StatementError(StatementErrorCode.LineNotFound, 'Statement line was not found');
    if (line.status !== 'unmatched') throw new StatementError(StatementErrorCode.LineNotOpen, `This line is ${line.status} already; undo that first`);
    return { line, account: (await this.statements.findAccount(cooperativeId, line.bankAccountId)) as BankAccount };
  }

  private async claim(cooperativeId: CooperativeId, lineId: string, kind: string, details: Record<string, unknown>, actor: Actor): Promise<void> {
    // Two treasurers on one line: the second's entries roll back with this error.
    if (!(await this.statements.markMatched(cooperativeId, lineId, kind, details, actor.userId))) throw new StatementError(StatementErrorCode.LineNotOpen, 'This line was explained meanwhile');
    await this.audit.record({ action: 'statement_line.match', objectType: 'statement_line', objectId: lineId, details: { kind } });
  }

  private pay(cooperativeId: CooperativeId, line: StatementLine, account: BankAccount, invoice: Invoice, amountCents: number, key: string, createdBy: string | null) {
    return this.invoices.recordPayment(
      cooperativeId,
      {
        invoiceId: invoice.id,
        amountCents,
        paidOn: line.bookingDate,
        method: 'bank_transfer',
        debitAccountCode: account.ledgerAccountCode,
        idempotencyKey: key,
        description: paymentText(invoice.number, line.counterpartyName),
      },
      createdBy,
    );
  }

  /** Returns the entry's id. */
  private async post(cooperativeId: CooperativeId, line: StatementLine, account: BankAccount, accountCode: string, description: string, createdBy: string | null, fundId?: string): Promise<string> {
    const ids = await this.ledger.accountIdsByCode(cooperativeId, [account.ledgerAccountCode, accountCode]);
    const posted = await this.ledger.post(
      cooperativeId,
      {
        entryDate: await this.ledger.openDay(cooperativeId, line.bookingDate),
        description,
        idempotencyKey: lineKey(line.id),
        lines: [
          { accountId: ids[account.ledgerAccountCode], amountCents: line.amountCents },
          { accountId: ids[accountCode], amountCents: -line.amountCents, fundId: fundId ?? null },
        ],
      },
      createdBy,
    );
    return posted.entry.id;
  }
}
