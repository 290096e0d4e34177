import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

/** Dunning letters are kept as sent: the app may add them and read them, never change or remove one. */
export class DunningSecurity1795411000000 implements MigrationInterface {
  name = 'DunningSecurity1795411000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await secureTenantTable(queryRunner, 'payment_notices', 'SELECT, INSERT');
    await queryRunner.query(`CREATE TRIGGER payment_notices_append_only BEFORE UPDATE OR DELETE ON payment_notices FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER payment_notices_no_truncate BEFORE TRUNCATE ON payment_notices FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER payment_notices_no_truncate ON payment_notices`);
    await queryRunner.query(`DROP TRIGGER payment_notices_append_only ON payment_notices`);
    await unsecureTenantTable(queryRunner, 'payment_notices');
  }
}
