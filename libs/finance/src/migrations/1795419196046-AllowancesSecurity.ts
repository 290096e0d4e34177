import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  allowance_caps: 'SELECT, INSERT, UPDATE',
  // UPDATE only for SELECT … FOR UPDATE: the row is a lock, never changed.
  allowance_member_years: 'SELECT, INSERT, UPDATE',
  allowances: 'SELECT, INSERT, UPDATE',
};

/** Allowances are the cooperative's own; a granted one is cancelled, never deleted (its ledger entry is reversed). */
export class AllowancesSecurity1795419196046 implements MigrationInterface {
  name = 'AllowancesSecurity1795419196046';

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
