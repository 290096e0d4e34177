import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { DUES_PAYMENT_TERM_DAYS, DuesService } from '@buurtcoop/finance';
import { BenchContext } from '../context';
import { Benchmark } from '../harness';

/**
 * The yearly dues run of a large cooperative: every member (or household) gets an invoice numbered
 * without gaps, with its line, and a journal entry D 1300 / C 8000.
 *
 * Ours: `DuesService.run`, as the API and the worker call it (chunks of its own transactions).
 * Baseline: the same rows written by one set-based statement in one transaction, under the same role
 * and tenant (so row-level security and the deferred balance triggers cost both sides the same).
 * Each side bills a year of its own, so every round invoices the whole register again.
 */

interface DuesState {
  context: BenchContext;
  uow: UnitOfWork;
  dues: DuesService;
  cooperativeId: CooperativeId;
  members: number;
  /** Invoices one year should have: one per member, one per household. */
  expectedInvoices: number;
  nextYear: number;
}

interface DuesSide {
  year: number;
  invoices: number;
}

interface YearSummary {
  year: number;
  invoices: number;
  gapless: boolean;
  total: string;
  lines: number;
  line_total: string;
  entries: number;
  journal_lines: number;
  debit_1300: string;
  credit_8000: string;
  balance: string;
}

const YEARLY_CENTS = 2400;
const REDUCED_CENTS = 1200;
const issueDate = (year: number) => `${year}-01-02`;

/**
 * What `DuesService.run` does for a yearly plan, written as one statement: the owed installments (reduced
 * tariff for a declared minimum income, pro rata for a member who joined during the year, one invoice per
 * household: the highest amount, to the lowest member number), numbered on from the year's counter, with
 * their lines, journal entries and journal lines, and the run that issued them.
 *
 * $1 cooperative, $2 year, $3 issue date, $4 payment term in days.
 */
