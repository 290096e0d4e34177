import { CooperativeId, MIN_CELL_COUNT, UnitOfWork } from '@buurtcoop/core';
import { AgreementsService, FundsService } from '@buurtcoop/finance';
import { VULNERABILITY_CATEGORIES } from '@buurtcoop/membership';
import { AgreementFigures, MunicipalityReviewService } from '@buurtcoop/reporting';
import { BenchContext } from '../context';
import { Benchmark } from '../harness';

/**
 * The municipality's report of one co-finance agreement in a large cooperative: a year of completed bookings
 * with logged minutes (1,000,000 hour logs; 20,000 with `--quick`) and 500,000 ledger lines (10,000) on the
 * agreement's fund, the own-source income accounts and, as noise the report must leave out, other income.
 *
 * Ours: `MunicipalityReviewService.figures`, in one transaction as the cooperative, as the reviewer's route calls
 * it (agreement, fund report, budget against spending, matching, the outputs' GROUPING SETS, suppression).
 * Baseline: the same figures as plain SQL aggregates in one transaction under the same role and tenant: the
 * GROUPING SETS of minutes and distinct residents (in all and per vulnerability category) per service category,
 * month and postcode-4, and one statement for the fund's received, spent and committed, its spending per cost
 * account against the budget, and the own-source income with the matching it earns. Written apart from the
 * product's SQL (flags aggregated from `member_categories` rather than through the reporting view).
 *
 * Both sides only read, so they run on the same data every round.
 */

interface ReportState {
  uow: UnitOfWork;
  review: MunicipalityReviewService;
  cooperativeId: CooperativeId;
  agreementId: string;
  hourLogs: number;
  ledgerLines: number;
  /** Minutes of all hour logs, computed from the formula the load used. */
  expectedMinutes: number;
}

interface OutputRow {
  level: number;
  category_code: string | null;
  month: string | null;
  postcode4: number | null;
  minutes: number;
  residents: number;
  vulnerable: number;
  age_65_plus: number;
  minimum_income: number;
  disability: number;
  informal_carer: number;
}

interface MoneyRow {
  opening: string;
  received: string;
  spent: string;
  committed: string;
  own_sources: string;
  earned: string;
  matching: string;
  budget: Array<{ code: string; budget: number; actual: number }>;
}

type ReportSide = { kind: 'ours'; figures: AgreementFigures } | { kind: 'baseline'; outputs: OutputRow[]; money: MoneyRow };

const PROVIDERS = 500;
const START = '2027-01-01';
const END = '2027-12-31';
/** The eight categories the providers offer; buurtwacht gets three bookings only, so it is shown as "<5". */
const CATEGORIES = ['klussen', 'boodschappen', 'vervoer', 'huiswerkbegeleiding', 'kinderopvang', 'gezelschap', 'tuin', 'zonnepanelen'];
const SMALL_CATEGORY = 'buurtwacht';
const minutesOf = (n: number) => 30 + ((n * 7) % 151);

const OUTPUTS_SQL = `
  WITH flags AS (
    SELECT member_id,
           bool_or(category = 'age_65_plus') AS age_65_plus, bool_or(category = 'minimum_income') AS minimum_income,
           bool_or(category = 'disability') AS disability, bool_or(category = 'informal_carer') AS informal_carer
      FROM member_categories WHERE cooperative_id = $1 AND consented_at IS NOT NULL GROUP BY member_id
  ), delivered AS (
    SELECT c.code, to_char(lower(b.during) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
           CASE WHEN m.postcode ~ '^[0-9]{4}' THEN substr(m.postcode, 1, 4)::int END AS postcode4,
           b.actual_minutes, b.consumer_member_id AS resident,
           coalesce(f.age_65_plus, false) AS age_65_plus, coalesce(f.minimum_income, false) AS minimum_income,
           coalesce(f.disability, false) AS disability, coalesce(f.informal_carer, false) AS informal_carer
      FROM bookings b
      JOIN service_categories c ON c.cooperative_id = $1 AND c.id = b.category_id
      JOIN members m ON m.cooperative_id = $1 AND m.id = b.consumer_member_id
      LEFT JOIN flags f ON f.member_id = b.consumer_member_id
     WHERE b.cooperative_id = $1 AND b.status = 'completed'
       AND lower(b.during) >= $2::date::timestamp AT TIME ZONE 'Europe/Amsterdam'
       AND lower(b.during) < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
  )
  SELECT GROUPING(code, month, postcode4)::int AS level, code AS category_code, month, postcode4,
         sum(actual_minutes)::int AS minutes, count(DISTINCT resident)::int AS residents,
         count(DISTINCT resident) FILTER (WHERE age_65_plus OR minimum_income OR disability OR informal_carer)::int AS vulnerable,
         count(DISTINCT resident) FILTER (WHERE age_65_plus)::int AS age_65_plus,
         count(DISTINCT resident) FILTER (WHERE minimum_income)::int AS minimum_income,
         count(DISTINCT resident) FILTER (WHERE disability)::int AS disability,
         count(DISTINCT resident) FILTER (WHERE informal_carer)::int AS informal_carer
    FROM delivered GROUP BY GROUPING SETS ((code), (month), (postcode4), ())`;

