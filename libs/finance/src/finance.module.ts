import { Module, OnModuleInit } from '@nestjs/common';
import { CooperativeLifecycle, DemoModule, DemoSeeder } from '@buurtcoop/core';
import { MembershipModule } from '@buurtcoop/membership';
import { FinanceDemo } from './demo/finance-demo';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { OwnSepaMandatesController, SepaController } from './sepa/sepa.controller';
import { SepaMandatesRepository } from './sepa/sepa-mandates.repository';
import { SepaMandatesService } from './sepa/sepa-mandates.service';
import { SepaSettingsRepository } from './sepa/sepa-settings.repository';
import { SepaSettingsService } from './sepa/sepa-settings.service';

@Module({
  imports: [DemoModule, MembershipModule],
  controllers: [LedgerController, SepaController, OwnSepaMandatesController],
  providers: [LedgerRepository, LedgerService, FinanceDemo, SepaSettingsRepository, SepaSettingsService, SepaMandatesRepository, SepaMandatesService],
  exports: [LedgerService, SepaSettingsService, SepaMandatesService],
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
