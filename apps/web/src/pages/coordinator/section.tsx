import { Section } from '../../section';
import { BookForResidentPage } from './BookForResidentPage';
import { HelpRequestPage } from './HelpRequestPage';
import { HelpRequestsPage } from './HelpRequestsPage';
import { NewHelpRequestPage } from './NewHelpRequestPage';

export const coordinatorSection: Section = {
  id: 'coordinator',
  title: 'coordinator.title',
  audience: ['coordinator'],
  nav: [
    { path: '/help-requests', label: 'coordinator.nav.helpRequests' },
    { path: '/book-for-resident', label: 'coordinator.nav.book' },
  ],
  routes: [
    { path: '/help-requests', element: <HelpRequestsPage /> },
    { path: '/help-requests/new', element: <NewHelpRequestPage /> },
    { path: '/help-requests/:id', element: <HelpRequestPage /> },
    { path: '/book-for-resident', element: <BookForResidentPage /> },
  ],
};
