import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  // A batch is never deleted, only cancelled: what was drafted, exported and booked stays for the auditor.
  sepa_collection_batches: 'SELECT, INSERT, UPDATE',
  sepa_collection_items: 'SELECT, INSERT, UPDATE',
};

/**
 * Tenant isolation for collection batches; an invoice in at most one batch that is not cancelled; and the
 * exported file kept as the bank received it: a batch only moves forward, and once exported its file, message id
 * and collection date never change.
 */
export class SepaBatchesSecurity1795411200000 implements MigrationInterface {
  name = 'SepaBatchesSecurity1795411200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
    // Items of cancelled batches and skipped items are inactive; every other item holds its invoice.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_sepa_collection_items_invoice ON sepa_collection_items (cooperative_id, invoice_id) WHERE active`);
    await queryRunner.query(`
      CREATE FUNCTION sepa_collection_batch_guard() RETURNS trigger LANGUAGE plpgsql AS
      $$
      BEGIN
        IF NOT ((OLD.status = NEW.status)
             OR (OLD.status = 'draft' AND NEW.status IN ('exported', 'cancelled'))
             OR (OLD.status = 'exported' AND NEW.status = 'booked')) THEN
          RAISE EXCEPTION 'collection batch % cannot go from % to %', OLD.number, OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.number, NEW.collection_date, NEW.due_through, NEW.created_by, NEW.created_at) IS DISTINCT FROM (OLD.number, OLD.collection_date, OLD.due_through, OLD.created_by, OLD.created_at)
           OR (OLD.file_xml IS NOT NULL AND (NEW.file_xml, NEW.message_id, NEW.pain_version, NEW.exported_at) IS DISTINCT FROM (OLD.file_xml, OLD.message_id, OLD.pain_version, OLD.exported_at)) THEN
          RAISE EXCEPTION 'collection batch % was drafted or exported as it is: its date and file cannot change', OLD.number USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER sepa_collection_batches_guard BEFORE UPDATE ON sepa_collection_batches FOR EACH ROW EXECUTE FUNCTION sepa_collection_batch_guard()`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION sepa_collection_batch_guard() TO buurtcoop_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER sepa_collection_batches_guard ON sepa_collection_batches`);
    await queryRunner.query(`DROP FUNCTION sepa_collection_batch_guard()`);
    await queryRunner.query(`DROP INDEX uq_sepa_collection_items_invoice`);
    for (const table of Object.keys(GRANTS).reverse()) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_delete ON ${table}`);
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
