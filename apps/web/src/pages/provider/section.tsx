import { Section } from '../../section';
import { Placeholder } from '../Placeholder';

export const providerSection: Section = {
  id: 'provider',
  title: 'provider.title',
  audience: ['member'],
  nav: [{ path: '/offers', label: 'provider.nav.offers' }],
  routes: [{ path: '/offers', element: <Placeholder title="provider.nav.offers" /> }],
};
