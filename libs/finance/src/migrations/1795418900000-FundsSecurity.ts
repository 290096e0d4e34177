import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  funds: 'SELECT, INSERT, UPDATE',
  fund_budget_lines: 'SELECT, INSERT, UPDATE, DELETE',
  fund_attribution_rules: 'SELECT, INSERT, UPDATE',
  fund_attributions: 'SELECT, INSERT',
  fund_commitments: 'SELECT, INSERT, UPDATE',
};

/** The accounts funding books to, added to the chart of every cooperative that already has one. */
const NEW_ACCOUNTS = [
  { code: '1400', name: 'Te ontvangen subsidies en bijdragen', type: 'asset' },
  { code: '1700', name: 'Terug te betalen subsidies', type: 'liability' },
  { code: '4400', name: 'Tariefkorting minima', type: 'expense' },
];

/**
 * Funds are the cooperative's own; an attribution, like the ledger entry it made, is never changed or
 * removed (a wrong one is undone by a reversal).
 */
export class FundsSecurity1795418900000 implements MigrationInterface {
  name = 'FundsSecurity1795418900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }
    await queryRunner.query(`CREATE TRIGGER fund_attributions_append_only BEFORE UPDATE OR DELETE ON fund_attributions FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER fund_attributions_no_truncate BEFORE TRUNCATE ON fund_attributions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE INDEX ix_journal_lines_fund ON journal_lines (cooperative_id, fund_id) WHERE fund_id IS NOT NULL`);
    await queryRunner.query(
      `INSERT INTO accounts (cooperative_id, code, name, type, system)
       SELECT c.id, a.code, a.name, a.type, true
         FROM cooperatives c CROSS JOIN jsonb_to_recordset($1::jsonb) AS a(code text, name text, type text)
        WHERE EXISTS (SELECT 1 FROM accounts WHERE cooperative_id = c.id)
       ON CONFLICT (cooperative_id, code) DO NOTHING`,
      [JSON.stringify(NEW_ACCOUNTS)],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_journal_lines_fund`);
    await queryRunner.query(`DROP TRIGGER fund_attributions_no_truncate ON fund_attributions`);
    await queryRunner.query(`DROP TRIGGER fund_attributions_append_only ON fund_attributions`);
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
