import { performance } from 'node:perf_hooks';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { ReconciliationService } from '@buurtcoop/finance';
import { BenchContext } from '../context';
import { Benchmark, median } from '../harness';

/**
 * Matching a bank statement that pays a cooperative's open invoices by betalingskenmerk: most exactly,
 * one in twenty in part, one in twelve with the kenmerk typed in the description with spaces, one in a
 * thousand with a kenmerk nobody issued (left for the other rules and the treasurer).
 *
 * Ours: `ReconciliationService.matchAutomatically` on the stored lines, in one transaction as an import
 * runs it (the lines are stored beforehand, untimed: the figure covers matching and booking, not parsing).
 * Baseline: one statement doing the same matching and the same writes with hash joins (line marks, journal
 * entries and lines, allocations, invoice updates), in one transaction under the same role and tenant.
 *
 * Every size runs in every round, each side in a cooperative of its own with fresh invoices and lines
 * (made untimed, in `setup` and then in `verify` for the next round). The table shows the largest size;
 * the sizes and their growth (time at 10× the data / time at 1×) are printed at the end.
 */

interface Prepared {
  size: number;
  cooperativeId: CooperativeId;
  lineIds: string[];
  /** Lines that name an invoice: what both sides must match. */
  expected: number;
}

interface RecState {
  context: BenchContext;
  uow: UnitOfWork;
  reconciliation: ReconciliationService;
  sizes: number[];
  next: { ours: Prepared[]; baseline: Prepared[] };
  samples: { ours: Map<number, number[]>; baseline: Map<number, number[]> };
}

interface RecSide {
  runs: Array<{ prepared: Prepared; ms: number; matched: number }>;
}

interface Books {
  matched_lines: number;
  allocations: number;
  allocated_cents: string;
  entries: number;
  journal_lines: number;
  bank_cents: string;
  receivable_cents: string;
  paid_invoices: number;
  open_invoices: number;
  paid_cents: string;
  balance: string;
}

const AMOUNT = 2400;
const MEMBERS = 1000;

/** A cooperative with `size` open invoices and a stored statement of `size` lines paying them. */
async function prepare(context: BenchContext, size: number, side: string): Promise<Prepared> {
  const cooperativeId = await context.createCooperative(`bench-rec-${side}`);
  const members = Math.min(size, MEMBERS);
  await context.ownerRows(
    `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, email, joined_on)
     SELECT $1, n, t.id, 'consumer', 'active', 'Lid', 'Nummer ' || n, 'Keizerstraat', n::text, '7411HE', 'Deventer', 'lid' || n || '@bench.example', DATE '2020-01-01'
       FROM generate_series(1, $2::int) AS n, membership_types t WHERE t.cooperative_id = $1 AND t.code = 'resident'`,
    [cooperativeId, members],
  );
  // Issued long before the statement comes in: as a dues run leaves them (the run itself is the dues-run benchmark).
  await context.ownerRows(
    `INSERT INTO invoices (cooperative_id, number, year, sequence, member_id, kind, source_key, issue_date, due_date, amount_cents, payment_reference, billed_to)
     SELECT $1, '2027-' || lpad(n::text, 6, '0'), 2027, n, m.id, 'dues', 'dues:bench:' || n, DATE '2027-01-02', DATE '2027-02-01', $3,
            invoice_payment_reference(2027, n), jsonb_build_object('name', 'Lid Nummer ' || m.member_number)
       FROM generate_series(1, $2::int) AS n JOIN members m ON m.cooperative_id = $1 AND m.member_number = (n - 1) % $4 + 1`,
    [cooperativeId, size, AMOUNT, members],
  );
  const [statement] = await context.ownerRows<{ id: string; bank_account_id: string }>(
    `WITH account AS (INSERT INTO bank_accounts (cooperative_id, iban, name) VALUES ($1, 'NL63TRIO0212345678', 'Rekening') RETURNING id)
     INSERT INTO bank_statements (cooperative_id, bank_account_id, format, line_count, new_line_count, total_cents)
     SELECT $1, account.id, 'camt.053.001.02', $2, $2, 0 FROM account RETURNING id, bank_account_id`,
    [cooperativeId, size],
  );
  // The lines as the import stores them: the statistics know the lines of earlier statements, not these.
  await context.ownerRows('ANALYZE statement_lines');
  await context.ownerRows(
    `INSERT INTO statement_lines (cooperative_id, bank_account_id, statement_id, dedupe_key, booking_date, value_date, amount_cents, counterparty_name, counterparty_iban, remittance, structured_reference, bank_reference)
     SELECT $1, $2, $3, 'bench:' || n, DATE '2027-01-20', DATE '2027-01-20',
            CASE WHEN n % 20 = 3 THEN 1000 ELSE $5 END, 'Betaler ' || n, 'NL20INGB0001234567',
            CASE WHEN n % 1000 <> 500 AND n % 12 = 5
                 THEN 'Contributie ' || regexp_replace(invoice_payment_reference(2027, n), '([0-9]{4})(?=[0-9])', '\\1 ', 'g')
                 ELSE 'Contributie 2027' END,
            CASE WHEN n % 1000 = 500 THEN invoice_payment_reference(2999, n) WHEN n % 12 = 5 THEN NULL ELSE invoice_payment_reference(2027, n) END,
            'TRF-' || n
       FROM generate_series(1, $4::int) AS n`,
    [cooperativeId, statement.bank_account_id, statement.id, size, AMOUNT],
  );
  await context.ownerRows('ANALYZE members');
  await context.ownerRows('ANALYZE invoices');
  const lineIds = (await context.ownerRows<{ id: string }>(`SELECT id FROM statement_lines WHERE cooperative_id = $1 ORDER BY booking_date, id`, [cooperativeId])).map((r) => r.id);
  const unknown = Math.floor((size + 500) / 1000);
  return { size, cooperativeId, lineIds, expected: size - unknown };
}