/** $1 cooperative, $2 agreement: the fund's figures over the agreement's period, its spending per cost account, and the matching. */
const MONEY_SQL = `
  WITH a AS (
    SELECT fund_id, starts_on, ends_on, own_source_account_codes, ratio_numerator, ratio_denominator, cap_cents, granted_cents
      FROM co_finance_agreements WHERE cooperative_id = $1 AND id = $2
  ), fund AS (
    SELECT acc.id AS account_id, acc.code, acc.type, l.amount_cents, e.entry_date >= a.starts_on AS in_period
      FROM a JOIN journal_lines l ON l.cooperative_id = $1 AND l.fund_id = a.fund_id
      JOIN journal_entries e ON e.cooperative_id = $1 AND e.id = l.entry_id AND e.entry_date <= a.ends_on
      JOIN accounts acc ON acc.cooperative_id = $1 AND acc.id = l.account_id
  ), totals AS (
    SELECT coalesce(-sum(amount_cents) FILTER (WHERE type IN ('income', 'expense') AND NOT in_period), 0) AS opening,
           coalesce(-sum(amount_cents) FILTER (WHERE type = 'income' AND in_period), 0) AS received,
           coalesce(sum(amount_cents) FILTER (WHERE type = 'expense' AND in_period), 0) AS spent
      FROM fund
  ), per_account AS (
    SELECT account_id, sum(amount_cents) AS actual FROM fund WHERE type = 'expense' AND in_period GROUP BY account_id
  ), own AS (
    SELECT coalesce(-sum(l.amount_cents), 0) AS cents
      FROM a JOIN accounts acc ON acc.cooperative_id = $1 AND acc.code = ANY (a.own_source_account_codes)
      JOIN journal_lines l ON l.cooperative_id = $1 AND l.account_id = acc.id
      JOIN journal_entries e ON e.cooperative_id = $1 AND e.id = l.entry_id AND e.entry_date BETWEEN a.starts_on AND a.ends_on
  )
  SELECT totals.opening::text, totals.received::text, totals.spent::text,
         (SELECT coalesce(sum(c.amount_cents), 0) FROM fund_commitments c, a
           WHERE c.cooperative_id = $1 AND c.fund_id = a.fund_id AND c.committed_on <= a.ends_on AND (c.status = 'open' OR c.released_on > a.ends_on))::text AS committed,
         own.cents::text AS own_sources,
         floor(greatest(own.cents, 0) * a.ratio_numerator / a.ratio_denominator)::text AS earned,
         least(floor(greatest(own.cents, 0) * a.ratio_numerator / a.ratio_denominator), a.cap_cents, a.granted_cents)::text AS matching,
         (SELECT coalesce(json_agg(json_build_object('code', acc.code, 'budget', coalesce(b.amount_cents, 0), 'actual', coalesce(p.actual, 0)) ORDER BY acc.code), '[]')
            FROM accounts acc
            LEFT JOIN fund_budget_lines b ON b.cooperative_id = $1 AND b.fund_id = a.fund_id AND b.account_id = acc.id
            LEFT JOIN per_account p ON p.account_id = acc.id
           WHERE acc.cooperative_id = $1 AND (b.account_id IS NOT NULL OR p.account_id IS NOT NULL)) AS budget
    FROM a, totals, own`;

