import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the app role may do with each exchange table: bookings and reviews are never deleted. */
const GRANTS: Record<string, string> = {
  service_categories: 'SELECT, INSERT, UPDATE',
  provider_credentials: 'SELECT, INSERT, UPDATE',
  offers: 'SELECT, INSERT, UPDATE',
  offer_windows: 'SELECT, INSERT, DELETE',
  offer_exceptions: 'SELECT, INSERT, DELETE',
  bookings: 'SELECT, INSERT, UPDATE',
  help_requests: 'SELECT, INSERT, UPDATE',
  reviews: 'SELECT, INSERT',
  exchange_events: 'SELECT, INSERT, UPDATE',
  exchange_policies: 'SELECT, INSERT, UPDATE',
};

/** Row-level security and grants on every exchange table. */
export class ExchangeSecurity1795406100000 implements MigrationInterface {
  name = 'ExchangeSecurity1795406100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await queryRunner.query(`GRANT ${privileges} ON ${table} TO buurtcoop_app`);
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY ${table}_tenant ON ${table} USING (cooperative_id = app_cooperative_id()) WITH CHECK (cooperative_id = app_cooperative_id())`,
      );
      await queryRunner.query(`CREATE POLICY ${table}_owner ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(GRANTS).reverse()) {
      await queryRunner.query(`DROP POLICY ${table}_owner ON ${table}`);
      await queryRunner.query(`DROP POLICY ${table}_tenant ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`REVOKE ALL ON ${table} FROM buurtcoop_app`);
    }
  }
}
