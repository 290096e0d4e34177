import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  // Invoices are never deleted; their amounts and numbers are guarded by a trigger below.
  invoices: 'SELECT, INSERT, UPDATE',
  invoice_lines: 'SELECT, INSERT',
  invoice_payments: 'SELECT, INSERT',
  invoice_counters: 'SELECT, INSERT, UPDATE',
  dues_plans: 'SELECT, INSERT, UPDATE, DELETE',
  dues_runs: 'SELECT, INSERT, UPDATE',
};

/**
 * Invoices as a bookkeeper expects them: numbered without gaps, never removed, their amount and
 * addressee fixed once issued (a wrong one is cancelled and credited), and their lines and payments
 * append-only. Also the betalingskenmerk generator the issuing statement uses.
 */
export class InvoicingIntegrity1795409700000 implements MigrationInterface {
  name = 'InvoicingIntegrity1795409700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }

    for (const table of ['invoice_lines', 'invoice_payments']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    await queryRunner.query(`CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`
      CREATE FUNCTION invoices_keep_issued() RETURNS trigger LANGUAGE plpgsql AS
      $$
      BEGIN
        IF (NEW.number, NEW.year, NEW.sequence, NEW.member_id, NEW.kind, NEW.source_key, NEW.issue_date, NEW.amount_cents, NEW.payment_reference, NEW.billed_to)
           IS DISTINCT FROM (OLD.number, OLD.year, OLD.sequence, OLD.member_id, OLD.kind, OLD.source_key, OLD.issue_date, OLD.amount_cents, OLD.payment_reference, OLD.billed_to) THEN
          RAISE EXCEPTION 'invoice % was issued: its number, member, amount and addressee cannot change (cancel and credit it instead)', OLD.number
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'cancelled' AND NEW.status <> 'cancelled' THEN
          RAISE EXCEPTION 'invoice % was cancelled and stays cancelled', OLD.number USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER invoices_keep_issued BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_keep_issued()`);

    // The 16-digit betalingskenmerk: a weighted modulus-11 check digit before '00', the year and the sequence.
    // The same algorithm is in libs/core/src/money/payment-reference.ts, which reads references back; a test checks they agree.
    await queryRunner.query(`
      CREATE FUNCTION invoice_payment_reference(year integer, sequence integer) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS
      $$
      DECLARE
        digits text := '00' || lpad(year::text, 4, '0') || lpad(sequence::text, 9, '0');
        weights integer[] := ARRAY[2, 4, 8, 5, 10, 9, 7, 3, 6, 1];
        total integer := 0;
        check_digit integer;
      BEGIN
        FOR i IN 0..14 LOOP
          total := total + substr(digits, 15 - i, 1)::integer * weights[(i % 10) + 1];
        END LOOP;
        check_digit := 11 - (total % 11);
        IF check_digit = 10 THEN check_digit := 1; ELSIF check_digit = 11 THEN check_digit := 0; END IF;
        RETURN check_digit::text || digits;
      END
      $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION invoice_payment_reference(integer, integer), invoices_keep_issued() TO buurtcoop_app`);

    await queryRunner.query(`CREATE UNIQUE INDEX uq_dues_runs_running ON dues_runs (cooperative_id, period) WHERE status = 'running'`);
    await queryRunner.query(`CREATE INDEX ix_invoices_open ON invoices (cooperative_id, due_date) WHERE status = 'open'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_invoices_open`);
    await queryRunner.query(`DROP INDEX uq_dues_runs_running`);
    await queryRunner.query(`DROP FUNCTION invoice_payment_reference(integer, integer)`);
    await queryRunner.query(`DROP TRIGGER invoices_keep_issued ON invoices`);
    await queryRunner.query(`DROP FUNCTION invoices_keep_issued()`);
    await queryRunner.query(`DROP TRIGGER invoices_no_truncate ON invoices`);
    await queryRunner.query(`DROP TRIGGER invoices_no_delete ON invoices`);
    for (const table of ['invoice_payments', 'invoice_lines']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
