import { Module, OnModuleInit } from '@nestjs/common';
import { CooperativeLifecycle, DemoModule, DemoSeeder } from '@buurtcoop/core';
import { FinanceDemo } from './demo/finance-demo';
import { DonationsController } from './donations/donations.controller';
import { DonationsService } from './donations/donations.service';
import { InvoicePayments } from './invoices/invoice-payments.port';
import { LedgerInvoicePayments } from './invoices/ledger-invoice-payments';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { StripeSettingsController, StripeWebhooksController } from './stripe/stripe.controller';
import { StripeGateway } from './stripe/stripe.gateway';
import { StripeRepository } from './stripe/stripe.repository';
import { StripeSettingsService } from './stripe/stripe-settings.service';
import { StripeWebhooksService } from './stripe/stripe-webhooks.service';

@Module({
  imports: [DemoModule],
  controllers: [LedgerController, StripeSettingsController, StripeWebhooksController, DonationsController],
  providers: [
    LedgerRepository,
    LedgerService,
    FinanceDemo,
    StripeGateway,
    StripeRepository,
    StripeSettingsService,
    StripeWebhooksService,
    DonationsService,
    // Until invoices settle payments themselves, an invoice payment is booked against the member's receivable only.
    { provide: InvoicePayments, useClass: LedgerInvoicePayments },
  ],
  exports: [LedgerService],
})
export class FinanceModule implements OnModuleInit {
  constructor(
    private readonly lifecycle: CooperativeLifecycle,
    private readonly ledger: LedgerService,
    private readonly demo: DemoSeeder,
    private readonly financeDemo: FinanceDemo,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onCreated('finance', (cooperativeId) => this.ledger.setUp(cooperativeId));
    this.demo.contribute('finance', (demo) => this.financeDemo.seed(demo));
  }
}
