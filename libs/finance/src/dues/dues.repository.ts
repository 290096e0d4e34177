import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { MEMBER_BILLING_VIEW } from '@buurtcoop/membership';
import { BillingFrequency, DuesPlan, DuesRun } from './entities/dues.entity';
import { BillingPeriod } from './period';

/** One installment a member (or household) owes, as the dues run computes it. */
export interface DuesInstallment {
  memberId: string;
  memberNumber: number;
  sourceKey: string;
  /** The first day of the installment. */
  startsOn: string;
  installment: string;
  amountCents: number;
  /** Below the full tariff for a declared minimum income: what the municipality's minima policy pays for. */
  reductionCents: number;
  description: string;
}

/**
 * The installments that start in a period and are not invoiced yet, for every member who owes them,
 * computed in one statement:
 * - a plan's yearly amount (or the reduced tariff for a declared minimum income) is split over the year's
 *   installments so that they add up to it exactly;
 * - a member who joined during an installment pays for the days left in it (pro rata);
 * - members sharing a household get one invoice per installment: the highest amount, to the lowest member number.
 */
const INSTALLMENTS_SQL = `
  WITH plan AS (
    SELECT p.*, f.step, f.per_year, f.unit
      FROM dues_plans p
     CROSS JOIN LATERAL (SELECT CASE p.frequency WHEN 'yearly' THEN interval '1 year' WHEN 'quarterly' THEN interval '3 months' ELSE interval '1 month' END AS step,
                                CASE p.frequency WHEN 'yearly' THEN 1 WHEN 'quarterly' THEN 4 ELSE 12 END AS per_year,
                                CASE p.frequency WHEN 'yearly' THEN 'year' WHEN 'quarterly' THEN 'quarter' ELSE 'month' END AS unit) f
     WHERE p.cooperative_id = $1
  ), installment AS (
    SELECT plan.membership_type_id, plan.yearly_amount_cents, plan.reduced_yearly_amount_cents, plan.pro_rata, plan.per_year,
           s.start::date AS starts_on, (s.start + plan.step)::date AS ends_before,
           (extract(month FROM s.start)::int - 1) * plan.per_year / 12 + 1 AS k,
           CASE plan.frequency WHEN 'yearly' THEN to_char(s.start, 'YYYY') WHEN 'quarterly' THEN to_char(s.start, 'YYYY-"Q"Q') ELSE to_char(s.start, 'YYYY-MM') END AS label
      FROM plan
     CROSS JOIN LATERAL generate_series(date_trunc(plan.unit, $2::date::timestamp), ($3::date - 1)::timestamp, plan.step) AS s(start)
     WHERE s.start >= $2::date
  ), owed AS (
    SELECT b.member_id, b.member_number, i.label, i.starts_on, i.ends_before, coalesce(b.household_id, b.member_id) AS unit_id,
           b.minimum_income AND i.reduced_yearly_amount_cents IS NOT NULL AS reduced,
           i.pro_rata AND b.joined_on > i.starts_on AS partial, b.joined_on,
           (CASE WHEN b.minimum_income AND i.reduced_yearly_amount_cents IS NOT NULL THEN i.reduced_yearly_amount_cents ELSE i.yearly_amount_cents END) AS yearly,
           i.yearly_amount_cents AS full_yearly,
           i.k, i.per_year
      FROM ${MEMBER_BILLING_VIEW} b
      JOIN installment i ON i.membership_type_id = b.membership_type_id
     WHERE b.cooperative_id = $1 AND b.status IN ('active', 'suspended') AND b.member_number >= $4
       AND b.joined_on < i.ends_before AND (b.ends_on IS NULL OR b.ends_on >= i.starts_on)
  ), priced AS (
    SELECT owed.*,
           -- The k-th of n installments: the yearly amount's share up to k minus its share up to k - 1, so they sum to it exactly.
           (yearly * k / per_year - yearly * (k - 1) / per_year) AS full_cents,
           (full_yearly * k / per_year - full_yearly * (k - 1) / per_year) AS full_tariff_cents,
           (ends_before - starts_on) AS days, (ends_before - joined_on) AS days_left
      FROM owed
  ), amount AS (
    SELECT priced.*,
           CASE WHEN partial THEN (full_cents * days_left * 2 + days) / (2 * days) ELSE full_cents END AS amount_cents,
           CASE WHEN partial THEN (full_tariff_cents * days_left * 2 + days) / (2 * days) ELSE full_tariff_cents END AS full_tariff_amount_cents
      FROM priced
  ), per_unit AS (
    SELECT DISTINCT ON (unit_id, starts_on) *
      FROM amount
     ORDER BY unit_id, starts_on, amount_cents DESC, member_number
  )
  SELECT member_id, member_number, 'dues:' || unit_id || ':' || label AS source_key, label, amount_cents,
         CASE WHEN reduced THEN full_tariff_amount_cents - amount_cents ELSE 0 END AS reduction_cents, to_char(starts_on, 'YYYY-MM-DD') AS starts_on,
         'Contributie ' || label
           || CASE WHEN reduced THEN ' (verlaagd tarief)' ELSE '' END
           || CASE WHEN partial THEN ' (naar rato vanaf ' || to_char(joined_on, 'DD-MM-YYYY') || ')' ELSE '' END AS description
    FROM per_unit
   WHERE amount_cents > 0
     -- Only this period's dues invoices can match (labels start with its year): the check reads those, not the years before.
     AND NOT EXISTS (SELECT 1 FROM invoices v WHERE v.cooperative_id = $1 AND v.kind = 'dues' AND v.source_key LIKE 'dues:%:' || left($2::text, 4) || '%'
                        AND v.source_key = 'dues:' || per_unit.unit_id || ':' || per_unit.label)
   ORDER BY member_number, starts_on`;

