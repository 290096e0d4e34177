import { MigrationInterface, QueryRunner } from 'typeorm';

export class Dunning1795410972045 implements MigrationInterface {
  name = 'Dunning1795410972045';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "payment_notices" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "stage" text NOT NULL, "sent_on" date NOT NULL, "pay_by" date NOT NULL, "total_open_cents" bigint NOT NULL, "collection_costs_cents" bigint NOT NULL DEFAULT '0', "invoices" jsonb NOT NULL, "billed_to" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_payment_notices_stage" CHECK ("stage" IN ('reminder', 'notice')), CONSTRAINT "PK_c1a7592ed143f054591581b484d" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_payment_notices_member" ON "payment_notices"  ("cooperative_id", "member_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_payment_notices_member"`);
    await queryRunner.query(`DROP TABLE "payment_notices"`);
  }
}