const BASELINE_SQL = `
  WITH plan AS (
    SELECT membership_type_id, yearly_amount_cents, reduced_yearly_amount_cents, pro_rata
      FROM dues_plans WHERE cooperative_id = $1 AND frequency = 'yearly'
  ), owed AS (
    SELECT b.member_id, b.member_number, coalesce(b.household_id, b.member_id) AS unit_id, b.joined_on,
           b.name, b.street_line, b.postcode, b.city, b.email, b.language,
           b.minimum_income AND p.reduced_yearly_amount_cents IS NOT NULL AS reduced,
           p.pro_rata AND b.joined_on > make_date($2::int, 1, 1) AS partial,
           CASE WHEN b.minimum_income AND p.reduced_yearly_amount_cents IS NOT NULL THEN p.reduced_yearly_amount_cents ELSE p.yearly_amount_cents END AS yearly
      FROM member_billing b JOIN plan p ON p.membership_type_id = b.membership_type_id
     WHERE b.cooperative_id = $1 AND b.status IN ('active', 'suspended')
       AND b.joined_on < make_date($2::int + 1, 1, 1) AND (b.ends_on IS NULL OR b.ends_on >= make_date($2::int, 1, 1))
  ), priced AS (
    SELECT owed.*,
           CASE WHEN partial
                THEN (yearly * (make_date($2::int + 1, 1, 1) - joined_on) * 2 + (make_date($2::int + 1, 1, 1) - make_date($2::int, 1, 1)))
                     / (2 * (make_date($2::int + 1, 1, 1) - make_date($2::int, 1, 1)))
                ELSE yearly END AS amount_cents
      FROM owed
  ), per_unit AS (
    SELECT DISTINCT ON (unit_id) * FROM priced ORDER BY unit_id, amount_cents DESC, member_number
  ), todo AS (
    SELECT per_unit.*, 'dues:' || unit_id || ':' || $2::int AS source_key,
           'Contributie ' || $2::int
             || CASE WHEN reduced THEN ' (verlaagd tarief)' ELSE '' END
             || CASE WHEN partial THEN ' (naar rato vanaf ' || to_char(joined_on, 'DD-MM-YYYY') || ')' ELSE '' END AS description,
           row_number() OVER (ORDER BY member_number) AS ord
      FROM per_unit
     WHERE amount_cents > 0
       AND NOT EXISTS (SELECT 1 FROM invoices v WHERE v.cooperative_id = $1 AND v.source_key = 'dues:' || per_unit.unit_id || ':' || $2::int)
  ), counter AS (
    INSERT INTO invoice_counters AS c (cooperative_id, year, last_sequence) SELECT $1, $2::int, count(*) FROM todo
    ON CONFLICT (cooperative_id, year) DO UPDATE SET last_sequence = c.last_sequence + EXCLUDED.last_sequence
    RETURNING c.last_sequence - (SELECT count(*) FROM todo) AS base
  ), numbered AS (
    SELECT todo.*, (counter.base + todo.ord)::int AS sequence FROM todo CROSS JOIN counter
  ), run AS (
    INSERT INTO dues_runs (cooperative_id, period, issue_date, due_date, status, invoice_count, total_cents, completed_at)
    SELECT $1, $2::int::text, $3::date, $3::date + $4::int, 'completed', count(*), coalesce(sum(amount_cents), 0), now() FROM todo
    RETURNING id
  ), invoice AS (
    INSERT INTO invoices (cooperative_id, number, year, sequence, member_id, kind, source_key, dues_run_id, issue_date, due_date, amount_cents, payment_reference, billed_to)
    SELECT $1, $2::int || '-' || lpad(sequence::text, greatest(6, length(sequence::text)), '0'), $2::int, sequence, member_id, 'dues', source_key, run.id,
           $3::date, $3::date + $4::int, amount_cents, invoice_payment_reference($2::int, sequence),
           jsonb_build_object('name', name, 'streetLine', street_line, 'postcode', postcode, 'city', city, 'email', email, 'memberNumber', member_number, 'language', language)
      FROM numbered CROSS JOIN run
    RETURNING id, number, member_id, amount_cents, source_key
  ), line AS (
    INSERT INTO invoice_lines (cooperative_id, invoice_id, position, description, amount_cents, account_code)
    SELECT $1, invoice.id, 1, todo.description, invoice.amount_cents, '8000' FROM invoice JOIN todo ON todo.source_key = invoice.source_key
  ), entry AS (
    INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key)
    SELECT $1, $3::date, 'Factuur ' || invoice.number || ': ' || todo.description, 'invoice:' || invoice.number
      FROM invoice JOIN todo ON todo.source_key = invoice.source_key
    RETURNING id, idempotency_key
  ), posting AS (
    INSERT INTO journal_lines (cooperative_id, entry_id, account_id, amount_cents, member_id)
    SELECT $1, entry.id, a.id, CASE a.code WHEN '1300' THEN invoice.amount_cents ELSE -invoice.amount_cents END, invoice.member_id
      FROM entry JOIN invoice ON entry.idempotency_key = 'invoice:' || invoice.number
      JOIN accounts a ON a.cooperative_id = $1 AND a.code IN ('1300', '8000')
  )
  SELECT count(*)::int AS invoices FROM invoice`;

/** What a year's dues left in the books, for comparing the two sides. */
const SUMMARY_SQL = `
  WITH inv AS (SELECT * FROM invoices WHERE cooperative_id = $1 AND year = $2::int),
       line AS (SELECT l.* FROM invoice_lines l JOIN inv ON l.cooperative_id = $1 AND l.invoice_id = inv.id),
       entry AS (SELECT e.* FROM journal_entries e JOIN inv ON e.cooperative_id = $1 AND e.idempotency_key = 'invoice:' || inv.number),
       jline AS (SELECT jl.amount_cents, a.code FROM journal_lines jl JOIN entry ON jl.cooperative_id = $1 AND jl.entry_id = entry.id
                   JOIN accounts a ON a.cooperative_id = $1 AND a.id = jl.account_id)
  SELECT $2::int AS year,
         (SELECT count(*) FROM inv)::int AS invoices,
         (SELECT coalesce(max(sequence), 0) = count(*) AND coalesce(min(sequence), 1) = 1 FROM inv) AS gapless,
         (SELECT coalesce(sum(amount_cents), 0) FROM inv)::text AS total,
         (SELECT count(*) FROM line)::int AS lines,
         (SELECT coalesce(sum(amount_cents), 0) FROM line)::text AS line_total,
         (SELECT count(*) FROM entry)::int AS entries,
         (SELECT count(*) FROM jline)::int AS journal_lines,
         (SELECT coalesce(sum(amount_cents) FILTER (WHERE code = '1300' AND amount_cents > 0), 0) FROM jline)::text AS debit_1300,
         (SELECT coalesce(-sum(amount_cents) FILTER (WHERE code = '8000' AND amount_cents < 0), 0) FROM jline)::text AS credit_8000,
         (SELECT coalesce(sum(amount_cents), 0) FROM jline)::text AS balance`;