@Injectable()
export class DuesRepository {
  constructor(private readonly uow: UnitOfWork) {}

  plans(cooperativeId: CooperativeId): Promise<DuesPlan[]> {
    return this.uow.manager().getRepository(DuesPlan).find({ where: { cooperativeId }, order: { createdAt: 'ASC' } });
  }

  plan(cooperativeId: CooperativeId, id: string): Promise<DuesPlan | null> {
    return this.uow.manager().getRepository(DuesPlan).findOneBy({ cooperativeId, id });
  }

  /** One plan per membership type: setting it again replaces the amounts for runs from now on. */
  async upsertPlan(
    cooperativeId: CooperativeId,
    p: { membershipTypeId: string; yearlyAmountCents: number; reducedYearlyAmountCents: number | null; frequency: BillingFrequency; proRata: boolean },
  ): Promise<DuesPlan> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO dues_plans (cooperative_id, membership_type_id, yearly_amount_cents, reduced_yearly_amount_cents, frequency, pro_rata) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (cooperative_id, membership_type_id) DO UPDATE
         SET yearly_amount_cents = EXCLUDED.yearly_amount_cents, reduced_yearly_amount_cents = EXCLUDED.reduced_yearly_amount_cents,
             frequency = EXCLUDED.frequency, pro_rata = EXCLUDED.pro_rata, updated_at = now()
       RETURNING id`,
      [cooperativeId, p.membershipTypeId, p.yearlyAmountCents, p.reducedYearlyAmountCents, p.frequency, p.proRata],
    );
    return (await this.plan(cooperativeId, row.id)) as DuesPlan;
  }

  async deletePlan(cooperativeId: CooperativeId, id: string): Promise<boolean> {
    return (await this.uow.rows(`DELETE FROM dues_plans WHERE cooperative_id = $1 AND id = $2 RETURNING id`, [cooperativeId, id])).length === 1;
  }

  /**
   * Up to `limit` installments of the period still to invoice, in member-number order, from member number
   * `from` on: a run passes the last number of its previous chunk, so each chunk prices only the members
   * still ahead (that member again, since the chunk may have ended halfway through their installments).
   */
  async installments(cooperativeId: CooperativeId, period: BillingPeriod, limit: number, from = 0): Promise<DuesInstallment[]> {
    const restore = await this.planForBatch();
    const rows = await this.uow.rows<{ member_id: string; member_number: number; source_key: string; label: string; amount_cents: string; reduction_cents: string; starts_on: string; description: string }>(
      `${INSTALLMENTS_SQL} LIMIT $5`,
      [cooperativeId, period.start, period.end, from, limit],
    );
    await restore();
    return rows.map((r) => ({ memberId: r.member_id, memberNumber: r.member_number, sourceKey: r.source_key, startsOn: r.starts_on, installment: r.label, amountCents: Number(r.amount_cents), reductionCents: Number(r.reduction_cents), description: r.description }));
  }

  /** How many installments of the period are still to invoice (for the progress bar). */
  async countInstallments(cooperativeId: CooperativeId, period: BillingPeriod): Promise<number> {
    const restore = await this.planForBatch();
    const [row] = await this.uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM (${INSTALLMENTS_SQL}) AS todo`, [cooperativeId, period.start, period.end, 0]);
    await restore();
    return row.n;
  }

  /**
   * Plans the installments statement for a batch, in this transaction only. A run writes thousands of
   * invoices faster than statistics follow, so the planner believes the invoices it checks against are
   * few and picks a nested-loop anti-join that turns quadratic (seconds per chunk, measured); hash joins
   * stay linear whatever the statistics say. And it cannot see how few rows generate_series yields, so
   * it would JIT-compile a statement that runs in tens of milliseconds, at a cost of seconds.
   */
  private async planForBatch(): Promise<() => Promise<void>> {
    const [before] = await this.uow.rows<{ nestloop: string; jit: string }>(
      `SELECT current_setting('enable_nestloop') AS nestloop, current_setting('jit') AS jit, set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`,
    );
    // The rest of the transaction plans as the server is configured.
    return async () => {
      await this.uow.rows(`SELECT set_config('enable_nestloop', $1, true), set_config('jit', $2, true)`, [before.nestloop, before.jit]);
    };
  }

  /** The run of this period that is not finished (crashed or still going), or a new one. */
  async startOrResume(cooperativeId: CooperativeId, r: { period: string; issueDate: string; dueDate: string; startedBy: string | null }): Promise<{ run: DuesRun; resumed: boolean }> {
    // The running run we collided with may complete before we read it; then start a new one.
    for (;;) {
      const [created] = await this.uow.rows<{ id: string }>(
        `INSERT INTO dues_runs (cooperative_id, period, issue_date, due_date, status, started_by) VALUES ($1, $2, $3, $4, 'running', $5)
         ON CONFLICT (cooperative_id, period) WHERE status = 'running' DO NOTHING RETURNING id`,
        [cooperativeId, r.period, r.issueDate, r.dueDate, r.startedBy],
      );
      if (created) return { run: (await this.run(cooperativeId, created.id)) as DuesRun, resumed: false };
      const running = await this.uow.manager().getRepository(DuesRun).findOneBy({ cooperativeId, period: r.period, status: 'running' });
      if (running) return { run: running, resumed: true };
    }
  }

  async addProgress(cooperativeId: CooperativeId, runId: string, invoices: number, cents: number): Promise<void> {
    await this.uow.rows(`UPDATE dues_runs SET invoice_count = invoice_count + $3, total_cents = total_cents + $4 WHERE cooperative_id = $1 AND id = $2`, [cooperativeId, runId, invoices, cents]);
  }

  async complete(cooperativeId: CooperativeId, runId: string): Promise<void> {
    await this.uow.rows(`UPDATE dues_runs SET status = 'completed', completed_at = now() WHERE cooperative_id = $1 AND id = $2 AND status = 'running'`, [cooperativeId, runId]);
  }

  run(cooperativeId: CooperativeId, id: string): Promise<DuesRun | null> {
    return this.uow.manager().getRepository(DuesRun).findOneBy({ cooperativeId, id });
  }

  runs(cooperativeId: CooperativeId): Promise<DuesRun[]> {
    return this.uow.manager().getRepository(DuesRun).find({ where: { cooperativeId }, order: { startedAt: 'DESC' }, take: 100 });
  }
}
