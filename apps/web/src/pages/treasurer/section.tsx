import { Section } from '../../section';
import { Placeholder } from '../Placeholder';

export const treasurerSection: Section = {
  id: 'treasurer',
  title: 'treasurer.title',
  audience: ['treasurer'],
  nav: [{ path: '/statements', label: 'treasurer.nav.statements' }],
  routes: [{ path: '/statements', element: <Placeholder title="treasurer.nav.statements" /> }],
};
