/** The exchange API's shapes (offers, slots, bookings) as the web UI reads them. */

export type Pricing = 'hourly' | 'fixed' | 'free';

export interface Category {
  id: string;
  code: string;
  name: string;
  requiresVog: boolean;
  defaultDurationMinutes: number;
  pricing: Pricing;
  minRateCents: number;
  maxRateCents: number;
  contributionApplies: boolean;
  reducedContributionCents: number | null;
  active: boolean;
}

export interface Slot {
  start: string;
  end: string;
  localStart: string;
}

export interface SearchResult {
  offerId: string;
  providerName: string;
  description: string;
  rateCents: number;
  slots: Slot[];
}

export interface Window {
  weekday: number;
  startTime: string;
  endTime: string;
}

export interface Offer {
  id: string;
  providerMemberId: string;
  categoryId: string;
  description: string;
  serviceArea: Array<{ from: string; to: string }>;
  rateCents: number;
  maxBookingsPerDay: number;
  paused: boolean;
  windows: Window[];
  exceptions: Array<{ id: string; fromDate: string; toDate: string; reason: string | null }>;
}

export const BOOKING_STATUSES = ['requested', 'confirmed', 'delivered', 'completed', 'disputed', 'cancelled', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface Booking {
  id: string;
  offerId: string;
  categoryId: string;
  providerMemberId: string;
  consumerMemberId: string;
  start: string;
  end: string;
  localStart: string;
  status: BookingStatus;
  rateCents: number;
  actualMinutes: number | null;
  materialCents: number | null;
  cancelledBy: 'consumer' | 'provider' | null;
  lateCancellation: boolean;
  noShow: 'consumer' | 'provider' | null;
  notes: string | null;
}
