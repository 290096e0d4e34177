import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795403070337 implements MigrationInterface {
  name = 'Foundation1795403070337';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "municipalities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "cbs_code" character(4) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_59b638da30d12d2b822849f8aec" UNIQUE ("cbs_code"), CONSTRAINT "PK_9c4573349577306f221dda4d924" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "cooperatives" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8f14f30fca543fe9468465bd977" UNIQUE ("slug"), CONSTRAINT "PK_52fc93ab8869e3f71c46601fe9b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_82850785b0593e72661ce0db1f" ON "cooperatives"  ("municipality_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "failed_login_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "role_assignments" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" text NOT NULL, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_role_assignments_user_role" UNIQUE ("cooperative_id", "user_id", "role"), CONSTRAINT "ck_role_assignments_role" CHECK (role IN ('board', 'treasurer', 'coordinator', 'member')), CONSTRAINT "PK_3802efedd5eed3590acabd081a5" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d91c8ac0c10fd8c6acdcc5ee94" ON "role_assignments"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "municipality_reviewers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_municipality_reviewers_user" UNIQUE ("municipality_id", "user_id"), CONSTRAINT "PK_add3a8a53fbb074c0fb81ad11e7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fc115027b4b741d43d50caa4fc" ON "municipality_reviewers"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a7838d2ba25be1342091b6695f1" UNIQUE ("token_hash"), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3ddc983c5f7bcf132fd8732c3f" ON "refresh_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_d5e27da0cd39bc3bb2811fc8ba" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "cooperative_id" uuid, "actor_user_id" uuid, "action" text NOT NULL, "object_type" text, "object_id" text, "details" jsonb NOT NULL DEFAULT '{}'::jsonb, "request_id" text, "ip" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_cooperative_time" ON "audit_events"  ("cooperative_id", "occurred_at") `);
    await queryRunner.query(`ALTER TABLE "cooperatives" ADD CONSTRAINT "FK_82850785b0593e72661ce0db1fe" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_4e542100165f82f9a94dfcffd1c" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_d91c8ac0c10fd8c6acdcc5ee946" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "municipality_reviewers" ADD CONSTRAINT "FK_5074fbb07081067b04f6de177fd" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "municipality_reviewers" ADD CONSTRAINT "FK_fc115027b4b741d43d50caa4fce" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`);
    await queryRunner.query(`ALTER TABLE "municipality_reviewers" DROP CONSTRAINT "FK_fc115027b4b741d43d50caa4fce"`);
    await queryRunner.query(`ALTER TABLE "municipality_reviewers" DROP CONSTRAINT "FK_5074fbb07081067b04f6de177fd"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_d91c8ac0c10fd8c6acdcc5ee946"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_4e542100165f82f9a94dfcffd1c"`);
    await queryRunner.query(`ALTER TABLE "cooperatives" DROP CONSTRAINT "FK_82850785b0593e72661ce0db1fe"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_cooperative_time"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d5e27da0cd39bc3bb2811fc8ba"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3ddc983c5f7bcf132fd8732c3f"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fc115027b4b741d43d50caa4fc"`);
    await queryRunner.query(`DROP TABLE "municipality_reviewers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d91c8ac0c10fd8c6acdcc5ee94"`);
    await queryRunner.query(`DROP TABLE "role_assignments"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_82850785b0593e72661ce0db1f"`);
    await queryRunner.query(`DROP TABLE "cooperatives"`);
    await queryRunner.query(`DROP TABLE "municipalities"`);
  }
}
