import { MigrationInterface, QueryRunner } from 'typeorm';

export class Obligations1795432594283 implements MigrationInterface {
  name = 'Obligations1795432594283';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "obligation_policies" ("cooperative_id" uuid NOT NULL, "type" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "term_hours" integer NOT NULL, "steps" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, CONSTRAINT "ck_obligation_policies_term" CHECK ("term_hours" >= 0), CONSTRAINT "ck_obligation_policies_type" CHECK ("type" IN ('invoice_payment', 'hours_logging', 'consumer_confirmation', 'timely_cancellation', 'vog_validity', 'participation', 'funder_report')), CONSTRAINT "PK_3f4fb3ff2c4caff79d3decb0a45" PRIMARY KEY ("cooperative_id", "type"))`);
    await queryRunner.query(`CREATE TABLE "obligations" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "subject_id" uuid NOT NULL, "period" text NOT NULL DEFAULT '', "member_id" uuid, "summary" text NOT NULL, "amount_cents" bigint, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "step" text, "step_at" TIMESTAMP WITH TIME ZONE, "fulfilled_at" TIMESTAMP WITH TIME ZONE, "waived_at" TIMESTAMP WITH TIME ZONE, "waived_by" uuid, "waiver_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_obligations_subject" UNIQUE ("cooperative_id", "type", "subject_id", "period"), CONSTRAINT "ck_obligations_waiver" CHECK (("status" = 'waived') = ("waived_at" IS NOT NULL) AND ("waived_at" IS NULL OR "waiver_reason" IS NOT NULL)), CONSTRAINT "ck_obligations_step" CHECK ("step" IS NULL OR "step" IN ('reminder', 'second_reminder', 'board_review', 'suspension')), CONSTRAINT "ck_obligations_status" CHECK ("status" IN ('open', 'fulfilled', 'overdue', 'escalated', 'waived')), CONSTRAINT "ck_obligations_type" CHECK ("type" IN ('invoice_payment', 'hours_logging', 'consumer_confirmation', 'timely_cancellation', 'vog_validity', 'participation', 'funder_report')), CONSTRAINT "PK_69cf365871a68c2bc7d410c9a9f" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_obligations_member" ON "obligations"  ("cooperative_id", "member_id") `);
    await queryRunner.query(`CREATE INDEX "ix_obligations_worklist" ON "obligations"  ("cooperative_id", "status", "due_at") `);
    await queryRunner.query(`CREATE TABLE "obligation_events" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "obligation_id" uuid NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "actor_user_id" uuid, CONSTRAINT "ck_obligation_events_kind" CHECK ("kind" IN ('reminder', 'second_reminder', 'board_review', 'suspension', 'manual_reminder', 'fulfilled', 'waived', 'restored')), CONSTRAINT "PK_a134b20ee95562449b9591c1b6f" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_obligation_events_obligation" ON "obligation_events"  ("cooperative_id", "obligation_id", "at") `);
    await queryRunner.query(`ALTER TABLE "obligation_policies" ADD CONSTRAINT "FK_d0c0b54b31c9ab6eeae92df1d55" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "obligations" ADD CONSTRAINT "FK_44d013f54b2eb17c7d085a07735" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "obligation_events" ADD CONSTRAINT "FK_bc02e5550e3c90594774cac121c" FOREIGN KEY ("cooperative_id", "obligation_id") REFERENCES "obligations"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "obligation_events" DROP CONSTRAINT "FK_bc02e5550e3c90594774cac121c"`);
    await queryRunner.query(`ALTER TABLE "obligations" DROP CONSTRAINT "FK_44d013f54b2eb17c7d085a07735"`);
    await queryRunner.query(`ALTER TABLE "obligation_policies" DROP CONSTRAINT "FK_d0c0b54b31c9ab6eeae92df1d55"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligation_events_obligation"`);
    await queryRunner.query(`DROP TABLE "obligation_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligations_worklist"`);
    await queryRunner.query(`DROP INDEX "public"."ix_obligations_member"`);
    await queryRunner.query(`DROP TABLE "obligations"`);
    await queryRunner.query(`DROP TABLE "obligation_policies"`);
  }
}
