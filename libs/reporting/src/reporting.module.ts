import { Module, OnModuleInit } from '@nestjs/common';
import { DemoModule, DemoSeeder, TenancyModule } from '@buurtcoop/core';
import { ExchangeModule } from '@buurtcoop/exchange';
import { FinanceModule } from '@buurtcoop/finance';
import { MembershipModule } from '@buurtcoop/membership';
import { AccountabilityDemo } from './accountability/accountability-demo';
import { AccountabilityController, MunicipalAccountabilityController } from './accountability/accountability.controller';
import { AccountabilityRepository } from './accountability/accountability.repository';
import { AccountabilityService } from './accountability/accountability.service';
import { MunicipalCooperatives } from './municipality/municipal-cooperatives';
import { DashboardsController } from './dashboards/dashboards.controller';
import { DashboardsService } from './dashboards/dashboards.service';
import { MunicipalityReviewController } from './municipality/municipality-review.controller';
import { MunicipalityReviewService } from './municipality/municipality-review.service';

/**
 * Reports for the board, the treasurer and the municipality, built only from what the domain libs export.
 * The municipality sees aggregates only, with small cells suppressed.
 */
@Module({
  imports: [DemoModule, TenancyModule, MembershipModule, ExchangeModule, FinanceModule],
  controllers: [DashboardsController, MunicipalityReviewController, AccountabilityController, MunicipalAccountabilityController],
  providers: [DashboardsService, MunicipalityReviewService, MunicipalCooperatives, AccountabilityRepository, AccountabilityService, AccountabilityDemo],
  exports: [MunicipalityReviewService],
})
export class ReportingModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoSeeder,
    private readonly accountabilityDemo: AccountabilityDemo,
  ) {}

  onModuleInit(): void {
    this.demo.contribute('accountability', (demo) => this.accountabilityDemo.seed(demo));
  }
}
