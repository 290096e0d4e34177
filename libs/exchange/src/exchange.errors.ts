import { DomainError } from '@buurtcoop/core';

export enum ExchangeErrorCode {
  CategoryNotFound = 'category_not_found',
  OfferNotFound = 'offer_not_found',
  BookingNotFound = 'booking_not_found',
  CredentialNotFound = 'credential_not_found',
  NoMemberRecord = 'no_member_record',
  NotAProvider = 'not_a_provider',
  MayNotBook = 'may_not_book',
  RateOutOfBounds = 'rate_out_of_bounds',
  InvalidServiceArea = 'invalid_service_area',
  InvalidWindow = 'invalid_window',
  OfferPaused = 'offer_paused',
  VogRequired = 'vog_required',
  OutsideServiceArea = 'outside_service_area',
  OutsideAvailability = 'outside_availability',
  DayFull = 'day_full',
  InThePast = 'in_the_past',
  ProviderBusy = 'provider_busy',
  ConsumerBusy = 'consumer_busy',
  OwnOffer = 'own_offer',
  StatusChangeNotAllowed = 'booking_status_change_not_allowed',
  NotYourBooking = 'not_your_booking',
  InvalidPeriod = 'invalid_period',
}

const STATUS: Record<ExchangeErrorCode, number> = {
  [ExchangeErrorCode.CategoryNotFound]: 404,
  [ExchangeErrorCode.OfferNotFound]: 404,
  [ExchangeErrorCode.BookingNotFound]: 404,
  [ExchangeErrorCode.CredentialNotFound]: 404,
  [ExchangeErrorCode.NoMemberRecord]: 404,
  [ExchangeErrorCode.NotAProvider]: 403,
  [ExchangeErrorCode.MayNotBook]: 403,
  [ExchangeErrorCode.RateOutOfBounds]: 422,
  [ExchangeErrorCode.InvalidServiceArea]: 422,
  [ExchangeErrorCode.InvalidWindow]: 422,
  [ExchangeErrorCode.OfferPaused]: 409,
  [ExchangeErrorCode.VogRequired]: 409,
  [ExchangeErrorCode.OutsideServiceArea]: 422,
  [ExchangeErrorCode.OutsideAvailability]: 409,
  [ExchangeErrorCode.DayFull]: 409,
  [ExchangeErrorCode.InThePast]: 422,
  [ExchangeErrorCode.ProviderBusy]: 409,
  [ExchangeErrorCode.ConsumerBusy]: 409,
  [ExchangeErrorCode.OwnOffer]: 422,
  [ExchangeErrorCode.StatusChangeNotAllowed]: 409,
  [ExchangeErrorCode.NotYourBooking]: 404,
  [ExchangeErrorCode.InvalidPeriod]: 400,
};

export class ExchangeError extends DomainError<ExchangeErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
