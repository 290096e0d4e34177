import { DomainError } from '@buurtcoop/core';

export enum PaymentsErrorCode {
  NotConfigured = 'payments_not_configured',
  SignatureInvalid = 'webhook_signature_invalid',
  PaymentNotYetRecorded = 'payment_not_yet_recorded',
  ProviderFailed = 'payment_provider_failed',
  AccountIdInvalid = 'stripe_account_invalid',
  AccountTaken = 'stripe_account_taken',
  NoStripeAccount = 'stripe_account_missing',
  CooperativeNotFound = 'cooperative_not_found',
  AmountOutOfRange = 'amount_out_of_range',
  IdempotencyKeyInvalid = 'idempotency_key_invalid',
}

const STATUS: Record<PaymentsErrorCode, number> = {
  [PaymentsErrorCode.NotConfigured]: 503,
  [PaymentsErrorCode.SignatureInvalid]: 400,
  // Stripe redelivers an event it got no 2xx for: the refund is booked once its payment is.
  [PaymentsErrorCode.PaymentNotYetRecorded]: 409,
  [PaymentsErrorCode.ProviderFailed]: 502,
  [PaymentsErrorCode.AccountIdInvalid]: 422,
  [PaymentsErrorCode.AccountTaken]: 409,
  [PaymentsErrorCode.NoStripeAccount]: 409,
  [PaymentsErrorCode.CooperativeNotFound]: 404,
  [PaymentsErrorCode.AmountOutOfRange]: 422,
  [PaymentsErrorCode.IdempotencyKeyInvalid]: 400,
};

/** Errors of card and iDEAL payments, donations and Stripe webhooks. */
export class PaymentsError extends DomainError<PaymentsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }

  static notConfigured(): PaymentsError {
    return new PaymentsError(
      PaymentsErrorCode.NotConfigured,
      'Card and iDEAL payment is not configured for this installation. Members can still pay by SEPA direct debit, or by bank transfer with the payment reference.',
    );
  }
}
