import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reconciliation1795413256861 implements MigrationInterface {
  name = 'Reconciliation1795413256861';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "bank_accounts" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "iban" text NOT NULL, "name" text NOT NULL, "ledger_account_code" text NOT NULL DEFAULT '1100', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_bank_accounts_iban" UNIQUE ("cooperative_id", "iban"), CONSTRAINT "PK_7a5f649dc2312ca9bd321801e87" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "bank_statements" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "bank_account_id" uuid NOT NULL, "format" text NOT NULL, "file_name" text, "statement_ref" text, "opening_date" date, "opening_cents" bigint, "closing_date" date, "closing_cents" bigint, "first_booking_date" date, "last_booking_date" date, "line_count" integer NOT NULL, "new_line_count" integer NOT NULL, "total_cents" bigint NOT NULL, "balanced" boolean, "issues" jsonb NOT NULL DEFAULT '[]', "imported_by" uuid, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2ded46c295e52551e85847447fd" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_bank_statements_account" ON "bank_statements"  ("cooperative_id", "bank_account_id", "closing_date") `);
    await queryRunner.query(`CREATE TABLE "statement_lines" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "bank_account_id" uuid NOT NULL, "statement_id" uuid NOT NULL, "dedupe_key" text NOT NULL, "booking_date" date NOT NULL, "value_date" date, "amount_cents" bigint NOT NULL, "counterparty_name" text, "counterparty_iban" text, "remittance" text, "structured_reference" text, "end_to_end_id" text, "mandate_id" text, "bank_reference" text, "return_reason" text, "transaction_code" text, "batch_ref" text, "status" text NOT NULL DEFAULT 'unmatched', "match_kind" text, "match_details" jsonb, "dismiss_reason" text, "matched_at" TIMESTAMP WITH TIME ZONE, "matched_by" uuid, CONSTRAINT "uq_statement_lines_dedupe" UNIQUE ("cooperative_id", "bank_account_id", "dedupe_key"), CONSTRAINT "ck_statement_lines_status" CHECK ("status" IN ('unmatched', 'matched', 'dismissed')), CONSTRAINT "PK_4f0d2a89557a453f188bf1b143c" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_statement_lines_account_date" ON "statement_lines"  ("cooperative_id", "bank_account_id", "booking_date") `);
    await queryRunner.query(`CREATE INDEX "ix_statement_lines_status" ON "statement_lines"  ("cooperative_id", "status", "booking_date") `);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD "return_reason" text`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD "returned_on" date`);
    // Hand-added: the generator does not notice a changed check expression.
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP CONSTRAINT "ck_sepa_collection_items_status"`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD CONSTRAINT "ck_sepa_collection_items_status" CHECK (status IN ('pending', 'collected', 'skipped', 'returned'))`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD CONSTRAINT "ck_sepa_collection_items_returned" CHECK ((status = 'returned') = (return_reason IS NOT NULL) AND NOT (status = 'returned' AND active))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP CONSTRAINT "ck_sepa_collection_items_returned"`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP CONSTRAINT "ck_sepa_collection_items_status"`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD CONSTRAINT "ck_sepa_collection_items_status" CHECK (status IN ('pending', 'collected', 'skipped'))`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP COLUMN "returned_on"`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP COLUMN "return_reason"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_account_date"`);
    await queryRunner.query(`DROP TABLE "statement_lines"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_statements_account"`);
    await queryRunner.query(`DROP TABLE "bank_statements"`);
    await queryRunner.query(`DROP TABLE "bank_accounts"`);
  }
}
