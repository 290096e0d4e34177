import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  stripe_accounts: 'SELECT, INSERT, UPDATE',
  // An event is recorded once; only its outcome is filled in, in the same transaction.
  stripe_events: 'SELECT, INSERT, UPDATE (outcome)',
  // A booked payment is never changed: refunds refer to it as it was.
  stripe_payments: 'SELECT, INSERT',
};

/** The Stripe tables are the cooperative's own: row-level security, and only the privileges the app uses. */
export class StripeSecurity1795409600000 implements MigrationInterface {
  name = 'StripeSecurity1795409600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The owner's policy also lets webhook events be routed to their cooperative by account, before a tenant is known.
    for (const [table, privileges] of Object.entries(GRANTS)) await secureTenantTable(queryRunner, table, privileges);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
