import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The same bank file imported again is recognised by the SHA-256 of its bytes. Statements imported before
 * keep NULL: their files were never kept, so there is nothing to hash, and the unique index ignores NULLs.
 */
export class StatementFileHash1795452781574 implements MigrationInterface {
  name = 'StatementFileHash1795452781574';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bank_statements" ADD "file_sha256" text`);
    await queryRunner.query(`ALTER TABLE "bank_statements" ADD "file_position" integer`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_bank_statements_file" ON "bank_statements"  ("cooperative_id", "bank_account_id", "file_sha256", "file_position") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_bank_statements_file"`);
    await queryRunner.query(`ALTER TABLE "bank_statements" DROP COLUMN "file_position"`);
    await queryRunner.query(`ALTER TABLE "bank_statements" DROP COLUMN "file_sha256"`);
  }
}
