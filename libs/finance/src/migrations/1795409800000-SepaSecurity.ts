import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  sepa_settings: 'SELECT, INSERT, UPDATE',
  // Mandates and their amendments are the evidence of a debtor's consent: the app never deletes them.
  sepa_mandates: 'SELECT, INSERT, UPDATE',
  sepa_mandate_amendments: 'SELECT, INSERT, UPDATE',
};

/**
 * Tenant isolation for the SEPA tables, and the mandate's lifecycle kept by PostgreSQL: a revoked mandate is
 * final, and who signed what, when, for which member never changes.
 */
export class SepaSecurity1795409800000 implements MigrationInterface {
  name = 'SepaSecurity1795409800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }
    await queryRunner.query(`
      CREATE FUNCTION sepa_mandate_guard() RETURNS trigger LANGUAGE plpgsql AS
      $$
      BEGIN
        IF OLD.status = 'revoked' THEN
          RAISE EXCEPTION 'SEPA mandate % is revoked and cannot change', OLD.reference USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.member_id <> OLD.member_id OR NEW.kind <> OLD.kind OR NEW.signed_on <> OLD.signed_on OR NEW.signed_via <> OLD.signed_via
           OR NEW.first_collected_on IS DISTINCT FROM coalesce(OLD.first_collected_on, NEW.first_collected_on) THEN
          RAISE EXCEPTION 'the member, kind, signature and first collection of SEPA mandate % cannot change', OLD.reference USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER sepa_mandates_guard BEFORE UPDATE ON sepa_mandates FOR EACH ROW EXECUTE FUNCTION sepa_mandate_guard()`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION sepa_mandate_guard() TO buurtcoop_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER sepa_mandates_guard ON sepa_mandates`);
    await queryRunner.query(`DROP FUNCTION sepa_mandate_guard()`);
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
