import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { StripeAccount } from '../entities/stripe-account.entity';

export const STRIPE_ACCOUNT_ID = /^acct_[A-Za-z0-9]{8,64}$/;

export class SetStripeAccountDto {
  @ApiProperty({ description: 'The cooperative’s Stripe connected account id, from the Stripe dashboard', example: 'acct_1PzXyZ2eZvKYlo2C' })
  @Matches(STRIPE_ACCOUNT_ID, { message: 'accountId must be a Stripe account id: acct_ followed by letters and digits' })
  accountId: string;
}

export class StripeSettingsResponse {
  @ApiProperty({ nullable: true, type: String, description: 'The connected account payments are taken on; null: none recorded yet' }) accountId: string | null;
  @ApiProperty({ description: 'Whether this installation has Stripe keys; without them card and iDEAL payment is off' }) stripeConfigured: boolean;
  @ApiProperty({ description: 'The address to give Stripe as the webhook endpoint (Connect events)' }) webhookUrl: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the account was last set' }) updatedAt: string | null;
}

export function mapStripeSettings(account: StripeAccount | null, stripeConfigured: boolean, webhookUrl: string): StripeSettingsResponse {
  return { accountId: account?.accountId ?? null, stripeConfigured, webhookUrl, updatedAt: account?.updatedAt.toISOString() ?? null };
}

export class WebhookReceiptResponse {
  @ApiProperty({ description: 'Stripe’s event id' }) eventId: string;
  @ApiProperty({ description: 'processed, already_applied, payment_failed, payout_mismatch or ignored' }) outcome: string;
  @ApiProperty({ description: 'True when the event had been received before' }) duplicate: boolean;
}