/**
 * Invoices of one year that the other year lacks, compared member by member: sequence, amount, addressee,
 * payment term, source, line text, and whether the journal entry's text names the invoice and its line.
 */
const DIFFERENCE_SQL = `
  WITH side AS (
    SELECT i.year, i.member_id, i.sequence, i.amount_cents, i.billed_to, i.kind, i.due_date - i.issue_date AS term,
           regexp_replace(i.source_key, ':[0-9]+$', '') AS source, regexp_replace(l.description, '^Contributie [0-9]{4}', 'Contributie Y') AS line,
           e.description = 'Factuur ' || i.number || ': ' || l.description AS entry_names_invoice
      FROM invoices i JOIN invoice_lines l ON l.cooperative_id = i.cooperative_id AND l.invoice_id = i.id
      JOIN journal_entries e ON e.cooperative_id = i.cooperative_id AND e.idempotency_key = 'invoice:' || i.number
     WHERE i.cooperative_id = $1 AND i.year IN ($2::int, $3::int)
  ), a AS (SELECT member_id, sequence, amount_cents, billed_to, kind, term, source, line, entry_names_invoice FROM side WHERE year = $2::int),
     b AS (SELECT member_id, sequence, amount_cents, billed_to, kind, term, source, line, entry_names_invoice FROM side WHERE year = $3::int)
  SELECT ((SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b) x) + (SELECT count(*) FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a) y))::int AS differing,
         (SELECT count(*) FROM side WHERE NOT entry_names_invoice)::int AS misnamed`;

