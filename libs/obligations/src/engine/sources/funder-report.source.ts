import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { EffectivePolicy, ObligationSource, SettledObligation } from '../../obligation-source';
import { ONCE, UNSETTLED, dayEnd } from './sql';

/** The cooperative's own duty: a report a foundation or the municipality wants by a date (libs/finance's funding schedule). */
@Injectable()
export class FunderReportSource implements ObligationSource {
  readonly type = 'funder_report' as const;

  constructor(private readonly uow: UnitOfWork) {}

  async discover(cooperativeId: CooperativeId, _now: Date, policy: EffectivePolicy): Promise<number> {
    const rows = await this.uow.rows(
      `INSERT INTO obligations (cooperative_id, type, subject_id, summary, due_at)
       SELECT r.cooperative_id, 'funder_report', r.id,
              r.description || ' voor ' || coalesce(g.foundation_name || ' (' || g.project || ')', 'de gemeente (' || a.reference || ')'),
              ${dayEnd('r.due_on')} + make_interval(hours => $2)
         FROM funding_reports r
         LEFT JOIN grants g ON g.cooperative_id = r.cooperative_id AND g.id = r.grant_id
         LEFT JOIN co_finance_agreements a ON a.cooperative_id = r.cooperative_id AND a.id = r.agreement_id
        WHERE r.cooperative_id = $1 AND r.submitted_on IS NULL
       ${ONCE} RETURNING 1`,
      [cooperativeId, policy.termHours],
    );
    return rows.length;
  }

  settled(cooperativeId: CooperativeId): Promise<SettledObligation[]> {
    return this.uow.rows<SettledObligation>(
      `SELECT o.id, 'fulfilled' AS outcome
         FROM obligations o JOIN funding_reports r ON r.cooperative_id = o.cooperative_id AND r.id = o.subject_id
        WHERE ${UNSETTLED('o', 'funder_report')} AND r.submitted_on IS NOT NULL`,
      [cooperativeId],
    );
  }
}
