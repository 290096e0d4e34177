import { Ledger1795407763860 } from './1795407763860-Ledger';
import { LedgerIntegrity1795407800000 } from './1795407800000-LedgerIntegrity';
import { SepaMandates1795409776628 } from './1795409776628-SepaMandates';
import { SepaSecurity1795409800000 } from './1795409800000-SepaSecurity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const FINANCE_MIGRATIONS: Function[] = [Ledger1795407763860, LedgerIntegrity1795407800000, SepaMandates1795409776628, SepaSecurity1795409800000];