export const duesRun: Benchmark<DuesState, DuesSide> = {
  name: 'dues-run',
  describe: ({ quick }) => `yearly dues run, ${quick ? '2,000' : '10,000'} members: DuesService.run vs one INSERT … SELECT`,
  target: { maxRatio: 1.5 },

  async setup(context, { quick }) {
    const members = quick ? 2_000 : 10_000;
    const households = Math.floor(members / 40);
    const cooperativeId = await context.createCooperative('bench-dues');
    // The register is loaded as an import of an old register would be (enrolling ten thousand through the service takes minutes).
    await context.ownerRows(
      `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, email, joined_on)
       SELECT $1, n, t.id, 'consumer', 'active', 'Lid', 'Nummer ' || n, 'Keizerstraat', n::text, '7411HE', 'Deventer', 'lid' || n || '@bench.example', DATE '2020-01-01'
         FROM generate_series(1, $2::int) AS n, membership_types t WHERE t.cooperative_id = $1 AND t.code = 'resident'`,
      [cooperativeId, members],
    );
    // Some variety, so the baseline must do what the product does: households billed once, and a reduced tariff.
    await context.ownerRows(
      `WITH h AS (INSERT INTO households (cooperative_id, name) SELECT $1, 'Huishouden ' || k FROM generate_series(1, $2::int) AS k RETURNING id),
            numbered AS (SELECT id, row_number() OVER () AS k FROM h)
       UPDATE members m SET household_id = numbered.id FROM numbered
        WHERE m.cooperative_id = $1 AND m.member_number IN (2 * numbered.k - 1, 2 * numbered.k)`,
      [cooperativeId, households],
    );
    await context.ownerRows(
      `INSERT INTO member_categories (cooperative_id, member_id, category, consented_at)
       SELECT cooperative_id, id, 'minimum_income', now() FROM members WHERE cooperative_id = $1 AND member_number % 10 = 3`,
      [cooperativeId],
    );
    const [type] = await context.ownerRows<{ id: string }>(`SELECT id FROM membership_types WHERE cooperative_id = $1 AND code = 'resident'`, [cooperativeId]);
    const dues = context.app.get(DuesService);
    await context.uow.run({ cooperativeId }, () =>
      dues.setPlan(cooperativeId, { membershipTypeId: type.id, yearlyAmountCents: YEARLY_CENTS, reducedYearlyAmountCents: REDUCED_CENTS, frequency: 'yearly' }),
    );
    // As autovacuum would have done long since for a register this size.
    await context.ownerRows('ANALYZE');
    return { context, uow: context.uow, dues, cooperativeId, members, expectedInvoices: members - households, nextYear: 2101 };
  },

  async ours(state) {
    const year = state.nextYear++;
    const outcome = await state.dues.run(state.cooperativeId, { period: String(year), issueDate: issueDate(year) }, null);
    return { year, invoices: outcome.issued };
  },

  async baseline(state) {
    const year = state.nextYear++;
    const [row] = await state.uow.run({ cooperativeId: state.cooperativeId }, () =>
      state.uow.rows<{ invoices: number }>(BASELINE_SQL, [state.cooperativeId, year, issueDate(year), DUES_PAYMENT_TERM_DAYS]),
    );
    return { year, invoices: row.invoices };
  },

  async verify(state, ours, baseline) {
    const { uow } = state;
    // Right after tens of thousands of inserts the statistics are stale, and a nested-loop plan of these checks takes a minute.
    const checked = <T>(sql: string, parameters: unknown[]) =>
      uow.run({ as: 'owner' }, async () => {
        await uow.rows(`SELECT set_config('enable_nestloop', 'off', true)`);
        return (await uow.rows<T>(sql, parameters))[0];
      });
    const [a, b] = [await checked<YearSummary>(SUMMARY_SQL, [state.cooperativeId, ours.year]), await checked<YearSummary>(SUMMARY_SQL, [state.cooperativeId, baseline.year])];
    const problems: string[] = [];
    if (ours.invoices !== state.expectedInvoices) problems.push(`ours issued ${ours.invoices} invoices, expected ${state.expectedInvoices}`);
    if (baseline.invoices !== state.expectedInvoices) problems.push(`the baseline issued ${baseline.invoices} invoices, expected ${state.expectedInvoices}`);
    for (const s of [a, b]) {
      if (s.invoices !== ours.invoices) problems.push(`${s.year}: ${s.invoices} invoices in the books, the run reported ${ours.invoices}`);
      if (!s.gapless) problems.push(`${s.year}: invoice numbers have gaps`);
      if (s.lines !== s.invoices || s.entries !== s.invoices || s.journal_lines !== 2 * s.invoices) problems.push(`${s.year}: ${s.lines} lines, ${s.entries} entries, ${s.journal_lines} journal lines for ${s.invoices} invoices`);
      if (s.line_total !== s.total || s.debit_1300 !== s.total || s.credit_8000 !== s.total || s.balance !== '0') problems.push(`${s.year}: amounts disagree: ${JSON.stringify(s)}`);
    }
    const comparable = (s: YearSummary) => JSON.stringify({ ...s, year: undefined });
    if (comparable(a) !== comparable(b)) problems.push(`ours (${ours.year}) and the baseline (${baseline.year}) differ: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    const difference = await checked<{ differing: number; misnamed: number }>(DIFFERENCE_SQL, [state.cooperativeId, ours.year, baseline.year]);
    if (difference.differing !== 0) problems.push(`${difference.differing} invoices differ member by member between ${ours.year} and ${baseline.year}`);
    if (difference.misnamed !== 0) problems.push(`${difference.misnamed} journal entries do not name their invoice`);
    if (problems.length > 0) throw new Error(`dues-run: the two sides did different work:\n  ${problems.join('\n  ')}`);
  },
};
