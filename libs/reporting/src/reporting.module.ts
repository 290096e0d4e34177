import { Module } from '@nestjs/common';
import { TenancyModule } from '@buurtcoop/core';
import { ExchangeModule } from '@buurtcoop/exchange';
import { FinanceModule } from '@buurtcoop/finance';
import { MembershipModule } from '@buurtcoop/membership';
import { DashboardsController } from './dashboards/dashboards.controller';
import { DashboardsService } from './dashboards/dashboards.service';
import { MunicipalityReviewController } from './municipality/municipality-review.controller';
import { MunicipalityReviewService } from './municipality/municipality-review.service';

/**
 * Reports for the board, the treasurer and the municipality, built only from what the domain libs export.
 * The municipality sees aggregates only, with small cells suppressed.
 */
@Module({
  imports: [TenancyModule, MembershipModule, ExchangeModule, FinanceModule],
  controllers: [DashboardsController, MunicipalityReviewController],
  providers: [DashboardsService, MunicipalityReviewService],
  exports: [MunicipalityReviewService],
})
export class ReportingModule {}
