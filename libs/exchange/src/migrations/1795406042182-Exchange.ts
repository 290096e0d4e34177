import { MigrationInterface, QueryRunner } from 'typeorm';

export class Exchange1795406042182 implements MigrationInterface {
  name = 'Exchange1795406042182';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "service_categories" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "requires_vog" boolean NOT NULL, "default_duration_minutes" integer NOT NULL, "pricing" text NOT NULL, "min_rate_cents" bigint NOT NULL, "max_rate_cents" bigint NOT NULL, "contribution_applies" boolean NOT NULL, "reduced_contribution_cents" bigint, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "uq_service_categories_code" UNIQUE ("cooperative_id", "code"), CONSTRAINT "PK_3e90b20d0230057edb51a371a26" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "provider_credentials" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "kind" text NOT NULL, "description" text, "issued_on" date NOT NULL, "expires_on" date NOT NULL, "verified_by" uuid, "verified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6abf21cb1812cb557effb8ff20b" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_provider_credentials_member" ON "provider_credentials"  ("cooperative_id", "member_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "offers" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider_member_id" uuid NOT NULL, "category_id" uuid NOT NULL, "description" text NOT NULL, "service_area" int4multirange NOT NULL, "rate_cents" bigint NOT NULL, "max_bookings_per_day" integer NOT NULL, "paused" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0820c2e9587781ad28b10e64ec7" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_offers_category" ON "offers"  ("cooperative_id", "category_id") `);
    await queryRunner.query(`CREATE TABLE "offer_windows" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "offer_id" uuid NOT NULL, "weekday" smallint NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, CONSTRAINT "ck_offer_windows_order" CHECK (start_time < end_time), CONSTRAINT "ck_offer_windows_weekday" CHECK (weekday BETWEEN 1 AND 7), CONSTRAINT "PK_b6e95ce2a7fb0231f1b2a86b9cb" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "offer_exceptions" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "offer_id" uuid NOT NULL, "from_date" date NOT NULL, "to_date" date NOT NULL, "reason" text, CONSTRAINT "ck_offer_exceptions_order" CHECK (from_date <= to_date), CONSTRAINT "PK_aa5b78312b107d493a8331cd828" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "bookings" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "offer_id" uuid NOT NULL, "category_id" uuid NOT NULL, "provider_member_id" uuid NOT NULL, "consumer_member_id" uuid NOT NULL, "during" tstzrange NOT NULL, "status" text NOT NULL DEFAULT 'requested', "series_id" uuid, "help_request_id" uuid, "booked_by" uuid NOT NULL, "rate_cents" bigint NOT NULL, "notes" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "actual_minutes" integer, "material_cents" bigint, "delivered_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "dispute_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_by" text, "late_cancellation" boolean NOT NULL DEFAULT false, "no_show" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ex_bookings_consumer" EXCLUDE USING gist ("cooperative_id" WITH =, "consumer_member_id" WITH =, "during" WITH &&) WHERE (status NOT IN ('cancelled', 'expired')), CONSTRAINT "ex_bookings_provider" EXCLUDE USING gist ("cooperative_id" WITH =, "provider_member_id" WITH =, "during" WITH &&) WHERE (status NOT IN ('cancelled', 'expired')), CONSTRAINT "PK_564442bd8759a66b22452cca397" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_bookings_status" ON "bookings"  ("cooperative_id", "status") `);
    await queryRunner.query(`CREATE TABLE "help_requests" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "consumer_member_id" uuid NOT NULL, "category_id" uuid NOT NULL, "description" text NOT NULL, "preferred" tstzrange, "status" text NOT NULL DEFAULT 'open', "created_by" uuid NOT NULL, "proposed_offer_id" uuid, "proposed_during" tstzrange, "consumer_accepted_at" TIMESTAMP WITH TIME ZONE, "provider_accepted_at" TIMESTAMP WITH TIME ZONE, "booking_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53cd903448f113be8521698b8eb" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "reviews" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "booking_id" uuid NOT NULL, "author_side" text NOT NULL, "author_member_id" uuid NOT NULL, "rating" smallint NOT NULL, "comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_reviews_author" UNIQUE ("cooperative_id", "booking_id", "author_side"), CONSTRAINT "ck_reviews_rating" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "PK_3da5087be95ec8768c1177720a5" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "exchange_events" ("cooperative_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "booking_id" uuid NOT NULL, "consumer_member_id" uuid NOT NULL, "provider_member_id" uuid NOT NULL, "amount_cents" bigint NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_37705661c8438ad959c00b34c27" PRIMARY KEY ("cooperative_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "ix_exchange_events_unprocessed" ON "exchange_events"  ("cooperative_id", "processed_at") `);
    await queryRunner.query(`CREATE TABLE "exchange_policies" ("cooperative_id" uuid NOT NULL, "cancellation_notice_hours" integer NOT NULL DEFAULT '24', "late_cancellation_fee_cents" bigint NOT NULL DEFAULT '0', "request_expiry_hours" integer NOT NULL DEFAULT '48', "auto_complete_days" integer NOT NULL DEFAULT '7', CONSTRAINT "PK_e426713c5f8ed6c926a9b29dc80" PRIMARY KEY ("cooperative_id"))`);
    await queryRunner.query(`ALTER TABLE "service_categories" ADD CONSTRAINT "FK_01f6096a321de1a78d2a6baa186" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "offers" ADD CONSTRAINT "FK_70cbf6a4cb6799a5ec70029e621" FOREIGN KEY ("cooperative_id", "category_id") REFERENCES "service_categories"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "offer_windows" ADD CONSTRAINT "FK_e618bb4db7b9614060b35d02b71" FOREIGN KEY ("cooperative_id", "offer_id") REFERENCES "offers"("cooperative_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "offer_exceptions" ADD CONSTRAINT "FK_85869ab2ae91c2c2ce23ce1114b" FOREIGN KEY ("cooperative_id", "offer_id") REFERENCES "offers"("cooperative_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD CONSTRAINT "FK_635276891d841dc4f2fe04bbc23" FOREIGN KEY ("cooperative_id", "offer_id") REFERENCES "offers"("cooperative_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "exchange_policies" ADD CONSTRAINT "FK_e426713c5f8ed6c926a9b29dc80" FOREIGN KEY ("cooperative_id") REFERENCES "cooperatives"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exchange_policies" DROP CONSTRAINT "FK_e426713c5f8ed6c926a9b29dc80"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_635276891d841dc4f2fe04bbc23"`);
    await queryRunner.query(`ALTER TABLE "offer_exceptions" DROP CONSTRAINT "FK_85869ab2ae91c2c2ce23ce1114b"`);
    await queryRunner.query(`ALTER TABLE "offer_windows" DROP CONSTRAINT "FK_e618bb4db7b9614060b35d02b71"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "FK_70cbf6a4cb6799a5ec70029e621"`);
    await queryRunner.query(`ALTER TABLE "service_categories" DROP CONSTRAINT "FK_01f6096a321de1a78d2a6baa186"`);
    await queryRunner.query(`DROP TABLE "exchange_policies"`);
    await queryRunner.query(`DROP INDEX "public"."ix_exchange_events_unprocessed"`);
    await queryRunner.query(`DROP TABLE "exchange_events"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
    await queryRunner.query(`DROP TABLE "help_requests"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bookings_status"`);
    await queryRunner.query(`DROP TABLE "bookings"`);
    await queryRunner.query(`DROP TABLE "offer_exceptions"`);
    await queryRunner.query(`DROP TABLE "offer_windows"`);
    await queryRunner.query(`DROP INDEX "public"."ix_offers_category"`);
    await queryRunner.query(`DROP TABLE "offers"`);
    await queryRunner.query(`DROP INDEX "public"."ix_provider_credentials_member"`);
    await queryRunner.query(`DROP TABLE "provider_credentials"`);
    await queryRunner.query(`DROP TABLE "service_categories"`);
  }
}
