import { Injectable } from '@nestjs/common';
import { Actor, Clock, CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { MEMBER_BILLING_VIEW, MEMBER_REPORTING_VIEW } from '@buurtcoop/membership';
import { ExchangeMembers } from '../exchange-members';
import { AreaHoursQuery, AreaHoursRow, CategoryMonthHoursRow, HoursQueryDto, HoursRow, OutputFiguresRow, OutputLevel } from './dto/hours.dto';

/** GROUPING(category_code, month, postcode4) of each grouping set: a bit is set for every column rolled up. */
const LEVELS: Record<number, OutputLevel> = { 3: 'category', 5: 'month', 6: 'postcode', 7: 'total' };

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

  /**
   * Hours delivered to the residents of an area (postcode-4 ranges of the *consumer's* address) over whole Dutch
   * calendar days, from completed bookings' logged minutes: per category and postcode, per category, per postcode
   * and in all. Households are counted distinct at each level (a member without a household is its own), so the
   * levels come from one GROUPING SETS statement rather than from adding cells up.
   */
  async areaHours(cooperativeId: CooperativeId, q: AreaHoursQuery): Promise<AreaHoursRow[]> {
    const rows = await this.uow.rows<{ category_code: string | null; category_name: string | null; postcode4: number | null; minutes: number; households: number }>(
      `WITH delivered AS (
         SELECT c.code AS category_code, c.name AS category_name, substr(m.postcode, 1, 4)::int AS postcode4,
                b.actual_minutes, coalesce(m.household_id, m.member_id) AS household
           FROM bookings b
           JOIN service_categories c ON c.cooperative_id = b.cooperative_id AND c.id = b.category_id
           JOIN ${MEMBER_BILLING_VIEW} m ON m.cooperative_id = b.cooperative_id AND m.member_id = b.consumer_member_id
          WHERE b.cooperative_id = $1 AND b.status = 'completed'
            AND lower(b.during) >= ($4::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
            AND lower(b.during) < ($5::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
            AND m.postcode ~ '^[0-9]{4}')
       SELECT category_code, category_name, postcode4, coalesce(sum(actual_minutes), 0)::int AS minutes, count(DISTINCT household)::int AS households
         FROM delivered d
        WHERE EXISTS (SELECT 1 FROM unnest($2::int[], $3::int[]) AS r(lo, hi) WHERE d.postcode4 BETWEEN r.lo AND r.hi)
        GROUP BY GROUPING SETS ((category_code, category_name, postcode4), (category_code, category_name), (postcode4), ())
        ORDER BY category_code NULLS LAST, postcode4 NULLS LAST`,
      [cooperativeId, q.postcodeRanges.map((r) => r.from), q.postcodeRanges.map((r) => r.to), q.from, q.through],
    );
    return rows.map((r) => ({ categoryCode: r.category_code, categoryName: r.category_name, postcode4: r.postcode4, minutes: r.minutes, households: r.households }));
  }

  /**
   * For the board: completed bookings and their logged minutes per service category and month, over whole Dutch
   * calendar days from `from` through `through`, in one statement.
   */
  async categoryMonthHours(cooperativeId: CooperativeId, from: string, through: string): Promise<CategoryMonthHoursRow[]> {
    const rows = await this.uow.rows<{ category_code: string; category_name: string; month: string; bookings: number; minutes: number }>(
      `SELECT c.code AS category_code, c.name AS category_name,
              to_char(lower(b.during) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
              count(*)::int AS bookings, coalesce(sum(b.actual_minutes), 0)::int AS minutes
         FROM bookings b
         JOIN service_categories c ON c.cooperative_id = b.cooperative_id AND c.id = b.category_id
        WHERE b.cooperative_id = $1 AND b.status = 'completed'
          AND lower(b.during) >= ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
          AND lower(b.during) < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
        GROUP BY 1, 2, 3
        ORDER BY 3, 1`,
      [cooperativeId, from, through],
    );
    return rows.map((r) => ({ categoryCode: r.category_code, categoryName: r.category_name, month: r.month, bookings: r.bookings, minutes: r.minutes }));
  }

  /**
   * Outputs delivered over whole Dutch calendar days, from completed bookings' logged minutes: minutes and the
   * distinct residents helped (the bookings' consumers), in all and per consented vulnerability category, per
   * service category, per month, per postcode-4 of the resident and in all. Residents are counted distinct at each
   * level in one GROUPING SETS statement, since a resident helped in two months must count once in the total.
   */
  async outputFigures(cooperativeId: CooperativeId, q: { from: string; through: string }): Promise<OutputFiguresRow[]> {
    const rows = await this.uow.rows<{
      level: number; category_code: string | null; category_name: string | null; month: string | null; postcode4: number | null; minutes: number; residents: number;
      vulnerable: number; age_65_plus: number; minimum_income: number; disability: number; informal_carer: number;
    }>(
      `WITH residents AS MATERIALIZED (
         -- Each resident's flags once: joined straight to the bookings, the view's per-member subqueries would run per booking.
         SELECT * FROM ${MEMBER_REPORTING_VIEW} WHERE cooperative_id = $1),
       delivered AS (
         SELECT c.code AS category_code, c.name AS category_name,
                to_char(lower(b.during) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
                m.postcode4, b.actual_minutes, b.consumer_member_id AS resident,
                coalesce(m.age_65_plus, false) AS age_65_plus, coalesce(m.minimum_income, false) AS minimum_income,
                coalesce(m.disability, false) AS disability, coalesce(m.informal_carer, false) AS informal_carer
           FROM bookings b
           JOIN service_categories c ON c.cooperative_id = b.cooperative_id AND c.id = b.category_id
           LEFT JOIN residents m ON m.member_id = b.consumer_member_id
          WHERE b.cooperative_id = $1 AND b.status = 'completed'
            AND lower(b.during) >= ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
            AND lower(b.during) < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')
       SELECT GROUPING(category_code, month, postcode4) AS level, category_code, category_name, month, postcode4,
              coalesce(sum(actual_minutes), 0)::int AS minutes,
              count(DISTINCT resident)::int AS residents,
              count(DISTINCT resident) FILTER (WHERE age_65_plus OR minimum_income OR disability OR informal_carer)::int AS vulnerable,
              count(DISTINCT resident) FILTER (WHERE age_65_plus)::int AS age_65_plus,
              count(DISTINCT resident) FILTER (WHERE minimum_income)::int AS minimum_income,
              count(DISTINCT resident) FILTER (WHERE disability)::int AS disability,
              count(DISTINCT resident) FILTER (WHERE informal_carer)::int AS informal_carer
         FROM delivered
        GROUP BY GROUPING SETS ((category_code, category_name), (month), (postcode4), ())
        ORDER BY level, category_code, month, postcode4 NULLS LAST`,
      [cooperativeId, q.from, q.through],
    );
    return rows.map((r) => ({
      level: LEVELS[r.level],
      categoryCode: r.category_code,
      categoryName: r.category_name,
      month: r.month,
      postcode4: r.postcode4,
      minutes: r.minutes,
      residents: r.residents,
      vulnerable: r.vulnerable,
      categories: { age_65_plus: r.age_65_plus, minimum_income: r.minimum_income, disability: r.disability, informal_carer: r.informal_carer },
    }));
  }
}
