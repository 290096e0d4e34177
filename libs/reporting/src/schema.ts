import { SchemaPart } from '@buurtcoop/core';
import { REPORTING_MIGRATIONS } from './migrations';
import { AccountabilityComment, AccountabilityReport, AccountabilityReportVersion } from './accountability/entities/accountability-report.entity';

export const REPORTING_SCHEMA: SchemaPart = {
  entities: [AccountabilityReport, AccountabilityReportVersion, AccountabilityComment],
  migrations: REPORTING_MIGRATIONS,
};
