import { DemoModule, HttpPlatformModule, JobsModule } from '@buurtcoop/core';
import { ExchangeModule } from '@buurtcoop/exchange';
import { FinanceModule } from '@buurtcoop/finance';
import { MembershipModule } from '@buurtcoop/membership';
import { ObligationsModule } from '@buurtcoop/obligations';
import { ReportingModule } from '@buurtcoop/reporting';

/** The modules the API serves; `apps/api` and the e2e test factory mount exactly these. */
export const API_MODULES = [HttpPlatformModule, JobsModule, DemoModule, MembershipModule, ExchangeModule, FinanceModule, ReportingModule, ObligationsModule];

/** What the worker runs: the job queue, plus every domain module that defines jobs on it. */
export const WORKER_MODULES = [JobsModule, MembershipModule, ExchangeModule, FinanceModule, ObligationsModule];