/**
 * Residents (one in 997 without a Dutch postcode, the rest in 60 postcode-4 areas; some with consented
 * vulnerability categories), providers with one offer each, and three residents in postcode 9999 who are the
 * only ones helped in December, by the one buurtwacht provider: small cells in every dimension.
 */
async function loadPeople(context: BenchContext, cooperativeId: CooperativeId, residents: number): Promise<void> {
  await context.ownerRows(
    `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, email, joined_on)
     SELECT $1, n, t.id, 'consumer', 'active', 'Bewoner', 'Nummer ' || n, 'Brinkgreverweg', n::text,
            CASE WHEN n <= $2 AND n % 997 = 0 THEN NULL WHEN n <= $2 THEN (7400 + n % 60)::text || 'AB' ELSE '9999ZZ' END,
            'Deventer', 'bewoner' || n || '@bench.example', DATE '2020-01-01'
       FROM generate_series(1, $2::int + 3) AS n, membership_types t WHERE t.cooperative_id = $1 AND t.code = 'resident'`,
    [cooperativeId, residents],
  );
  await context.ownerRows(
    `INSERT INTO members (cooperative_id, member_number, membership_type_id, role, status, first_name, last_name, street, house_number, postcode, city, email, joined_on)
     SELECT $1, 1000000 + n, t.id, 'provider', 'active', 'Aanbieder', 'Nummer ' || n, 'Keizerstraat', n::text, '7411HE', 'Deventer', 'aanbieder' || n || '@bench.example', DATE '2020-01-01'
       FROM generate_series(0, $2::int) AS n, membership_types t WHERE t.cooperative_id = $1 AND t.code = 'provider'`,
    [cooperativeId, PROVIDERS],
  );
  await context.ownerRows(
    `INSERT INTO member_categories (cooperative_id, member_id, category, consented_at)
     SELECT m.cooperative_id, m.id, c.category, now()
       FROM members m CROSS JOIN (VALUES ('age_65_plus', 4, 0), ('minimum_income', 10, 1), ('disability', 25, 2), ('informal_carer', 15, 3)) AS c(category, every, rest)
      WHERE m.cooperative_id = $1 AND m.role = 'consumer' AND m.member_number % c.every = c.rest`,
    [cooperativeId],
  );
  // Provider n offers category n % 8; the last provider (n = PROVIDERS) offers buurtwacht.
  await context.ownerRows(
    `INSERT INTO offers (cooperative_id, provider_member_id, category_id, description, service_area, rate_cents, max_bookings_per_day)
     SELECT $1, m.id, c.id, 'Aanbod in de wijk.', '{[7400,10000)}', 1000, 6
       FROM members m JOIN service_categories c ON c.cooperative_id = $1
        AND c.code = CASE WHEN m.member_number = 1000000 + $3::int THEN $4 ELSE ($2::text[])[(m.member_number - 1000000) % 8 + 1] END
      WHERE m.cooperative_id = $1 AND m.role = 'provider'`,
    [cooperativeId, CATEGORIES, PROVIDERS, SMALL_CATEGORY],
  );
}

/**
 * Hour log n (0-based): provider n % 500 at slot n / 500 (slots spread over January–November, an hour long,
 * so no provider or resident is ever booked twice at once), for resident n % residents + 1, completed with
 * {@link minutesOf}(n) minutes. In chunks, each its own transaction.
 */
