import { DataSource } from 'typeorm';
import { Database, loadConfig } from '@buurtcoop/core';
import { SCHEMA } from '@buurtcoop/platform';
import { TEST_JWT_SECRET, TestDatabase, createTestDatabase } from '@buurtcoop/testing';

/** What the migrations made in schema public, in a form two snapshots can be compared by. */
async function schemaSnapshot(dataSource: DataSource) {
  const rows = (sql: string) => dataSource.query(sql);
  return {
    tables: await rows(`SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`),
    columns: await rows(`
      SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`),
    constraints: await rows(`
      SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY 1, 2`),
    indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
    policies: await rows(`
      SELECT tablename, policyname, permissive, roles::text AS roles, cmd, qual, with_check
      FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2`),
    rowSecurity: await rows(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND (c.relrowsecurity OR c.relforcerowsecurity) ORDER BY 1`),
    triggers: await rows(`
      SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1, 2`),
    // Our own functions; btree_gist's live in public too, but the extension is shared and stays.
    functions: await rows(`
      SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS arguments, pg_get_functiondef(p.oid) AS definition
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1, 2`),
    appGrants: await rows(`
      SELECT table_name, privilege_type FROM information_schema.role_table_grants
      WHERE grantee = 'buurtcoop_app' AND table_schema = 'public' ORDER BY 1, 2`),
  };
}

async function executedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await dataSource.query(`SELECT name FROM schema_migrations ORDER BY id`);
  return rows.map((r) => r.name);
}

describe('Migrations', () => {
  let testDatabase: TestDatabase;
  let sut: Database;

  beforeAll(async () => {
    // A fresh copy of the migrated template, opened as test-app.ts opens it but without the app on top.
    testDatabase = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDatabase.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    if (testDatabase.kind === 'embedded') config.databasePoolSize = 1;
    sut = await Database.open(config, SCHEMA);
  });
  afterAll(async () => {
    await sut.close();
    await testDatabase.drop();
  });

  const allMigrations = () => sut.dataSource.migrations.map((m) => m.name as string);

  it('leaves nothing for `migration:generate` to write: the entities match the migrated schema', async () => {
    expect(await executedMigrations(sut.dataSource)).toEqual(allMigrations());
    // The comparison `npm run migration:generate` makes. Anything listed here would land in the next
    // generated migration: fix the entity so it says what the migration made, or add a migration.
    const { upQueries } = await sut.dataSource.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts every migration, leaving no table, policy, trigger, function or grant behind, and applies them again to the same schema', async () => {
    const before = await schemaSnapshot(sut.dataSource);
    // Guards against a snapshot that sees nothing, which would make the comparisons vacuous.
    expect(before.tables.length).toBeGreaterThan(1);
    expect(before.policies.length).toBeGreaterThan(0);
    expect(before.triggers.length).toBeGreaterThan(0);
    expect(before.functions.length).toBeGreaterThan(0);

    const reverted: string[] = [];
    for (let left = allMigrations().length; left > 0; left--) {
      const [last] = (await executedMigrations(sut.dataSource)).slice(-1);
      await sut.dataSource.undoLastMigration({ transaction: 'each' });
      reverted.push(last);
    }
    expect(reverted).toEqual([...allMigrations()].reverse());
    expect(await executedMigrations(sut.dataSource)).toEqual([]);

    const empty = await schemaSnapshot(sut.dataSource);
    // Only TypeORM's own bookkeeping table (with its primary key) may remain.
    expect(empty.tables).toEqual([{ table_name: 'schema_migrations', table_type: 'BASE TABLE' }]);
    expect(empty.indexes.map((i: { tablename: string }) => i.tablename)).toEqual(['schema_migrations']);
    expect(empty.policies).toEqual([]);
    expect(empty.rowSecurity).toEqual([]);
    expect(empty.triggers).toEqual([]);
    expect(empty.functions).toEqual([]);
    expect(empty.appGrants).toEqual([]);
    const [schema] = await sut.dataSource.query(`SELECT coalesce(nspacl::text, '') AS acl FROM pg_namespace WHERE nspname = 'public'`);
    expect(schema.acl).not.toContain('buurtcoop_app');

    const applied = await sut.migrate();
    expect(applied).toEqual(allMigrations());
    expect(await schemaSnapshot(sut.dataSource)).toEqual(before);
  });
});
