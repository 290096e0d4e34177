import { MigrationInterface, QueryRunner } from 'typeorm';

export class Membership1795403862659 implements MigrationInterface {
  name = 'Membership1795403862659';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cooperative_profiles" ("cooperative_id" uuid NOT NULL, "kvk_number" character(8), "street" text, "house_number" text, "postcode" character(6), "city" text, "iban" text, "creditor_id" text, "notice_rule" text NOT NULL DEFAULT 'end_of_calendar_year', "notice_period_months" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94bcf5b6ce371ca83294bbfdefe" PRIMARY KEY ("cooperative_id"))`);
    await queryRunner.query(`CREATE TABLE "privacy_statements" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL, "text" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_privacy_statements_version" UNIQUE ("cooperative_id", "version"), CONSTRAINT "PK_a2fd0ab1207e1ca9eb896e40a41" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "membership_types" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "organisation_kind" text, "may_book" boolean NOT NULL, "may_provide" boolean NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "uq_membership_types_code" UNIQUE ("cooperative_id", "code"), CONSTRAINT "PK_f87702fa886c8440d6756afe8a0" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "households" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08296da1247daeac54065672b4a" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "household_persons" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL, "date_of_birth" date, CONSTRAINT "PK_847cc7a14e5e5cc48513c9dee32" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "members" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_number" integer NOT NULL, "membership_type_id" uuid NOT NULL, "household_id" uuid, "user_id" uuid, "role" text NOT NULL, "status" text NOT NULL, "first_name" text, "last_name" text, "organisation_name" text, "email" text, "phone" text, "street" text, "house_number" text, "postcode" character(6), "city" text, "date_of_birth" date, "language" text NOT NULL DEFAULT 'nl', "contact_preferences" jsonb NOT NULL DEFAULT '{"email":true,"phone":false,"post":false}', "joined_on" date NOT NULL, "ends_on" date, "anonymised_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_members_number" UNIQUE ("cooperative_id", "member_number"), CONSTRAINT "PK_dcae83d3babe56a2881ac8884fc" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "member_status_changes" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "kind" text NOT NULL, "effective_on" date NOT NULL, "reason" text, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_23a5a6545aaa209630b32d3e72f" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "member_categories" ("cooperative_id" uuid NOT NULL, "member_id" uuid NOT NULL, "category" text NOT NULL, "consented_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_44cba4a05dd3ff3476f3f33c285" PRIMARY KEY ("cooperative_id", "member_id", "category"))`);
    await queryRunner.query(`CREATE TABLE "member_number_counters" ("cooperative_id" uuid NOT NULL, "last_number" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_ead396c18869ccdfaacc2fc3f92" PRIMARY KEY ("cooperative_id"))`);
    await queryRunner.query(`CREATE TABLE "membership_applications" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" text NOT NULL DEFAULT 'pending', "membership_type_id" uuid NOT NULL, "role" text NOT NULL, "first_name" text, "last_name" text, "organisation_name" text, "email" text, "phone" text, "street" text, "house_number" text, "postcode" character(6), "city" text, "date_of_birth" date, "language" text NOT NULL DEFAULT 'nl', "household_persons" jsonb NOT NULL DEFAULT '[]', "privacy_statement_version" integer NOT NULL, "consented_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "rejection_reason" text, "member_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef0d2b278aa25df6f4094da924a" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "privacy_requests" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "kind" text NOT NULL DEFAULT 'erasure', "status" text NOT NULL DEFAULT 'pending', "reason" text, "handled_by" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "handled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6db472614f29f404027612c042d" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`ALTER TABLE "cooperative_profiles" ADD CONSTRAINT "FK_94bcf5b6ce371ca83294bbfdefe" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "privacy_statements" ADD CONSTRAINT "FK_b604085b4abe31071cf503b7860" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership_types" ADD CONSTRAINT "FK_4ef2117edab27ecaa1a05b22cf4" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "households" ADD CONSTRAINT "FK_be246287e29b895a5c42a9eb477" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "household_persons" ADD CONSTRAINT "FK_e4240892962f38e2cedc37f3a94" FOREIGN KEY ("cooperative_id", "household_id") REFERENCES "households"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "members" ADD CONSTRAINT "FK_1e906d6d38d6277a41c59370fb1" FOREIGN KEY ("cooperative_id", "membership_type_id") REFERENCES "membership_types"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "members" ADD CONSTRAINT "FK_63e58eefd730e06db30d355564b" FOREIGN KEY ("cooperative_id", "household_id") REFERENCES "households"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "member_status_changes" ADD CONSTRAINT "FK_07233c943ae38fcbd92b23c044c" FOREIGN KEY ("cooperative_id", "member_id") REFERENCES "members"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "member_categories" ADD CONSTRAINT "FK_2cc39cbe5ad7a090fcac009825b" FOREIGN KEY ("cooperative_id", "member_id") REFERENCES "members"("cooperative_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "member_number_counters" ADD CONSTRAINT "FK_ead396c18869ccdfaacc2fc3f92" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "membership_applications" ADD CONSTRAINT "FK_bb31fee72c9e77da1994597a4fc" FOREIGN KEY ("cooperative_id", "membership_type_id") REFERENCES "membership_types"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" ADD CONSTRAINT "FK_60f0bff4117c42f4d2740981b75" FOREIGN KEY ("cooperative_id", "member_id") REFERENCES "members"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "privacy_requests" DROP CONSTRAINT "FK_60f0bff4117c42f4d2740981b75"`);
    await queryRunner.query(`ALTER TABLE "membership_applications" DROP CONSTRAINT "FK_bb31fee72c9e77da1994597a4fc"`);
    await queryRunner.query(`ALTER TABLE "member_number_counters" DROP CONSTRAINT "FK_ead396c18869ccdfaacc2fc3f92"`);
    await queryRunner.query(`ALTER TABLE "member_categories" DROP CONSTRAINT "FK_2cc39cbe5ad7a090fcac009825b"`);
    await queryRunner.query(`ALTER TABLE "member_status_changes" DROP CONSTRAINT "FK_07233c943ae38fcbd92b23c044c"`);
    await queryRunner.query(`ALTER TABLE "members" DROP CONSTRAINT "FK_63e58eefd730e06db30d355564b"`);
    await queryRunner.query(`ALTER TABLE "members" DROP CONSTRAINT "FK_1e906d6d38d6277a41c59370fb1"`);
    await queryRunner.query(`ALTER TABLE "household_persons" DROP CONSTRAINT "FK_e4240892962f38e2cedc37f3a94"`);
    await queryRunner.query(`ALTER TABLE "households" DROP CONSTRAINT "FK_be246287e29b895a5c42a9eb477"`);
    await queryRunner.query(`ALTER TABLE "membership_types" DROP CONSTRAINT "FK_4ef2117edab27ecaa1a05b22cf4"`);
    await queryRunner.query(`ALTER TABLE "privacy_statements" DROP CONSTRAINT "FK_b604085b4abe31071cf503b7860"`);
    await queryRunner.query(`ALTER TABLE "cooperative_profiles" DROP CONSTRAINT "FK_94bcf5b6ce371ca83294bbfdefe"`);
    await queryRunner.query(`DROP TABLE "privacy_requests"`);
    await queryRunner.query(`DROP TABLE "membership_applications"`);
    await queryRunner.query(`DROP TABLE "member_number_counters"`);
    await queryRunner.query(`DROP TABLE "member_categories"`);
    await queryRunner.query(`DROP TABLE "member_status_changes"`);
    await queryRunner.query(`DROP TABLE "members"`);
    await queryRunner.query(`DROP TABLE "household_persons"`);
    await queryRunner.query(`DROP TABLE "households"`);
    await queryRunner.query(`DROP TABLE "membership_types"`);
    await queryRunner.query(`DROP TABLE "privacy_statements"`);
    await queryRunner.query(`DROP TABLE "cooperative_profiles"`);
  }
}
