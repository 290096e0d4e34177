import { MigrationInterface, QueryRunner } from 'typeorm';

const GRANTS: Record<string, string> = {
  accounts: 'SELECT, INSERT, UPDATE',
  // The ledger is append-only for the app: no UPDATE or DELETE privilege at all.
  journal_entries: 'SELECT, INSERT',
  journal_lines: 'SELECT, INSERT',
  ledger_closings: 'SELECT, INSERT, UPDATE',
};

/**
 * The ledger's invariants, kept by PostgreSQL itself: every entry balances (checked at commit, so
 * the lines can be inserted one by one), nothing is ever changed or removed, and no entry is dated
 * in a closed period.
 */
export class LedgerIntegrity1795407800000 implements MigrationInterface {
  name = 'LedgerIntegrity1795407800000';

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

    for (const table of ['journal_entries', 'journal_lines']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }

    await queryRunner.query(`
      CREATE FUNCTION ledger_check_entry() RETURNS trigger LANGUAGE plpgsql AS
      $$
      DECLARE
        entry uuid;
        total numeric;
        lines integer;
      BEGIN
        -- Only the branch for this table is evaluated: the other row type lacks the column.
        IF TG_TABLE_NAME = 'journal_entries' THEN
          entry := NEW.id;
        ELSE
          entry := NEW.entry_id;
        END IF;
        SELECT coalesce(sum(amount_cents), 0), count(*) INTO total, lines
          FROM journal_lines WHERE cooperative_id = NEW.cooperative_id AND entry_id = entry;
        IF lines < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance: % line(s) summing to % cents', entry, lines, total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER journal_entries_balance AFTER INSERT ON journal_entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry()`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER journal_lines_balance AFTER INSERT ON journal_lines
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry()`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS
      $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ledger_closings c WHERE c.cooperative_id = NEW.cooperative_id AND NEW.entry_date <= c.closed_through) THEN
          RAISE EXCEPTION 'the books are closed through the date of this entry (%)', NEW.entry_date USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER journal_entries_open_period BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period()`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION ledger_check_entry(), ledger_refuse_closed_period() TO buurtcoop_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER journal_entries_open_period ON journal_entries`);
    await queryRunner.query(`DROP FUNCTION ledger_refuse_closed_period()`);
    await queryRunner.query(`DROP TRIGGER journal_lines_balance ON journal_lines`);
    await queryRunner.query(`DROP TRIGGER journal_entries_balance ON journal_entries`);
    await queryRunner.query(`DROP FUNCTION ledger_check_entry()`);
    for (const table of ['journal_lines', 'journal_entries']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
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
