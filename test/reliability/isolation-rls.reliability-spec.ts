import { EntityManager } from 'typeorm';
import { APP_ROLE } from '@buurtcoop/core';
import { recordCases } from './summary';
import { TenantWorld, createTenantWorld } from './support/tenant-world';

/**
 * Tables with a `cooperative_id` column that are deliberately readable or writable beyond one tenant, and why.
 * Every other such table must have row-level security enabled and forced, and keep each tenant to its own rows.
 */
const NOT_TENANT_SCOPED: Record<string, string> = {};

// Skipped on PGlite: its only user is a superuser and its catalogue is PostgreSQL 18's; the grants and policies
// that matter are those of the real PostgreSQL 15 that CI and production run (row-level-security.e2e-spec covers PGlite).
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('Tenant isolation in the database: row-level security on every tenant table (real PostgreSQL only)', () => {
  let world: TenantWorld;
  let tables: string[];

  beforeAll(async () => {
    world = await createTenantWorld();
    const rows: Array<{ table_name: string }> = await world.sut.database.dataSource.query(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.column_name = 'cooperative_id' ORDER BY c.table_name`,
    );
    tables = rows.map((r) => r.table_name).filter((table) => !(table in NOT_TENANT_SCOPED));
  });
  afterAll(() => world.close());

  /** Runs `work` as the app role, the way each request's transaction does, with the given tenant (or none); always rolls back. */
  async function asApp<T>(tenant: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = world.sut.database.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT set_config('role', $1, true), set_config('app.cooperative_id', $2, true)`, [APP_ROLE, tenant ?? '']);
      return await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** A statement's outcome: the rows it touched, or the SQLSTATE it was refused with. */
  async function attempt(tenant: string, sql: string, parameters: unknown[]): Promise<number | string> {
    try {
      return await asApp(tenant, async (m) => {
        await m.query('SAVEPOINT attempt');
        const result = await m.query(sql, parameters);
        return Array.isArray(result) && Array.isArray(result[0]) ? result[0].length : Array.isArray(result) ? result.length : 0;
      });
    } catch (error) {
      return (error as { driverError?: { code?: string } }).driverError?.code ?? String(error);
    }
  }

  it('finds the tenant tables in the catalogue', () => {
    expect(tables.length).toBeGreaterThan(30);
  });

  it('has row-level security enabled and forced on every tenant table', async () => {
    const rows: Array<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }> = await world.sut.database.dataSource.query(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)`,
      [tables],
    );
    const unprotected = rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity).map((r) => r.relname);
    recordCases('isolation', 'tenant tables with RLS enabled and forced', { tried: tables.length, failed: unprotected.length });
    expect(unprotected).toEqual([]);
  });

  it("keeps each tenant table's rows of B from A: invisible, not updatable, not deletable, not insertable; and nothing without a tenant", async () => {
    const { a, b } = world;
    const wrong: string[] = [];
    let tried = 0;
    let tablesWithRowsOfB = 0;
    for (const table of tables) {
      const owned: Array<{ n: number }> = await world.sut.database.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE cooperative_id = $1`, [b.cooperativeId]);
      if (owned[0].n > 0) tablesWithRowsOfB++;
      const seenAsA = await asApp(a.cooperativeId, (m) => m.query(`SELECT count(*)::int AS n FROM ${table} WHERE cooperative_id <> $1`, [a.cooperativeId]));
      const seenWithout = await asApp(null, (m) => m.query(`SELECT count(*)::int AS n FROM ${table}`));
      tried += 2;
      if (seenAsA[0].n !== 0) wrong.push(`${table}: A sees ${seenAsA[0].n} rows of other cooperatives`);
      if (seenWithout[0].n !== 0) wrong.push(`${table}: ${seenWithout[0].n} rows visible without a tenant`);
      // Writes to B's rows: a refusal (no privilege, RLS, append-only trigger) or zero rows touched.
      for (const sql of [`UPDATE ${table} SET cooperative_id = cooperative_id WHERE cooperative_id = $1 RETURNING 1`, `DELETE FROM ${table} WHERE cooperative_id = $1 RETURNING 1`]) {
        const outcome = await attempt(a.cooperativeId, sql, [b.cooperativeId]);
        tried++;
        if (typeof outcome === 'number' && outcome > 0) wrong.push(`${table}: A's ${sql.split(' ')[0]} touched ${outcome} rows of B`);
      }
      // An insert of a copy of one of B's rows, as A: refused whatever the constraints would say.
      const copied = await attempt(a.cooperativeId, `INSERT INTO ${table} SELECT * FROM ${table} WHERE false UNION ALL SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(r))).* FROM (SELECT 1) s, LATERAL (SELECT $1::uuid AS cooperative_id) r RETURNING 1`, [b.cooperativeId]);
      tried++;
      if (typeof copied === 'number' && copied > 0) wrong.push(`${table}: A inserted a row for B`);
    }
    recordCases('isolation', 'tenant tables read and written as the app role', { tried, failed: wrong.length });
    expect(wrong).toEqual([]);
    // The world gave most tables rows of B, or the checks above would prove little.
    expect(tablesWithRowsOfB).toBeGreaterThan(tables.length / 2);
  });
});