/**
 * Rule 1 for every open line with money in, written as one statement: the kenmerk (structured, or the first
 * sixteen digits in groups of four in the description), the invoice it names, the line's mark with the same
 * details as the product's, one journal entry per line (D the bank's account / C 1300 with the member, dated
 * in the open period), the allocation (not to a cancelled invoice), and each invoice's paid amount and status.
 */
const BASELINE_SQL = `
  WITH line AS (
    SELECT l.id, l.booking_date, l.amount_cents, l.counterparty_name, l.bank_account_id,
           coalesce(CASE WHEN l.structured_reference ~ '^[0-9]{16}$' THEN l.structured_reference END,
                    replace(substring(l.remittance from '[0-9]{4}(?: ?[0-9]{4}){3}'), ' ', '')) AS reference
      FROM statement_lines l
     WHERE l.cooperative_id = $1 AND l.id = ANY($2::uuid[]) AND l.status = 'unmatched' AND l.amount_cents > 0
  ), matched AS (
    SELECT line.*, i.id AS invoice_id, i.number, i.member_id, i.status AS invoice_status, a.ledger_account_code
      FROM line JOIN invoices i ON i.cooperative_id = $1 AND i.payment_reference = line.reference::char(16)
      JOIN bank_accounts a ON a.cooperative_id = $1 AND a.id = line.bank_account_id
  ), mark AS (
    UPDATE statement_lines l SET status = 'matched', match_kind = 'invoice_reference', matched_at = now(),
           match_details = jsonb_build_object('invoices', jsonb_build_array(jsonb_build_object('invoiceId', m.invoice_id, 'number', m.number, 'amountCents', m.amount_cents, 'key', 'statement-line:' || m.id)))
      FROM matched m WHERE l.cooperative_id = $1 AND l.id = m.id AND l.status = 'unmatched'
    RETURNING l.id
  ), won AS (
    SELECT m.* FROM matched m JOIN mark ON mark.id = m.id
  ), entry AS (
    INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key)
    SELECT $1, CASE WHEN c.closed_through IS NOT NULL AND won.booking_date <= c.closed_through THEN c.closed_through + 1 ELSE won.booking_date END,
           'Betaling factuur ' || won.number || coalesce(' door ' || won.counterparty_name, ''), 'statement-line:' || won.id
      FROM won LEFT JOIN ledger_closings c ON c.cooperative_id = $1
    ON CONFLICT DO NOTHING
    RETURNING id, idempotency_key
  ), posting AS (
    INSERT INTO journal_lines (cooperative_id, entry_id, account_id, amount_cents, member_id)
    SELECT $1, entry.id, acc.id, CASE WHEN acc.code = '1300' THEN -won.amount_cents ELSE won.amount_cents END, CASE WHEN acc.code = '1300' THEN won.member_id END
      FROM entry JOIN won ON entry.idempotency_key = 'statement-line:' || won.id
      JOIN accounts acc ON acc.cooperative_id = $1 AND acc.code IN ('1300', won.ledger_account_code)
  ), payment AS (
    INSERT INTO invoice_payments (cooperative_id, invoice_id, amount_cents, method, paid_on, idempotency_key)
    SELECT $1, won.invoice_id, won.amount_cents, 'bank_transfer', won.booking_date, 'statement-line:' || won.id FROM won WHERE won.invoice_status <> 'cancelled'
    ON CONFLICT DO NOTHING
    RETURNING invoice_id, amount_cents
  ), total AS (
    SELECT invoice_id, sum(amount_cents) AS cents FROM payment GROUP BY invoice_id
  ), invoice AS (
    UPDATE invoices i SET paid_cents = i.paid_cents + total.cents,
           status = CASE WHEN i.status = 'cancelled' THEN 'cancelled' WHEN i.paid_cents + total.cents >= i.amount_cents THEN 'paid' ELSE 'open' END
      FROM total WHERE i.cooperative_id = $1 AND i.id = total.invoice_id
  )
  SELECT count(*)::int AS matched FROM mark`;

