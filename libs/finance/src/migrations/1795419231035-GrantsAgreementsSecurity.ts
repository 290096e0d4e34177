import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  grants: 'SELECT, INSERT, UPDATE',
  co_finance_agreements: 'SELECT, INSERT, UPDATE',
  co_finance_targets: 'SELECT, INSERT',
  funding_tranches: 'SELECT, INSERT, UPDATE',
  funding_reports: 'SELECT, INSERT, UPDATE',
};

/** Grants, co-finance agreements and their schedules are the cooperative's own; nothing is ever deleted. */
export class GrantsAgreementsSecurity1795419231035 implements MigrationInterface {
  name = 'GrantsAgreementsSecurity1795419231035';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
