import { Section } from '../../section';
import { Placeholder } from '../Placeholder';

export const boardSection: Section = {
  id: 'board',
  title: 'board.title',
  audience: ['board'],
  nav: [{ path: '/applications', label: 'board.nav.applications' }],
  routes: [{ path: '/applications', element: <Placeholder title="board.nav.applications" /> }],
};