/** What matching left in one cooperative's books, for comparing the two sides. */
const BOOKS_SQL = `
  WITH jl AS (
    SELECT l.amount_cents, l.member_id, a.code FROM journal_lines l
      JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
      JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
     WHERE l.cooperative_id = $1 AND e.idempotency_key LIKE 'statement-line:%'
  )
  SELECT (SELECT count(*) FROM statement_lines WHERE cooperative_id = $1 AND status = 'matched' AND match_kind = 'invoice_reference'
            AND match_details->'invoices'->0->>'key' = 'statement-line:' || id)::int AS matched_lines,
         (SELECT count(*) FROM invoice_payments WHERE cooperative_id = $1)::int AS allocations,
         (SELECT coalesce(sum(amount_cents), 0) FROM invoice_payments WHERE cooperative_id = $1)::text AS allocated_cents,
         (SELECT count(*) FROM journal_entries WHERE cooperative_id = $1 AND idempotency_key LIKE 'statement-line:%')::int AS entries,
         (SELECT count(*) FROM jl)::int AS journal_lines,
         (SELECT coalesce(sum(amount_cents), 0) FROM jl WHERE code = '1100')::text AS bank_cents,
         (SELECT coalesce(-sum(amount_cents), 0) FROM jl WHERE code = '1300' AND member_id IS NOT NULL)::text AS receivable_cents,
         (SELECT count(*) FROM invoices WHERE cooperative_id = $1 AND status = 'paid')::int AS paid_invoices,
         (SELECT count(*) FROM invoices WHERE cooperative_id = $1 AND status = 'open')::int AS open_invoices,
         (SELECT coalesce(sum(paid_cents), 0) FROM invoices WHERE cooperative_id = $1)::text AS paid_cents,
         (SELECT coalesce(sum(amount_cents), 0) FROM jl)::text AS balance`;

const label = (size: number) => (size >= 1000 ? `${size / 1000}k` : String(size));

async function prepareRound(state: RecState): Promise<void> {
  for (const side of ['ours', 'baseline'] as const) {
    state.next[side] = [];
    for (const size of state.sizes) state.next[side].push(await prepare(state.context, size, side));
  }
}

