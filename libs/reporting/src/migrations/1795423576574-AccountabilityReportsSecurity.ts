import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  accountability_reports: 'SELECT, INSERT, UPDATE',
  accountability_report_versions: 'SELECT, INSERT',
  accountability_comments: 'SELECT, INSERT',
};
const APPEND_ONLY = ['accountability_report_versions', 'accountability_comments'];

/** Reports are the cooperative's own; what was saved, submitted or commented stays as it was written. */
export class AccountabilityReportsSecurity1795423576574 implements MigrationInterface {
  name = 'AccountabilityReportsSecurity1795423576574';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }
    for (const table of APPEND_ONLY) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...APPEND_ONLY].reverse()) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
