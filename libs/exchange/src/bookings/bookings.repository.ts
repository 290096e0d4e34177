import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Booking, BookingSide, BookingStatus } from './entities/booking.entity';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { ExchangeEventKind } from '../events/entities/exchange-event.entity';

/** What a booking of an offer at a start takes from the offer and its category, and whether the start may be booked at all. */
export interface BookingTerms {
  offerId: string;
  providerMemberId: string;
  categoryId: string;
  categoryName: string;
  paused: boolean;
  rateCents: number;
  maxBookingsPerDay: number;
  requiresVog: boolean;
  durationMinutes: number;
  /** The postcode (four digits) lies in the offer's service area; true without one. */
  servesPostcode: boolean;
  /** One of the offer's slots, as search generates them, starts at the asked start. */
  scheduled: boolean;
}

/**
 * The offer, its category and the slot check of a booking in one statement; it also takes the transaction's
 * lock on the offer's Dutch calendar day, so that the count of the day's bookings in the INSERT that follows
 * sees every booking committed before it and two requests cannot both fill the last place.
 *
 * `scheduled` generates the offer's slots of that one day exactly as SLOTS_SQL (offers/slots.sql.ts) does in
 * its `slot` CTE, the same wall-clock arithmetic in Europe/Amsterdam, and asks whether one begins at the start:
 * every slot a search returns is one a booking accepts. It does not plan the whole search (about 2 ms of
 * PostgreSQL's time a booking). Parameters: $1 cooperative, $2 offer, $3 start, $4 postcode-4 or null.
 */
const TERMS_SQL = `
  SELECT o.id, o.provider_member_id, o.category_id, c.name AS category_name, o.paused, o.rate_cents, o.max_bookings_per_day,
         c.requires_vog, c.default_duration_minutes,
         ($4::int IS NULL OR o.service_area @> $4::int) AS serves_postcode,
         c.active
           AND EXISTS (SELECT 1
                         FROM offer_windows w
                        CROSS JOIN LATERAL generate_series(0, floor(extract(epoch FROM (w.end_time - w.start_time)) / 60 / c.default_duration_minutes)::int - 1) AS n
                        WHERE w.cooperative_id = $1 AND w.offer_id = o.id AND w.weekday = extract(isodow FROM local.day)
                          AND ((local.day + w.start_time) + make_interval(mins => n * c.default_duration_minutes)) AT TIME ZONE 'Europe/Amsterdam' = $3::timestamptz)
           AND NOT EXISTS (SELECT 1 FROM offer_exceptions e
                            WHERE e.cooperative_id = $1 AND e.offer_id = o.id AND local.day BETWEEN e.from_date AND e.to_date) AS scheduled,
         pg_advisory_xact_lock(hashtextextended('offer-day:' || o.id || ':' || local.day, 0)) AS day_locked
    FROM offers o
    JOIN service_categories c ON c.cooperative_id = o.cooperative_id AND c.id = o.category_id
   CROSS JOIN (SELECT ($3::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date AS day) AS local
   WHERE o.cooperative_id = $1 AND o.id = $2`;

export interface NewBooking {
  offerId: string;
  categoryId: string;
  providerMemberId: string;
  consumerMemberId: string;
  start: Date;
  end: Date;
  bookedBy: string;
  rateCents: number;
  notes: string | null;
  status?: BookingStatus;
  helpRequestId?: string | null;
  seriesId?: string | null;
}

/** `["2026-11-24 09:00:00+00","2026-11-24 10:00:00+00")` → the two instants. */
export function parseRange(range: string): { start: Date; end: Date } {
  const match = /^[[(]"?([^",]+)"?,"?([^",)\]]+)"?[)\]]$/.exec(range);
  if (!match) throw new Error(`Not a time range: ${range}`);
  return { start: new Date(match[1].replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')), end: new Date(match[2].replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')) };
}

const OVERLAP: Record<string, { code: ExchangeErrorCode; message: string }> = {
  ex_bookings_provider: { code: ExchangeErrorCode.ProviderBusy, message: 'The provider already has a booking at this time; choose another slot' },
  ex_bookings_consumer: { code: ExchangeErrorCode.ConsumerBusy, message: 'The resident already has a booking at this time' },
};

