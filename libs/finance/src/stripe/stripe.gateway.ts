import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, AppConfig } from '@buurtcoop/core';
import { PaymentsError, PaymentsErrorCode } from './payments.errors';

export type StripeEvent = Stripe.Event;
export type StripeCheckoutSession = Stripe.Checkout.Session;
export type StripeCharge = Stripe.Charge;
export type StripeRefund = Stripe.Refund;
export type StripePayout = Stripe.Payout;

export interface CheckoutRequest {
  /** The cooperative's connected account (`acct_…`): the payment is taken there. */
  stripeAccount: string;
  amountCents: number;
  /** What the payer sees on the payment page. */
  description: string;
  customerEmail?: string;
  /** Copied to the session and its PaymentIntent; the webhook books by it. */
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
}

export interface BalanceTransaction {
  id: string;
  type: string;
  /** Gross amount in cents (negative for refunds). */
  amountCents: number;
  feeCents: number;
  netCents: number;
}

/**
 * The only code that talks to Stripe. Every write names the connected account and carries an
 * idempotency key, so the SDK's own retries (and ours) cannot take a payment twice.
 */
@Injectable()
export class StripeGateway {
  private readonly client: Stripe | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { secretKey, apiUrl } = config.stripe;
    this.client = secretKey ? new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: 'Buurtcoop' }, ...endpoint(apiUrl) }) : null;
  }

  get configured(): boolean {
    return this.client !== null && this.config.stripe.webhookSecret !== undefined;
  }

  async createCheckoutSession(request: CheckoutRequest, idempotencyKey: string): Promise<{ id: string; url: string }> {
    const session = await this.call(() =>
      this.stripe().checkout.sessions.create(
        {
          mode: 'payment',
          // This API version replaced `payment_method_types` by this filter on the eligible methods.
          allowed_payment_method_types: ['ideal', 'card'],
          line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: request.amountCents, product_data: { name: request.description } } }],
          customer_email: request.customerEmail,
          metadata: request.metadata,
          // A refund arrives as a charge event: the PaymentIntent (and its charge) carry the same metadata.
          payment_intent_data: { description: request.description, metadata: request.metadata },
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          locale: 'nl',
        },
        { stripeAccount: request.stripeAccount, idempotencyKey },
      ),
    );
    if (!session.url) throw new PaymentsError(PaymentsErrorCode.ProviderFailed, 'Stripe returned a checkout session without a payment page');
    return { id: session.id, url: session.url };
  }

  /** Every balance transaction a payout paid out (all pages), without the payout's own transaction. */
  async payoutBalanceTransactions(stripeAccount: string, payoutId: string): Promise<BalanceTransaction[]> {
    return this.call(async () => {
      const found: BalanceTransaction[] = [];
      for await (const t of this.stripe().balanceTransactions.list({ payout: payoutId, limit: 100 }, { stripeAccount })) {
        if (t.type === 'payout') continue;
        found.push({ id: t.id, type: t.type, amountCents: t.amount, feeCents: t.fee, netCents: t.net });
      }
      return found;
    });
  }

  /** The refunds of a charge (all pages): event payloads no longer include them by default. */
  async chargeRefunds(stripeAccount: string, chargeId: string): Promise<StripeRefund[]> {
    return this.call(async () => {
      const found: StripeRefund[] = [];
      for await (const r of this.stripe().refunds.list({ charge: chargeId, limit: 100 }, { stripeAccount })) found.push(r);
      return found;
    });
  }

  /** Checks the signature over the exact bytes received, and the timestamp (5 minutes' tolerance). */
  verifyEvent(rawBody: Buffer | undefined, signatureHeader: string | undefined, now: Date): StripeEvent {
    const secret = this.config.stripe.webhookSecret;
    if (!this.client || !secret) throw PaymentsError.notConfigured();
    if (!rawBody || !signatureHeader) throw new PaymentsError(PaymentsErrorCode.SignatureInvalid, 'A Stripe-Signature header and the signed body are required');
    try {
      return this.client.webhooks.constructEvent(rawBody, signatureHeader, secret, 300, undefined, now.getTime());
    } catch (error) {
      throw new PaymentsError(PaymentsErrorCode.SignatureInvalid, `The webhook signature does not verify: ${(error as Error).message}`);
    }
  }

  private stripe(): Stripe {
    if (!this.client) throw PaymentsError.notConfigured();
    return this.client;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        throw new PaymentsError(PaymentsErrorCode.ProviderFailed, `Stripe did not accept the request (${error.type}${error.code ? `, ${error.code}` : ''}); try again later`, undefined, {
          stripeRequestId: error.requestId,
        });
      }
      throw error;
    }
  }
}

function endpoint(apiUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}
