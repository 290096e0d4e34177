import { Section } from '../../section';
import { FindServicePage } from './FindServicePage';
import { MyBookingsPage } from './MyBookingsPage';
import { MyDataPage } from './MyDataPage';
import { MyInvoicesPage } from './MyInvoicesPage';
import { OfferPage } from './OfferPage';

export const residentSection: Section = {
  id: 'resident',
  title: 'resident.title',
  audience: ['member'],
  nav: [
    { path: '/services', label: 'resident.nav.services' },
    { path: '/my-bookings', label: 'resident.nav.bookings' },
    { path: '/my-invoices', label: 'resident.nav.invoices' },
    { path: '/my-data', label: 'resident.nav.data' },
  ],
  routes: [
    { path: '/services', element: <FindServicePage /> },
    { path: '/services/:offerId', element: <OfferPage /> },
    { path: '/my-bookings', element: <MyBookingsPage /> },
    { path: '/my-invoices', element: <MyInvoicesPage /> },
    { path: '/my-data', element: <MyDataPage /> },
  ],
};
