import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Cooperative, CooperativeId, UnitOfWork, parseEuroAmount } from '@buurtcoop/core';
import { PaymentsError, PaymentsErrorCode } from '../stripe/payments.errors';
import { StripeGateway } from '../stripe/stripe.gateway';
import { StripeRepository } from '../stripe/stripe.repository';
import { DonationCheckoutDto } from './dto/donation-checkout.dto';

export const MIN_DONATION_CENTS = 100;
export const MAX_DONATION_CENTS = 1_000_000;
/** A client's key for one donation attempt: a retried click gives the same payment page, not a second one. */
const CLIENT_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** Anyone can give to a cooperative by iDEAL or card; the gift is booked when Stripe reports it paid. */
@Injectable()
export class DonationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly stripe: StripeRepository,
    private readonly gateway: StripeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkout(cooperativeId: CooperativeId, dto: DonationCheckoutDto, clientKey: string | undefined): Promise<{ url: string }> {
    if (!this.gateway.configured) throw PaymentsError.notConfigured();
    if (clientKey !== undefined && !CLIENT_KEY.test(clientKey)) {
      throw new PaymentsError(PaymentsErrorCode.IdempotencyKeyInvalid, 'Idempotency-Key must be 8 to 100 letters, digits, "-" or "_" (e.g. a UUID)', 'Idempotency-Key');
    }
    const amountCents = this.amountOf(dto);
    const { name, accountId } = await this.uow.run({ cooperativeId }, async () => {
      const cooperative = await this.uow.manager().getRepository(Cooperative).findOneBy({ id: cooperativeId });
      if (!cooperative) throw new PaymentsError(PaymentsErrorCode.CooperativeNotFound, 'Cooperative was not found');
      const account = await this.stripe.account(cooperativeId);
      if (!account) throw new PaymentsError(PaymentsErrorCode.NoStripeAccount, `${cooperative.name} does not take gifts by iDEAL or card yet; a bank transfer is welcome`);
      return { name: cooperative.name, accountId: account.accountId };
    });
    // The Stripe call is made outside any transaction: nothing waits on the network with a connection held.
    const base = this.config.publicUrl.replace(/\/$/, '');
    const session = await this.gateway.createCheckoutSession(
      {
        stripeAccount: accountId,
        amountCents,
        description: `Gift aan ${name}`,
        customerEmail: dto.email,
        metadata: { purpose: 'donation', cooperative_id: cooperativeId, donor_name: dto.donorName, ...(dto.message ? { message: dto.message } : {}) },
        successUrl: `${base}/doneren/bedankt?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${base}/doneren`,
      },
      `donation:${cooperativeId}:${clientKey ?? randomUUID()}`,
    );
    return { url: session.url };
  }

  private amountOf(dto: DonationCheckoutDto): number {
    if ((dto.amountCents === undefined) === (dto.amount === undefined)) {
      throw new PaymentsError(PaymentsErrorCode.AmountOutOfRange, 'Give the amount once: amountCents (in cents) or amount (in euros)', 'amount');
    }
    let cents: number;
    try {
      cents = dto.amountCents ?? parseEuroAmount(dto.amount as string);
    } catch (error) {
      throw new PaymentsError(PaymentsErrorCode.AmountOutOfRange, (error as Error).message, 'amount');
    }
    if (cents < MIN_DONATION_CENTS || cents > MAX_DONATION_CENTS) {
      throw new PaymentsError(PaymentsErrorCode.AmountOutOfRange, 'A gift is from €1 to €10.000', dto.amountCents !== undefined ? 'amountCents' : 'amount');
    }
    return cents;
  }
}
