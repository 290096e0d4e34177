import { Section } from '../../section';
import { ApplicationPage } from './ApplicationPage';
import { ApplicationsPage } from './ApplicationsPage';
import { MemberPage } from './MemberPage';
import { MembersPage } from './MembersPage';
import { ObligationsPage } from './ObligationsPage';

export const boardSection: Section = {
  id: 'board',
  title: 'board.title',
  audience: ['board'],
  nav: [
    { path: '/applications', label: 'board.nav.applications' },
    { path: '/members', label: 'board.nav.members' },
    { path: '/obligations', label: 'board.nav.obligations' },
  ],
  routes: [
    { path: '/applications', element: <ApplicationsPage /> },
    { path: '/applications/:id', element: <ApplicationPage /> },
    { path: '/members', element: <MembersPage /> },
    { path: '/members/:id', element: <MemberPage /> },
    { path: '/obligations', element: <ObligationsPage /> },
  ],
};
