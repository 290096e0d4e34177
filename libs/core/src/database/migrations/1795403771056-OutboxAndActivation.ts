import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxAndActivation1795403771056 implements MigrationInterface {
  name = 'OutboxAndActivation1795403771056';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "activation_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f56ed1fa0dc5723cdc3e2c86dea" UNIQUE ("token_hash"), CONSTRAINT "PK_841f31a72cda6b2c39c861dbf0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_995711dd58f244ad95c829e3e3" ON "activation_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "outbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cooperative_id" uuid, "kind" text NOT NULL, "to_address" text NOT NULL, "subject" text NOT NULL, "body_text" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_messages_pending" ON "outbox_messages"  ("status", "created_at") `);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "activation_tokens" ADD CONSTRAINT "FK_995711dd58f244ad95c829e3e38" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Written by hand: the app role's access, and the outbox scoped to its cooperative like the audit log.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON activation_tokens TO buurtcoop_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON outbox_messages TO buurtcoop_app`);
    await queryRunner.query(`ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE outbox_messages FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY outbox_messages_read ON outbox_messages FOR SELECT USING (cooperative_id = app_cooperative_id())`);
    await queryRunner.query(`CREATE POLICY outbox_messages_write ON outbox_messages FOR INSERT WITH CHECK (cooperative_id IS NULL OR cooperative_id = app_cooperative_id())`);
    // UPDATE: an erasure wipes the mail sent to the erased member.
    await queryRunner.query(`CREATE POLICY outbox_messages_update ON outbox_messages FOR UPDATE USING (cooperative_id = app_cooperative_id()) WITH CHECK (cooperative_id = app_cooperative_id())`);
    await queryRunner.query(`CREATE POLICY outbox_messages_owner ON outbox_messages TO CURRENT_USER USING (true) WITH CHECK (true)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const policy of ['outbox_messages_owner', 'outbox_messages_update', 'outbox_messages_write', 'outbox_messages_read']) {
      await queryRunner.query(`DROP POLICY ${policy} ON outbox_messages`);
    }
    await queryRunner.query(`ALTER TABLE "activation_tokens" DROP CONSTRAINT "FK_995711dd58f244ad95c829e3e38"`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_pending"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_995711dd58f244ad95c829e3e3"`);
    await queryRunner.query(`DROP TABLE "activation_tokens"`);
  }
}
