import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { EffectivePolicy, ObligationSource, RecordedStep, SettledObligation } from '../../obligation-source';
import { ONCE, UNSETTLED, dayEnd } from './sql';

/**
 * Paying an invoice by its due date. Its reminder and 14-day letter are dunning's (libs/finance): the
 * engine records them as steps when the invoice's dunning stage says they went out, and sends nothing itself.
 */
@Injectable()
export class InvoicePaymentSource implements ObligationSource {
  readonly type = 'invoice_payment' as const;

  constructor(private readonly uow: UnitOfWork) {}

  async discover(cooperativeId: CooperativeId, _now: Date, policy: EffectivePolicy): Promise<number> {
    const rows = await this.uow.rows(
      `INSERT INTO obligations (cooperative_id, type, subject_id, member_id, summary, amount_cents, due_at)
       SELECT i.cooperative_id, 'invoice_payment', i.id, i.member_id, 'Factuur ' || i.number, i.amount_cents - i.paid_cents,
              ${dayEnd('i.due_date')} + make_interval(hours => $2)
         FROM invoices i
        WHERE i.cooperative_id = $1 AND i.status = 'open'
       ${ONCE} RETURNING 1`,
      [cooperativeId, policy.termHours],
    );
    return rows.length;
  }

  async settled(cooperativeId: CooperativeId): Promise<SettledObligation[]> {
    return this.uow.rows<SettledObligation>(
      `SELECT o.id, CASE i.status WHEN 'paid' THEN 'fulfilled' ELSE 'lapsed' END AS outcome,
              CASE i.status WHEN 'cancelled' THEN 'De factuur is geannuleerd' END AS reason
         FROM obligations o JOIN invoices i ON i.cooperative_id = o.cooperative_id AND i.id = o.subject_id
        WHERE ${UNSETTLED('o', 'invoice_payment')} AND i.status IN ('paid', 'cancelled')`,
      [cooperativeId],
    );
  }

  /** Dunning's letters: the reminder and the 14-day letter, on the day each was sent. */
  recordedSteps(cooperativeId: CooperativeId): Promise<RecordedStep[]> {
    return this.uow.rows<RecordedStep>(
      `SELECT o.id AS "obligationId", s.step, (s.sent_on)::timestamp AT TIME ZONE 'Europe/Amsterdam' AS at
         FROM obligations o JOIN invoices i ON i.cooperative_id = o.cooperative_id AND i.id = o.subject_id
        CROSS JOIN LATERAL (VALUES ('reminder', i.reminded_on), ('second_reminder', i.noticed_on)) AS s(step, sent_on)
        WHERE ${UNSETTLED('o', 'invoice_payment')} AND s.sent_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM obligation_events e WHERE e.cooperative_id = o.cooperative_id AND e.obligation_id = o.id AND e.kind = s.step)`,
      [cooperativeId],
    );
  }
}
