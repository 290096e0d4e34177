import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `member_billing`: what finance may know of a member to bill dues, as one read-only view. Finance bills
 * thousands of members in one statement, so it reads this view rather than calling the membership service
 * per member; membership keeps its tables to itself. The view runs with the caller's rights, so row-level
 * security on `members` still decides which rows are seen.
 */
export class MemberBilling1795409400000 implements MigrationInterface {
  name = 'MemberBilling1795409400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW member_billing WITH (security_invoker = true) AS
      SELECT m.cooperative_id,
             m.id AS member_id,
             m.member_number,
             m.household_id,
             m.membership_type_id,
             m.status,
             m.joined_on,
             m.ends_on,
             EXISTS (SELECT 1 FROM member_categories c
                      WHERE c.cooperative_id = m.cooperative_id AND c.member_id = m.id AND c.category = 'minimum_income') AS minimum_income,
             coalesce(m.organisation_name, nullif(concat_ws(' ', m.first_name, m.last_name), '')) AS name,
             nullif(concat_ws(' ', m.street, m.house_number), '') AS street_line,
             m.postcode,
             m.city,
             m.email,
             m.language
        FROM members m`);
    await queryRunner.query(`GRANT SELECT ON member_billing TO buurtcoop_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW member_billing`);
  }
}
