import { Injectable } from '@nestjs/common';
import { Clock, CooperativeId, addDays, dutchDate } from '@buurtcoop/core';
import { ExchangeEvent, ExchangeEventsService } from '@buurtcoop/exchange';
import { InvoicesService, PAYMENT_TERM_DAYS } from './invoices.service';
import { DraftLine, InvoiceDraft } from './invoices.repository';

/** Eigen bijdragen: the income account of what residents pay for the services they book. */
const CONTRIBUTIONS_ACCOUNT = '8100';
/** Events billed per transaction. */
const BATCH = 500;

const cents = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0);

function linesFor(event: ExchangeEvent): DraftLine[] {
  const day = dutchDate(event.occurredAt).split('-').reverse().join('-');
  if (event.kind === 'booking.late_cancellation') {
    return [{ description: `Annuleringskosten: dienst te laat afgezegd (${day})`, amountCents: event.amountCents, accountCode: CONTRIBUTIONS_ACCOUNT, bookingId: event.bookingId }];
  }
  const contribution = cents(event.details.contributionCents);
  const materials = cents(event.details.materialCents);
  // The event's amount is what the consumer owes; the split is there to show on the invoice.
  if (contribution + materials !== event.amountCents) {
    return [{ description: `Eigen bijdrage dienst van ${day}`, amountCents: event.amountCents, accountCode: CONTRIBUTIONS_ACCOUNT, bookingId: event.bookingId }];
  }
  return [
    ...(contribution > 0 ? [{ description: `Eigen bijdrage dienst van ${day}${event.details.reducedTariff ? ' (verlaagd tarief)' : ''}`, amountCents: contribution, accountCode: CONTRIBUTIONS_ACCOUNT, bookingId: event.bookingId }] : []),
    ...(materials > 0 ? [{ description: `Materialen dienst van ${day}`, amountCents: materials, accountCode: CONTRIBUTIONS_ACCOUNT, bookingId: event.bookingId }] : []),
  ];
}

/**
 * Turns the exchange's money events (a completed booking's contribution, a late-cancellation fee) into
 * invoices for the consumer. The event id is the invoice's source key, so an event is billed once even
 * if marking it processed were lost.
 */
@Injectable()
export class ExchangeInvoicing {
  constructor(
    private readonly events: ExchangeEventsService,
    private readonly invoices: InvoicesService,
    private readonly clock: Clock,
  ) {}

  /** Bills one batch of pending events in the caller's transaction; returns how many invoices it issued. */
  async invoicePending(cooperativeId: CooperativeId): Promise<{ events: number; invoices: number }> {
    const events = await this.events.pending(cooperativeId, BATCH);
    if (events.length === 0) return { events: 0, invoices: 0 };
    const today = dutchDate(this.clock.now());
    const drafts: InvoiceDraft[] = events
      .filter((e) => e.amountCents > 0)
      .map((e) => ({
        memberId: e.consumerMemberId,
        kind: e.kind === 'booking.completed' ? ('contribution' as const) : ('late_cancellation_fee' as const),
        sourceKey: `exchange-event:${e.id}`,
        dueDate: addDays(today, PAYMENT_TERM_DAYS),
        lines: linesFor(e),
      }));
    const issued = await this.invoices.issue(cooperativeId, today, drafts, null);
    await this.events.markProcessed(cooperativeId, events.map((e) => e.id));
    return { events: events.length, invoices: issued.length };
  }
}
