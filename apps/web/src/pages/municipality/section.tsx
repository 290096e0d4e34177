import { Section } from '../../section';
import { AgreementsPage } from './AgreementsPage';
import { DashboardPage } from './DashboardPage';
import { ReportPage } from './ReportPage';
import { ReportsPage } from './ReportsPage';

export const municipalitySection: Section = {
  id: 'municipality',
  title: 'municipality.title',
  audience: 'reviewer',
  nav: [
    { path: '/municipality/dashboard', label: 'municipality.nav.dashboard' },
    { path: '/municipality/reports', label: 'municipality.nav.reports' },
    { path: '/municipality/agreements', label: 'municipality.nav.agreements' },
  ],
  routes: [
    { path: '/municipality/dashboard', element: <DashboardPage /> },
    { path: '/municipality/reports', element: <ReportsPage /> },
    { path: '/municipality/reports/:reportId', element: <ReportPage /> },
    { path: '/municipality/agreements', element: <AgreementsPage /> },
  ],
};
