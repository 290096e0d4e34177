import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { AccountabilityComment, AccountabilityReport, AccountabilityReportVersion, AccountabilityStatus, Narrative } from './entities/accountability-report.entity';

type NewReport = Pick<AccountabilityReport, 'agreementId' | 'municipalityId' | 'agreementReference' | 'periodFrom' | 'periodThrough' | 'createdBy'>;
type NewVersion = Pick<AccountabilityReportVersion, 'kind' | 'figures' | 'narrative' | 'authorUserId'>;

@Injectable()
export class AccountabilityRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private reports() {
    return this.uow.manager().getRepository(AccountabilityReport);
  }

  /** Null when a report for the same agreement and period exists. */
  async insert(cooperativeId: CooperativeId, report: NewReport): Promise<AccountabilityReport | null> {
    const rows = await this.uow.rows<{ id: string }>(
      `INSERT INTO accountability_reports (cooperative_id, agreement_id, municipality_id, agreement_reference, period_from, period_through, status, current_version, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'draft', 1, $7)
       ON CONFLICT (cooperative_id, agreement_id, period_from, period_through) DO NOTHING RETURNING id`,
      [cooperativeId, report.agreementId, report.municipalityId, report.agreementReference, report.periodFrom, report.periodThrough, report.createdBy],
    );
    return rows.length ? this.get(cooperativeId, rows[0].id) : null;
  }

  get(cooperativeId: CooperativeId, id: string): Promise<AccountabilityReport | null> {
    return this.reports().findOne({ where: { cooperativeId, id } });
  }

  list(cooperativeId: CooperativeId, filter: { agreementId?: string; statuses?: AccountabilityStatus[] }): Promise<AccountabilityReport[]> {
    return this.uow
      .rows<{ id: string }>(
        `SELECT id FROM accountability_reports WHERE cooperative_id = $1 AND ($2::uuid IS NULL OR agreement_id = $2) AND ($3::text[] IS NULL OR status = ANY($3)) ORDER BY period_from, created_at`,
        [cooperativeId, filter.agreementId ?? null, filter.statuses ?? null],
      )
      .then((rows) => (rows.length ? this.reports().find({ where: rows.map((r) => ({ cooperativeId, id: r.id })), order: { periodFrom: 'ASC', createdAt: 'ASC' } }) : []));
  }

  /**
   * Moves the report from one of `from` to `to`, and to a new version number when `bump`; the affected row
   * decides which of two racing requests won. Returns the new version number, or null when the report was not in
   * one of `from`.
   */
  async transition(cooperativeId: CooperativeId, id: string, from: AccountabilityStatus[], to: AccountabilityStatus, bump: boolean): Promise<number | null> {
    const rows = await this.uow.rows<{ current_version: number }>(
      `UPDATE accountability_reports SET status = $4, current_version = current_version + $5
        WHERE cooperative_id = $1 AND id = $2 AND status = ANY($3) RETURNING current_version`,
      [cooperativeId, id, from, to, bump ? 1 : 0],
    );
    return rows.length ? Number(rows[0].current_version) : null;
  }

  async insertVersion(cooperativeId: CooperativeId, reportId: string, version: number, v: NewVersion): Promise<void> {
    await this.uow.rows(
      `INSERT INTO accountability_report_versions (cooperative_id, report_id, version, kind, figures, narrative, author_user_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
      [cooperativeId, reportId, version, v.kind, JSON.stringify(v.figures), JSON.stringify(v.narrative), v.authorUserId],
    );
  }

  versions(cooperativeId: CooperativeId, reportId: string): Promise<AccountabilityReportVersion[]> {
    return this.uow.manager().getRepository(AccountabilityReportVersion).find({ where: { cooperativeId, reportId }, order: { version: 'ASC' } });
  }

  version(cooperativeId: CooperativeId, reportId: string, version: number): Promise<AccountabilityReportVersion | null> {
    return this.uow.manager().getRepository(AccountabilityReportVersion).findOne({ where: { cooperativeId, reportId, version } });
  }

  async latestNarrative(cooperativeId: CooperativeId, reportId: string): Promise<Narrative> {
    const rows = await this.uow.rows<{ narrative: Narrative }>(
      `SELECT narrative FROM accountability_report_versions WHERE cooperative_id = $1 AND report_id = $2 ORDER BY version DESC LIMIT 1`,
      [cooperativeId, reportId],
    );
    return rows[0].narrative;
  }

  async insertComment(cooperativeId: CooperativeId, c: Pick<AccountabilityComment, 'reportId' | 'version' | 'kind' | 'body' | 'authorUserId'>): Promise<void> {
    await this.uow.rows(`INSERT INTO accountability_comments (cooperative_id, report_id, version, kind, body, author_user_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      cooperativeId,
      c.reportId,
      c.version,
      c.kind,
      c.body,
      c.authorUserId,
    ]);
  }

  comments(cooperativeId: CooperativeId, reportId: string): Promise<AccountabilityComment[]> {
    return this.uow.manager().getRepository(AccountabilityComment).find({ where: { cooperativeId, reportId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
