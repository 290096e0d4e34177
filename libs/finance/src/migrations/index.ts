import { Ledger1795407763860 } from './1795407763860-Ledger';
import { LedgerIntegrity1795407800000 } from './1795407800000-LedgerIntegrity';
import { Stripe1795409586155 } from './1795409586155-Stripe';
import { StripeSecurity1795409600000 } from './1795409600000-StripeSecurity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const FINANCE_MIGRATIONS: Function[] = [Ledger1795407763860, LedgerIntegrity1795407800000, Stripe1795409586155, StripeSecurity1795409600000];
