import { DemoModule, HttpPlatformModule, MaintenanceModule } from '@buurtcoop/core';
import { ExchangeModule } from '@buurtcoop/exchange';
import { FinanceModule } from '@buurtcoop/finance';
import { MembershipModule } from '@buurtcoop/membership';
import { ObligationsModule } from '@buurtcoop/obligations';
import { ReportingModule } from '@buurtcoop/reporting';

/** The modules the API serves; `apps/api` and the e2e test factory mount exactly these. */
export const API_MODULES = [HttpPlatformModule, MaintenanceModule, DemoModule, MembershipModule, ExchangeModule, FinanceModule, ReportingModule, ObligationsModule];

/** What the worker runs: maintenance, plus the domain modules that register jobs with it. */
export const WORKER_MODULES = [MaintenanceModule, MembershipModule, ExchangeModule, FinanceModule, ObligationsModule];
