import { MigrationInterface, QueryRunner } from 'typeorm';

export class Stripe1795409586155 implements MigrationInterface {
  name = 'Stripe1795409586155';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "stripe_accounts" ("cooperative_id" uuid NOT NULL, "account_id" text NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_stripe_accounts_account" UNIQUE ("account_id"), CONSTRAINT "PK_8e3df65d02425b2d76c28a84d20" PRIMARY KEY ("cooperative_id"))`);
    await queryRunner.query(`CREATE TABLE "stripe_events" ("cooperative_id" uuid NOT NULL, "event_id" text NOT NULL, "type" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "outcome" text NOT NULL, CONSTRAINT "PK_353aa40c1e5a3f4a0db08340437" PRIMARY KEY ("cooperative_id", "event_id"))`);
    await queryRunner.query(`CREATE TABLE "stripe_payments" ("cooperative_id" uuid NOT NULL, "payment_intent_id" text NOT NULL, "checkout_session_id" text NOT NULL, "purpose" text NOT NULL, "invoice_id" uuid, "member_id" uuid, "amount_cents" bigint NOT NULL, "paid_on" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5783f82a221cc002ab03c6d69c9" PRIMARY KEY ("cooperative_id", "payment_intent_id"))`);
    await queryRunner.query(`ALTER TABLE "stripe_accounts" ADD CONSTRAINT "FK_8e3df65d02425b2d76c28a84d20" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "stripe_events" ADD CONSTRAINT "FK_cd336c908020318cc1bf1c899a7" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "stripe_payments" ADD CONSTRAINT "FK_746fd4309eae26ce5dd9fbbf86e" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stripe_payments" DROP CONSTRAINT "FK_746fd4309eae26ce5dd9fbbf86e"`);
    await queryRunner.query(`ALTER TABLE "stripe_events" DROP CONSTRAINT "FK_cd336c908020318cc1bf1c899a7"`);
    await queryRunner.query(`ALTER TABLE "stripe_accounts" DROP CONSTRAINT "FK_8e3df65d02425b2d76c28a84d20"`);
    await queryRunner.query(`DROP TABLE "stripe_payments"`);
    await queryRunner.query(`DROP TABLE "stripe_events"`);
    await queryRunner.query(`DROP TABLE "stripe_accounts"`);
  }
}
