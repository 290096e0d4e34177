import { Section } from '../../section';
import { CredentialsPage } from './CredentialsPage';
import { HoursPage } from './HoursPage';
import { IncomingRequestsPage } from './IncomingRequestsPage';
import { MyOffersPage } from './MyOffersPage';

export const providerSection: Section = {
  id: 'provider',
  title: 'provider.title',
  audience: ['member'],
  nav: [
    { path: '/offers', label: 'provider.nav.offers' },
    { path: '/incoming-requests', label: 'provider.nav.requests' },
    { path: '/my-hours', label: 'provider.nav.hours' },
    { path: '/my-credentials', label: 'provider.nav.credentials' },
  ],
  routes: [
    { path: '/offers', element: <MyOffersPage /> },
    { path: '/incoming-requests', element: <IncomingRequestsPage /> },
    { path: '/my-hours', element: <HoursPage /> },
    { path: '/my-credentials', element: <CredentialsPage /> },
  ],
};
