import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings by offer. Every new booking counts the offer's live bookings on its day; with only the
 * (cooperative, status) index that count read every live booking of the cooperative.
 */
export class BookingOfferIndex1795433000000 implements MigrationInterface {
  name = 'BookingOfferIndex1795433000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_bookings_offer" ON "bookings" ("cooperative_id", "offer_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_bookings_offer"`);
  }
}
