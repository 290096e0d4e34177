import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  donors: 'SELECT, INSERT, UPDATE',
  donation_pledges: 'SELECT, INSERT, UPDATE',
  // A donation is cancelled, never deleted.
  donations: 'SELECT, INSERT, UPDATE',
};

/** Donors and their gifts are the cooperative's own; one donor per e-mail address, whatever its case. */
export class DonationsSecurity1795419213776 implements MigrationInterface {
  name = 'DonationsSecurity1795419213776';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }
    await queryRunner.query(`CREATE UNIQUE INDEX uq_donors_email ON donors (cooperative_id, lower(email)) WHERE email IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX uq_donors_email`);
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
