import { Section } from '../../section';
import { Placeholder } from '../Placeholder';

export const residentSection: Section = {
  id: 'resident',
  title: 'resident.title',
  audience: ['member'],
  nav: [{ path: '/services', label: 'resident.nav.services' }],
  routes: [{ path: '/services', element: <Placeholder title="resident.nav.services" /> }],
};
