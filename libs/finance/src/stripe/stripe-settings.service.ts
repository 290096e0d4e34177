import { Inject, Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { APP_CONFIG, Actor, AppConfig, AuditService, CooperativeId } from '@buurtcoop/core';
import { StripeSettingsResponse, mapStripeSettings } from './dto/stripe-settings.dto';
import { PaymentsError, PaymentsErrorCode } from './payments.errors';
import { StripeGateway } from './stripe.gateway';
import { StripeRepository } from './stripe.repository';

/** The treasurer records which Stripe connected account is the cooperative's. */
@Injectable()
export class StripeSettingsService {
  constructor(
    private readonly stripe: StripeRepository,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(cooperativeId: CooperativeId): Promise<StripeSettingsResponse> {
    return mapStripeSettings(await this.stripe.account(cooperativeId), this.gateway.configured, this.webhookUrl());
  }

  async setAccount(actor: Actor, cooperativeId: CooperativeId, accountId: string): Promise<StripeSettingsResponse> {
    let previous: string | null;
    try {
      ({ previous } = await this.stripe.setAccount(cooperativeId, accountId, actor.userId));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'uq_stripe_accounts_account') {
        // Events are routed by account: one account cannot serve two cooperatives.
        throw new PaymentsError(PaymentsErrorCode.AccountTaken, 'This Stripe account is already linked to another cooperative', 'accountId');
      }
      throw error;
    }
    if (previous !== accountId) {
      await this.audit.record({ action: 'payments.stripe_account.set', objectType: 'cooperative', objectId: cooperativeId, details: { accountId, previous } });
    }
    return this.get(cooperativeId);
  }

  private webhookUrl(): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/api/v1/stripe/webhooks`;
  }
}
