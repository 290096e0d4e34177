import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `member_reporting`: what aggregate reports may know of a member — the household, the postcode-4 area and,
 * only where the member declared them with consent, one flag per vulnerability category. No name, address,
 * date of birth or contact detail. Reports count thousands of bookings in one statement, so they read this view
 * rather than calling the membership service per member. It runs with the caller's rights: row-level security
 * on `members` and `member_categories` still decides which rows are seen.
 */
export class MemberReporting1795419400000 implements MigrationInterface {
  name = 'MemberReporting1795419400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const flag = (category: string) =>
      `EXISTS (SELECT 1 FROM member_categories c
                WHERE c.cooperative_id = m.cooperative_id AND c.member_id = m.id AND c.category = '${category}' AND c.consented_at IS NOT NULL) AS ${category}`;
    await queryRunner.query(`
      CREATE VIEW member_reporting WITH (security_invoker = true) AS
      SELECT m.cooperative_id,
             m.id AS member_id,
             m.household_id,
             CASE WHEN m.postcode ~ '^[0-9]{4}' THEN substr(m.postcode, 1, 4)::int END AS postcode4,
             ${['age_65_plus', 'minimum_income', 'disability', 'informal_carer'].map(flag).join(',\n             ')}
        FROM members m`);
    await queryRunner.query(`GRANT SELECT ON member_reporting TO buurtcoop_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW member_reporting`);
  }
}
