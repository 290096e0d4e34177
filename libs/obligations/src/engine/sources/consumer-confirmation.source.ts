import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { EffectivePolicy, ObligationSource, SettledObligation } from '../../obligation-source';
import { ONCE, UNSETTLED, bookingSummary } from './sql';

/**
 * The resident confirms (or disputes) delivered work within the term; at the term's end the exchange
 * confirms it by itself, which fulfils the obligation as well.
 */
@Injectable()
export class ConsumerConfirmationSource implements ObligationSource {
  readonly type = 'consumer_confirmation' as const;

  constructor(private readonly uow: UnitOfWork) {}

  async discover(cooperativeId: CooperativeId, _now: Date, policy: EffectivePolicy): Promise<number> {
    const rows = await this.uow.rows(
      `INSERT INTO obligations (cooperative_id, type, subject_id, member_id, summary, due_at)
       SELECT b.cooperative_id, 'consumer_confirmation', b.id, b.consumer_member_id, 'Geleverd werk bevestigen: ' || ${bookingSummary('b', 'c')},
              b.delivered_at + make_interval(hours => $2)
         FROM bookings b JOIN service_categories c ON c.cooperative_id = b.cooperative_id AND c.id = b.category_id
        WHERE b.cooperative_id = $1 AND b.status = 'delivered'
       ${ONCE} RETURNING 1`,
      [cooperativeId, policy.termHours],
    );
    return rows.length;
  }

  settled(cooperativeId: CooperativeId): Promise<SettledObligation[]> {
    return this.uow.rows<SettledObligation>(
      `SELECT o.id, CASE WHEN b.status = 'cancelled' THEN 'lapsed' ELSE 'fulfilled' END AS outcome,
              CASE WHEN b.status = 'cancelled' THEN 'De boeking is geannuleerd' END AS reason
         FROM obligations o JOIN bookings b ON b.cooperative_id = o.cooperative_id AND b.id = o.subject_id
        WHERE ${UNSETTLED('o', 'consumer_confirmation')} AND b.status IN ('completed', 'disputed', 'cancelled')`,
      [cooperativeId],
    );
  }
}
