export * from './schema';
export * from './exchange.module';
export * from './bookings/bookings.service';
export * from './offers/offers.service';
export * from './catalogue/catalogue.service';
export * from './credentials/credentials.service';
export * from './help-requests/help-requests.service';
export * from './hours/hours.service';
