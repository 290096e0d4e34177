import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountabilityReports1795423526574 implements MigrationInterface {
  name = 'AccountabilityReports1795423526574';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "accountability_reports" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, "agreement_reference" text NOT NULL, "period_from" date NOT NULL, "period_through" date NOT NULL, "status" text NOT NULL, "current_version" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_accountability_reports_period" UNIQUE ("cooperative_id", "agreement_id", "period_from", "period_through"), CONSTRAINT "ck_accountability_reports_period" CHECK ("period_through" >= "period_from"), CONSTRAINT "ck_accountability_reports_status" CHECK ("status" IN ('draft', 'submitted', 'changes_requested', 'approved')), CONSTRAINT "PK_4ac4f6dc815b3d497f1eb42c7b4" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_accountability_reports_municipality" ON "accountability_reports"  ("municipality_id", "status") `);
    await queryRunner.query(`CREATE TABLE "accountability_report_versions" ("cooperative_id" uuid NOT NULL, "report_id" uuid NOT NULL, "version" integer NOT NULL, "kind" text NOT NULL, "figures" jsonb NOT NULL, "narrative" jsonb NOT NULL, "author_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_accountability_report_versions_version" CHECK ("version" >= 1), CONSTRAINT "ck_accountability_report_versions_kind" CHECK ("kind" IN ('draft', 'save', 'submission')), CONSTRAINT "PK_af46cf800f80fdfc94aa59ba1a5" PRIMARY KEY ("cooperative_id", "report_id", "version"))`);
    await queryRunner.query(`CREATE TABLE "accountability_comments" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "version" integer NOT NULL, "kind" text NOT NULL, "body" text NOT NULL, "author_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e1b1dc007b513c7431ab12da14d" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_accountability_comments_version" ON "accountability_comments"  ("cooperative_id", "report_id", "version") `);
    await queryRunner.query(`ALTER TABLE "accountability_reports" ADD CONSTRAINT "FK_8954c48f8e4266e73b0ecaa12c3" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "accountability_report_versions" ADD CONSTRAINT "FK_da182dc17e17bdfd75ac0a555ed" FOREIGN KEY ("cooperative_id", "report_id") REFERENCES "accountability_reports"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "accountability_comments" ADD CONSTRAINT "FK_f97076481bdbf5281df02d3ec6e" FOREIGN KEY ("cooperative_id", "report_id", "version") REFERENCES "accountability_report_versions"("cooperative_id","report_id","version") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accountability_comments" DROP CONSTRAINT "FK_f97076481bdbf5281df02d3ec6e"`);
    await queryRunner.query(`ALTER TABLE "accountability_report_versions" DROP CONSTRAINT "FK_da182dc17e17bdfd75ac0a555ed"`);
    await queryRunner.query(`ALTER TABLE "accountability_reports" DROP CONSTRAINT "FK_8954c48f8e4266e73b0ecaa12c3"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accountability_comments_version"`);
    await queryRunner.query(`DROP TABLE "accountability_comments"`);
    await queryRunner.query(`DROP TABLE "accountability_report_versions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_accountability_reports_municipality"`);
    await queryRunner.query(`DROP TABLE "accountability_reports"`);
  }
}