@Injectable()
export class BookingsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** The terms of booking `offerId` at `start` for a resident at `postcode4` (null: none known); null when there is no such offer. */
  async terms(cooperativeId: CooperativeId, offerId: string, start: Date, postcode4: number | null): Promise<BookingTerms | null> {
    const [row] = await this.uow.rows<{
      id: string;
      provider_member_id: string;
      category_id: string;
      category_name: string;
      paused: boolean;
      rate_cents: string;
      max_bookings_per_day: number;
      requires_vog: boolean;
      default_duration_minutes: number;
      serves_postcode: boolean;
      scheduled: boolean;
    }>(TERMS_SQL, [cooperativeId, offerId, start, postcode4]);
    return row
      ? {
          offerId: row.id,
          providerMemberId: row.provider_member_id,
          categoryId: row.category_id,
          categoryName: row.category_name,
          paused: row.paused,
          rateCents: Number(row.rate_cents),
          maxBookingsPerDay: row.max_bookings_per_day,
          requiresVog: row.requires_vog,
          durationMinutes: row.default_duration_minutes,
          servesPostcode: row.serves_postcode,
          scheduled: row.scheduled,
        }
      : null;
  }

  /**
   * Inserts a booking unless the offer already has `maxPerDay` live bookings on that Dutch calendar day (null then;
   * the caller holds the day's lock, taken by `terms`), letting the exclusion constraints decide overlaps: a clash
   * becomes the exchange's 409. With `continueAfterClash` (a series, which goes on with its other dates) a savepoint
   * keeps the transaction usable after a clash; a single booking ends with the clash, so it saves the savepoint's
   * two round trips.
   */
  async insert(cooperativeId: CooperativeId, b: NewBooking, { maxPerDay, continueAfterClash }: { maxPerDay: number; continueAfterClash: boolean }): Promise<Booking | null> {
    if (continueAfterClash) await this.uow.rows('SAVEPOINT booking_insert');
    try {
      const [booking] = await this.uow.entities(
        Booking,
        `INSERT INTO bookings (cooperative_id, offer_id, category_id, provider_member_id, consumer_member_id, during, status, booked_by, rate_cents, notes, help_request_id, series_id, confirmed_at)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, tstzrange($6::timestamptz, $7::timestamptz), $8::text, $9::uuid, $10::bigint, $11::text, $12::uuid, $13::uuid, CASE WHEN $8::text = 'confirmed' THEN now() END
          WHERE (SELECT count(*) FROM bookings
                  WHERE cooperative_id = $1::uuid AND offer_id = $2::uuid AND status NOT IN ('cancelled', 'expired')
                    AND (lower(during) AT TIME ZONE 'Europe/Amsterdam')::date = ($6::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date) < $14
         RETURNING *`,
        [cooperativeId, b.offerId, b.categoryId, b.providerMemberId, b.consumerMemberId, b.start, b.end, b.status ?? 'requested', b.bookedBy, b.rateCents, b.notes, b.helpRequestId ?? null, b.seriesId ?? null, maxPerDay],
      );
      if (continueAfterClash) await this.uow.rows('RELEASE SAVEPOINT booking_insert');
      return booking ?? null;
    } catch (error) {
      if (continueAfterClash) await this.uow.rows('ROLLBACK TO SAVEPOINT booking_insert');
      const driver = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
      const overlap = driver?.code === '23P01' ? OVERLAP[driver.constraint ?? ''] : undefined;
      if (overlap) throw new ExchangeError(overlap.code, overlap.message, 'start');
      throw error;
    }
  }

  find(cooperativeId: CooperativeId, id: string): Promise<Booking | null> {
    return this.uow.manager().getRepository(Booking).findOneBy({ cooperativeId, id });
  }

  list(cooperativeId: CooperativeId, filter: { memberId?: string; status?: BookingStatus; from?: Date; to?: Date }, limit: number): Promise<Booking[]> {
    const query = this.uow.manager().getRepository(Booking).createQueryBuilder('b').where('b.cooperative_id = :cooperativeId', { cooperativeId });
    if (filter.memberId) query.andWhere('(b.consumer_member_id = :memberId OR b.provider_member_id = :memberId)', { memberId: filter.memberId });
    if (filter.status) query.andWhere('b.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('upper(b.during) > :from', { from: filter.from });
    if (filter.to) query.andWhere('lower(b.during) < :to', { to: filter.to });
    return query.orderBy('lower(b.during)', 'ASC').limit(limit).getMany();
  }

  /**
   * Moves a booking from one of `from` to `to` and sets the given columns, only if it still is in
   * one of `from`: of two racing changes, the one whose UPDATE matched wins.
   */
  async transition(cooperativeId: CooperativeId, id: string, from: BookingStatus[], to: BookingStatus, set: Record<string, unknown> = {}): Promise<Booking | null> {
    const columns = Object.keys(set);
    const assignments = columns.map((column, i) => `${column} = $${i + 5}`).join(', ');
    const rows = await this.uow.rows<{ id: string }>(
      `UPDATE bookings SET status = $3${assignments ? `, ${assignments}` : ''}
        WHERE cooperative_id = $1 AND id = $2 AND status = ANY($4) RETURNING id`,
      [cooperativeId, id, to, from, ...columns.map((c) => set[c])],
    );
    return rows.length === 1 ? this.find(cooperativeId, id) : null;
  }

  /** Bookings whose status has outlived its deadline, e.g. requests unanswered for 48 hours. */
  async overdue(cooperativeId: CooperativeId, status: BookingStatus, column: 'created_at' | 'delivered_at', before: Date): Promise<Booking[]> {
    return this.uow
      .manager()
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where(`b.cooperative_id = :cooperativeId AND b.status = :status AND b.${column} < :before`, { cooperativeId, status, before })
      .getMany();
  }

  /** The same local time on each of the next weeks, in Europe/Amsterdam: 09:00 stays 09:00 across a DST change. */
  async weeklyStarts(first: Date, weeks: number): Promise<Date[]> {
    const rows = await this.uow.rows<{ start_at: Date }>(
      `SELECT (($1::timestamptz AT TIME ZONE 'Europe/Amsterdam') + make_interval(days => 7 * i)) AT TIME ZONE 'Europe/Amsterdam' AS start_at
         FROM generate_series(0, $2 - 1) AS i ORDER BY i`,
      [first, weeks],
    );
    return rows.map((r) => new Date(r.start_at));
  }

  async recordEvent(
    cooperativeId: CooperativeId,
    e: { kind: ExchangeEventKind; booking: Booking; amountCents: number; details: Record<string, unknown> },
  ): Promise<void> {
    await this.uow.rows(
      `INSERT INTO exchange_events (cooperative_id, kind, booking_id, consumer_member_id, provider_member_id, amount_cents, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [cooperativeId, e.kind, e.booking.id, e.booking.consumerMemberId, e.booking.providerMemberId, e.amountCents, JSON.stringify(e.details)],
    );
  }
}

export type { BookingSide };
