import { Injectable, Logger } from '@nestjs/common';
import { Clock, CooperativeId, UnitOfWork, dutchDate, isUuid } from '@buurtcoop/core';
import { DonationsRepository } from '../donations/donations.repository';
import { FundsRepository } from '../funds/funds.repository';
import { LedgerService } from '../ledger/ledger.service';
import { InvoicePayments } from '../invoices/invoice-payments.port';
import { StripeEventOutcome } from './entities/stripe-event.entity';
import { PaymentsError, PaymentsErrorCode } from './payments.errors';
import { BalanceTransaction, StripeCharge, StripeCheckoutSession, StripeEvent, StripeGateway, StripePayout, StripeRefund } from './stripe.gateway';
import { StripeRepository } from './stripe.repository';

const BANK = '1100';
const STRIPE_CLEARING = '1150';
const FEES = '4200';
const DONATIONS = '8200';

export interface WebhookReceipt {
  eventId: string;
  outcome: StripeEventOutcome;
  /** True when this delivery found the event recorded already (a retry or a parallel delivery). */
  duplicate: boolean;
}

/** What an event needs from Stripe, fetched before the transaction opens: no transaction waits on the network. */
interface Fetched {
  payoutTransactions?: BalanceTransaction[];
  refunds?: StripeRefund[];
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));
const dayOf = (unixSeconds: number) => dutchDate(new Date(unixSeconds * 1000));

/**
 * Books Stripe's signed events in the cooperative's ledger. Each event is recorded and booked in
 * one transaction; the event id, the PaymentIntent and the ledger's idempotency keys make repeated,
 * parallel and out-of-order deliveries harmless.
 */
@Injectable()
export class StripeWebhooksService {
  private readonly logger = new Logger(StripeWebhooksService.name);

