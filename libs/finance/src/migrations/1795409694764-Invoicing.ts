import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoicing1795409694764 implements MigrationInterface {
  name = 'Invoicing1795409694764';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "invoices" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" text NOT NULL, "year" integer NOT NULL, "sequence" integer NOT NULL, "member_id" uuid NOT NULL, "kind" text NOT NULL, "source_key" text NOT NULL, "dues_run_id" uuid, "issue_date" date NOT NULL, "due_date" date NOT NULL, "amount_cents" bigint NOT NULL, "paid_cents" bigint NOT NULL DEFAULT '0', "status" text NOT NULL DEFAULT 'open', "payment_reference" character(16) NOT NULL, "billed_to" jsonb NOT NULL, "dunning_stage" text NOT NULL DEFAULT 'none', "reminded_on" date, "noticed_on" date, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_invoices_payment_reference" UNIQUE ("cooperative_id", "payment_reference"), CONSTRAINT "uq_invoices_source" UNIQUE ("cooperative_id", "source_key"), CONSTRAINT "uq_invoices_number" UNIQUE ("cooperative_id", "year", "sequence"), CONSTRAINT "ck_invoices_kind" CHECK ("kind" IN ('dues', 'contribution', 'late_cancellation_fee', 'manual')), CONSTRAINT "ck_invoices_status" CHECK ("status" IN ('open', 'paid', 'cancelled') AND "dunning_stage" IN ('none', 'reminded', 'noticed', 'in_default')), CONSTRAINT "ck_invoices_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_095335d1299d76bffb62f13e02e" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoices_member" ON "invoices"  ("cooperative_id", "member_id") `);
    await queryRunner.query(`CREATE TABLE "invoice_lines" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "invoice_id" uuid NOT NULL, "position" integer NOT NULL, "description" text NOT NULL, "amount_cents" bigint NOT NULL, "account_code" text NOT NULL, "booking_id" uuid, CONSTRAINT "PK_082d46011fbf2ef5983def0d58e" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoice_lines_invoice" ON "invoice_lines"  ("cooperative_id", "invoice_id") `);
    await queryRunner.query(`CREATE TABLE "invoice_payments" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "invoice_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "method" text NOT NULL, "paid_on" date NOT NULL, "idempotency_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_invoice_payments_key" UNIQUE ("cooperative_id", "idempotency_key"), CONSTRAINT "ck_invoice_payments_method" CHECK ("method" IN ('stripe', 'sepa', 'bank_transfer', 'manual') AND "amount_cents" <> 0), CONSTRAINT "PK_48392e4915123b1ca89134ff4fd" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoice_payments_invoice" ON "invoice_payments"  ("cooperative_id", "invoice_id") `);
    await queryRunner.query(`CREATE TABLE "invoice_counters" ("cooperative_id" uuid NOT NULL, "year" integer NOT NULL, "last_sequence" integer NOT NULL, CONSTRAINT "PK_6476b906d069b8bf7eca65b363e" PRIMARY KEY ("cooperative_id", "year"))`);
    await queryRunner.query(`CREATE TABLE "dues_plans" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "membership_type_id" uuid NOT NULL, "yearly_amount_cents" bigint NOT NULL, "reduced_yearly_amount_cents" bigint, "frequency" text NOT NULL, "pro_rata" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_dues_plans_type" UNIQUE ("cooperative_id", "membership_type_id"), CONSTRAINT "ck_dues_plans_frequency" CHECK ("frequency" IN ('yearly', 'quarterly', 'monthly')), CONSTRAINT "ck_dues_plans_amounts" CHECK ("yearly_amount_cents" >= 0 AND ("reduced_yearly_amount_cents" IS NULL OR "reduced_yearly_amount_cents" BETWEEN 0 AND "yearly_amount_cents")), CONSTRAINT "PK_3ba24945a6e315649ec6a64c85b" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "dues_runs" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" text NOT NULL, "issue_date" date NOT NULL, "due_date" date NOT NULL, "status" text NOT NULL, "invoice_count" integer NOT NULL DEFAULT '0', "total_cents" bigint NOT NULL DEFAULT '0', "started_by" uuid, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_dues_runs_status" CHECK ("status" IN ('running', 'completed')), CONSTRAINT "PK_30e63e8337699e1b04147f60591" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "FK_ee65fe08decdc1d71409954d8b5" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" ADD CONSTRAINT "FK_7ad081a639e96f22539a1baa2fe" FOREIGN KEY ("cooperative_id", "invoice_id") REFERENCES "invoices"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoice_payments" ADD CONSTRAINT "FK_86a2cddaf26963a52bfd7c683e0" FOREIGN KEY ("cooperative_id", "invoice_id") REFERENCES "invoices"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoice_payments" DROP CONSTRAINT "FK_86a2cddaf26963a52bfd7c683e0"`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_7ad081a639e96f22539a1baa2fe"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "FK_ee65fe08decdc1d71409954d8b5"`);
    await queryRunner.query(`DROP TABLE "dues_runs"`);
    await queryRunner.query(`DROP TABLE "dues_plans"`);
    await queryRunner.query(`DROP TABLE "invoice_counters"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_payments_invoice"`);
    await queryRunner.query(`DROP TABLE "invoice_payments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_lines_invoice"`);
    await queryRunner.query(`DROP TABLE "invoice_lines"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_member"`);
    await queryRunner.query(`DROP TABLE "invoices"`);
  }
}