async function loadHourLogs(context: BenchContext, cooperativeId: CooperativeId, hourLogs: number, residents: number): Promise<void> {
  const slots = Math.ceil(hourLogs / PROVIDERS);
  const spacingMinutes = Math.floor((330 * 24 * 60) / slots);
  if (spacingMinutes <= 60) throw new Error('too many hour logs for the providers and the year');
  const chunk = 200_000;
  for (let first = 0; first < hourLogs; first += chunk) {
    const last = Math.min(hourLogs, first + chunk) - 1;
    await context.ownerRows(
      `WITH o AS (
         SELECT m.member_number - 1000000 AS i, o.id, o.category_id, o.provider_member_id, o.rate_cents
           FROM offers o JOIN members m ON m.cooperative_id = $1 AND m.id = o.provider_member_id WHERE o.cooperative_id = $1
       ), r AS (
         SELECT member_number, id FROM members WHERE cooperative_id = $1 AND role = 'consumer' AND member_number <= $5
       )
       INSERT INTO bookings (cooperative_id, offer_id, category_id, provider_member_id, consumer_member_id, during, status, booked_by, rate_cents,
                             confirmed_at, actual_minutes, delivered_at, completed_at)
       SELECT $1, o.id, o.category_id, o.provider_member_id, r.id, tstzrange(x.t, x.t + interval '1 hour'), 'completed', r.id, o.rate_cents,
              x.t - interval '3 days', 30 + (n * 7) % 151, x.t + interval '1 hour', x.t + interval '1 day'
         FROM generate_series($2::int, $3::int) AS n
         CROSS JOIN LATERAL (SELECT timestamptz '${START} 08:00+01' + (n / $4::int) * ($6::int * interval '1 minute') AS t) x
         JOIN o ON o.i = n % $4::int
         JOIN r ON r.member_number = n % $5::int + 1`,
      [cooperativeId, first, last, PROVIDERS, residents, spacingMinutes],
    );
  }
  // December: the three residents of 9999, by the buurtwacht provider, 90 minutes each.
  await context.ownerRows(
    `INSERT INTO bookings (cooperative_id, offer_id, category_id, provider_member_id, consumer_member_id, during, status, booked_by, rate_cents,
                           confirmed_at, actual_minutes, delivered_at, completed_at)
     SELECT $1, o.id, o.category_id, o.provider_member_id, r.id, tstzrange(x.t, x.t + interval '1 hour'), 'completed', r.id, o.rate_cents,
            x.t - interval '3 days', 90, x.t + interval '1 hour', x.t + interval '1 day'
       FROM members r
       JOIN offers o ON o.cooperative_id = $1
       JOIN members p ON p.cooperative_id = $1 AND p.id = o.provider_member_id AND p.member_number = 1000000 + $3::int
       CROSS JOIN LATERAL (SELECT timestamptz '2027-12-10 10:00+01' + (r.member_number - $2::int) * interval '2 hours' AS t) x
      WHERE r.cooperative_id = $1 AND r.role = 'consumer' AND r.member_number > $2::int`,
    [cooperativeId, residents, PROVIDERS],
  );
}

/**
 * Entries of ten lines (five balanced pairs, so the balance check reads ten lines per entry), dated from
 * November before the agreement to January after it. Pair q = (entry * 5 + pair) % 10: 0 an advance received on
 * the fund (D 1100 / C 8400), 1–3 a cost on the fund (D 4000, 4100, 4300 / C 1100), 4–8 own-source income
 * (D 1100 / C 8000, 8100, 8200), 9 a grant from a foundation (C 8300), neither fund nor own source. A fund pair
 * dated outside 2027 (outside the fund's period) is a foundation grant instead.
 */
async function loadLedger(context: BenchContext, cooperativeId: CooperativeId, fundId: string, ledgerLines: number): Promise<void> {
  const entries = Math.floor(ledgerLines / 10);
  const chunk = 10_000;
  for (let first = 0; first < entries; first += chunk) {
    const last = Math.min(entries, first + chunk) - 1;
    await context.ownerRows(
      `WITH entry AS (
         INSERT INTO journal_entries (cooperative_id, entry_date, description, idempotency_key)
         SELECT $1, DATE '2026-11-01' + e % 457, 'Bankboekingen ' || e, 'bench:municipality-report:' || e
           FROM generate_series($2::int, $3::int) AS e
         RETURNING id, entry_date, substr(idempotency_key, 27)::int AS e
       ), pair AS (
         SELECT entry.id, entry.e, p,
                CASE WHEN (entry.e * 5 + p) % 10 <= 3 AND entry.entry_date NOT BETWEEN DATE '${START}' AND DATE '${END}' THEN 9 ELSE (entry.e * 5 + p) % 10 END AS q,
                500 + ((entry.e * 5 + p) * 37) % 9500 AS cents
           FROM entry, generate_series(0, 4) AS p
       ), line AS (
         SELECT pair.id, pair.q, side, CASE WHEN side = 0 THEN pair.cents ELSE -pair.cents END AS amount_cents,
                CASE WHEN pair.q BETWEEN 1 AND 3 THEN (ARRAY['4000', '4100', '4300'])[pair.q] ELSE '1100' END AS debit,
                CASE pair.q WHEN 0 THEN '8400' WHEN 4 THEN '8000' WHEN 5 THEN '8100' WHEN 6 THEN '8200' WHEN 7 THEN '8000' WHEN 8 THEN '8100' WHEN 9 THEN '8300' ELSE '1100' END AS credit
           FROM pair, generate_series(0, 1) AS side
       )
       INSERT INTO journal_lines (cooperative_id, entry_id, account_id, amount_cents, fund_id)
       SELECT $1, line.id, a.id, line.amount_cents, CASE WHEN line.q <= 3 AND a.code <> '1100' THEN $4::uuid END
         FROM line JOIN accounts a ON a.cooperative_id = $1 AND a.code = CASE WHEN line.side = 0 THEN line.debit ELSE line.credit END`,
      [cooperativeId, first, last, fundId],
    );
  }
}

