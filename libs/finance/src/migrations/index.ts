import { Ledger1795407763860 } from './1795407763860-Ledger';
import { LedgerIntegrity1795407800000 } from './1795407800000-LedgerIntegrity';
import { Stripe1795409586155 } from './1795409586155-Stripe';
import { StripeSecurity1795409600000 } from './1795409600000-StripeSecurity';
import { Invoicing1795409694764 } from './1795409694764-Invoicing';
import { InvoicingIntegrity1795409700000 } from './1795409700000-InvoicingIntegrity';
import { SepaMandates1795409776628 } from './1795409776628-SepaMandates';
import { SepaSecurity1795409800000 } from './1795409800000-SepaSecurity';
import { Dunning1795410972045 } from './1795410972045-Dunning';
import { DunningSecurity1795411000000 } from './1795411000000-DunningSecurity';
import { SepaBatches1795411157640 } from './1795411157640-SepaBatches';
import { SepaBatchesSecurity1795411200000 } from './1795411200000-SepaBatchesSecurity';
import { Reconciliation1795413256861 } from './1795413256861-Reconciliation';
import { ReconciliationSecurity1795413300000 } from './1795413300000-ReconciliationSecurity';
import { StatementLinesByCounterparty1795414873024 } from './1795414873024-StatementLinesByCounterparty';
import { Funds1795418856021 } from './1795418856021-Funds';
import { FundsSecurity1795418900000 } from './1795418900000-FundsSecurity';
import { AllowancesAndMinimaReductions1795419146046 } from './1795419146046-AllowancesAndMinimaReductions';
import { AllowancesSecurity1795419196046 } from './1795419196046-AllowancesSecurity';
import { Donations1795419163776 } from './1795419163776-Donations';
import { DonationsSecurity1795419213776 } from './1795419213776-DonationsSecurity';
import { GrantsAgreements1795419181035 } from './1795419181035-GrantsAgreements';
import { GrantsAgreementsSecurity1795419231035 } from './1795419231035-GrantsAgreementsSecurity';
import { StatementFileHash1795452781574 } from './1795452781574-StatementFileHash';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const FINANCE_MIGRATIONS: Function[] = [
  Ledger1795407763860,
  LedgerIntegrity1795407800000,
  Stripe1795409586155,
  StripeSecurity1795409600000,
  Invoicing1795409694764,
  InvoicingIntegrity1795409700000,
  SepaMandates1795409776628,
  SepaSecurity1795409800000,
  Dunning1795410972045,
  DunningSecurity1795411000000,
  SepaBatches1795411157640,
  SepaBatchesSecurity1795411200000,
  Reconciliation1795413256861,
  ReconciliationSecurity1795413300000,
  StatementLinesByCounterparty1795414873024,
  Funds1795418856021,
  FundsSecurity1795418900000,
  AllowancesAndMinimaReductions1795419146046,
  AllowancesSecurity1795419196046,
  Donations1795419163776,
  DonationsSecurity1795419213776,
  GrantsAgreements1795419181035,
  GrantsAgreementsSecurity1795419231035,
  StatementFileHash1795452781574,
];
