import { AccountabilityReports1795423526574 } from './1795423526574-AccountabilityReports';
import { AccountabilityReportsSecurity1795423576574 } from './1795423576574-AccountabilityReportsSecurity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const REPORTING_MIGRATIONS: Function[] = [AccountabilityReports1795423526574, AccountabilityReportsSecurity1795423576574];
