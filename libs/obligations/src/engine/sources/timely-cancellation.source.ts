import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { EffectivePolicy, ObligationSource, SettledObligation } from '../../obligation-source';
import { ONCE, UNSETTLED, bookingSummary } from './sql';

/**
 * Cancelling in time. A resident's late cancellation of a confirmed booking is a breach at once (its due
 * moment, the notice deadline, has passed); it is settled when the late-cancellation fee the exchange
 * charged is paid, and lapses when no fee applies or the fee invoice is cancelled.
 */
@Injectable()
export class TimelyCancellationSource implements ObligationSource {
  readonly type = 'timely_cancellation' as const;

  constructor(private readonly uow: UnitOfWork) {}

  async discover(cooperativeId: CooperativeId, _now: Date, policy: EffectivePolicy): Promise<number> {
    const rows = await this.uow.rows(
      `INSERT INTO obligations (cooperative_id, type, subject_id, member_id, summary, amount_cents, due_at)
       SELECT b.cooperative_id, 'timely_cancellation', b.id, b.consumer_member_id, 'Te laat geannuleerd: ' || ${bookingSummary('b', 'c')},
              e.amount_cents, lower(b.during) - make_interval(hours => $2)
         FROM exchange_events e
         JOIN bookings b ON b.cooperative_id = e.cooperative_id AND b.id = e.booking_id
         JOIN service_categories c ON c.cooperative_id = b.cooperative_id AND c.id = b.category_id
        WHERE e.cooperative_id = $1 AND e.kind = 'booking.late_cancellation'
       ${ONCE} RETURNING 1`,
      [cooperativeId, policy.termHours],
    );
    return rows.length;
  }

  settled(cooperativeId: CooperativeId): Promise<SettledObligation[]> {
    return this.uow.rows<SettledObligation>(
      `SELECT o.id, CASE WHEN i.status = 'paid' THEN 'fulfilled' ELSE 'lapsed' END AS outcome,
              CASE WHEN e.amount_cents = 0 THEN 'Te late annulering vastgelegd; er geldt geen vergoeding'
                   WHEN i.status = 'cancelled' THEN 'De factuur voor de annuleringskosten is geannuleerd' END AS reason
         FROM obligations o
         JOIN exchange_events e ON e.cooperative_id = o.cooperative_id AND e.booking_id = o.subject_id AND e.kind = 'booking.late_cancellation'
         LEFT JOIN invoices i ON i.cooperative_id = e.cooperative_id AND i.source_key = 'exchange-event:' || e.id
        WHERE ${UNSETTLED('o', 'timely_cancellation')} AND (e.amount_cents = 0 OR i.status IN ('paid', 'cancelled'))`,
      [cooperativeId],
    );
  }
}
