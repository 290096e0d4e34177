import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Booking, BookingSide, BookingStatus } from './entities/booking.entity';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { ExchangeEventKind } from '../events/entities/exchange-event.entity';

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

  /** Inserts, letting the exclusion constraints decide overlaps: a clash becomes a clear 409. */
  /**
   * Inserts a booking; an overlap becomes the exchange's 409. With `continueAfterClash` (a series, which goes
   * on with its other dates) a savepoint keeps the transaction usable after a clash; a single booking ends
   * with the clash, so it saves the savepoint's two round trips.
   */
  async insert(cooperativeId: CooperativeId, b: NewBooking, { continueAfterClash }: { continueAfterClash: boolean }): Promise<Booking> {
    if (continueAfterClash) await this.uow.rows('SAVEPOINT booking_insert');
    try {
      const [row] = await this.uow.rows<{ id: string }>(
        `INSERT INTO bookings (cooperative_id, offer_id, category_id, provider_member_id, consumer_member_id, during, status, booked_by, rate_cents, notes, help_request_id, series_id, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, tstzrange($6, $7), $8, $9, $10, $11, $12, $13, CASE WHEN $8 = 'confirmed' THEN now() END)
         RETURNING id`,
        [cooperativeId, b.offerId, b.categoryId, b.providerMemberId, b.consumerMemberId, b.start, b.end, b.status ?? 'requested', b.bookedBy, b.rateCents, b.notes, b.helpRequestId ?? null, b.seriesId ?? null],
      );
      if (continueAfterClash) await this.uow.rows('RELEASE SAVEPOINT booking_insert');
      return (await this.find(cooperativeId, row.id)) as Booking;
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
