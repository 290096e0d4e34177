import { MigrationInterface, QueryRunner } from 'typeorm';

export class ParticipationAgreements1795432942980 implements MigrationInterface {
  name = 'ParticipationAgreements1795432942980';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "participation_agreements" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "minutes_per_month" integer NOT NULL, "purpose" text NOT NULL, "description" text NOT NULL, "external_reference" text, "starts_on" date NOT NULL, "ends_on" date, "attestation_consent_at" TIMESTAMP WITH TIME ZONE, "attestation_consent_withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_participation_agreements_ends" CHECK ("ends_on" IS NULL OR ("ends_on" >= "starts_on" AND EXTRACT(DAY FROM "ends_on" + 1) = 1)), CONSTRAINT "ck_participation_agreements_starts" CHECK (EXTRACT(DAY FROM "starts_on") = 1), CONSTRAINT "ck_participation_agreements_purpose" CHECK ("purpose" IN ('tegenprestatie', 'vrijwilligerswerk', 'other')), CONSTRAINT "ck_participation_agreements_minutes" CHECK ("minutes_per_month" > 0 AND "minutes_per_month" <= 44640), CONSTRAINT "ex_participation_agreements_overlap" EXCLUDE USING gist ("cooperative_id" WITH =, "member_id" WITH =, "purpose" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&), CONSTRAINT "PK_7335afcaa43d5a08852e6f3ae78" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_participation_agreements_member" ON "participation_agreements"  ("cooperative_id", "member_id") `);
    await queryRunner.query(`ALTER TABLE "participation_agreements" ADD CONSTRAINT "FK_b5da83267b4d74e01c82514e07a" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participation_agreements" DROP CONSTRAINT "FK_b5da83267b4d74e01c82514e07a"`);
    await queryRunner.query(`DROP INDEX "public"."ix_participation_agreements_member"`);
    await queryRunner.query(`DROP TABLE "participation_agreements"`);
  }
}
