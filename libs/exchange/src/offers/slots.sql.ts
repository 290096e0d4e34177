/**
 * Free (or scheduled) slots of offers, generated from their weekly windows in Dutch local time. In a module of
 * its own, without imports, so the benchmarks' bare baseline runs the very statement the product runs. The
 * `slot` CTE's arithmetic is repeated, for the one day of a booking's start, in BookingsRepository's TERMS_SQL:
 * change the two together.
 *
 * Parameters: $1 cooperative, $2 from, $3 to, $4 offer ids or null, $5 category or null, $6 postcode-4 or null,
 * $7 not before, $8 only free, $9 at most this many per offer.
 */
export const SLOTS_SQL = `WITH candidate AS (
         SELECT o.id, o.provider_member_id, o.max_bookings_per_day, c.default_duration_minutes AS minutes, c.requires_vog
           FROM offers o
           JOIN service_categories c ON c.cooperative_id = o.cooperative_id AND c.id = o.category_id
          WHERE o.cooperative_id = $1 AND NOT o.paused AND c.active
            AND ($4::uuid[] IS NULL OR o.id = ANY($4))
            AND ($5::uuid IS NULL OR o.category_id = $5)
            AND ($6::int IS NULL OR o.service_area @> $6::int)
       ),
       slot AS (
         SELECT o.id AS offer_id, o.provider_member_id, o.max_bookings_per_day, o.requires_vog, o.minutes, day::date AS day,
                ((day::date + w.start_time) + make_interval(mins => n * o.minutes)) AT TIME ZONE 'Europe/Amsterdam' AS start_at
           FROM candidate o
           JOIN offer_windows w ON w.cooperative_id = $1 AND w.offer_id = o.id
           CROSS JOIN LATERAL generate_series(($2::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date,
                                              ($3::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, interval '1 day') AS day
           CROSS JOIN LATERAL generate_series(0, floor(extract(epoch FROM (w.end_time - w.start_time)) / 60 / o.minutes)::int - 1) AS n
          WHERE extract(isodow FROM day) = w.weekday
            AND NOT EXISTS (SELECT 1 FROM offer_exceptions e
                             WHERE e.cooperative_id = $1 AND e.offer_id = o.id AND day::date BETWEEN e.from_date AND e.to_date)
       ),
       -- The start follows the wall clock; the length is real time, as a booking's is (a night slot across a DST change lasts its duration).
       timed AS (SELECT slot.*, slot.start_at + make_interval(mins => slot.minutes) AS end_at FROM slot),
       free AS (
       SELECT DISTINCT s.offer_id, s.provider_member_id, s.start_at, s.end_at
         FROM timed s
        WHERE s.start_at >= greatest($2::timestamptz, $7::timestamptz) AND s.end_at <= $3::timestamptz
          AND (NOT $8 OR (
                NOT EXISTS (SELECT 1 FROM bookings b
                             WHERE b.cooperative_id = $1 AND b.provider_member_id = s.provider_member_id
                               AND b.status NOT IN ('cancelled', 'expired') AND b.during && tstzrange(s.start_at, s.end_at))
            AND (SELECT count(*) FROM bookings b
                  WHERE b.cooperative_id = $1 AND b.offer_id = s.offer_id AND b.status NOT IN ('cancelled', 'expired')
                    AND (lower(b.during) AT TIME ZONE 'Europe/Amsterdam')::date = s.day) < s.max_bookings_per_day
            AND (NOT s.requires_vog OR EXISTS (SELECT 1 FROM provider_credentials v
                  WHERE v.cooperative_id = $1 AND v.member_id = s.provider_member_id AND v.kind = 'vog'
                    AND v.verified_at IS NOT NULL AND v.issued_on <= s.day AND v.expires_on >= s.day))))
       )
       SELECT offer_id, provider_member_id, start_at, end_at
         FROM (SELECT free.*, row_number() OVER (PARTITION BY offer_id ORDER BY start_at) AS nth FROM free) AS numbered
        WHERE nth <= $9
        ORDER BY start_at, offer_id`;
