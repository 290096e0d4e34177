import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the app role may do with each membership table (members are anonymised, never deleted). */
const GRANTS: Record<string, string> = {
  cooperative_profiles: 'SELECT, INSERT, UPDATE',
  privacy_statements: 'SELECT, INSERT',
  membership_types: 'SELECT, INSERT, UPDATE',
  households: 'SELECT, INSERT, UPDATE',
  household_persons: 'SELECT, INSERT, UPDATE, DELETE',
  members: 'SELECT, INSERT, UPDATE',
  member_status_changes: 'SELECT, INSERT',
  member_categories: 'SELECT, INSERT, DELETE',
  member_number_counters: 'SELECT, INSERT, UPDATE',
  membership_applications: 'SELECT, INSERT, UPDATE',
  privacy_requests: 'SELECT, INSERT, UPDATE',
};

/** Row-level security on every membership table, the app role's grants, and indexes TypeORM cannot express. */
export class MembershipSecurity1795403900000 implements MigrationInterface {
  name = 'MembershipSecurity1795403900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, privileges] of Object.entries(GRANTS)) {
      await queryRunner.query(`GRANT ${privileges} ON ${table} TO buurtcoop_app`);
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY ${table}_tenant ON ${table} USING (cooperative_id = app_cooperative_id()) WITH CHECK (cooperative_id = app_cooperative_id())`,
      );
      await queryRunner.query(`CREATE POLICY ${table}_owner ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
    // One membership per e-mail address in a cooperative; erased members no longer hold theirs.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_members_email ON members (cooperative_id, lower(email)) WHERE email IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_members_search ON members (cooperative_id, status, last_name)`);
    await queryRunner.query(`CREATE INDEX ix_members_postcode ON members (cooperative_id, postcode)`);
    await queryRunner.query(`CREATE INDEX ix_members_user ON members (user_id) WHERE user_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_member_status_changes_member ON member_status_changes (cooperative_id, member_id, recorded_at)`);
    await queryRunner.query(`CREATE INDEX ix_membership_applications_status ON membership_applications (cooperative_id, status, created_at)`);
    // One pending erasure request per member: a second request (even a simultaneous one) finds the first.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_privacy_requests_pending ON privacy_requests (cooperative_id, member_id) WHERE status = 'pending'`);
    // An erasure wipes the free-text reasons of the member's history (the lines themselves stay).
    await queryRunner.query(`GRANT UPDATE (reason) ON member_status_changes TO buurtcoop_app`);
    // A member lives in one household at a time; a household person belongs to one household.
    await queryRunner.query(`CREATE INDEX ix_household_persons_household ON household_persons (cooperative_id, household_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE (reason) ON member_status_changes FROM buurtcoop_app`);
    for (const index of ['uq_privacy_requests_pending', 'ix_household_persons_household', 'ix_membership_applications_status', 'ix_member_status_changes_member', 'ix_members_user', 'ix_members_postcode', 'ix_members_search', 'uq_members_email']) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    for (const table of Object.keys(GRANTS).reverse()) {
      await queryRunner.query(`DROP POLICY ${table}_owner ON ${table}`);
      await queryRunner.query(`DROP POLICY ${table}_tenant ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`REVOKE ALL ON ${table} FROM buurtcoop_app`);
    }
  }
}
