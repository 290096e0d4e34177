import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  bank_accounts: 'SELECT, INSERT, UPDATE',
  bank_statements: 'SELECT, INSERT, UPDATE',
  statement_lines: 'SELECT, INSERT, UPDATE',
};

/**
 * Bank lines are evidence: never removed, and what the bank said about them never changed; only how the
 * treasurer explained them moves (matched, dismissed, undone).
 */
export class ReconciliationSecurity1795413300000 implements MigrationInterface {
  name = 'ReconciliationSecurity1795413300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }
    for (const table of ['bank_statements', 'statement_lines']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    await queryRunner.query(`
      CREATE FUNCTION statement_lines_keep_content() RETURNS trigger LANGUAGE plpgsql AS
      $$
      BEGIN
        IF (NEW.bank_account_id, NEW.statement_id, NEW.dedupe_key, NEW.booking_date, NEW.value_date, NEW.amount_cents, NEW.counterparty_name, NEW.counterparty_iban,
            NEW.remittance, NEW.structured_reference, NEW.end_to_end_id, NEW.mandate_id, NEW.bank_reference, NEW.return_reason, NEW.transaction_code, NEW.batch_ref)
           IS DISTINCT FROM
           (OLD.bank_account_id, OLD.statement_id, OLD.dedupe_key, OLD.booking_date, OLD.value_date, OLD.amount_cents, OLD.counterparty_name, OLD.counterparty_iban,
            OLD.remittance, OLD.structured_reference, OLD.end_to_end_id, OLD.mandate_id, OLD.bank_reference, OLD.return_reason, OLD.transaction_code, OLD.batch_ref) THEN
          RAISE EXCEPTION 'statement line %: what the bank reported cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER statement_lines_keep_content BEFORE UPDATE ON statement_lines FOR EACH ROW EXECUTE FUNCTION statement_lines_keep_content()`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION statement_lines_keep_content() TO buurtcoop_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER statement_lines_keep_content ON statement_lines`);
    await queryRunner.query(`DROP FUNCTION statement_lines_keep_content()`);
    for (const table of ['statement_lines', 'bank_statements']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_delete ON ${table}`);
    }
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
