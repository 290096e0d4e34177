import { QueryRunner } from 'typeorm';

/**
 * What every tenant-owned table gets from its lib's security migration: the app role's privileges, and
 * row-level security that shows a transaction only its own cooperative's rows (the owner, who runs
 * migrations and maintenance, sees all). Migrations call these, so they must never change: a committed
 * migration has to do what it did when it ran. New behaviour is a new function.
 */
export async function secureTenantTable(queryRunner: QueryRunner, table: string, privileges: string): Promise<void> {
  await queryRunner.query(`GRANT ${privileges} ON ${table} TO buurtcoop_app`);
  await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`CREATE POLICY ${table}_tenant ON ${table} USING (cooperative_id = app_cooperative_id()) WITH CHECK (cooperative_id = app_cooperative_id())`);
  await queryRunner.query(`CREATE POLICY ${table}_owner ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
}

/** The reverse of {@link secureTenantTable}, for a migration's `down`. */
export async function unsecureTenantTable(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`DROP POLICY ${table}_owner ON ${table}`);
  await queryRunner.query(`DROP POLICY ${table}_tenant ON ${table}`);
  await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`REVOKE ALL ON ${table} FROM buurtcoop_app`);
}
