import { MigrationInterface, QueryRunner } from 'typeorm';

export class Donations1795419163776 implements MigrationInterface {
  name = 'Donations1795419163776';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "donors" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "name" text NOT NULL, "contact_person" text, "email" text, "street" text, "postcode" text, "city" text, "iban" text, "member_id" uuid, "public_consent" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_donors_kind" CHECK ("kind" IN ('person', 'company', 'housing_corporation', 'foundation')), CONSTRAINT "PK_a0d549af6a29cb059470e01c2cb" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_donors_iban" ON "donors"  ("cooperative_id", "iban") `);
    await queryRunner.query(`CREATE TABLE "donation_pledges" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "donor_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "frequency" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "fund_id" uuid, "channel" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_donation_pledges_period" CHECK ("ends_on" IS NULL OR "ends_on" >= "starts_on"), CONSTRAINT "ck_donation_pledges_channel" CHECK ("channel" IN ('bank_transfer', 'stripe')), CONSTRAINT "ck_donation_pledges_frequency" CHECK ("frequency" IN ('month', 'quarter', 'year')), CONSTRAINT "ck_donation_pledges_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_919b0c62acfdca444704a659eeb" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_donation_pledges_donor" ON "donation_pledges"  ("cooperative_id", "donor_id") `);
    await queryRunner.query(`CREATE TABLE "donations" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "donor_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "received_on" date NOT NULL, "channel" text NOT NULL, "fund_id" uuid, "pledge_id" uuid, "ledger_key" text NOT NULL, "entry_id" uuid NOT NULL, "statement_line_id" uuid, "status" text NOT NULL DEFAULT 'received', "cancel_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_donations_ledger_key" UNIQUE ("cooperative_id", "ledger_key"), CONSTRAINT "ck_donations_cancel_reason" CHECK ("status" = 'received' OR "cancel_reason" IS NOT NULL), CONSTRAINT "ck_donations_status" CHECK ("status" IN ('received', 'cancelled')), CONSTRAINT "ck_donations_channel" CHECK ("channel" IN ('stripe', 'bank_transfer', 'cash')), CONSTRAINT "ck_donations_amount" CHECK ("amount_cents" > 0), CONSTRAINT "PK_56539b01c42e42f73b3a349ff46" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_donations_pledge" ON "donations"  ("cooperative_id", "pledge_id") `);
    await queryRunner.query(`CREATE INDEX "ix_donations_donor" ON "donations"  ("cooperative_id", "donor_id", "received_on") `);
    await queryRunner.query(`ALTER TABLE "donors" ADD CONSTRAINT "FK_8e05d44aa3aeeec843fbda04c83" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "donation_pledges" ADD CONSTRAINT "FK_264cb43ee1ddd6cd4c129c7e601" FOREIGN KEY ("cooperative_id", "donor_id") REFERENCES "donors"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "donation_pledges" ADD CONSTRAINT "FK_65ba82b33af8519bfd95ad48281" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "donations" ADD CONSTRAINT "FK_20b6949926d05ed7ac552cfe50c" FOREIGN KEY ("cooperative_id", "donor_id") REFERENCES "donors"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "donations" ADD CONSTRAINT "FK_35a99d25363fa37576f4e309b36" FOREIGN KEY ("cooperative_id", "fund_id") REFERENCES "funds"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "donations" ADD CONSTRAINT "FK_b84d4f392dd607c9e2851571b98" FOREIGN KEY ("cooperative_id", "pledge_id") REFERENCES "donation_pledges"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "donations" ADD CONSTRAINT "FK_72df6c4687c69a827e14a793379" FOREIGN KEY ("cooperative_id", "entry_id") REFERENCES "journal_entries"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "FK_72df6c4687c69a827e14a793379"`);
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "FK_b84d4f392dd607c9e2851571b98"`);
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "FK_35a99d25363fa37576f4e309b36"`);
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "FK_20b6949926d05ed7ac552cfe50c"`);
    await queryRunner.query(`ALTER TABLE "donation_pledges" DROP CONSTRAINT "FK_65ba82b33af8519bfd95ad48281"`);
    await queryRunner.query(`ALTER TABLE "donation_pledges" DROP CONSTRAINT "FK_264cb43ee1ddd6cd4c129c7e601"`);
    await queryRunner.query(`ALTER TABLE "donors" DROP CONSTRAINT "FK_8e05d44aa3aeeec843fbda04c83"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donations_donor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donations_pledge"`);
    await queryRunner.query(`DROP TABLE "donations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donation_pledges_donor"`);
    await queryRunner.query(`DROP TABLE "donation_pledges"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donors_iban"`);
    await queryRunner.query(`DROP TABLE "donors"`);
  }
}
