import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail written before the outbox knew its member: tie it to the member with that address (unique per
 * cooperative), so a member's notification history starts with their invitation.
 */
export class NotificationHistoryBackfill1795432668165 implements MigrationInterface {
  name = 'NotificationHistoryBackfill1795432668165';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE outbox_messages o
         SET member_id = m.id, language = m.language
        FROM members m
       WHERE o.member_id IS NULL AND m.cooperative_id = o.cooperative_id AND m.email IS NOT NULL AND lower(m.email) = lower(o.to_address)`);
  }

  public async down(): Promise<void> {
    // The link is harmless to keep: the columns go with the core migration's down.
  }
}
