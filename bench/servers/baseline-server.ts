// The bare baseline of the HTTP benchmarks: Fastify and a `pg` Pool, no Nest, no TypeORM, no validation,
// no authentication. Each route does in one transaction, as the app role with the tenant set (as the
// product's UnitOfWork does), what the product's route does in the database:
//
//   GET  /cooperatives/:cooperativeId/offers/search   the very statements of OffersService.search
//   POST /cooperatives/:cooperativeId/bookings        the rows a booking writes: the booking and its audit event
//
// Started by the benchmarks as a process of its own (`startBaseline`), on PORT and HOST, with DATABASE_URL
// and DATABASE_POOL_SIZE.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool, PoolClient } from 'pg';
// The product's own slots statement (a module without imports), so the baseline cannot drift from it.
import { SLOTS_SQL } from '../../libs/exchange/src/offers/slots.sql';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

/** The product's UnitOfWork: START TRANSACTION, role and tenant in one round trip, the work, COMMIT. */
async function transaction<T>(cooperativeId: string, userId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    await client.query(`SELECT set_config('role', $1, true), set_config('app.cooperative_id', $2, true), set_config('app.user_id', $3, true)`, ['buurtcoop_app', cooperativeId, userId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// The statements below are the product's, as it sends them (TypeORM's SELECTs as PostgreSQL logs them).
const CATEGORY_SQL = `SELECT "ServiceCategory"."cooperative_id" AS "ServiceCategory_cooperative_id", "ServiceCategory"."id" AS "ServiceCategory_id", "ServiceCategory"."code" AS "ServiceCategory_code", "ServiceCategory"."name" AS "ServiceCategory_name", "ServiceCategory"."requires_vog" AS "ServiceCategory_requires_vog", "ServiceCategory"."default_duration_minutes" AS "ServiceCategory_default_duration_minutes", "ServiceCategory"."pricing" AS "ServiceCategory_pricing", "ServiceCategory"."min_rate_cents" AS "ServiceCategory_min_rate_cents", "ServiceCategory"."max_rate_cents" AS "ServiceCategory_max_rate_cents", "ServiceCategory"."contribution_applies" AS "ServiceCategory_contribution_applies", "ServiceCategory"."reduced_contribution_cents" AS "ServiceCategory_reduced_contribution_cents", "ServiceCategory"."active" AS "ServiceCategory_active" FROM "service_categories" "ServiceCategory" WHERE (("ServiceCategory"."cooperative_id" = $1) AND ("ServiceCategory"."id" = $2)) LIMIT 1`;
const OFFERS_SQL = `SELECT "Offer"."cooperative_id" AS "Offer_cooperative_id", "Offer"."id" AS "Offer_id", "Offer"."provider_member_id" AS "Offer_provider_member_id", "Offer"."category_id" AS "Offer_category_id", "Offer"."description" AS "Offer_description", "Offer"."service_area" AS "Offer_service_area", "Offer"."rate_cents" AS "Offer_rate_cents", "Offer"."max_bookings_per_day" AS "Offer_max_bookings_per_day", "Offer"."paused" AS "Offer_paused", "Offer"."created_at" AS "Offer_created_at" FROM "offers" "Offer" WHERE (("Offer"."cooperative_id" = $1) AND ("Offer"."id" IN ($2)))`;

const STANDINGS_SQL = `SELECT m.id, m.status, t.may_book, t.may_provide, m.postcode, m.booking_suspension_reason,
              coalesce(nullif(concat_ws(' ', m.first_name, m.last_name), ''), m.organisation_name, 'Lid ' || m.member_number) AS display_name,
              EXISTS (SELECT 1 FROM member_categories c WHERE c.cooperative_id = m.cooperative_id AND c.member_id = m.id AND c.category = 'minimum_income') AS minimum_income
         FROM members m JOIN membership_types t ON t.cooperative_id = m.cooperative_id AND t.id = m.membership_type_id
        WHERE m.cooperative_id = $1 AND m.id = ANY($2::uuid[])`;

/** The booking, with what it takes from its offer and category, and its audit event (as AuditService writes it). */
const BOOK_SQL = `
  WITH booking AS (
    INSERT INTO bookings (cooperative_id, offer_id, category_id, provider_member_id, consumer_member_id, during, status, booked_by, rate_cents, notes)
    SELECT $1, o.id, o.category_id, o.provider_member_id, $3, tstzrange($4::timestamptz, $4::timestamptz + make_interval(mins => c.default_duration_minutes)), 'requested', $5, o.rate_cents, $6
      FROM offers o JOIN service_categories c ON c.cooperative_id = o.cooperative_id AND c.id = o.category_id
     WHERE o.cooperative_id = $1 AND o.id = $2
    RETURNING *
  ), audit AS (
    INSERT INTO audit_events (cooperative_id, actor_user_id, action, object_type, object_id, details, request_id, ip)
    SELECT $1, $5, 'booking.create', 'booking', booking.id, '{"onBehalf":false}', $7, $8 FROM booking
  )
  SELECT id, offer_id, category_id, provider_member_id, consumer_member_id, lower(during) AS start_at, upper(during) AS end_at, status, rate_cents, notes FROM booking`;

const LOCAL = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const slot = (start: Date, end: Date) => ({ start: start.toISOString(), end: end.toISOString(), localStart: LOCAL.format(start) });

const app = Fastify({ logger: false });

app.get('/ready', async () => ({ status: 'ok' }));

app.get<{ Params: { cooperativeId: string }; Querystring: { categoryId: string; postcode?: string; from: string; to: string } }>('/cooperatives/:cooperativeId/offers/search', async (request) => {
  const { cooperativeId } = request.params;
  const q = request.query;
  return transaction(cooperativeId, '', async (client) => {
    const category = await client.query(CATEGORY_SQL, [cooperativeId, q.categoryId]);
    if (category.rowCount === 0) throw new Error('no such category');
    const postcode4 = q.postcode ? Number(q.postcode.trim().slice(0, 4)) : null;
    const slots = await client.query<{ offer_id: string; provider_member_id: string; start_at: Date; end_at: Date }>(SLOTS_SQL, [
      cooperativeId, new Date(q.from), new Date(q.to), null, q.categoryId, postcode4, new Date(), true, 1000,
    ]);
    const byOffer = new Map<string, Array<{ start: Date; end: Date }>>();
    for (const row of slots.rows) byOffer.set(row.offer_id, [...(byOffer.get(row.offer_id) ?? []), { start: row.start_at, end: row.end_at }]);
    if (byOffer.size === 0) return [];
    // TypeORM writes `IN (...)` with one parameter per id.
    const ids = [...byOffer.keys()];
    const offers = await client.query<{ Offer_id: string; Offer_provider_member_id: string; Offer_description: string; Offer_rate_cents: string }>(
      OFFERS_SQL.replace('($2)', `(${ids.map((_, i) => `$${i + 2}`).join(', ')})`),
      [cooperativeId, ...ids],
    );
    const offerById = new Map(offers.rows.map((o) => [o.Offer_id, o]));
    const providers = await client.query<{ id: string; status: string; may_provide: boolean; display_name: string }>(STANDINGS_SQL, [
      cooperativeId, [...new Set(offers.rows.map((o) => o.Offer_provider_member_id))],
    ]);
    const providerById = new Map(providers.rows.map((p) => [p.id, p]));
    const results = [];
    for (const [offerId, offerSlots] of byOffer) {
      const offer = offerById.get(offerId);
      const provider = offer && providerById.get(offer.Offer_provider_member_id);
      if (!offer || !provider?.may_provide || provider.status !== 'active') continue;
      results.push({ offerId, providerName: provider.display_name, description: offer.Offer_description, rateCents: Number(offer.Offer_rate_cents), slots: offerSlots.map((s) => slot(s.start, s.end)) });
    }
    return results;
  });
});

app.post<{ Params: { cooperativeId: string }; Body: { offerId: string; start: string; consumerMemberId: string; bookedBy: string; notes: string } }>('/cooperatives/:cooperativeId/bookings', async (request, reply) => {
  const { cooperativeId } = request.params;
  const b = request.body;
  const [row] = await transaction(cooperativeId, b.bookedBy, async (client) =>
    (await client.query(BOOK_SQL, [cooperativeId, b.offerId, b.consumerMemberId, new Date(b.start), b.bookedBy, b.notes, randomUUID(), request.ip])).rows,
  );
  if (!row) return reply.code(404).send({ title: 'offer not found' });
  return reply.code(201).send({
    id: row.id,
    offerId: row.offer_id,
    categoryId: row.category_id,
    providerMemberId: row.provider_member_id,
    consumerMemberId: row.consumer_member_id,
    ...slot(row.start_at, row.end_at),
    status: row.status,
    rateCents: Number(row.rate_cents),
    notes: row.notes,
  });
});

app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' }).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().finally(() => pool.end().finally(() => process.exit(0)));
  });
}
