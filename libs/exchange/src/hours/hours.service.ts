import { Injectable } from '@nestjs/common';
import { Actor, Clock, CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { ExchangeMembers } from '../exchange-members';
import { HoursQueryDto, HoursRow } from './dto/hours.dto';

/** The cooperative's time account: hours given and received per member, category and month, from completed bookings. */
@Injectable()
export class HoursService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly members: ExchangeMembers,
    private readonly clock: Clock,
  ) {}

  async report(cooperativeId: CooperativeId, q: HoursQueryDto): Promise<HoursRow[]> {
    const to = q.to ? new Date(q.to) : this.clock.now();
    const from = q.from ? new Date(q.from) : new Date(Date.UTC(to.getUTCFullYear(), 0, 1));
    const rows = await this.uow.rows<{ member_id: string; category_id: string; month: string; given: number; received: number; bookings: number }>(
      `WITH done AS (
         SELECT b.provider_member_id, b.consumer_member_id, b.category_id, b.actual_minutes,
                to_char(lower(b.during) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month
           FROM bookings b
          WHERE b.cooperative_id = $1 AND b.status = 'completed' AND lower(b.during) >= $2 AND lower(b.during) < $3)
       SELECT member_id, category_id, month, sum(given)::int AS given, sum(received)::int AS received, count(*)::int AS bookings
         FROM (SELECT provider_member_id AS member_id, category_id, month, actual_minutes AS given, 0 AS received FROM done
               UNION ALL
               SELECT consumer_member_id, category_id, month, 0, actual_minutes FROM done) AS sides
        WHERE $4::uuid IS NULL OR member_id = $4
        GROUP BY member_id, category_id, month
        ORDER BY month, member_id, category_id`,
      [cooperativeId, from, to, q.memberId ?? null],
    );
    return rows.map((r) => ({ memberId: r.member_id, categoryId: r.category_id, month: r.month, minutesGiven: r.given, minutesReceived: r.received, bookings: r.bookings }));
  }

  async mine(actor: Actor, cooperativeId: CooperativeId, q: HoursQueryDto): Promise<HoursRow[]> {
    const me = await this.members.own(actor, cooperativeId);
    return this.report(cooperativeId, { ...q, memberId: me.memberId });
  }
}
