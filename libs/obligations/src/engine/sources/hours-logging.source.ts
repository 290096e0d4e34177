import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { EffectivePolicy, ObligationSource, SettledObligation } from '../../obligation-source';
import { ONCE, UNSETTLED, bookingSummary } from './sql';

/** The provider logs the delivered hours within the term after a confirmed booking ended. */
@Injectable()
export class HoursLoggingSource implements ObligationSource {
  readonly type = 'hours_logging' as const;

  constructor(private readonly uow: UnitOfWork) {}

  async discover(cooperativeId: CooperativeId, now: Date, policy: EffectivePolicy): Promise<number> {
    const rows = await this.uow.rows(
      `INSERT INTO obligations (cooperative_id, type, subject_id, member_id, summary, due_at)
       SELECT b.cooperative_id, 'hours_logging', b.id, b.provider_member_id, 'Uren registreren: ' || ${bookingSummary('b', 'c')},
              upper(b.during) + make_interval(hours => $3)
         FROM bookings b JOIN service_categories c ON c.cooperative_id = b.cooperative_id AND c.id = b.category_id
        WHERE b.cooperative_id = $1 AND b.status = 'confirmed' AND upper(b.during) <= $2
       ${ONCE} RETURNING 1`,
      [cooperativeId, now, policy.termHours],
    );
    return rows.length;
  }

  settled(cooperativeId: CooperativeId): Promise<SettledObligation[]> {
    return this.uow.rows<SettledObligation>(
      `SELECT o.id, CASE WHEN b.delivered_at IS NOT NULL THEN 'fulfilled' ELSE 'lapsed' END AS outcome,
              CASE WHEN b.delivered_at IS NULL THEN 'De boeking is geannuleerd' END AS reason
         FROM obligations o JOIN bookings b ON b.cooperative_id = o.cooperative_id AND b.id = o.subject_id
        WHERE ${UNSETTLED('o', 'hours_logging')} AND (b.delivered_at IS NOT NULL OR b.status IN ('cancelled', 'expired'))`,
      [cooperativeId],
    );
  }
}
