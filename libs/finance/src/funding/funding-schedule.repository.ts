import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { FundingReport, FundingTranche } from './entities/funding-schedule.entity';

/** Whose schedule: a grant's or an agreement's. */
export type ScheduleOwner = { grantId: string } | { agreementId: string };

export interface NewTranche {
  expectedOn: string;
  amountCents: number;
}

export interface NewReport {
  dueOn: string;
  description: string;
}

export interface FundingDeadline {
  reportId: string;
  dueOn: string;
  description: string;
  source: 'grant' | 'agreement';
  sourceId: string;
  /** The foundation's name or the agreement's kenmerk. */
  sourceName: string;
}

const ownerColumns = (owner: ScheduleOwner): [string | null, string | null] =>
  'grantId' in owner ? [owner.grantId, null] : [null, owner.agreementId];

const ownerWhere = (owner: ScheduleOwner) => ('grantId' in owner ? { grantId: owner.grantId } : { agreementId: owner.agreementId });

@Injectable()
export class FundingScheduleRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insertTranches(cooperativeId: CooperativeId, owner: ScheduleOwner, tranches: NewTranche[]): Promise<void> {
    if (tranches.length === 0) return;
    const [grantId, agreementId] = ownerColumns(owner);
    await this.uow.rows(
      `INSERT INTO funding_tranches (cooperative_id, grant_id, agreement_id, expected_on, amount_cents)
       SELECT $1, $2, $3, t.expected_on, t.amount_cents FROM jsonb_to_recordset($4::jsonb) AS t(expected_on date, amount_cents bigint)`,
      [cooperativeId, grantId, agreementId, JSON.stringify(tranches.map((t) => ({ expected_on: t.expectedOn, amount_cents: t.amountCents })))],
    );
  }

  async insertReports(cooperativeId: CooperativeId, owner: ScheduleOwner, reports: NewReport[]): Promise<void> {
    if (reports.length === 0) return;
    const [grantId, agreementId] = ownerColumns(owner);
    await this.uow.rows(
      `INSERT INTO funding_reports (cooperative_id, grant_id, agreement_id, due_on, description)
       SELECT $1, $2, $3, r.due_on, r.description FROM jsonb_to_recordset($4::jsonb) AS r(due_on date, description text)`,
      [cooperativeId, grantId, agreementId, JSON.stringify(reports.map((r) => ({ due_on: r.dueOn, description: r.description })))],
    );
  }

  tranches(cooperativeId: CooperativeId, owner: ScheduleOwner): Promise<FundingTranche[]> {
    return this.uow.manager().getRepository(FundingTranche).find({ where: { cooperativeId, ...ownerWhere(owner) }, order: { expectedOn: 'ASC', createdAt: 'ASC' } });
  }

  tranche(cooperativeId: CooperativeId, owner: ScheduleOwner, id: string): Promise<FundingTranche | null> {
    return this.uow.manager().getRepository(FundingTranche).findOneBy({ cooperativeId, id, ...ownerWhere(owner) });
  }

  reports(cooperativeId: CooperativeId, owner: ScheduleOwner): Promise<FundingReport[]> {
    return this.uow.manager().getRepository(FundingReport).find({ where: { cooperativeId, ...ownerWhere(owner) }, order: { dueOn: 'ASC', createdAt: 'ASC' } });
  }

  report(cooperativeId: CooperativeId, owner: ScheduleOwner, id: string): Promise<FundingReport | null> {
    return this.uow.manager().getRepository(FundingReport).findOneBy({ cooperativeId, id, ...ownerWhere(owner) });
  }

  /** Only the first receipt of a tranche matches; the row count tells the caller whether it won. */
  async markTrancheReceived(cooperativeId: CooperativeId, id: string, received: { on: string; key: string; statementLineId: string | null }): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE funding_tranches SET received_on = $3, received_key = $4, statement_line_id = $5
        WHERE cooperative_id = $1 AND id = $2 AND received_on IS NULL RETURNING id`,
      [cooperativeId, id, received.on, received.key, received.statementLineId],
    );
    return rows.length === 1;
  }

  async markReportSubmitted(cooperativeId: CooperativeId, id: string, on: string): Promise<boolean> {
    const rows = await this.uow.rows(`UPDATE funding_reports SET submitted_on = $3 WHERE cooperative_id = $1 AND id = $2 AND submitted_on IS NULL RETURNING id`, [cooperativeId, id, on]);
    return rows.length === 1;
  }

  /** Marks every open report of the owner submitted; returns how many were open. */
  async markAllReportsSubmitted(cooperativeId: CooperativeId, owner: ScheduleOwner, on: string): Promise<number> {
    const [grantId, agreementId] = ownerColumns(owner);
    const rows = await this.uow.rows(
      `UPDATE funding_reports SET submitted_on = $4
        WHERE cooperative_id = $1 AND grant_id IS NOT DISTINCT FROM $2 AND agreement_id IS NOT DISTINCT FROM $3 AND submitted_on IS NULL RETURNING id`,
      [cooperativeId, grantId, agreementId, on],
    );
    return rows.length;
  }

  /** Reports not yet submitted that fall due on or before `through`, of grants and agreements alike. */
  async deadlines(cooperativeId: CooperativeId, through: string): Promise<FundingDeadline[]> {
    const rows = await this.uow.rows<{ id: string; due_on: string; description: string; grant_id: string | null; agreement_id: string | null; source_name: string }>(
      `SELECT r.id, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.description, r.grant_id, r.agreement_id,
              coalesce(g.foundation_name || ' — ' || g.project, 'Gemeente ' || m.name || ' ' || a.reference) AS source_name
         FROM funding_reports r
         LEFT JOIN grants g ON g.cooperative_id = r.cooperative_id AND g.id = r.grant_id
         LEFT JOIN co_finance_agreements a ON a.cooperative_id = r.cooperative_id AND a.id = r.agreement_id
         LEFT JOIN municipalities m ON m.id = a.municipality_id
        WHERE r.cooperative_id = $1 AND r.submitted_on IS NULL AND r.due_on <= $2::date
        ORDER BY r.due_on, source_name, r.description`,
      [cooperativeId, through],
    );
    return rows.map((r) => ({
      reportId: r.id,
      dueOn: r.due_on,
      description: r.description,
      source: r.grant_id ? 'grant' : 'agreement',
      sourceId: (r.grant_id ?? r.agreement_id) as string,
      sourceName: r.source_name,
    }));
  }
}
