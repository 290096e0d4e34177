import { Module } from '@nestjs/common';
import { ExchangeModule } from '@buurtcoop/exchange';
import { FinanceModule } from '@buurtcoop/finance';
import { MembershipModule } from '@buurtcoop/membership';
import { DashboardsController } from './dashboards/dashboards.controller';
import { DashboardsService } from './dashboards/dashboards.service';

/**
 * Reports for the board, the treasurer and the municipality, built only from what the domain libs export.
 * The municipality sees aggregates only, with small cells suppressed.
 */
@Module({
  imports: [MembershipModule, ExchangeModule, FinanceModule],
  controllers: [DashboardsController],
  providers: [DashboardsService],
  exports: [],
})
export class ReportingModule {}
