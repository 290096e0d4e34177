import { Section } from '../../section';
import { BankStatementPage } from './BankStatementPage';
import { BankStatementsPage } from './BankStatementsPage';
import { DuesPage, DuesRunPage } from './DuesPage';
import { LedgerPage } from './LedgerPage';
import { ReconciliationPage } from './ReconciliationPage';
import { SepaBatchesPage, SepaBatchPage } from './SepaBatchesPage';
import { TreasuryOverviewPage } from './TreasuryOverviewPage';

export const treasurerSection: Section = {
  id: 'treasurer',
  title: 'treasurer.title',
  audience: ['treasurer'],
  nav: [
    { path: '/treasury/overview', label: 'treasurer.nav.overview' },
    { path: '/treasury/bank-statements', label: 'treasurer.nav.statements' },
    { path: '/treasury/reconciliation', label: 'treasurer.nav.reconciliation' },
    { path: '/treasury/dues', label: 'treasurer.nav.dues' },
    { path: '/treasury/sepa', label: 'treasurer.nav.sepa' },
    { path: '/treasury/ledger', label: 'treasurer.nav.ledger' },
  ],
  routes: [
    { path: '/treasury/overview', element: <TreasuryOverviewPage /> },
    { path: '/treasury/bank-statements', element: <BankStatementsPage /> },
    { path: '/treasury/bank-statements/:id', element: <BankStatementPage /> },
    { path: '/treasury/reconciliation', element: <ReconciliationPage /> },
    { path: '/treasury/dues', element: <DuesPage /> },
    { path: '/treasury/dues/:id', element: <DuesRunPage /> },
    { path: '/treasury/sepa', element: <SepaBatchesPage /> },
    { path: '/treasury/sepa/:id', element: <SepaBatchPage /> },
    { path: '/treasury/ledger', element: <LedgerPage /> },
  ],
};
