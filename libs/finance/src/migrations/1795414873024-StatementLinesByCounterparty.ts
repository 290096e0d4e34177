import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an account's earlier transfers were booked by hand (e.g. as gifts) is asked for every unexplained
 * bank line; only the few lines booked on an account are indexed, so the question stays cheap however many
 * lines the cooperative has from one payer.
 */
export class StatementLinesByCounterparty1795414873024 implements MigrationInterface {
  name = 'StatementLinesByCounterparty1795414873024';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_statement_lines_booked_counterparty ON statement_lines (cooperative_id, counterparty_iban) WHERE match_kind IN ('account', 'donation')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_statement_lines_booked_counterparty`);
  }
}
