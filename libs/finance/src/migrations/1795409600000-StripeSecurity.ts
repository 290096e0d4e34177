import { MigrationInterface, QueryRunner } from 'typeorm';

const GRANTS: Record<string, string> = {
  stripe_accounts: 'SELECT, INSERT, UPDATE',
  // An event is recorded once; only its outcome is filled in, in the same transaction.
  stripe_events: 'SELECT, INSERT, UPDATE (outcome)',
  // A booked payment is never changed: refunds refer to it as it was.
  stripe_payments: 'SELECT, INSERT',
};

/** The Stripe tables are the cooperative's own: row-level security, and only the privileges the app uses. */
export class StripeSecurity1795409600000 implements MigrationInterface {
  name = 'StripeSecurity1795409600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await queryRunner.query(`GRANT ${privileges} ON ${table} TO buurtcoop_app`);
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY ${table}_tenant ON ${table} USING (cooperative_id = app_cooperative_id()) WITH CHECK (cooperative_id = app_cooperative_id())`,
      );
      // The owner routes webhook events to their cooperative by account, before a tenant is known.
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
