import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Actor, AppConfig, CooperativeId, UnitOfWork, asUserId } from '@buurtcoop/core';
import { InvoicesService } from '../invoices/invoices.service';
import { InvoiceError, InvoiceErrorCode } from '../invoices/invoices.errors';
import { PaymentsError, PaymentsErrorCode } from './payments.errors';
import { StripeGateway } from './stripe.gateway';
import { StripeRepository } from './stripe.repository';

/** A member pays one of their own invoices by iDEAL or card; the webhook books it when Stripe reports it paid. */
@Injectable()
export class InvoiceCheckoutService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly invoices: InvoicesService,
    private readonly stripe: StripeRepository,
    private readonly gateway: StripeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkout(actor: Actor, cooperativeId: CooperativeId, invoiceId: string): Promise<{ url: string }> {
    const { invoice, accountId } = await this.uow.run({ cooperativeId, userId: asUserId(actor.userId) }, async () => {
      // Looked up first: an invoice that is not the caller's is not found, whatever the installation can take.
      const { invoice } = await this.invoices.ownDetail(actor, cooperativeId, invoiceId);
      if (!this.gateway.configured) throw PaymentsError.notConfigured();
      if (invoice.status !== 'open' || invoice.amountCents - invoice.paidCents <= 0) {
        throw new InvoiceError(InvoiceErrorCode.NotPayable, `Invoice ${invoice.number} is ${invoice.status === 'cancelled' ? 'cancelled' : 'paid'}: there is nothing to pay`);
      }
      const account = await this.stripe.account(cooperativeId);
      if (!account) throw new PaymentsError(PaymentsErrorCode.NoStripeAccount, 'This cooperative does not take iDEAL or card payments yet; pay by bank transfer with the payment reference on the invoice');
      return { invoice, accountId: account.accountId };
    });
    const openCents = invoice.amountCents - invoice.paidCents;
    const base = this.config.publicUrl.replace(/\/$/, '');
    // The same open amount gives the same payment page on a retried click; a partial payment since makes a new one.
    const session = await this.gateway.createCheckoutSession(
      {
        stripeAccount: accountId,
        amountCents: openCents,
        description: `Factuur ${invoice.number}`,
        customerEmail: invoice.billedTo.email ?? undefined,
        metadata: { purpose: 'invoice', cooperative_id: cooperativeId, invoice_id: invoice.id, member_id: invoice.memberId },
        successUrl: `${base}/mijn/facturen/${invoice.id}?betaald=1`,
        cancelUrl: `${base}/mijn/facturen/${invoice.id}`,
      },
      `invoice-checkout:${cooperativeId}:${invoice.id}:${openCents}`,
    );
    return { url: session.url };
  }
}
