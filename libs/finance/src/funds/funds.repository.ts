import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { AccountType } from '../ledger/entities/account.entity';
import { Fund, FundAttributionRule, FundCommitment, FunderKind, FundStatus } from './entities/fund.entity';

export interface NewFund {
  code: string;
  name: string;
  purpose: string;
  funderKind: FunderKind;
  restricted: boolean;
  startsOn: string;
  endsOn: string;
  budgetCents: number;
}

export type FundChanges = Partial<Pick<Fund, 'name' | 'purpose' | 'endsOn' | 'budgetCents' | 'status'>>;

/** Which figure a fund's ledger line counts towards: income received, costs spent, or neither (a receivable, say). */
export type FundFigure = 'received' | 'spent' | 'other';

export interface FundFigures {
  /** Unspent at the start of the period: everything received minus spent before `from`. */
  openingCents: number;
  receivedCents: number;
  spentCents: number;
  committedCents: number;
}

export interface FundLine {
  entryId: string;
  lineId: string;
  entryDate: string;
  description: string;
  idempotencyKey: string;
  accountCode: string;
  accountName: string;
  amountCents: number;
  figure: FundFigure;
  /** What the line adds to its figure: a credit on income adds to received, a debit on costs to spent. */
  figureCents: number;
}

export interface BudgetRow {
  accountCode: string;
  accountName: string;
  budgetCents: number;
  actualCents: number;
}

/** A cost line that can (still) be attributed to a fund, with what is left of it. */
export interface AttributableLine {
  lineId: string;
  entryId: string;
  entryDate: string;
  description: string;
  accountId: string;
  accountCode: string;
  amountCents: number;
  attributedCents: number;
  memberId: string | null;
  bookingId: string | null;
}

/** One attribution a rule asks for. */
export interface RuleCandidate extends AttributableLine {
  ruleId: string;
  fundId: string;
  fundCode: string;
  sharePercent: number;
}

const cents = (value: string | number | null) => (value === null ? 0 : Number(value));

const FIGURE_SQL = `CASE a.type WHEN 'income' THEN 'received' WHEN 'expense' THEN 'spent' ELSE 'other' END`;

/** A line's entry, still standing: not a reversal, not reversed. */
const STANDING = `e.reverses_entry_id IS NULL AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.cooperative_id = e.cooperative_id AND r.reverses_entry_id = e.id)`;

