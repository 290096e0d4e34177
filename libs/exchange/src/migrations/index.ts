import { Exchange1795406042182 } from './1795406042182-Exchange';
import { ExchangeSecurity1795406100000 } from './1795406100000-ExchangeSecurity';
import { BookingStartStatistics1795419500000 } from './1795419500000-BookingStartStatistics';
import { BookingOfferIndex1795433000000 } from './1795433000000-BookingOfferIndex';
import { BookingOfferDayIndex1795475000000 } from './1795475000000-BookingOfferDayIndex';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const EXCHANGE_MIGRATIONS: Function[] = [Exchange1795406042182, ExchangeSecurity1795406100000, BookingStartStatistics1795419500000, BookingOfferIndex1795433000000, BookingOfferDayIndex1795475000000];
