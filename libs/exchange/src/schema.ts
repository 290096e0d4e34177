import { SchemaPart } from '@buurtcoop/core';
import { ServiceCategory } from './catalogue/entities/service-category.entity';
import { ProviderCredential } from './credentials/entities/provider-credential.entity';
import { Offer } from './offers/entities/offer.entity';
import { OfferException, OfferWindow } from './offers/entities/offer-window.entity';
import { Booking } from './bookings/entities/booking.entity';
import { HelpRequest } from './help-requests/entities/help-request.entity';
import { Review } from './reviews/entities/review.entity';
import { ExchangeEvent } from './events/entities/exchange-event.entity';
import { ExchangePolicy } from './policy/entities/exchange-policy.entity';
import { EXCHANGE_MIGRATIONS } from './migrations';

export const EXCHANGE_SCHEMA: SchemaPart = {
  entities: [ServiceCategory, ProviderCredential, Offer, OfferWindow, OfferException, Booking, HelpRequest, Review, ExchangeEvent, ExchangePolicy],
  migrations: EXCHANGE_MIGRATIONS,
};
