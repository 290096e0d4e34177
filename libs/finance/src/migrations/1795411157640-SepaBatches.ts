import { MigrationInterface, QueryRunner } from 'typeorm';

export class SepaBatches1795411157640 implements MigrationInterface {
  name = 'SepaBatches1795411157640';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sepa_collection_batches" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" integer NOT NULL, "status" text NOT NULL DEFAULT 'draft', "collection_date" date NOT NULL, "due_through" date, "message_id" text, "pain_version" text, "exported_at" TIMESTAMP WITH TIME ZONE, "file_xml" text, "booked_on" date, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_sepa_collection_batches_message" UNIQUE ("cooperative_id", "message_id"), CONSTRAINT "uq_sepa_collection_batches_number" UNIQUE ("cooperative_id", "number"), CONSTRAINT "ck_sepa_collection_batches_due_through" CHECK (due_through IS NULL OR due_through <= collection_date), CONSTRAINT "ck_sepa_collection_batches_version" CHECK (pain_version IS NULL OR pain_version IN ('.001.02', '.001.08')), CONSTRAINT "ck_sepa_collection_batches_cancelled" CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)), CONSTRAINT "ck_sepa_collection_batches_booked" CHECK ((status = 'booked') = (booked_on IS NOT NULL)), CONSTRAINT "ck_sepa_collection_batches_exported" CHECK ((status IN ('exported', 'booked')) = (exported_at IS NOT NULL AND message_id IS NOT NULL AND pain_version IS NOT NULL AND file_xml IS NOT NULL)), CONSTRAINT "ck_sepa_collection_batches_status" CHECK (status IN ('draft', 'exported', 'booked', 'cancelled')), CONSTRAINT "PK_c66e6ab253ebf54c5dd8423adb4" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sepa_collection_batches_status" ON "sepa_collection_batches"  ("cooperative_id", "status") `);
    await queryRunner.query(`CREATE TABLE "sepa_collection_items" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "batch_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "member_id" uuid NOT NULL, "mandate_id" uuid NOT NULL, "sequence_type" text NOT NULL, "amount_cents" bigint NOT NULL, "end_to_end_id" text NOT NULL, "remittance" text NOT NULL, "mandate_reference" text NOT NULL, "debtor_name" text NOT NULL, "iban" text NOT NULL, "bic" text, "status" text NOT NULL DEFAULT 'pending', "skip_reason" text, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "uq_sepa_collection_items_end_to_end" UNIQUE ("cooperative_id", "end_to_end_id"), CONSTRAINT "ck_sepa_collection_items_end_to_end" CHECK (char_length(end_to_end_id) BETWEEN 1 AND 35), CONSTRAINT "ck_sepa_collection_items_skipped" CHECK ((status = 'skipped') = (skip_reason IS NOT NULL) AND NOT (status = 'skipped' AND active)), CONSTRAINT "ck_sepa_collection_items_sequence" CHECK (sequence_type IN ('FRST', 'RCUR', 'OOFF', 'FNAL')), CONSTRAINT "ck_sepa_collection_items_status" CHECK (status IN ('pending', 'collected', 'skipped')), CONSTRAINT "ck_sepa_collection_items_amount" CHECK (amount_cents > 0), CONSTRAINT "PK_eb805b7d1d51271455460c12866" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sepa_collection_items_batch" ON "sepa_collection_items"  ("cooperative_id", "batch_id") `);
    await queryRunner.query(`ALTER TABLE "sepa_collection_batches" ADD CONSTRAINT "FK_11bdafd4e2ec16e5e0ce5fc7886" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD CONSTRAINT "FK_2343bb95f0c0ecaeb2a9d46200f" FOREIGN KEY ("cooperative_id", "batch_id") REFERENCES "sepa_collection_batches"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD CONSTRAINT "FK_71400f55667a944259e6ecc7356" FOREIGN KEY ("cooperative_id", "invoice_id") REFERENCES "invoices"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" ADD CONSTRAINT "FK_fbe2e76811cfa59d10168c904d4" FOREIGN KEY ("cooperative_id", "mandate_id") REFERENCES "sepa_mandates"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP CONSTRAINT "FK_fbe2e76811cfa59d10168c904d4"`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP CONSTRAINT "FK_71400f55667a944259e6ecc7356"`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_items" DROP CONSTRAINT "FK_2343bb95f0c0ecaeb2a9d46200f"`);
    await queryRunner.query(`ALTER TABLE "sepa_collection_batches" DROP CONSTRAINT "FK_11bdafd4e2ec16e5e0ce5fc7886"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sepa_collection_items_batch"`);
    await queryRunner.query(`DROP TABLE "sepa_collection_items"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sepa_collection_batches_status"`);
    await queryRunner.query(`DROP TABLE "sepa_collection_batches"`);
  }
}