export const reconciliation: Benchmark<RecState, RecSide> = {
  name: 'reconciliation',
  describe: ({ quick }) =>
    `match a statement paying N invoices by betalingskenmerk, N = ${quick ? '1k/10k' : '1k/10k/100k'} (shown: the largest): matchAutomatically on stored lines vs one SQL statement`,
  // Linear: at ten times the data (the largest size against the one before it), at most twelve times the time.
  target: { maxRatio: 2, limits: [{ figure: 'growth', below: 12 }] },

  async setup(context, { quick }) {
    const state: RecState = {
      context,
      uow: context.uow,
      reconciliation: context.app.get(ReconciliationService),
      sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000],
      next: { ours: [], baseline: [] },
      samples: { ours: new Map(), baseline: new Map() },
    };
    await prepareRound(state);
    return state;
  },

  async ours(state) {
    const runs: RecSide['runs'] = [];
    for (const prepared of state.next.ours) {
      const start = performance.now();
      const summary = await state.uow.run({ cooperativeId: prepared.cooperativeId }, () => state.reconciliation.matchAutomatically(prepared.cooperativeId, prepared.lineIds));
      runs.push({ prepared, ms: performance.now() - start, matched: summary.byKind.invoice_reference ?? 0 });
    }
    return { runs };
  },

  async baseline(state) {
    const runs: RecSide['runs'] = [];
    for (const prepared of state.next.baseline) {
      const start = performance.now();
      const [row] = await state.uow.run({ cooperativeId: prepared.cooperativeId }, async () => {
        // Hash joins whatever the statistics say, and no JIT: compiling this statement costs more than running it.
        await state.uow.rows(`SELECT set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`);
        return state.uow.rows<{ matched: number }>(BASELINE_SQL, [prepared.cooperativeId, prepared.lineIds]);
      });
      runs.push({ prepared, ms: performance.now() - start, matched: row.matched });
    }
    return { runs };
  },

  measure: (result) => result.runs[result.runs.length - 1].ms,

  figures(result) {
    const [smaller, largest] = result.runs.slice(-2);
    return { growth: largest.ms / smaller.ms };
  },

  async verify(state, ours, baseline, round) {
    const books = (cooperativeId: CooperativeId) =>
      state.uow.run({ as: 'owner' }, async () => {
        await state.uow.rows(`SELECT set_config('enable_nestloop', 'off', true)`);
        return (await state.uow.rows<Books>(BOOKS_SQL, [cooperativeId]))[0];
      });
    const problems: string[] = [];
    for (const [i, a] of ours.runs.entries()) {
      const b = baseline.runs[i];
      const size = a.prepared.size;
      const [x, y] = [await books(a.prepared.cooperativeId), await books(b.prepared.cooperativeId)];
      if (a.matched !== a.prepared.expected || b.matched !== b.prepared.expected) problems.push(`${label(size)}: matched ${a.matched} (ours) and ${b.matched} (baseline), expected ${a.prepared.expected}`);
      if (x.matched_lines !== a.prepared.expected || x.entries !== x.matched_lines || x.journal_lines !== 2 * x.entries || x.allocations !== x.entries || x.balance !== '0') {
        problems.push(`${label(size)}: ours left inconsistent books: ${JSON.stringify(x)}`);
      }
      if (x.bank_cents !== x.receivable_cents || x.bank_cents !== x.allocated_cents || x.paid_cents !== x.allocated_cents) problems.push(`${label(size)}: ours' totals disagree: ${JSON.stringify(x)}`);
      if (JSON.stringify(x) !== JSON.stringify(y)) problems.push(`${label(size)}: ours ${JSON.stringify(x)} vs baseline ${JSON.stringify(y)}`);
      if (!round.warmUp) {
        for (const [side, run] of [['ours', a], ['baseline', b]] as const) {
          const samples = state.samples[side].get(size) ?? [];
          samples.push(run.ms);
          state.samples[side].set(size, samples);
        }
      }
    }
    if (problems.length > 0) throw new Error(`reconciliation: the two sides did different work:\n  ${problems.join('\n  ')}`);
    await prepareRound(state);
  },

  async teardown(state) {
    if (state.samples.ours.size === 0) return;
    const rows = state.sizes.map((size, i) => {
      const ours = median(state.samples.ours.get(size) ?? []);
      const baseline = median(state.samples.baseline.get(size) ?? []);
      const previous = i > 0 ? state.sizes[i - 1] : null;
      const growth = (side: 'ours' | 'baseline', value: number) => (previous ? `${(value / median(state.samples[side].get(previous) ?? [])).toFixed(1)}×` : '—');
      return `  ${label(size).padStart(5)}  ours ${ours.toFixed(0).padStart(7)} ms  baseline ${baseline.toFixed(0).padStart(7)} ms  ratio ${(ours / baseline).toFixed(2)}×  growth ours ${growth('ours', ours).padStart(6)}  baseline ${growth('baseline', baseline).padStart(6)}`;
    });
    process.stderr.write(`[bench] reconciliation by size (medians; growth = time at this size / time at a tenth of it; target ≤ 12×):\n${rows.join('\n')}\n`);
  },
};
