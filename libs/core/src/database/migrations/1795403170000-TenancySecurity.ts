import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What TypeORM cannot generate: the role requests run as, row-level security on tenant tables,
 * the append-only audit log, and case-insensitive unique e-mail addresses.
 */
export class TenancySecurity1795403170000 implements MigrationInterface {
  name = 'TenancySecurity1795403170000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    // Roles are cluster-wide; several databases (tests, tenants of a shared server) may create it.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'buurtcoop_app') THEN
          CREATE ROLE buurtcoop_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
        END IF;
      END
      $$`);
    // The login (owner) must be allowed to SET ROLE to it at the start of each request.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT pg_has_role(current_user, 'buurtcoop_app', 'MEMBER') THEN
          EXECUTE format('GRANT buurtcoop_app TO %I', current_user);
        END IF;
      END
      $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO buurtcoop_app`);

    // The tenant of the current transaction; NULL (sees nothing) when unset or reset to ''.
    await queryRunner.query(`
      CREATE FUNCTION app_cooperative_id() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('app.cooperative_id', true), '')::uuid $$`);
    await queryRunner.query(`
      CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
      $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION app_cooperative_id(), app_user_id() TO buurtcoop_app`);

    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" (lower("email"))`);

    // Platform tables: readable by the app; written by the CLI (owner) except what users do themselves.
    await queryRunner.query(`GRANT SELECT ON municipalities, cooperatives, municipality_reviewers TO buurtcoop_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON users TO buurtcoop_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_tokens TO buurtcoop_app`);

    // Tenant table: a user sees their own roles everywhere (to log in), and everything of the current tenant.
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON role_assignments TO buurtcoop_app`);
    await queryRunner.query(`ALTER TABLE role_assignments ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE role_assignments FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY role_assignments_read ON role_assignments FOR SELECT
        USING (cooperative_id = app_cooperative_id() OR user_id = app_user_id())`);
    await queryRunner.query(`
      CREATE POLICY role_assignments_write ON role_assignments FOR INSERT
        WITH CHECK (cooperative_id = app_cooperative_id())`);
    await queryRunner.query(`
      CREATE POLICY role_assignments_delete ON role_assignments FOR DELETE
        USING (cooperative_id = app_cooperative_id())`);
    // The owner (migrations, CLI, maintenance) is not limited; FORCE applies the policies to it too otherwise.
    await queryRunner.query(`CREATE POLICY role_assignments_owner ON role_assignments TO CURRENT_USER USING (true) WITH CHECK (true)`);

    // Audit log: append-only for everyone, tenant-scoped for the app.
    await queryRunner.query(`GRANT SELECT, INSERT ON audit_events TO buurtcoop_app`);
    await queryRunner.query(`ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE audit_events FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY audit_events_read ON audit_events FOR SELECT USING (cooperative_id = app_cooperative_id())`);
    await queryRunner.query(`
      CREATE POLICY audit_events_write ON audit_events FOR INSERT
        WITH CHECK (cooperative_id IS NULL OR cooperative_id = app_cooperative_id())`);
    await queryRunner.query(`CREATE POLICY audit_events_owner ON audit_events TO CURRENT_USER USING (true) WITH CHECK (true)`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await queryRunner.query(`DROP TRIGGER audit_events_append_only ON audit_events`);
    await queryRunner.query(`DROP FUNCTION refuse_change()`);
    for (const policy of ['audit_events_owner', 'audit_events_write', 'audit_events_read']) {
      await queryRunner.query(`DROP POLICY ${policy} ON audit_events`);
    }
    await queryRunner.query(`ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE audit_events DISABLE ROW LEVEL SECURITY`);
    for (const policy of ['role_assignments_owner', 'role_assignments_delete', 'role_assignments_write', 'role_assignments_read']) {
      await queryRunner.query(`DROP POLICY ${policy} ON role_assignments`);
    }
    await queryRunner.query(`ALTER TABLE role_assignments NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE role_assignments DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE ALL ON municipalities, cooperatives, municipality_reviewers, users, refresh_tokens, role_assignments, audit_events FROM buurtcoop_app`);
    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(`DROP FUNCTION app_user_id()`);
    await queryRunner.query(`DROP FUNCTION app_cooperative_id()`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM buurtcoop_app`);
    // The role itself stays: other databases in the cluster may use it.
  }
}