@Injectable()
export class FundsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Null when the code is taken. */
  async insert(cooperativeId: CooperativeId, fund: NewFund, createdBy: string | null): Promise<Fund | null> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO funds (cooperative_id, code, name, purpose, funder_kind, restricted, starts_on, ends_on, budget_cents, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (cooperative_id, code) DO NOTHING RETURNING id`,
      [cooperativeId, fund.code, fund.name, fund.purpose, fund.funderKind, fund.restricted, fund.startsOn, fund.endsOn, fund.budgetCents, createdBy],
    );
    return row ? this.get(cooperativeId, row.id) : null;
  }

  get(cooperativeId: CooperativeId, id: string): Promise<Fund | null> {
    return this.uow.manager().getRepository(Fund).findOneBy({ cooperativeId, id });
  }

  some(cooperativeId: CooperativeId, ids: string[]): Promise<Fund[]> {
    return this.uow.manager().getRepository(Fund).find({ where: { cooperativeId, id: In(ids) } });
  }

  byCode(cooperativeId: CooperativeId, code: string): Promise<Fund | null> {
    return this.uow.manager().getRepository(Fund).findOneBy({ cooperativeId, code });
  }

  list(cooperativeId: CooperativeId, status: FundStatus | undefined): Promise<Fund[]> {
    return this.uow.manager().getRepository(Fund).find({ where: { cooperativeId, ...(status ? { status } : {}) }, order: { startsOn: 'DESC', code: 'ASC' } });
  }

  async update(cooperativeId: CooperativeId, id: string, changes: FundChanges): Promise<void> {
    if (Object.keys(changes).length > 0) await this.uow.manager().getRepository(Fund).update({ cooperativeId, id }, changes);
  }

  /** The latest date of a ledger line booked on the fund, if any. */
  async lastBookedOn(cooperativeId: CooperativeId, fundId: string): Promise<string | null> {
    const [row] = await this.uow.rows<{ last: string | null }>(
      `SELECT to_char(max(e.entry_date), 'YYYY-MM-DD') AS last
         FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
        WHERE l.cooperative_id = $1 AND l.fund_id = $2`,
      [cooperativeId, fundId],
    );
    return row.last;
  }

  async replaceBudget(cooperativeId: CooperativeId, fundId: string, lines: Array<{ accountId: string; amountCents: number }>): Promise<void> {
    await this.uow.rows(`DELETE FROM fund_budget_lines WHERE cooperative_id = $1 AND fund_id = $2`, [cooperativeId, fundId]);
    await this.uow.rows(
      `INSERT INTO fund_budget_lines (cooperative_id, fund_id, account_id, amount_cents)
       SELECT $1, $2, b.account_id, b.amount_cents FROM jsonb_to_recordset($3::jsonb) AS b(account_id uuid, amount_cents bigint)`,
      [cooperativeId, fundId, JSON.stringify(lines.map((l) => ({ account_id: l.accountId, amount_cents: l.amountCents })))],
    );
  }

  /** Budget against actual costs per account in [from, through]: every budgeted account, and every account the fund spent on without a budget. */
  async budgetVsActual(cooperativeId: CooperativeId, fundId: string, from: string, through: string): Promise<BudgetRow[]> {
    const rows = await this.uow.rows<{ code: string; name: string; budget: string; actual: string }>(
      `WITH actual AS (
         SELECT l.account_id, sum(l.amount_cents) AS cents
           FROM journal_lines l
           JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id AND e.entry_date BETWEEN $3::date AND $4::date
           JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id AND a.type = 'expense'
          WHERE l.cooperative_id = $1 AND l.fund_id = $2
          GROUP BY l.account_id)
       SELECT a.code, a.name, coalesce(b.amount_cents, 0) AS budget, coalesce(x.cents, 0) AS actual
         FROM accounts a
         LEFT JOIN fund_budget_lines b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id AND b.fund_id = $2
         LEFT JOIN actual x ON x.account_id = a.id
        WHERE a.cooperative_id = $1 AND (b.account_id IS NOT NULL OR x.account_id IS NOT NULL)
        ORDER BY a.code`,
      [cooperativeId, fundId, from, through],
    );
    return rows.map((r) => ({ accountCode: r.code, accountName: r.name, budgetCents: cents(r.budget), actualCents: cents(r.actual) }));
  }

  /** Received and spent in [from, through], what was unspent before `from`, and what was committed and still open at `through`. */
  async figures(cooperativeId: CooperativeId, fundId: string, from: string, through: string): Promise<FundFigures> {
    const [row] = await this.uow.rows<{ opening: string; received: string; spent: string; committed: string }>(
      `SELECT coalesce(-sum(l.amount_cents) FILTER (WHERE a.type IN ('income', 'expense') AND e.entry_date < $3::date), 0) AS opening,
              coalesce(-sum(l.amount_cents) FILTER (WHERE a.type = 'income' AND e.entry_date >= $3::date), 0) AS received,
              coalesce(sum(l.amount_cents) FILTER (WHERE a.type = 'expense' AND e.entry_date >= $3::date), 0) AS spent,
              (SELECT coalesce(sum(c.amount_cents), 0) FROM fund_commitments c
                WHERE c.cooperative_id = $1 AND c.fund_id = $2 AND c.committed_on <= $4::date AND (c.status = 'open' OR c.released_on > $4::date)) AS committed
         FROM journal_lines l
         JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id AND e.entry_date <= $4::date
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
        WHERE l.cooperative_id = $1 AND l.fund_id = $2`,
      [cooperativeId, fundId, from, through],
    );
    return { openingCents: cents(row.opening), receivedCents: cents(row.received), spentCents: cents(row.spent), committedCents: cents(row.committed) };
  }

  /** The ledger lines behind the figures, oldest first. */
  async lines(cooperativeId: CooperativeId, fundId: string, q: { from: string; through: string; figure?: FundFigure; page: number; pageSize: number }): Promise<[FundLine[], number]> {
    const where = `l.cooperative_id = $1 AND l.fund_id = $2 AND e.entry_date BETWEEN $3::date AND $4::date AND ($5::text IS NULL OR ${FIGURE_SQL} = $5)`;
    const from = `journal_lines l
         JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id`;
    const parameters = [cooperativeId, fundId, q.from, q.through, q.figure ?? null];
    const rows = await this.uow.rows<{ entry_id: string; line_id: string; entry_date: string; description: string; idempotency_key: string; code: string; name: string; type: AccountType; amount_cents: string }>(
      `SELECT e.id AS entry_id, l.id AS line_id, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, e.description, e.idempotency_key, a.code, a.name, a.type, l.amount_cents
         FROM ${from} WHERE ${where}
        ORDER BY e.entry_date, e.created_at, l.id
        LIMIT $6 OFFSET $7`,
      [...parameters, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [count] = await this.uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, parameters);
    return [
      rows.map((r) => {
        const amount = cents(r.amount_cents);
        const figure: FundFigure = r.type === 'income' ? 'received' : r.type === 'expense' ? 'spent' : 'other';
        return {
          entryId: r.entry_id,
          lineId: r.line_id,
          entryDate: r.entry_date,
          description: r.description,
          idempotencyKey: r.idempotency_key,
          accountCode: r.code,
          accountName: r.name,
          amountCents: amount,
          figure,
          figureCents: figure === 'received' ? -amount : figure === 'spent' ? amount : 0,
        };
      }),
      count.n,
    ];
  }

  /** Per restricted fund, what it holds unspent at `at` (an overspent fund holds nothing). */
  async restrictedUnspent(cooperativeId: CooperativeId, at: string): Promise<Array<{ code: string; name: string; unspentCents: number }>> {
    const rows = await this.uow.rows<{ code: string; name: string; unspent: string }>(
      `SELECT f.code, f.name, greatest(coalesce(-sum(l.amount_cents) FILTER (WHERE a.type IN ('income', 'expense')), 0), 0) AS unspent
         FROM funds f
         LEFT JOIN (journal_lines l
                    JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id AND e.entry_date <= $2::date
                    JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id)
                ON l.cooperative_id = f.cooperative_id AND l.fund_id = f.id
        WHERE f.cooperative_id = $1 AND f.restricted
        GROUP BY f.id, f.code, f.name
        ORDER BY f.code`,
      [cooperativeId, at],
    );
    return rows.map((r) => ({ code: r.code, name: r.name, unspentCents: cents(r.unspent) })).filter((r) => r.unspentCents > 0);
  }

  /**
   * Attributions of one cooperative wait for each other until commit, so two of them never both see a line's
   * remainder as free. (An advisory lock: the app role may not lock ledger rows.)
   */
  async lockAttributions(cooperativeId: CooperativeId): Promise<void> {
    await this.uow.rows(`SELECT pg_advisory_xact_lock(hashtextextended('fund-attributions:' || $1, 0))`, [cooperativeId]);
  }

  /** A cost line as it stands for attribution, or null when it is not a cost line of this cooperative. */
  async attributableLine(cooperativeId: CooperativeId, lineId: string): Promise<(AttributableLine & { fundId: string | null; standing: boolean }) | null> {
    const [row] = await this.uow.rows<AttributableRow & { fund_id: string | null; standing: boolean }>(
      `SELECT ${ATTRIBUTABLE_COLUMNS}, l.fund_id, (${STANDING}) AS standing
         FROM ${ATTRIBUTABLE_FROM}
        WHERE l.cooperative_id = $1 AND l.id = $2 AND a.type = 'expense'`,
      [cooperativeId, lineId],
    );
    return row ? { ...mapAttributable(row), fundId: row.fund_id, standing: row.standing } : null;
  }

  /** Cost lines without a fund that are not yet wholly attributed, in [from, through], optionally on one account. */
  async attributableLines(cooperativeId: CooperativeId, q: { from: string; through: string; accountId?: string; page: number; pageSize: number }): Promise<[AttributableLine[], number]> {
    const where = `l.cooperative_id = $1 AND a.type = 'expense' AND l.fund_id IS NULL AND l.amount_cents > 0 AND ${STANDING}
       AND e.entry_date BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR l.account_id = $4)
       AND l.amount_cents > (SELECT coalesce(sum(fa.amount_cents), 0) FROM fund_attributions fa WHERE fa.cooperative_id = l.cooperative_id AND fa.source_line_id = l.id)`;
    const parameters = [cooperativeId, q.from, q.through, q.accountId ?? null];
    const rows = await this.uow.rows<AttributableRow>(
      `SELECT ${ATTRIBUTABLE_COLUMNS} FROM ${ATTRIBUTABLE_FROM} WHERE ${where} ORDER BY e.entry_date, e.created_at, l.id LIMIT $5 OFFSET $6`,
      [...parameters, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [count] = await this.uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${ATTRIBUTABLE_FROM} WHERE ${where}`, parameters);
    return [rows.map(mapAttributable), count.n];
  }

  /**
   * What every rule asks for up to `through`: each standing cost line without a fund, on the rule's account,
   * dated inside both the rule and its open fund, in an open period, and not yet attributed to that fund.
   */
  async ruleCandidates(cooperativeId: CooperativeId, through: string): Promise<RuleCandidate[]> {
    const rows = await this.uow.rows<AttributableRow & { rule_id: string; rule_fund_id: string; fund_code: string; share_percent: number }>(
      `SELECT ${ATTRIBUTABLE_COLUMNS}, r.id AS rule_id, r.fund_id AS rule_fund_id, f.code AS fund_code, r.share_percent
         FROM fund_attribution_rules r
         JOIN funds f ON f.cooperative_id = r.cooperative_id AND f.id = r.fund_id AND f.status = 'open'
         JOIN journal_lines l ON l.cooperative_id = r.cooperative_id AND l.account_id = r.account_id AND l.fund_id IS NULL AND l.amount_cents > 0
         JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
         LEFT JOIN ledger_closings c ON c.cooperative_id = r.cooperative_id
        WHERE r.cooperative_id = $1
          AND e.entry_date BETWEEN greatest(r.valid_from, f.starts_on) AND least(r.valid_through, f.ends_on, $2::date)
          AND (c.closed_through IS NULL OR e.entry_date > c.closed_through)
          AND ${STANDING}
          AND NOT EXISTS (SELECT 1 FROM fund_attributions fa WHERE fa.cooperative_id = l.cooperative_id AND fa.source_line_id = l.id AND fa.fund_id = r.fund_id)
        ORDER BY e.entry_date, l.id, r.created_at`,
      [cooperativeId, through],
    );
    return rows.map((r) => ({ ...mapAttributable(r), ruleId: r.rule_id, fundId: r.rule_fund_id, fundCode: r.fund_code, sharePercent: r.share_percent }));
  }

  /** Records attributions whose reclassification entries were posted under `fund-attribution:<line>:<fund>`. */
  async insertAttributions(cooperativeId: CooperativeId, rows: Array<{ fundId: string; lineId: string; amountCents: number; ruleId: string | null }>, createdBy: string | null): Promise<void> {
    await this.uow.rows(
      `INSERT INTO fund_attributions (cooperative_id, fund_id, source_line_id, amount_cents, entry_id, rule_id, created_by)
       SELECT $1, x.fund_id, x.line_id, x.amount_cents, e.id, x.rule_id, $3
         FROM jsonb_to_recordset($2::jsonb) AS x(fund_id uuid, line_id uuid, amount_cents bigint, rule_id uuid)
         JOIN journal_entries e ON e.cooperative_id = $1 AND e.idempotency_key = 'fund-attribution:' || x.line_id || ':' || x.fund_id
       ON CONFLICT (cooperative_id, source_line_id, fund_id) DO NOTHING`,
      [cooperativeId, JSON.stringify(rows.map((r) => ({ fund_id: r.fundId, line_id: r.lineId, amount_cents: r.amountCents, rule_id: r.ruleId }))), createdBy],
    );
  }

  rules(cooperativeId: CooperativeId, fundId?: string): Promise<FundAttributionRule[]> {
    return this.uow.manager().getRepository(FundAttributionRule).find({ where: { cooperativeId, ...(fundId ? { fundId } : {}) }, order: { validFrom: 'ASC', createdAt: 'ASC' } });
  }

  rule(cooperativeId: CooperativeId, id: string): Promise<FundAttributionRule | null> {
    return this.uow.manager().getRepository(FundAttributionRule).findOneBy({ cooperativeId, id });
  }

  /** The highest total share that rules on the account claim on any one day of [from, through], other than `exceptRuleId`. */
  async sharedOnAccount(cooperativeId: CooperativeId, accountId: string, from: string, through: string, exceptRuleId: string | null): Promise<number> {
    const [row] = await this.uow.rows<{ share: number | null }>(
      `SELECT max(total)::int AS share FROM (
         SELECT d.day, sum(r.share_percent) AS total
           FROM (SELECT valid_from AS day FROM fund_attribution_rules WHERE cooperative_id = $1 AND account_id = $2 UNION SELECT $3::date) AS d
           JOIN fund_attribution_rules r ON r.cooperative_id = $1 AND r.account_id = $2 AND d.day BETWEEN r.valid_from AND r.valid_through
          WHERE d.day BETWEEN $3::date AND $4::date AND ($5::uuid IS NULL OR r.id <> $5)
          GROUP BY d.day) AS days`,
      [cooperativeId, accountId, from, through, exceptRuleId],
    );
    return row.share ?? 0;
  }

  async insertRule(cooperativeId: CooperativeId, rule: Pick<FundAttributionRule, 'fundId' | 'accountId' | 'sharePercent' | 'validFrom' | 'validThrough'>, createdBy: string | null): Promise<FundAttributionRule> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO fund_attribution_rules (cooperative_id, fund_id, account_id, share_percent, valid_from, valid_through, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [cooperativeId, rule.fundId, rule.accountId, rule.sharePercent, rule.validFrom, rule.validThrough, createdBy],
    );
    return (await this.rule(cooperativeId, row.id)) as FundAttributionRule;
  }

  async endRule(cooperativeId: CooperativeId, id: string, validThrough: string): Promise<void> {
    await this.uow.manager().getRepository(FundAttributionRule).update({ cooperativeId, id }, { validThrough });
  }

  commitments(cooperativeId: CooperativeId, fundId: string): Promise<FundCommitment[]> {
    return this.uow.manager().getRepository(FundCommitment).find({ where: { cooperativeId, fundId }, order: { committedOn: 'ASC', createdAt: 'ASC' } });
  }

  commitment(cooperativeId: CooperativeId, fundId: string, id: string): Promise<FundCommitment | null> {
    return this.uow.manager().getRepository(FundCommitment).findOneBy({ cooperativeId, fundId, id });
  }

  async insertCommitment(cooperativeId: CooperativeId, c: Pick<FundCommitment, 'fundId' | 'description' | 'amountCents' | 'committedOn'>, createdBy: string | null): Promise<FundCommitment> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO fund_commitments (cooperative_id, fund_id, description, amount_cents, committed_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [cooperativeId, c.fundId, c.description, c.amountCents, c.committedOn, createdBy],
    );
    return (await this.commitment(cooperativeId, c.fundId, row.id)) as FundCommitment;
  }

  /** Releases an open commitment; false when it was released already (by a racing request, say). */
  async releaseCommitment(cooperativeId: CooperativeId, id: string, releasedOn: string, reason: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE fund_commitments SET status = 'released', released_on = $3, release_reason = $4 WHERE cooperative_id = $1 AND id = $2 AND status = 'open' RETURNING id`,
      [cooperativeId, id, releasedOn, reason],
    );
    return rows.length === 1;
  }
}

interface AttributableRow {
  line_id: string;
  entry_id: string;
  entry_date: string;
  description: string;
  account_id: string;
  code: string;
  amount_cents: string;
  attributed: string;
  member_id: string | null;
  booking_id: string | null;
}

const ATTRIBUTABLE_COLUMNS = `l.id AS line_id, e.id AS entry_id, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, e.description, l.account_id, a.code, l.amount_cents,
       (SELECT coalesce(sum(fa.amount_cents), 0) FROM fund_attributions fa WHERE fa.cooperative_id = l.cooperative_id AND fa.source_line_id = l.id) AS attributed,
       l.member_id, l.booking_id`;

const ATTRIBUTABLE_FROM = `journal_lines l
         JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id`;

function mapAttributable(r: AttributableRow): AttributableLine {
  return {
    lineId: r.line_id,
    entryId: r.entry_id,
    entryDate: r.entry_date,
    description: r.description,
    accountId: r.account_id,
    accountCode: r.code,
    amountCents: cents(r.amount_cents),
    attributedCents: cents(r.attributed),
    memberId: r.member_id,
    bookingId: r.booking_id,
  };
}
