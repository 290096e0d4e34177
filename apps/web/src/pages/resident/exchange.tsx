/**
 * The exchange as both the resident's and the provider's pages see it: the API's shapes, the status flow of a
 * booking, and how times and rates read.
 */
import { ReactNode, useEffect, useMemo, useRef } from 'react';
import { api } from '../../api/client';
import type { Booking, BookingStatus, Category } from '../../api/exchange';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Badge } from '../../ui/components';
import { useLoad } from '../../ui/hooks';

export { BOOKING_STATUSES } from '../../api/exchange';
export type { Pricing, Category, Slot, SearchResult, Window, Offer, BookingStatus, Booking } from '../../api/exchange';

export interface Review {
  id: string;
  authorSide: 'consumer' | 'provider';
  rating: number;
  comment: string | null;
  createdAt: string;
}

/** The parts of GET members/me the exchange pages need. */
export interface OwnMember {
  id: string;
  postcode: string | null;
}

const STATUS_TONE: Record<BookingStatus, 'neutral' | 'good' | 'warn' | 'bad'> = {
  requested: 'warn',
  confirmed: 'good',
  delivered: 'warn',
  completed: 'good',
  disputed: 'bad',
  cancelled: 'neutral',
  expired: 'neutral',
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useI18n();
  return <Badge tone={STATUS_TONE[status]}>{t(`resident.booking.status.${status}`)}</Badge>;
}

/** Whether the booking has begun (cancelling is over; a provider may log the hours). */
export const hasStarted = (booking: Booking, now = Date.now()) => new Date(booking.start).getTime() <= now;

/** The cooperative's service categories, and a lookup by id. */
export function useCategories() {
  const path = useCooperativePath();
  const loaded = useLoad((signal) => api<Category[]>(`${path}/service-categories`, { signal }), [path]);
  const byId = useMemo(() => new Map((loaded.data ?? []).map((category) => [category.id, category])), [loaded.data]);
  return { ...loaded, byId };
}

/** Times as a resident reads them: "di 1 dec., 09:00–10:00", in Dutch time whatever the device says. */
export function useWhen() {
  const { locale } = useI18n();
  return useMemo(() => {
    const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
    const zone = 'Europe/Amsterdam';
    const day = new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone });
    const shortDay = new Intl.DateTimeFormat(tag, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: zone });
    const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', timeZone: zone });
    const dayKey = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });
    return {
      /** "dinsdag 1 december" */
      day: (instant: string) => day.format(new Date(instant)),
      /** "09:00" */
      time: (instant: string) => time.format(new Date(instant)),
      /** "di 1 dec. 2026, 09:00–10:00" */
      span: (start: string, end: string) => `${shortDay.format(new Date(start))}, ${time.format(new Date(start))}–${time.format(new Date(end))}`,
      /** The Dutch calendar day of an instant, YYYY-MM-DD, for grouping. */
      dayKey: (instant: string) => dayKey.format(new Date(instant)),
    };
  }, [locale]);
}

/** "€ 4,00 per uur", "€ 4,00 per keer" or "gratis", as the category prices it. */
export function useRate() {
  const { t, money } = useI18n();
  return (rateCents: number, category: Category | undefined) => {
    if (category?.pricing === 'free') return t('resident.rate.free');
    if (category?.pricing === 'hourly') return t('resident.rate.hourly', { amount: money(rateCents) });
    return t('resident.rate.fixed', { amount: money(rateCents) });
  };
}

/** A calendar day (YYYY-MM-DD) some days from today, in the device's time. */
export function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The start of a calendar day in Dutch time, as the moment-with-offset the API asks for. */
export function startOfDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** The heading of a panel that opens on a button press: it takes focus once, so screen readers announce it. */
export function PanelHeading({ id, children }: { id: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h2 id={id} tabIndex={-1} ref={heading}>
      {children}
    </h2>
  );
}
