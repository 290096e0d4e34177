import { Section } from '../../section';
import { Placeholder } from '../Placeholder';

export const municipalitySection: Section = {
  id: 'municipality',
  title: 'municipality.title',
  audience: 'reviewer',
  nav: [{ path: '/municipality/agreements', label: 'municipality.nav.agreements' }],
  routes: [{ path: '/municipality/agreements', element: <Placeholder title="municipality.nav.agreements" /> }],
};
