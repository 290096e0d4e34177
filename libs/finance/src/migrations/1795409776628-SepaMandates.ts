import { MigrationInterface, QueryRunner } from 'typeorm';

export class SepaMandates1795409776628 implements MigrationInterface {
  name = 'SepaMandates1795409776628';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sepa_settings" ("cooperative_id" uuid NOT NULL, "creditor_id" text NOT NULL, "creditor_name" text NOT NULL, "iban" text NOT NULL, "bic" text, "pain_version" text NOT NULL DEFAULT '.001.02', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_sepa_settings_pain_version" CHECK (pain_version IN ('.001.02', '.001.08')), CONSTRAINT "PK_f224c548de847318650e7aade56" PRIMARY KEY ("cooperative_id"))`);
    await queryRunner.query(`CREATE TABLE "sepa_mandates" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "reference" text NOT NULL, "debtor_name" text NOT NULL, "iban" text NOT NULL, "bic" text, "signed_on" date NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'active', "revoked_on" date, "revocation_reason" text, "first_collected_on" date, "last_collected_on" date, "signed_via" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_sepa_mandates_reference" UNIQUE ("cooperative_id", "reference"), CONSTRAINT "ck_sepa_mandates_collections" CHECK ((first_collected_on IS NULL) = (last_collected_on IS NULL) AND first_collected_on <= last_collected_on AND (kind = 'recurrent' OR first_collected_on = last_collected_on)), CONSTRAINT "ck_sepa_mandates_reference" CHECK (char_length(reference) BETWEEN 1 AND 35), CONSTRAINT "ck_sepa_mandates_signed_via" CHECK (signed_via IN ('member', 'treasurer')), CONSTRAINT "ck_sepa_mandates_revoked" CHECK ((status = 'revoked') = (revoked_on IS NOT NULL)), CONSTRAINT "ck_sepa_mandates_status" CHECK (status IN ('active', 'revoked')), CONSTRAINT "ck_sepa_mandates_kind" CHECK (kind IN ('recurrent', 'one_off')), CONSTRAINT "PK_02741d0aaae5cad3ddb5e7442c0" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sepa_mandates_member" ON "sepa_mandates"  ("cooperative_id", "member_id") `);
    await queryRunner.query(`CREATE TABLE "sepa_mandate_amendments" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "mandate_id" uuid NOT NULL, "amended_on" date NOT NULL, "original_reference" text, "original_iban" text, "original_bic" text, "pending" boolean NOT NULL, "carried_on" date, "reason" text, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_sepa_mandate_amendments_carried" CHECK (NOT (pending AND carried_on IS NOT NULL)), CONSTRAINT "ck_sepa_mandate_amendments_change" CHECK (original_reference IS NOT NULL OR original_iban IS NOT NULL), CONSTRAINT "PK_4def551e3bcaad5aa3db258f5fc" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sepa_mandate_amendments_mandate" ON "sepa_mandate_amendments"  ("cooperative_id", "mandate_id") `);
    await queryRunner.query(`ALTER TABLE "sepa_settings" ADD CONSTRAINT "FK_f224c548de847318650e7aade56" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sepa_mandates" ADD CONSTRAINT "FK_3cf898b30948be8ae2bc7802ee5" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sepa_mandate_amendments" ADD CONSTRAINT "FK_2c99d963c3cad6fc29e5a46b749" FOREIGN KEY ("cooperative_id", "mandate_id") REFERENCES "sepa_mandates"("cooperative_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sepa_mandate_amendments" DROP CONSTRAINT "FK_2c99d963c3cad6fc29e5a46b749"`);
    await queryRunner.query(`ALTER TABLE "sepa_mandates" DROP CONSTRAINT "FK_3cf898b30948be8ae2bc7802ee5"`);
    await queryRunner.query(`ALTER TABLE "sepa_settings" DROP CONSTRAINT "FK_f224c548de847318650e7aade56"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sepa_mandate_amendments_mandate"`);
    await queryRunner.query(`DROP TABLE "sepa_mandate_amendments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sepa_mandates_member"`);
    await queryRunner.query(`DROP TABLE "sepa_mandates"`);
    await queryRunner.query(`DROP TABLE "sepa_settings"`);
  }
}