function check(problems: string[], what: string, ours: unknown, baseline: unknown): void {
  if (JSON.stringify(ours) !== JSON.stringify(baseline)) problems.push(`${what}: ours ${JSON.stringify(ours)}, baseline ${JSON.stringify(baseline)}`);
}

export const municipalityReport: Benchmark<ReportState, ReportSide> = {
  name: 'municipality-report',
  describe: ({ quick }) =>
    `the municipality report of one agreement over ${quick ? '20k hour logs and 10k ledger lines' : '1M hour logs and 500k ledger lines'}: MunicipalityReviewService.figures vs plain SQL aggregates`,
  target: { maxRatio: 1.5 },

  async setup(context, { quick }) {
    const hourLogs = quick ? 20_000 : 1_000_000;
    const ledgerLines = quick ? 10_000 : 500_000;
    const residents = quick ? 2_000 : 20_000;
    const cooperativeId = await context.createCooperative('bench-report');
    const tenant = { cooperativeId };
    // The agreement and its budget through the product, as the treasurer records them.
    const agreement = await context.uow.run(tenant, () =>
      context.app.get(AgreementsService).record(null, cooperativeId, {
        reference: `Z/27/${cooperativeId.slice(0, 8)}`,
        startsOn: START,
        endsOn: END,
        grantedCents: 25_000_000,
        ratio: { numerator: 1, denominator: 2 },
        capCents: 20_000_000,
        advances: [],
        reportsDue: [],
        targets: [
          { kind: 'hours_delivered', target: 10_000 },
          { kind: 'residents_helped', target: 5_000 },
          { kind: 'vulnerable_residents_helped', target: 1_000 },
        ],
      }),
    );
    const { id: agreementId, fundId } = agreement.agreement;
    await context.uow.run(tenant, () =>
      context.app.get(FundsService).setBudget(cooperativeId, fundId, [
        { accountCode: '4000', amountCents: 15_000_000 },
        { accountCode: '4100', amountCents: 5_000_000 },
        { accountCode: '4300', amountCents: 5_000_000 },
      ]),
    );
    await loadPeople(context, cooperativeId, residents);
    // The stale-statistics trap: planned for the handful of members it last saw, the hour logs' joins become nested loops over 20,000 members.
    for (const table of ['members', 'member_categories', 'offers']) await context.ownerRows(`ANALYZE ${table}`);
    await loadHourLogs(context, cooperativeId, hourLogs, residents);
    await loadLedger(context, cooperativeId, fundId, ledgerLines);
    // And after the load, for both sides: the planner would still believe the tables hold what they held before it.
    for (const table of ['bookings', 'journal_entries', 'journal_lines', 'fund_budget_lines']) await context.ownerRows(`ANALYZE ${table}`);
    let expectedMinutes = 3 * 90;
    for (let n = 0; n < hourLogs; n++) expectedMinutes += minutesOf(n);
    return { uow: context.uow, review: context.app.get(MunicipalityReviewService), cooperativeId, agreementId, hourLogs, ledgerLines, expectedMinutes };
  },

  async ours(state) {
    return { kind: 'ours', figures: await state.uow.run({ cooperativeId: state.cooperativeId }, () => state.review.figures(state.cooperativeId, state.agreementId)) };
  },

  async baseline(state) {
    return state.uow.run({ cooperativeId: state.cooperativeId }, async () => {
      const outputs = await state.uow.rows<OutputRow>(OUTPUTS_SQL, [state.cooperativeId, START, END]);
      const [money] = await state.uow.rows<MoneyRow>(MONEY_SQL, [state.cooperativeId, state.agreementId]);
      return { kind: 'baseline' as const, outputs, money };
    });
  },

  async verify(state, ours, baseline) {
    if (ours.kind !== 'ours' || baseline.kind !== 'baseline') throw new Error('municipality-report: the sides returned each other’s results');
    const f = ours.figures;
    const { money, outputs } = baseline;
    const problems: string[] = [];
    const s = f.spending.figures;
    check(problems, 'fund', [s.openingCents, s.receivedCents, s.spentCents, s.committedCents], [money.opening, money.received, money.spent, money.committed].map(Number));
    check(problems, 'budget', f.spending.budget.map((b) => ({ code: b.accountCode, budget: b.budgetCents, actual: b.actualCents })), money.budget);
    check(problems, 'matching', [f.matching.ownSourcesCents, f.matching.earnedCents, f.matching.matchingCents], [money.own_sources, money.earned, money.matching].map(Number));
    if (s.receivedCents <= 0 || s.spentCents <= 0 || f.matching.ownSourcesCents <= 0) problems.push(`the ledger lines were not counted: ${JSON.stringify(s)}, own sources ${f.matching.ownSourcesCents}`);

    // Every cell the product shows must equal the baseline's; every cell it hides as "<5" must count fewer than five.
    const key = (level: string, value: string | number | null) => `${level}:${value}`;
    // GROUPING(code, month, postcode4): 3 per category, 5 per month, 6 per postcode-4, 7 the total.
    const rows = new Map(outputs.map((r) => [r.level === 7 ? 'total' : r.level === 3 ? key('category', r.category_code) : r.level === 5 ? key('month', r.month) : key('postcode', r.postcode4), r]));
    const cells = [
      { key: 'total', cell: f.outputs.total },
      ...f.outputs.byServiceCategory.map((c) => ({ key: key('category', c.code), cell: c })),
      ...f.outputs.byMonth.map((c) => ({ key: key('month', c.month), cell: c })),
      ...f.outputs.byPostcode.map((c) => ({ key: key('postcode', c.postcode4), cell: c })),
    ];
    check(problems, 'cells', cells.map((c) => c.key).sort(), [...rows.keys()].sort());
    let hidden = 0;
    for (const { key: k, cell } of cells) {
      const row = rows.get(k);
      if (!row) continue;
      const counts: Array<[string, number | string, number]> = [
        ['residents', cell.residents, row.residents],
        ['vulnerable', cell.vulnerable.residents, row.vulnerable],
        ...VULNERABILITY_CATEGORIES.map((c): [string, number | string, number] => [c, cell.categories[c].residents, row[c]]),
      ];
      for (const [what, shown, counted] of counts) {
        if (typeof shown === 'number' ? shown !== counted : shown === '<5' && counted >= MIN_CELL_COUNT) problems.push(`${k} ${what}: ours ${shown}, baseline ${counted}`);
      }
      if (cell.suppressed) hidden += 1;
      else if (cell.deliveredMinutes !== row.minutes) problems.push(`${k} minutes: ours ${cell.deliveredMinutes}, baseline ${row.minutes}`);
    }
    const total = rows.get('total');
    if (total?.minutes !== state.expectedMinutes || f.outputs.total.deliveredMinutes !== state.expectedMinutes) problems.push(`total minutes: ours ${f.outputs.total.deliveredMinutes}, baseline ${total?.minutes}, loaded ${state.expectedMinutes}`);
    // Buurtwacht, postcode 9999 and December each count the three residents helped in December.
    for (const k of [key('category', SMALL_CATEGORY), key('postcode', 9999), key('month', '2027-12')]) {
      if (cells.find((c) => c.key === k)?.cell.residents !== '<5') problems.push(`${k} should be "<5"`);
    }
    if (hidden > cells.length / 4) problems.push(`${hidden} of ${cells.length} cells hidden: the data set is not the one meant`);
    if (problems.length > 0) throw new Error(`municipality-report: the two sides computed different figures:\n  ${problems.join('\n  ')}`);
  },
};
