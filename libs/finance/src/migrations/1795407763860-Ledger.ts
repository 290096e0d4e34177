import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ledger1795407763860 implements MigrationInterface {
  name = 'Ledger1795407763860';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "accounts" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "system" boolean NOT NULL DEFAULT false, CONSTRAINT "uq_accounts_code" UNIQUE ("cooperative_id", "code"), CONSTRAINT "PK_f50caa6f8f1be4311a9272510a1" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "journal_entries" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "entry_date" date NOT NULL, "description" text NOT NULL, "idempotency_key" text NOT NULL, "reverses_entry_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_journal_entries_reverses" UNIQUE ("cooperative_id", "reverses_entry_id"), CONSTRAINT "uq_journal_entries_idempotency" UNIQUE ("cooperative_id", "idempotency_key"), CONSTRAINT "PK_188a7bdcfed283ffaf12b0b1ab1" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_journal_entries_date" ON "journal_entries"  ("cooperative_id", "entry_date") `);
    await queryRunner.query(`CREATE TABLE "journal_lines" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "entry_id" uuid NOT NULL, "account_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "member_id" uuid, "fund_id" uuid, "booking_id" uuid, CONSTRAINT "PK_b9e04dd01c2aad712fa116fc1b4" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_journal_lines_entry" ON "journal_lines"  ("cooperative_id", "entry_id") `);
    await queryRunner.query(`CREATE INDEX "ix_journal_lines_account" ON "journal_lines"  ("cooperative_id", "account_id") `);
    await queryRunner.query(`CREATE TABLE "ledger_closings" ("cooperative_id" uuid NOT NULL, "closed_through" date NOT NULL, "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bd22ac8152c712b0c13874e198" PRIMARY KEY ("cooperative_id"))`);
    await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "FK_8962c7f5c6a097464bab4dcb5a4" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journal_entries" ADD CONSTRAINT "FK_5049be163d71d34f783ebf31225" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journal_entries" ADD CONSTRAINT "FK_53a9f1f08f2466bc382e3b81262" FOREIGN KEY ("cooperative_id", "reverses_entry_id") REFERENCES "journal_entries"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journal_lines" ADD CONSTRAINT "FK_4adfd7ec0f7e85678a79e4fec2b" FOREIGN KEY ("cooperative_id", "entry_id") REFERENCES "journal_entries"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journal_lines" ADD CONSTRAINT "FK_85b280e779da69e91b65f59796f" FOREIGN KEY ("cooperative_id", "account_id") REFERENCES "accounts"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ledger_closings" ADD CONSTRAINT "FK_8bd22ac8152c712b0c13874e198" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ledger_closings" DROP CONSTRAINT "FK_8bd22ac8152c712b0c13874e198"`);
    await queryRunner.query(`ALTER TABLE "journal_lines" DROP CONSTRAINT "FK_85b280e779da69e91b65f59796f"`);
    await queryRunner.query(`ALTER TABLE "journal_lines" DROP CONSTRAINT "FK_4adfd7ec0f7e85678a79e4fec2b"`);
    await queryRunner.query(`ALTER TABLE "journal_entries" DROP CONSTRAINT "FK_53a9f1f08f2466bc382e3b81262"`);
    await queryRunner.query(`ALTER TABLE "journal_entries" DROP CONSTRAINT "FK_5049be163d71d34f783ebf31225"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "FK_8962c7f5c6a097464bab4dcb5a4"`);
    await queryRunner.query(`DROP TABLE "ledger_closings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_journal_lines_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_journal_lines_entry"`);
    await queryRunner.query(`DROP TABLE "journal_lines"`);
    await queryRunner.query(`DROP INDEX "public"."ix_journal_entries_date"`);
    await queryRunner.query(`DROP TABLE "journal_entries"`);
    await queryRunner.query(`DROP TABLE "accounts"`);
  }
}
