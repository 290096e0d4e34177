import { Module, OnModuleInit } from '@nestjs/common';
import { CooperativeLifecycle, DemoModule, DemoSeeder, JobQueue, JobsModule, TenancyModule, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { ExchangeModule } from '@buurtcoop/exchange';
import { MembershipModule } from '@buurtcoop/membership';
import { FinanceDemo } from './demo/finance-demo';
import { DuesDemo } from './demo/dues-demo';
import { StatementDemo } from './demo/statement-demo';
import { FundingDemo } from './demo/funding-demo';
import { DonationsController } from './donations/donations.controller';
import { DonationsService } from './donations/donations.service';
import { DonationsRepository } from './donations/donations.repository';
import { DonorsController } from './donations/donors.controller';
import { DonorsService } from './donations/donors.service';
import { DonationsDemo } from './demo/donations-demo';
import { DuesController } from './dues/dues.controller';
import { DuesRepository } from './dues/dues.repository';
import { DuesService } from './dues/dues.service';
import { ExchangeInvoicing } from './invoices/exchange-invoicing';
import { InvoicesController, OwnInvoicesController } from './invoices/invoices.controller';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { InvoicePayments } from './invoices/invoice-payments.port';
import { InvoiceDocumentsService } from './invoices/invoice-documents.service';
import { InvoiceCheckoutService } from './stripe/invoice-checkout.service';
import { DunningController } from './dunning/dunning.controller';
import { DunningRepository } from './dunning/dunning.repository';
import { DunningService } from './dunning/dunning.service';
import { ReconciliationService } from './statements/reconciliation.service';
import { StatementImportService } from './statements/statement-import.service';
import { StatementsController } from './statements/statements.controller';
import { StatementsRepository } from './statements/statements.repository';
import { StatementsService } from './statements/statements.service';
import { FundsController } from './funds/funds.controller';
import { FundsRepository } from './funds/funds.repository';
import { FundsService } from './funds/funds.service';
import { AllowancesController } from './allowances/allowances.controller';
import { AllowancesRepository } from './allowances/allowances.repository';
import { AllowancesService } from './allowances/allowances.service';
import { MinimaReductionsController } from './minima/minima-reductions.controller';
import { MinimaReductionsRepository } from './minima/minima-reductions.repository';
import { MinimaReductionsService } from './minima/minima-reductions.service';
import { FundingController } from './funding/funding.controller';
import { FundingScheduleRepository } from './funding/funding-schedule.repository';
import { FundingSchedule } from './funding/funding-schedule.service';
import { GrantsController } from './grants/grants.controller';
import { GrantsRepository } from './grants/grants.repository';
import { GrantsService } from './grants/grants.service';
import { AgreementsController, MunicipalAgreementsController } from './agreements/agreements.controller';
import { AgreementsRepository } from './agreements/agreements.repository';
import { AgreementsService } from './agreements/agreements.service';
import { GrantsDemo } from './demo/grants-demo';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { StripeSettingsController, StripeWebhooksController } from './stripe/stripe.controller';
import { StripeGateway } from './stripe/stripe.gateway';
import { StripeRepository } from './stripe/stripe.repository';
import { StripeSettingsService } from './stripe/stripe-settings.service';
import { StripeWebhooksService } from './stripe/stripe-webhooks.service';
import { OwnSepaMandatesController, SepaController } from './sepa/sepa.controller';
import { SepaMandatesRepository } from './sepa/sepa-mandates.repository';
import { SepaMandatesService } from './sepa/sepa-mandates.service';
import { SepaSettingsRepository } from './sepa/sepa-settings.repository';
import { SepaSettingsService } from './sepa/sepa-settings.service';
import { CollectionBatchesController } from './sepa/collection-batches.controller';
import { CollectionBatchesRepository } from './sepa/collection-batches.repository';
import { CollectionBatchesService } from './sepa/collection-batches.service';
import { SponsorImpactController } from './sponsor-impact/sponsor-impact.controller';
import { SponsorImpactService } from './sponsor-impact/sponsor-impact.service';

@Module({
  imports: [DemoModule, JobsModule, TenancyModule, MembershipModule, ExchangeModule],
  controllers: [
    LedgerController,
    InvoicesController,
    OwnInvoicesController,
    DuesController,
    StripeSettingsController,
    StripeWebhooksController,
    DonationsController,
    SepaController,
    OwnSepaMandatesController,
    DunningController,
    CollectionBatchesController,
    StatementsController,
    FundsController,
    AllowancesController,
    MinimaReductionsController,
    DonorsController,
    GrantsController,
    AgreementsController,
    MunicipalAgreementsController,
    FundingController,
    SponsorImpactController,
  ],
  providers: [
    LedgerRepository,
    LedgerService,
    FundsRepository,
    FundsService,
    AllowancesRepository,
    AllowancesService,
    MinimaReductionsRepository,
    MinimaReductionsService,
    FundingScheduleRepository,
    FundingSchedule,
    GrantsRepository,
    GrantsService,
    AgreementsRepository,
    AgreementsService,
    SponsorImpactService,
    InvoicesRepository,
    InvoicesService,
    DuesRepository,
    DuesService,
    ExchangeInvoicing,
    InvoiceDocumentsService,
    InvoiceCheckoutService,
    DunningRepository,
    DunningService,
    StatementsRepository,
    StatementImportService,
    ReconciliationService,
    StatementsService,
    StripeGateway,
    StripeRepository,
    StripeSettingsService,
    StripeWebhooksService,
    DonationsService,
    DonationsRepository,
    DonorsService,
    SepaSettingsRepository,
    SepaSettingsService,
    SepaMandatesRepository,
    SepaMandatesService,
    CollectionBatchesRepository,
    CollectionBatchesService,
    // Every payment channel settles invoices through the invoices service.
    { provide: InvoicePayments, useExisting: InvoicesService },
    FinanceDemo,
    DuesDemo,
    StatementDemo,
    FundingDemo,
    DonationsDemo,
    GrantsDemo,
  ],
  exports: [LedgerService, FundsService, GrantsService, AgreementsService, InvoicesService, InvoicePayments, DuesService, DunningService, StatementsService, ExchangeInvoicing, SepaSettingsService, SepaMandatesService, AllowancesService, MinimaReductionsService],
})
export class FinanceModule implements OnModuleInit {
  constructor(
    private readonly lifecycle: CooperativeLifecycle,
    private readonly ledger: LedgerService,
    private readonly demo: DemoSeeder,
    private readonly financeDemo: FinanceDemo,
    private readonly jobs: JobQueue,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
    private readonly exchangeInvoicing: ExchangeInvoicing,
    private readonly dunning: DunningService,
    private readonly duesDemo: DuesDemo,
    private readonly statementDemo: StatementDemo,
    private readonly fundingDemo: FundingDemo,
    private readonly donationsDemo: DonationsDemo,
    private readonly grantsDemo: GrantsDemo,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onCreated('finance', (cooperativeId) => this.ledger.setUp(cooperativeId));
    this.demo.contribute('finance', (demo) => this.financeDemo.seed(demo));
    this.demo.contribute('minimum-income', (demo) => this.fundingDemo.declareMinimumIncome(demo));
    this.demo.contribute('dues', (demo) => this.duesDemo.seed(demo));
    this.demo.contribute('statements', (demo) => this.statementDemo.seed(demo));
    this.demo.contribute('funding', (demo) => this.fundingDemo.seed(demo));
    this.demo.contribute('donations', (demo) => this.donationsDemo.seed(demo));
    this.demo.contribute('grants', (demo) => this.grantsDemo.seed(demo));
    this.jobs.define({
      name: 'invoice-exchange-events',
      schedule: '* * * * *',
      handler: async () => {
        let invoices = 0;
        for (const cooperative of await this.tenancy.allCooperatives()) {
          const cooperativeId = asCooperativeId(cooperative.id);
          // Batches until none are pending, each in its own transaction.
          for (;;) {
            const batch = await this.uow.run({ cooperativeId }, () => this.exchangeInvoicing.invoicePending(cooperativeId));
            invoices += batch.invoices;
            if (batch.events === 0) break;
          }
        }
        return invoices > 0 ? `issued ${invoices} invoice(s) for bookings` : undefined;
      },
    });
    this.jobs.define({
      name: 'dunning',
      // Daily, early morning Dutch time: each step moves an invoice on once.
      schedule: '0 7 * * *',
      handler: async () => {
        let letters = 0;
        for (const cooperative of await this.tenancy.allCooperatives()) {
          const cooperativeId = asCooperativeId(cooperative.id);
          const outcome = await this.uow.run({ cooperativeId }, () => this.dunning.run(cooperativeId));
          letters += outcome.reminders + outcome.notices;
        }
        return letters > 0 ? `sent ${letters} dunning letter(s)` : undefined;
      },
    });
  }
}
