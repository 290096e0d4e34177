import { MigrationInterface, QueryRunner } from 'typeorm';

export class Funds1795418856021 implements MigrationInterface {
  name = 'Funds1795418856021';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "funds" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "purpose" text NOT NULL, "funder_kind" text NOT NULL, "restricted" boolean NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "budget_cents" bigint NOT NULL, "status" text NOT NULL DEFAULT 'open', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_funds_code" UNIQUE ("cooperative_id", "code"), CONSTRAINT "ck_funds_budget" CHECK ("budget_cents" >= 0), CONSTRAINT "ck_funds_funder_kind" CHECK ("funder_kind" IN ('municipality', 'foundation', 'company', 'housing_corporation', 'residents', 'own')), CONSTRAINT "ck_funds_status" CHECK ("status" IN ('open', 'closed')), CONSTRAINT "ck_funds_period" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_f64baefa8862a8548b55310e339" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "fund_budget_lines" ("cooperative_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "account_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, CONSTRAINT "ck_fund_budget_lines_amount" CHECK ("amount_cents" >= 0), CONSTRAINT "PK_f50a6573996a9d2c8fb094ea809" PRIMARY KEY ("cooperative_id", "fund_id", "account_id"))`);
    await queryRunner.query(`CREATE TABLE "fund_attribution_rules" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "fund_id" uuid NOT NULL, "account_id" uuid NOT NULL, "share_percent" smallint NOT NULL, "valid_from" date NOT NULL, "valid_through" date NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_fund_attribution_rules_period" CHECK ("valid_through" >= "valid_from"), CONSTRAINT "ck_fund_attribution_rules_share" CHECK ("share_percent" BETWEEN 1 AND 100), CONSTRAINT "PK_bc59c94bcf7dd58ebf5ed937a9f" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_fund_attribution_rules_account" ON "fund_attribution_rules"  ("cooperative_id", "account_id") `);
    await queryRunner.query(`CREATE TABLE "fund_attributions" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "fund_id" uuid NOT NULL, "source_line_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "entry_id" uuid NOT NULL, "rule_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_fund_attributions_line_fund" UNIQUE ("cooperative_id", "source_line_id", "fund_id"), CONSTRAINT "ck_fund_attributions_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_c217f42924550a7fe5041390748" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "fund_commitments" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "fund_id" uuid NOT NULL, "description" text NOT NULL, "amount_cents" bigint NOT NULL, "committed_on" date NOT NULL, "status" text NOT NULL DEFAULT 'open', "released_on" date, "release_reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_fund_commitments_status" CHECK ("status" IN ('open', 'released')), CONSTRAINT "ck_fund_commitments_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_72d2377cae386c36c4c388242b0" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_fund_commitments_fund" ON "fund_commitments"  ("cooperative_id", "fund_id") `);
    await queryRunner.query(`ALTER TABLE "funds" ADD CONSTRAINT "FK_2ca515e1c0573a0b034c86c80ec" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_budget_lines" ADD CONSTRAINT "FK_c93c7773c6fa4ff7ea35fcd5b69" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_budget_lines" ADD CONSTRAINT "FK_376a597f4773d518d671b56e568" FOREIGN KEY ("cooperative_id", "account_id") REFERENCES "accounts"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_attribution_rules" ADD CONSTRAINT "FK_3b05e3ed134be170ca664b48a67" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_attribution_rules" ADD CONSTRAINT "FK_cc2cd0b3b853d959091985b1576" FOREIGN KEY ("cooperative_id", "account_id") REFERENCES "accounts"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_attributions" ADD CONSTRAINT "FK_ee701e2b2d9148b800e036eb375" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_attributions" ADD CONSTRAINT "FK_d84ee231cb8dec795d85093e528" FOREIGN KEY ("cooperative_id", "source_line_id") REFERENCES "journal_lines"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_attributions" ADD CONSTRAINT "FK_8c9dc1309f9729b7617dfe0a115" FOREIGN KEY ("cooperative_id", "entry_id") REFERENCES "journal_entries"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fund_commitments" ADD CONSTRAINT "FK_dda85bc5ff8fffd2fa26dd85048" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journal_lines" ADD CONSTRAINT "FK_eea44714df5e1201ecb80a07fc8" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "journal_lines" DROP CONSTRAINT "FK_eea44714df5e1201ecb80a07fc8"`);
    await queryRunner.query(`ALTER TABLE "fund_commitments" DROP CONSTRAINT "FK_dda85bc5ff8fffd2fa26dd85048"`);
    await queryRunner.query(`ALTER TABLE "fund_attributions" DROP CONSTRAINT "FK_8c9dc1309f9729b7617dfe0a115"`);
    await queryRunner.query(`ALTER TABLE "fund_attributions" DROP CONSTRAINT "FK_d84ee231cb8dec795d85093e528"`);
    await queryRunner.query(`ALTER TABLE "fund_attributions" DROP CONSTRAINT "FK_ee701e2b2d9148b800e036eb375"`);
    await queryRunner.query(`ALTER TABLE "fund_attribution_rules" DROP CONSTRAINT "FK_cc2cd0b3b853d959091985b1576"`);
    await queryRunner.query(`ALTER TABLE "fund_attribution_rules" DROP CONSTRAINT "FK_3b05e3ed134be170ca664b48a67"`);
    await queryRunner.query(`ALTER TABLE "fund_budget_lines" DROP CONSTRAINT "FK_376a597f4773d518d671b56e568"`);
    await queryRunner.query(`ALTER TABLE "fund_budget_lines" DROP CONSTRAINT "FK_c93c7773c6fa4ff7ea35fcd5b69"`);
    await queryRunner.query(`ALTER TABLE "funds" DROP CONSTRAINT "FK_2ca515e1c0573a0b034c86c80ec"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fund_commitments_fund"`);
    await queryRunner.query(`DROP TABLE "fund_commitments"`);
    await queryRunner.query(`DROP TABLE "fund_attributions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fund_attribution_rules_account"`);
    await queryRunner.query(`DROP TABLE "fund_attribution_rules"`);
    await queryRunner.query(`DROP TABLE "fund_budget_lines"`);
    await queryRunner.query(`DROP TABLE "funds"`);
  }
}
