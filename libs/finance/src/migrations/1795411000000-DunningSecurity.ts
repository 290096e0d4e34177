import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dunning letters are kept as sent: the app may add them and read them, never change or remove one. */
export class DunningSecurity1795411000000 implements MigrationInterface {
  name = 'DunningSecurity1795411000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT SELECT, INSERT ON payment_notices TO buurtcoop_app`);
    await queryRunner.query(`ALTER TABLE payment_notices ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE payment_notices FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY payment_notices_tenant ON payment_notices USING (cooperative_id = app_cooperative_id()) WITH CHECK (cooperative_id = app_cooperative_id())`,
    );
    await queryRunner.query(`CREATE POLICY payment_notices_owner ON payment_notices TO CURRENT_USER USING (true) WITH CHECK (true)`);
    await queryRunner.query(`CREATE TRIGGER payment_notices_append_only BEFORE UPDATE OR DELETE ON payment_notices FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER payment_notices_no_truncate BEFORE TRUNCATE ON payment_notices FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER payment_notices_no_truncate ON payment_notices`);
    await queryRunner.query(`DROP TRIGGER payment_notices_append_only ON payment_notices`);
    await queryRunner.query(`DROP POLICY payment_notices_owner ON payment_notices`);
    await queryRunner.query(`DROP POLICY payment_notices_tenant ON payment_notices`);
    await queryRunner.query(`ALTER TABLE payment_notices NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE payment_notices DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE ALL ON payment_notices FROM buurtcoop_app`);
  }
}
