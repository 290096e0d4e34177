import { Ledger1795407763860 } from './1795407763860-Ledger';
import { LedgerIntegrity1795407800000 } from './1795407800000-LedgerIntegrity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const FINANCE_MIGRATIONS: Function[] = [Ledger1795407763860, LedgerIntegrity1795407800000];
