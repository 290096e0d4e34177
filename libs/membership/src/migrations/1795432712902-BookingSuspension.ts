import { MigrationInterface, QueryRunner } from 'typeorm';

export class BookingSuspension1795432712902 implements MigrationInterface {
  name = 'BookingSuspension1795432712902';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "members" ADD "booking_suspended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "members" ADD "booking_suspension_reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "booking_suspension_reason"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "booking_suspended_at"`);
  }
}
