import { MigrationInterface, QueryRunner } from 'typeorm';

export class AllowancesAndMinimaReductions1795419146046 implements MigrationInterface {
  name = 'AllowancesAndMinimaReductions1795419146046';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "allowance_caps" ("cooperative_id" uuid NOT NULL, "year" integer NOT NULL, "hourly_cents" bigint NOT NULL, "hourly_under21_cents" bigint NOT NULL, "monthly_cents" bigint NOT NULL, "yearly_cents" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_allowance_caps_year" CHECK ("year" BETWEEN 2000 AND 2200), CONSTRAINT "ck_allowance_caps_amounts" CHECK ("hourly_cents" > 0 AND "hourly_under21_cents" > 0 AND "monthly_cents" > 0 AND "yearly_cents" > 0), CONSTRAINT "PK_f6f90415af7411db5a4854044fc" PRIMARY KEY ("cooperative_id", "year"))`);
    await queryRunner.query(`CREATE TABLE "allowance_member_years" ("cooperative_id" uuid NOT NULL, "member_id" uuid NOT NULL, "year" integer NOT NULL, CONSTRAINT "PK_970080ca3828f7616d99ff7fe1e" PRIMARY KEY ("cooperative_id", "member_id", "year"))`);
    await queryRunner.query(`CREATE TABLE "allowances" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "month" text NOT NULL, "hours" numeric(6,2) NOT NULL, "amount_cents" bigint NOT NULL, "fund_id" uuid, "description" text NOT NULL, "status" text NOT NULL DEFAULT 'granted', "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_allowances_cancelled" CHECK (("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)), CONSTRAINT "ck_allowances_status" CHECK ("status" IN ('granted', 'cancelled')), CONSTRAINT "ck_allowances_hours" CHECK ("hours" > 0), CONSTRAINT "ck_allowances_amount" CHECK ("amount_cents" > 0), CONSTRAINT "ck_allowances_month" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "PK_2025527a032387e0db7eb38dca1" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_allowances_month" ON "allowances"  ("cooperative_id", "month") `);
    await queryRunner.query(`CREATE INDEX "ix_allowances_member_month" ON "allowances"  ("cooperative_id", "member_id", "month") `);
    await queryRunner.query(`ALTER TABLE "invoice_lines" ADD "reduction_cents" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" ADD CONSTRAINT "ck_invoice_lines_reduction" CHECK ("reduction_cents" >= 0)`);
    await queryRunner.query(`ALTER TABLE "allowance_caps" ADD CONSTRAINT "FK_d21815d12da7256e59378b3418b" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "allowances" ADD CONSTRAINT "FK_89b0503ef4a7f82b04fb3af6a99" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "allowances" ADD CONSTRAINT "FK_d71f9c256608ca7806cbbd5f19b" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "allowances" DROP CONSTRAINT "FK_d71f9c256608ca7806cbbd5f19b"`);
    await queryRunner.query(`ALTER TABLE "allowances" DROP CONSTRAINT "FK_89b0503ef4a7f82b04fb3af6a99"`);
    await queryRunner.query(`ALTER TABLE "allowance_caps" DROP CONSTRAINT "FK_d21815d12da7256e59378b3418b"`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" DROP CONSTRAINT "ck_invoice_lines_reduction"`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" DROP COLUMN "reduction_cents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_allowances_member_month"`);
    await queryRunner.query(`DROP INDEX "public"."ix_allowances_month"`);
    await queryRunner.query(`DROP TABLE "allowances"`);
    await queryRunner.query(`DROP TABLE "allowance_member_years"`);
    await queryRunner.query(`DROP TABLE "allowance_caps"`);
  }
}
