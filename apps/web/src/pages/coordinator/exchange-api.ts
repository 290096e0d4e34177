/** The shapes of the exchange API as the coordinator's pages use them. */

export type HelpRequestStatus = 'open' | 'proposed' | 'booked' | 'withdrawn';
export const HELP_REQUEST_STATUSES: HelpRequestStatus[] = ['open', 'proposed', 'booked', 'withdrawn'];

export interface HelpRequest {
  id: string;
  consumerMemberId: string;
  categoryId: string;
  description: string;
  status: HelpRequestStatus;
  proposedOfferId: string | null;
  proposedStart: string | null;
  consumerAccepted: boolean;
  providerAccepted: boolean;
  bookingId: string | null;
}

export type { Booking, Category, Offer, SearchResult, Slot } from '../../api/exchange';

export const HELP_REQUEST_TONE = { open: 'warn', proposed: 'neutral', booked: 'good', withdrawn: 'neutral' } as const;

/** "vr 12 dec. 09:00": a slot as a person reads it, with the weekday, in Dutch local time. */
export function slotTime(locale: 'nl' | 'en', instant: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }).format(new Date(instant));
}
