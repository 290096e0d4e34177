import { Section } from '../../section';
import { Placeholder } from '../Placeholder';

export const coordinatorSection: Section = {
  id: 'coordinator',
  title: 'coordinator.title',
  audience: ['coordinator'],
  nav: [{ path: '/help-requests', label: 'coordinator.nav.helpRequests' }],
  routes: [{ path: '/help-requests', element: <Placeholder title="coordinator.nav.helpRequests" /> }],
};
