import { MigrationInterface, QueryRunner } from 'typeorm';
import { secureTenantTable, unsecureTenantTable } from '@buurtcoop/core';

const GRANTS: Record<string, string> = {
  obligation_policies: 'SELECT, INSERT, UPDATE',
  obligations: 'SELECT, INSERT, UPDATE',
  obligation_events: 'SELECT, INSERT',
};

/**
 * Obligations are the cooperative's own. Their history is never changed; each escalation step is
 * taken once per obligation, however many workers evaluate at the same time.
 */
export class ObligationsSecurity1795432644283 implements MigrationInterface {
  name = 'ObligationsSecurity1795432644283';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await secureTenantTable(queryRunner, table, privileges);
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_obligation_events_step ON obligation_events (cooperative_id, obligation_id, kind)
        WHERE kind IN ('reminder', 'second_reminder', 'board_review', 'suspension')`,
    );
    await queryRunner.query(`CREATE TRIGGER obligation_events_append_only BEFORE UPDATE OR DELETE ON obligation_events FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER obligation_events_no_truncate BEFORE TRUNCATE ON obligation_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER obligation_events_no_truncate ON obligation_events`);
    await queryRunner.query(`DROP TRIGGER obligation_events_append_only ON obligation_events`);
    await queryRunner.query(`DROP INDEX uq_obligation_events_step`);
    for (const table of Object.keys(GRANTS).reverse()) {
      await unsecureTenantTable(queryRunner, table);
    }
  }
}