  constructor(
    private readonly gateway: StripeGateway,
    private readonly stripe: StripeRepository,
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly invoicePayments: InvoicePayments,
    private readonly clock: Clock,
    private readonly donations: DonationsRepository,
    private readonly funds: FundsRepository,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookReceipt> {
    const event = this.gateway.verifyEvent(rawBody, signature, this.clock.now());
    const account = event.account;
    // Routing needs the account's owner before any tenant is known: a lookup as the owner, nothing else.
    const cooperativeId = account ? await this.uow.run({ as: 'owner' }, () => this.stripe.cooperativeOfAccount(account)) : null;
    if (!account || !cooperativeId) {
      this.logger.warn({ eventId: event.id, type: event.type, account: account ?? null }, 'Stripe event for no known cooperative ignored');
      return { eventId: event.id, outcome: 'ignored', duplicate: false };
    }
    const recorded = await this.uow.run({ cooperativeId }, () => this.stripe.eventOutcome(cooperativeId, event.id));
    if (recorded) return { eventId: event.id, outcome: recorded, duplicate: true };

    const fetched = await this.fetch(account, event);
    return this.uow.runWithRetry({ cooperativeId }, async () => {
      // Parallel deliveries wait here on the key of the first; only the inserter books.
      if (!(await this.stripe.insertEvent(cooperativeId, { eventId: event.id, type: event.type, receivedAt: this.clock.now() }))) {
        return { eventId: event.id, outcome: (await this.stripe.eventOutcome(cooperativeId, event.id)) ?? 'processed', duplicate: true };
      }
      const outcome = await this.apply(cooperativeId, event, fetched);
      await this.stripe.setOutcome(cooperativeId, event.id, outcome);
      return { eventId: event.id, outcome, duplicate: false };
    });
  }

  private async fetch(account: string, event: StripeEvent): Promise<Fetched> {
    if (event.type === 'payout.paid') return { payoutTransactions: await this.gateway.payoutBalanceTransactions(account, event.data.object.id) };
    if (event.type === 'charge.refunded') {
      const charge = event.data.object;
      // Since API version 2022-11-15 a charge no longer lists its refunds unless expanded.
      return { refunds: charge.refunds?.data ?? (await this.gateway.chargeRefunds(account, charge.id)) };
    }
    return {};
  }

  private apply(cooperativeId: CooperativeId, event: StripeEvent, fetched: Fetched): Promise<StripeEventOutcome> {
    switch (event.type) {
      case 'checkout.session.completed':
        // An iDEAL or card payment is paid at once; a delayed method completes unpaid and succeeds later.
        return event.data.object.payment_status === 'paid' ? this.bookPayment(cooperativeId, event.data.object, event) : Promise.resolve('ignored');
      case 'checkout.session.async_payment_succeeded':
        return this.bookPayment(cooperativeId, event.data.object, event);
      case 'checkout.session.async_payment_failed':
        return Promise.resolve('payment_failed');
      case 'charge.refunded':
        return this.bookRefunds(cooperativeId, event.data.object, fetched.refunds ?? [], event);
      case 'payout.paid':
        return this.bookPayout(cooperativeId, event.data.object, fetched.payoutTransactions ?? [], event);
      default:
        return Promise.resolve('ignored');
    }
  }

  private async bookPayment(cooperativeId: CooperativeId, session: StripeCheckoutSession, event: StripeEvent): Promise<StripeEventOutcome> {
    const meta = session.metadata ?? {};
    const paymentIntentId = idOf(session.payment_intent);
    const amountCents = session.amount_total ?? 0;
    const purpose = meta.purpose === 'donation' || meta.purpose === 'invoice' ? meta.purpose : null;
    const invoiceId = meta.invoice_id && isUuid(meta.invoice_id) ? meta.invoice_id : null;
    const memberId = meta.member_id && isUuid(meta.member_id) ? meta.member_id : null;
    if (!purpose || meta.cooperative_id !== cooperativeId || !paymentIntentId || session.currency !== 'eur' || amountCents <= 0 || (purpose === 'invoice' && !invoiceId)) {
      // Not a session this product created for this cooperative (another integration on the same account).
      this.logger.warn({ eventId: event.id, session: session.id, purpose: meta.purpose ?? null }, 'Stripe checkout session not booked: not one of ours');
      return 'ignored';
    }
    const paidOn = await this.ledger.openDay(cooperativeId, dayOf(event.created));
    const first = await this.stripe.insertPayment(cooperativeId, { paymentIntentId, checkoutSessionId: session.id, purpose, invoiceId, memberId, amountCents, paidOn });
    // `completed` and `async_payment_succeeded` can both report one payment: the first books it.
    if (!first) return 'already_applied';
    const idempotencyKey = `stripe:payment:${paymentIntentId}`;
    if (purpose === 'invoice') {
      await this.invoicePayments.recordPayment(
        cooperativeId,
        { invoiceId: invoiceId as string, amountCents, paidOn, method: 'stripe', debitAccountCode: STRIPE_CLEARING, idempotencyKey, description: `Betaling factuur via Stripe (${paymentIntentId})`, memberId },
        null,
      );
    } else {
      const fundId = await this.earmark(cooperativeId, meta.fund_id, event);
      const entryId = await this.post(cooperativeId, paidOn, `Gift via Stripe (${paymentIntentId})`, idempotencyKey, [
        [STRIPE_CLEARING, amountCents, null],
        [DONATIONS, -amountCents, null, fundId],
      ]);
      await this.recordDonation(cooperativeId, session, { amountCents, paidOn, fundId, ledgerKey: idempotencyKey, entryId });
    }
    return 'processed';
  }

  /** The fund the checkout named, checked when the session was made; one removed since is logged, not booked on. */
  private async earmark(cooperativeId: CooperativeId, fundId: string | undefined, event: StripeEvent): Promise<string | null> {
    if (!fundId) return null;
    if (isUuid(fundId) && (await this.funds.get(cooperativeId, fundId))) return fundId;
    this.logger.warn({ eventId: event.id, fundId }, 'Stripe gift names a fund this cooperative does not have; booked without earmark');
    return null;
  }

  /** The gift in the donor register: for the donor the checkout named, else the one with the payer's e-mail (registered now if new). */
  private async recordDonation(cooperativeId: CooperativeId, session: StripeCheckoutSession, gift: { amountCents: number; paidOn: string; fundId: string | null; ledgerKey: string; entryId: string }): Promise<void> {
    const meta = session.metadata ?? {};
    const named = meta.donor_id && isUuid(meta.donor_id) ? await this.donations.donor(cooperativeId, meta.donor_id) : null;
    const email = session.customer_details?.email ?? session.customer_email ?? null;
    const name = (meta.donor_name || session.customer_details?.name || 'Anonieme gever').trim();
    const donor =
      named ??
      (email
        ? await this.donations.personByEmail(cooperativeId, name, email.trim().toLowerCase())
        : await this.donations.insertDonor(cooperativeId, { kind: 'person', name, contactPerson: null, email: null, street: null, postcode: null, city: null, iban: null, memberId: null, publicConsent: false }, null));
    if (!donor) return;
    const pledge = meta.pledge_id && isUuid(meta.pledge_id) ? await this.donations.pledge(cooperativeId, meta.pledge_id) : null;
    await this.donations.insertDonation(
      cooperativeId,
      { donorId: donor.id, amountCents: gift.amountCents, receivedOn: gift.paidOn, channel: 'stripe', fundId: gift.fundId, pledgeId: pledge?.donorId === donor.id ? pledge.id : null, ledgerKey: gift.ledgerKey, entryId: gift.entryId, statementLineId: null },
      null,
    );
  }

  private async bookRefunds(cooperativeId: CooperativeId, charge: StripeCharge, refunds: StripeRefund[], event: StripeEvent): Promise<StripeEventOutcome> {
    const paymentIntentId = idOf(charge.payment_intent);
    const payment = paymentIntentId ? await this.stripe.payment(cooperativeId, paymentIntentId) : null;
    if (!payment) {
      // Refund events can overtake the payment's; rolling back and answering 409 makes Stripe deliver it again later.
      throw new PaymentsError(PaymentsErrorCode.PaymentNotYetRecorded, `The payment ${paymentIntentId ?? charge.id} of this refund is not booked yet; deliver the event again later`);
    }
    const refundedOn = await this.ledger.openDay(cooperativeId, dayOf(event.created));
    const gift = payment.purpose === 'donation' ? await this.donations.donationByLedgerKey(cooperativeId, `stripe:payment:${paymentIntentId}`) : null;
    for (const refund of refunds.filter((r) => r.status === 'succeeded' || r.status === 'pending')) {
      const idempotencyKey = `stripe:refund:${refund.id}`;
      if (payment.purpose === 'invoice') {
        await this.invoicePayments.recordRefund(
          cooperativeId,
          { invoiceId: payment.invoiceId as string, amountCents: refund.amount, refundedOn, method: 'stripe', creditAccountCode: STRIPE_CLEARING, idempotencyKey, description: `Terugbetaling factuur via Stripe (${refund.id})`, memberId: payment.memberId },
          null,
        );
      } else {
        // The refund gives back earmarked money: it comes off the fund the gift went to.
        await this.post(cooperativeId, refundedOn, `Terugbetaling gift via Stripe (${refund.id})`, idempotencyKey, [
          [DONATIONS, refund.amount, null, gift?.fundId ?? null],
          [STRIPE_CLEARING, -refund.amount, null],
        ]);
      }
    }
    // A charge lists all its refunds so far: once they cover the gift, the gift no longer stands in the register.
    const refundedCents = refunds.filter((r) => r.status === 'succeeded' || r.status === 'pending').reduce((sum, r) => sum + r.amount, 0);
    if (gift && refundedCents >= gift.amountCents) {
      await this.donations.cancelByLedgerKey(cooperativeId, gift.ledgerKey, `Terugbetaald via Stripe (${refunds.map((r) => r.id).join(', ')})`);
    }
    return 'processed';
  }

  private async bookPayout(cooperativeId: CooperativeId, payout: StripePayout, transactions: BalanceTransaction[], event: StripeEvent): Promise<StripeEventOutcome> {
    const sum = (pick: (t: BalanceTransaction) => number) => transactions.reduce((total, t) => total + pick(t), 0);
    const gross = sum((t) => t.amountCents);
    const fees = sum((t) => t.feeCents);
    const net = sum((t) => t.netCents);
    if (payout.currency !== 'eur' || net !== payout.amount || gross - fees !== payout.amount) {
      this.logger.error({ eventId: event.id, payout: payout.id, payoutCents: payout.amount, netCents: net, grossCents: gross, feeCents: fees }, 'Stripe payout does not match its balance transactions; not booked');
      return 'payout_mismatch';
    }
    const lines: Array<[string, number, null]> = [
      [BANK, payout.amount, null],
      [FEES, fees, null],
      [STRIPE_CLEARING, -gross, null],
    ];
    const nonZero = lines.filter(([, amount]) => amount !== 0);
    if (nonZero.length < 2) return 'ignored';
    await this.post(cooperativeId, await this.ledger.openDay(cooperativeId, dayOf(payout.arrival_date)), `Uitbetaling Stripe ${payout.id}`, `stripe:payout:${payout.id}`, nonZero);
    return 'processed';
  }

  /** Lines as [account code, amount, member, fund]; returns the entry's id. */
  private async post(cooperativeId: CooperativeId, entryDate: string, description: string, idempotencyKey: string, lines: Array<[string, number, string | null, (string | null)?]>): Promise<string> {
    const ids = await this.ledger.accountIdsByCode(cooperativeId, lines.map(([code]) => code));
    const posted = await this.ledger.post(
      cooperativeId,
      { entryDate, description, idempotencyKey, lines: lines.map(([code, amountCents, memberId, fundId]) => ({ accountId: ids[code], amountCents, memberId, fundId: fundId ?? null })) },
      null,
    );
    return posted.entry.id;
  }
}
