import { Module, OnModuleInit } from '@nestjs/common';
import { CooperativeLifecycle, DemoModule, DemoSeeder } from '@buurtcoop/core';
import { FinanceDemo } from './demo/finance-demo';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';

@Module({
  imports: [DemoModule],
  controllers: [LedgerController],
  providers: [LedgerRepository, LedgerService, FinanceDemo],
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
