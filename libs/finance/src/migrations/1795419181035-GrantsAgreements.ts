import { MigrationInterface, QueryRunner } from 'typeorm';

export class GrantsAgreements1795419181035 implements MigrationInterface {
  name = 'GrantsAgreements1795419181035';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "grants" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "foundation_name" text NOT NULL, "project" text NOT NULL, "requested_cents" bigint NOT NULL, "submitted_on" date NOT NULL, "status" text NOT NULL DEFAULT 'application', "decided_on" date, "awarded_cents" bigint, "starts_on" date, "ends_on" date, "conditions" text, "rejection_reason" text, "fund_id" uuid, "closed_on" date, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_grants_period" CHECK ("ends_on" IS NULL OR "ends_on" >= "starts_on"), CONSTRAINT "ck_grants_awarded" CHECK ("awarded_cents" IS NULL OR "awarded_cents" > 0), CONSTRAINT "ck_grants_requested" CHECK ("requested_cents" > 0), CONSTRAINT "ck_grants_status" CHECK ("status" IN ('application', 'awarded', 'rejected', 'closed')), CONSTRAINT "PK_73e5a6e0ea6f72c77582067349d" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_grants_status" ON "grants"  ("cooperative_id", "status") `);
    await queryRunner.query(`CREATE TABLE "co_finance_agreements" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "reference" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "granted_cents" bigint NOT NULL, "ratio_numerator" integer NOT NULL, "ratio_denominator" integer NOT NULL, "cap_cents" bigint NOT NULL, "own_source_account_codes" text array NOT NULL, "tier" text NOT NULL, "small_max_cents" bigint NOT NULL, "medium_max_cents" bigint NOT NULL, "status" text NOT NULL DEFAULT 'granted', "fund_id" uuid NOT NULL, "accountability_submitted_on" date, "accountability_documents" jsonb, "review_started_on" date, "settled_cents" bigint, "settled_on" date, "settlement_reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_co_finance_agreements_reference" UNIQUE ("cooperative_id", "reference"), CONSTRAINT "ck_co_finance_agreements_settled" CHECK ("settled_cents" IS NULL OR ("settled_cents" >= 0 AND "settled_cents" <= "granted_cents")), CONSTRAINT "ck_co_finance_agreements_cap" CHECK ("cap_cents" >= 0), CONSTRAINT "ck_co_finance_agreements_ratio" CHECK ("ratio_numerator" > 0 AND "ratio_denominator" > 0), CONSTRAINT "ck_co_finance_agreements_granted" CHECK ("granted_cents" > 0), CONSTRAINT "ck_co_finance_agreements_period" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "ck_co_finance_agreements_tier" CHECK ("tier" IN ('small', 'medium', 'large')), CONSTRAINT "ck_co_finance_agreements_status" CHECK ("status" IN ('granted', 'advances_paid', 'accountability_submitted', 'in_review', 'settled')), CONSTRAINT "PK_d941fed14ff0021d2d2abb5ae65" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "co_finance_targets" ("cooperative_id" uuid NOT NULL, "agreement_id" uuid NOT NULL, "kind" text NOT NULL, "target" integer NOT NULL, CONSTRAINT "ck_co_finance_targets_target" CHECK ("target" >= 0), CONSTRAINT "ck_co_finance_targets_kind" CHECK ("kind" IN ('hours_delivered', 'residents_helped', 'vulnerable_residents_helped', 'activities_held')), CONSTRAINT "PK_c486e3f3c16bf9a2d159e2ddd5d" PRIMARY KEY ("cooperative_id", "agreement_id", "kind"))`);
    await queryRunner.query(`CREATE TABLE "funding_tranches" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid, "agreement_id" uuid, "expected_on" date NOT NULL, "amount_cents" bigint NOT NULL, "received_on" date, "statement_line_id" uuid, "received_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_funding_tranches_amount" CHECK ("amount_cents" > 0), CONSTRAINT "ck_funding_tranches_owner" CHECK (("grant_id" IS NULL) <> ("agreement_id" IS NULL)), CONSTRAINT "PK_9e4c71ed817f91ecba0e0425571" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_funding_tranches_agreement" ON "funding_tranches"  ("cooperative_id", "agreement_id") `);
    await queryRunner.query(`CREATE INDEX "ix_funding_tranches_grant" ON "funding_tranches"  ("cooperative_id", "grant_id") `);
    await queryRunner.query(`CREATE TABLE "funding_reports" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid, "agreement_id" uuid, "due_on" date NOT NULL, "description" text NOT NULL, "submitted_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_funding_reports_owner" CHECK (("grant_id" IS NULL) <> ("agreement_id" IS NULL)), CONSTRAINT "PK_06e28e6350d1812f4bd86eb0014" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_funding_reports_due" ON "funding_reports"  ("cooperative_id", "due_on") `);
    await queryRunner.query(`ALTER TABLE "grants" ADD CONSTRAINT "FK_239018b187f3059bf4f1b95193c" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "grants" ADD CONSTRAINT "FK_61e8d858132e3055ce51a8a2889" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "co_finance_agreements" ADD CONSTRAINT "FK_b00a8a6dbfc3c31e3264a8220f3" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "co_finance_agreements" ADD CONSTRAINT "FK_a427bfb320e3daaaf52937cf594" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "co_finance_agreements" ADD CONSTRAINT "FK_81f3909d0b8931ba98110a243fb" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "co_finance_targets" ADD CONSTRAINT "FK_1279d3a4b91444def110c18ed46" FOREIGN KEY ("cooperative_id", "agreement_id") REFERENCES "co_finance_agreements"("cooperative_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_tranches" ADD CONSTRAINT "FK_664c93ff90a157e75816986519f" FOREIGN KEY ("cooperative_id", "grant_id") REFERENCES "grants"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_tranches" ADD CONSTRAINT "FK_d8e5424d4f3185a41d11afebf3d" FOREIGN KEY ("cooperative_id", "agreement_id") REFERENCES "co_finance_agreements"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_reports" ADD CONSTRAINT "FK_9e78b8c33f3dbd8a7184595029a" FOREIGN KEY ("cooperative_id", "grant_id") REFERENCES "grants"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funding_reports" ADD CONSTRAINT "FK_4c5bf2bfc69bf40a90bea001890" FOREIGN KEY ("cooperative_id", "agreement_id") REFERENCES "co_finance_agreements"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funding_reports" DROP CONSTRAINT "FK_4c5bf2bfc69bf40a90bea001890"`);
    await queryRunner.query(`ALTER TABLE "funding_reports" DROP CONSTRAINT "FK_9e78b8c33f3dbd8a7184595029a"`);
    await queryRunner.query(`ALTER TABLE "funding_tranches" DROP CONSTRAINT "FK_d8e5424d4f3185a41d11afebf3d"`);
    await queryRunner.query(`ALTER TABLE "funding_tranches" DROP CONSTRAINT "FK_664c93ff90a157e75816986519f"`);
    await queryRunner.query(`ALTER TABLE "co_finance_targets" DROP CONSTRAINT "FK_1279d3a4b91444def110c18ed46"`);
    await queryRunner.query(`ALTER TABLE "co_finance_agreements" DROP CONSTRAINT "FK_81f3909d0b8931ba98110a243fb"`);
    await queryRunner.query(`ALTER TABLE "co_finance_agreements" DROP CONSTRAINT "FK_a427bfb320e3daaaf52937cf594"`);
    await queryRunner.query(`ALTER TABLE "co_finance_agreements" DROP CONSTRAINT "FK_b00a8a6dbfc3c31e3264a8220f3"`);
    await queryRunner.query(`ALTER TABLE "grants" DROP CONSTRAINT "FK_61e8d858132e3055ce51a8a2889"`);
    await queryRunner.query(`ALTER TABLE "grants" DROP CONSTRAINT "FK_239018b187f3059bf4f1b95193c"`);
    await queryRunner.query(`DROP INDEX "public"."ix_funding_reports_due"`);
    await queryRunner.query(`DROP TABLE "funding_reports"`);
    await queryRunner.query(`DROP INDEX "public"."ix_funding_tranches_grant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_funding_tranches_agreement"`);
    await queryRunner.query(`DROP TABLE "funding_tranches"`);
    await queryRunner.query(`DROP TABLE "co_finance_targets"`);
    await queryRunner.query(`DROP TABLE "co_finance_agreements"`);
    await queryRunner.query(`DROP INDEX "public"."ix_grants_status"`);
    await queryRunner.query(`DROP TABLE "grants"`);
  }
}
