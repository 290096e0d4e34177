import { EntityManager } from 'typeorm';
import { TestApp, TestCooperative, createTestApp, createTestCooperative } from '@buurtcoop/testing';

/**
 * The second wall behind the repositories: queries run as the app role (what every request's
 * transaction switches to) see and write only the tenant set in `app.cooperative_id`.
 */
describe('Row-level security', () => {
  let sut: TestApp;
  let a: TestCooperative;
  let b: TestCooperative;

  beforeAll(async () => {
    sut = await createTestApp();
    a = await createTestCooperative(sut, 'rls-a');
    b = await createTestCooperative(sut, 'rls-b');
  });
  afterAll(() => sut.close());

  /** Runs `work` as the app role with the given tenant (or none), and always rolls back. */
  async function asApp<T>(tenant: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = sut.database.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query('SET LOCAL ROLE buurtcoop_app');
      if (tenant) await runner.query(`SELECT set_config('app.cooperative_id', $1, true)`, [tenant]);
      return await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('runs as a role that is neither superuser nor exempt from RLS, and does not own the tables', async () => {
    const [role] = await sut.database.dataSource.query(`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'buurtcoop_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const owned = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'buurtcoop_app'`);
    expect(owned[0].n).toBe(0);
    const forced = await sut.database.dataSource.query(`SELECT relname FROM pg_class WHERE relforcerowsecurity AND relkind = 'r' ORDER BY relname`);
    expect(forced.map((r: { relname: string }) => r.relname)).toEqual(expect.arrayContaining(['audit_events', 'role_assignments']));
  });

  it('shows zero rows of any tenant table when no tenant is set', async () => {
    // The owner sees rows of both cooperatives…
    const all = await sut.database.dataSource.query(`SELECT count(*)::int AS n FROM role_assignments`);
    expect(all[0].n).toBeGreaterThanOrEqual(8);
    // …the app role without a tenant sees none.
    const counts = await asApp(null, async (m) => ({
      roles: (await m.query(`SELECT count(*)::int AS n FROM role_assignments`))[0].n,
      audit: (await m.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n,
    }));
    expect(counts).toEqual({ roles: 0, audit: 0 });
  });

  it("shows only the current tenant's rows", async () => {
    const seen = await asApp(a.cooperativeId, (m) => m.query(`SELECT DISTINCT cooperative_id FROM role_assignments`));
    expect(seen).toEqual([{ cooperative_id: a.cooperativeId }]);
  });

  it('refuses to insert a row for another cooperative', async () => {
    const attempt = asApp(a.cooperativeId, (m) =>
      m.query(`INSERT INTO role_assignments (cooperative_id, user_id, role) VALUES ($1, $2, 'board')`, [b.cooperativeId, a.users.member.id]),
    );
    await expect(attempt).rejects.toMatchObject({ driverError: { code: '42501', message: expect.stringContaining('row-level security') } });
  });

  it("cannot delete another cooperative's rows (they are invisible)", async () => {
    const deleted = await asApp(a.cooperativeId, (m) => m.query(`DELETE FROM role_assignments WHERE cooperative_id = $1 RETURNING id`, [b.cooperativeId]));
    expect(deleted).toEqual([[], 0]);
  });

  it('lets a user read their own role assignments in every cooperative, and nobody else’s', async () => {
    const own = await asApp(null, async (m) => {
      await m.query(`SELECT set_config('app.user_id', $1, true)`, [a.users.board.id]);
      return m.query(`SELECT user_id FROM role_assignments`);
    });
    expect(own).toEqual([{ user_id: a.users.board.id }]);
  });

  it('keeps the audit log append-only, for the app and for the owner', async () => {
    await expect(asApp(a.cooperativeId, (m) => m.query(`UPDATE audit_events SET action = 'x'`))).rejects.toMatchObject({ driverError: { code: '42501' } });
    await expect(asApp(a.cooperativeId, (m) => m.query(`DELETE FROM audit_events`))).rejects.toMatchObject({ driverError: { code: '42501' } });
    const owner = sut.database.dataSource;
    await expect(owner.query(`UPDATE audit_events SET action = 'x'`)).rejects.toMatchObject({ message: expect.stringContaining('append-only') });
    await expect(owner.query(`DELETE FROM audit_events`)).rejects.toMatchObject({ message: expect.stringContaining('append-only') });
    await expect(owner.query(`TRUNCATE audit_events`)).rejects.toMatchObject({ message: expect.stringContaining('append-only') });
  });

  it('lets the app write platform events and its own tenant’s events to the audit log, but not another’s', async () => {
    await asApp(a.cooperativeId, (m) => m.query(`INSERT INTO audit_events (cooperative_id, action) VALUES (NULL, 'probe'), ($1, 'probe')`, [a.cooperativeId]));
    await expect(asApp(a.cooperativeId, (m) => m.query(`INSERT INTO audit_events (cooperative_id, action) VALUES ($1, 'probe')`, [b.cooperativeId]))).rejects.toMatchObject({
      driverError: { code: '42501' },
    });
  });
});
