import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Allowance, AllowanceCaps } from './entities/allowance.entity';
import { CapAmounts } from './allowance-caps';

export interface NewAllowance {
  memberId: string;
  month: string;
  hours: number;
  amountCents: number;
  fundId: string | null;
  description: string;
}

export interface AllowanceFilter {
  memberId?: string;
  month?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class AllowancesRepository {
  constructor(private readonly uow: UnitOfWork) {}

  caps(cooperativeId: CooperativeId): Promise<AllowanceCaps[]> {
    return this.uow.manager().getRepository(AllowanceCaps).find({ where: { cooperativeId }, order: { year: 'ASC' } });
  }

  async setCaps(cooperativeId: CooperativeId, year: number, caps: CapAmounts): Promise<void> {
    await this.uow.rows(
      `INSERT INTO allowance_caps (cooperative_id, year, hourly_cents, hourly_under21_cents, monthly_cents, yearly_cents) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (cooperative_id, year) DO UPDATE
         SET hourly_cents = EXCLUDED.hourly_cents, hourly_under21_cents = EXCLUDED.hourly_under21_cents,
             monthly_cents = EXCLUDED.monthly_cents, yearly_cents = EXCLUDED.yearly_cents, updated_at = now()`,
      [cooperativeId, year, caps.hourlyCents, caps.hourlyUnder21Cents, caps.monthlyCents, caps.yearlyCents],
    );
  }

  /**
   * Locks the volunteer's year until the transaction ends, creating its row the first time. A second grant
   * for the same person waits here, and then reads the totals including the first.
   */
  async lockMemberYear(cooperativeId: CooperativeId, memberId: string, year: number): Promise<void> {
    await this.uow.rows(`INSERT INTO allowance_member_years (cooperative_id, member_id, year) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [cooperativeId, memberId, year]);
    await this.uow.rows(`SELECT 1 FROM allowance_member_years WHERE cooperative_id = $1 AND member_id = $2 AND year = $3 FOR UPDATE`, [cooperativeId, memberId, year]);
  }

  /** What the volunteer was granted (not cancelled) in the month and in its year. */
  async granted(cooperativeId: CooperativeId, memberId: string, month: string): Promise<{ monthCents: number; yearCents: number }> {
    const [row] = await this.uow.rows<{ month_cents: string; year_cents: string }>(
      `SELECT coalesce(sum(amount_cents) FILTER (WHERE month = $3), 0) AS month_cents, coalesce(sum(amount_cents), 0) AS year_cents
         FROM allowances
        WHERE cooperative_id = $1 AND member_id = $2 AND status = 'granted' AND month LIKE left($3, 4) || '-%'`,
      [cooperativeId, memberId, month],
    );
    return { monthCents: Number(row.month_cents), yearCents: Number(row.year_cents) };
  }

  async insert(cooperativeId: CooperativeId, a: NewAllowance, createdBy: string | null): Promise<Allowance> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO allowances (cooperative_id, member_id, month, hours, amount_cents, fund_id, description, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [cooperativeId, a.memberId, a.month, a.hours, a.amountCents, a.fundId, a.description, createdBy],
    );
    return (await this.find(cooperativeId, row.id)) as Allowance;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<Allowance | null> {
    return this.uow.manager().getRepository(Allowance).findOneBy({ cooperativeId, id });
  }

  /** Cancels a granted allowance; false when it was not granted (any more): of two racing cancellations one wins. */
  async cancel(cooperativeId: CooperativeId, id: string, reason: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE allowances SET status = 'cancelled', cancelled_at = now(), cancel_reason = $3 WHERE cooperative_id = $1 AND id = $2 AND status = 'granted' RETURNING id`,
      [cooperativeId, id, reason],
    );
    return rows.length === 1;
  }

  async list(cooperativeId: CooperativeId, filter: AllowanceFilter): Promise<{ items: Allowance[]; total: number }> {
    const [items, total] = await this.uow
      .manager()
      .getRepository(Allowance)
      .findAndCount({
        where: { cooperativeId, ...(filter.memberId ? { memberId: filter.memberId } : {}), ...(filter.month ? { month: filter.month } : {}) },
        order: { month: 'DESC', createdAt: 'DESC' },
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
      });
    return { items, total };
  }
}
