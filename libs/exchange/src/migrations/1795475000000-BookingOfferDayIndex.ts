import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live bookings by offer and Dutch calendar day. Every new booking counts the offer's live bookings on its day
 * (the provider's limit per day); with the (cooperative, offer) index that count read and filtered every booking
 * the offer ever had, which grows with each week the offer runs. This index answers it from the day's entries.
 */
export class BookingOfferDayIndex1795475000000 implements MigrationInterface {
  name = 'BookingOfferDayIndex1795475000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_bookings_offer"`);
    await queryRunner.query(
      `CREATE INDEX ix_bookings_offer_day ON bookings (cooperative_id, offer_id, ((lower(during) AT TIME ZONE 'Europe/Amsterdam')::date))
        WHERE status NOT IN ('cancelled', 'expired')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_bookings_offer_day"`);
    await queryRunner.query(`CREATE INDEX "ix_bookings_offer" ON "bookings" ("cooperative_id", "offer_id") `);
  }
}
