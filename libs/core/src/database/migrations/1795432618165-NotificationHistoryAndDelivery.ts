import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationHistoryAndDelivery1795432618165 implements MigrationInterface {
  name = 'NotificationHistoryAndDelivery1795432618165';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_pending"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "member_id" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "language" text NOT NULL DEFAULT 'nl'`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "claimed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "claim_token" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_messages_member" ON "outbox_messages"  ("cooperative_id", "member_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_outbox_messages_due" ON "outbox_messages"  ("status", "next_attempt_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_member"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "claim_token"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "claimed_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "member_id"`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_messages_pending" ON "outbox_messages" USING btree ("created_at", "status") `);
  }
}
