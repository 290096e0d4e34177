import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Account, AccountType } from './entities/account.entity';
import { JournalEntry, JournalLine } from './entities/journal-entry.entity';
import { CHART } from './chart';

export interface NewLine {
  accountId: string;
  amountCents: number;
  memberId?: string | null;
  fundId?: string | null;
  bookingId?: string | null;
}

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
}

const cents = (value: string | number | null) => (value === null ? 0 : Number(value));

@Injectable()
export class LedgerRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async seedChart(cooperativeId: CooperativeId): Promise<void> {
    await this.uow.rows(
      `INSERT INTO accounts (cooperative_id, code, name, type, system)
       SELECT $1, a.code, a.name, a.type, true FROM jsonb_to_recordset($2::jsonb) AS a(code text, name text, type text)
       ON CONFLICT (cooperative_id, code) DO NOTHING`,
      [cooperativeId, JSON.stringify(CHART)],
    );
  }

  accounts(cooperativeId: CooperativeId): Promise<Account[]> {
    return this.uow.manager().getRepository(Account).find({ where: { cooperativeId }, order: { code: 'ASC' } });
  }

  async insertAccount(cooperativeId: CooperativeId, a: Pick<Account, 'code' | 'name' | 'type'>): Promise<Account | null> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO accounts (cooperative_id, code, name, type) VALUES ($1, $2, $3, $4) ON CONFLICT (cooperative_id, code) DO NOTHING RETURNING id`,
      [cooperativeId, a.code, a.name, a.type],
    );
    return row ? this.uow.manager().getRepository(Account).findOneBy({ cooperativeId, id: row.id }) : null;
  }

  /** How many of these account ids exist in the cooperative (one query for the whole entry). */
  async countAccounts(cooperativeId: CooperativeId, ids: string[]): Promise<number> {
    const [row] = await this.uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE cooperative_id = $1 AND id = ANY($2::uuid[])`, [cooperativeId, ids]);
    return row.n;
  }

  async closedThrough(cooperativeId: CooperativeId): Promise<string | null> {
    const [row] = await this.uow.rows<{ closed_through: string }>(`SELECT to_char(closed_through, 'YYYY-MM-DD') AS closed_through FROM ledger_closings WHERE cooperative_id = $1`, [cooperativeId]);
    return row?.closed_through ?? null;
  }

  /** Moves the closing date forward only; returns false when it would move back. */
  async close(cooperativeId: CooperativeId, through: string, closedBy: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `INSERT INTO ledger_closings (cooperative_id, closed_through, closed_by) VALUES ($1, $2, $3)
       ON CONFLICT (cooperative_id) DO UPDATE SET closed_through = EXCLUDED.closed_through, closed_by = EXCLUDED.closed_by, closed_at = now()
        WHERE ledger_closings.closed_through < EXCLUDED.closed_through
       RETURNING cooperative_id`,
      [cooperativeId, through, closedBy],
    );
    return rows.length === 1;
  }

  /** Inserts the entry and its lines unless the key was used before; returns the new id, or null when it was. */
  async insertEntry(
    cooperativeId: CooperativeId,
    e: { entryDate: string; description: string; idempotencyKey: string; reversesEntryId: string | null; createdBy: string | null },
    lines: NewLine[],
  ): Promise<string | null> {
    const [entry] = await this.uow.rows<{ id: string }>(
      `INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key, reverses_entry_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [cooperativeId, e.entryDate, e.description, e.idempotencyKey, e.reversesEntryId, e.createdBy],
    );
    if (!entry) return null;
    await this.uow.rows(
      `INSERT INTO journal_lines (cooperative_id, entry_id, account_id, amount_cents, member_id, fund_id, booking_id)
       SELECT $1, $2, l.account_id, l.amount_cents, l.member_id, l.fund_id, l.booking_id
         FROM jsonb_to_recordset($3::jsonb) AS l(account_id uuid, amount_cents bigint, member_id uuid, fund_id uuid, booking_id uuid)`,
      [
        cooperativeId,
        entry.id,
        JSON.stringify(lines.map((l) => ({ account_id: l.accountId, amount_cents: l.amountCents, member_id: l.memberId ?? null, fund_id: l.fundId ?? null, booking_id: l.bookingId ?? null }))),
      ],
    );
    return entry.id;
  }

  /**
   * Inserts many entries in two statements; keys posted before are skipped. Returns the keys that were new.
   * Used by runs that post thousands of entries at once (dues runs), where one post per entry would not do.
   */
  async insertEntries(cooperativeId: CooperativeId, entries: Array<{ entryDate: string; description: string; idempotencyKey: string; lines: NewLine[] }>, createdBy: string | null): Promise<string[]> {
    const rows = await this.uow.rows<{ idempotency_key: string }>(
      `WITH entry AS (
         INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key, created_by)
         SELECT $1, e.entry_date, e.description, e.idempotency_key, $2
           FROM jsonb_to_recordset($3::jsonb) AS e(entry_date date, description text, idempotency_key text)
         ON CONFLICT DO NOTHING
         RETURNING id, idempotency_key
       ), line AS (
         INSERT INTO journal_lines (cooperative_id, entry_id, account_id, amount_cents, member_id, fund_id, booking_id)
         SELECT $1, entry.id, l.account_id, l.amount_cents, l.member_id, l.fund_id, l.booking_id
           FROM entry JOIN jsonb_to_recordset($4::jsonb) AS l(idempotency_key text, account_id uuid, amount_cents bigint, member_id uuid, fund_id uuid, booking_id uuid)
             ON l.idempotency_key = entry.idempotency_key
       )
       SELECT idempotency_key FROM entry`,
      [
        cooperativeId,
        createdBy,
        JSON.stringify(entries.map((e) => ({ entry_date: e.entryDate, description: e.description, idempotency_key: e.idempotencyKey }))),
        JSON.stringify(
          entries.flatMap((e) =>
            e.lines.map((l) => ({ idempotency_key: e.idempotencyKey, account_id: l.accountId, amount_cents: l.amountCents, member_id: l.memberId ?? null, fund_id: l.fundId ?? null, booking_id: l.bookingId ?? null })),
          ),
        ),
      ],
    );
    return rows.map((r) => r.idempotency_key);
  }

  async memberBalance(cooperativeId: CooperativeId, accountId: string, memberId: string): Promise<number> {
    const [row] = await this.uow.rows<{ balance: string }>(
      `SELECT coalesce(sum(amount_cents), 0) AS balance FROM journal_lines WHERE cooperative_id = $1 AND account_id = $2 AND member_id = $3`,
      [cooperativeId, accountId, memberId],
    );
    return cents(row.balance);
  }

  entryByKey(cooperativeId: CooperativeId, idempotencyKey: string): Promise<JournalEntry | null> {
    return this.uow.manager().getRepository(JournalEntry).findOneBy({ cooperativeId, idempotencyKey });
  }

  entryReversing(cooperativeId: CooperativeId, entryId: string): Promise<JournalEntry | null> {
    return this.uow.manager().getRepository(JournalEntry).findOneBy({ cooperativeId, reversesEntryId: entryId });
  }

  entry(cooperativeId: CooperativeId, id: string): Promise<JournalEntry | null> {
    return this.uow.manager().getRepository(JournalEntry).findOneBy({ cooperativeId, id });
  }

  lines(cooperativeId: CooperativeId, entryId: string): Promise<JournalLine[]> {
    return this.uow.manager().getRepository(JournalLine).find({ where: { cooperativeId, entryId }, order: { amountCents: 'DESC' } });
  }

  /** Per account: debits, credits and balance of the entries dated in [from, through]. */
  async trialBalance(cooperativeId: CooperativeId, from: string | null, through: string): Promise<TrialBalanceRow[]> {
    const rows = await this.uow.rows<{ id: string; code: string; name: string; type: AccountType; debit: string; credit: string }>(
      `SELECT a.id, a.code, a.name, a.type,
              coalesce(sum(l.amount_cents) FILTER (WHERE l.amount_cents > 0), 0) AS debit,
              coalesce(-sum(l.amount_cents) FILTER (WHERE l.amount_cents < 0), 0) AS credit
         FROM accounts a
         LEFT JOIN (journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
                      AND e.entry_date <= $3::date AND ($2::date IS NULL OR e.entry_date >= $2::date))
                ON l.cooperative_id = a.cooperative_id AND l.account_id = a.id
        WHERE a.cooperative_id = $1
        GROUP BY a.id, a.code, a.name, a.type
        ORDER BY a.code`,
      [cooperativeId, from, through],
    );
    return rows.map((r) => ({ accountId: r.id, code: r.code, name: r.name, type: r.type, debitCents: cents(r.debit), creditCents: cents(r.credit), balanceCents: cents(r.debit) - cents(r.credit) }));
  }

  /** An account's lines in [from, through] with the running balance (including everything before `from`). */
  async accountLines(cooperativeId: CooperativeId, accountId: string, from: string | null, through: string) {
    const rows = await this.uow.rows<{ entry_id: string; entry_date: string; description: string; amount_cents: string; balance: string; member_id: string | null }>(
      `SELECT * FROM (
         SELECT e.id AS entry_id, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, e.description, l.amount_cents, l.member_id,
                sum(l.amount_cents) OVER running AS balance, row_number() OVER running AS seq
           FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
          WHERE l.cooperative_id = $1 AND l.account_id = $2 AND e.entry_date <= $4::date
         WINDOW running AS (ORDER BY e.entry_date, e.created_at, l.id)) AS ledger
        WHERE $3::date IS NULL OR entry_date::date >= $3::date
        ORDER BY seq`,
      [cooperativeId, accountId, from, through],
    );
    return rows.map((r) => ({ entryId: r.entry_id, entryDate: r.entry_date, description: r.description, amountCents: cents(r.amount_cents), balanceCents: cents(r.balance), memberId: r.member_id }));
  }
}
