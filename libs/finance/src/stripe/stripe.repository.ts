import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { StripeAccount } from './entities/stripe-account.entity';
import { StripeEventOutcome } from './entities/stripe-event.entity';
import { StripePayment } from './entities/stripe-payment.entity';

@Injectable()
export class StripeRepository {
  constructor(private readonly uow: UnitOfWork) {}

  account(cooperativeId: CooperativeId): Promise<StripeAccount | null> {
    return this.uow.manager().getRepository(StripeAccount).findOneBy({ cooperativeId });
  }

  /** Sets the account; returns the one it replaced (null when there was none). */
  async setAccount(cooperativeId: CooperativeId, accountId: string, updatedBy: string | null): Promise<{ previous: string | null }> {
    const [row] = await this.uow.rows<{ previous: string | null }>(
      `WITH old AS (SELECT account_id FROM stripe_accounts WHERE cooperative_id = $1)
       INSERT INTO stripe_accounts (cooperative_id, account_id, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (cooperative_id) DO UPDATE SET account_id = EXCLUDED.account_id, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING (SELECT account_id FROM old) AS previous`,
      [cooperativeId, accountId, updatedBy],
    );
    return { previous: row.previous };
  }

  /**
   * The cooperative a connected account belongs to. Only for routing webhooks: the caller runs it
   * as the owner, since no tenant is known yet.
   */
  async cooperativeOfAccount(accountId: string): Promise<CooperativeId | null> {
    const [row] = await this.uow.rows<{ cooperative_id: CooperativeId }>(`SELECT cooperative_id FROM stripe_accounts WHERE account_id = $1`, [accountId]);
    return row?.cooperative_id ?? null;
  }

  /** Records the event unless it was received before; true when this call inserted it (and so processes it). */
  async insertEvent(cooperativeId: CooperativeId, event: { eventId: string; type: string; receivedAt: Date }): Promise<boolean> {
    const rows = await this.uow.rows(
      `INSERT INTO stripe_events (cooperative_id, event_id, type, received_at, outcome) VALUES ($1, $2, $3, $4, 'processing')
       ON CONFLICT (cooperative_id, event_id) DO NOTHING RETURNING event_id`,
      [cooperativeId, event.eventId, event.type, event.receivedAt],
    );
    return rows.length === 1;
  }

  async setOutcome(cooperativeId: CooperativeId, eventId: string, outcome: StripeEventOutcome): Promise<void> {
    await this.uow.rows(`UPDATE stripe_events SET outcome = $3 WHERE cooperative_id = $1 AND event_id = $2`, [cooperativeId, eventId, outcome]);
  }

  async eventOutcome(cooperativeId: CooperativeId, eventId: string): Promise<StripeEventOutcome | null> {
    const [row] = await this.uow.rows<{ outcome: StripeEventOutcome }>(`SELECT outcome FROM stripe_events WHERE cooperative_id = $1 AND event_id = $2`, [cooperativeId, eventId]);
    return row?.outcome ?? null;
  }

  /** Records the payment unless it was booked before (by the other event of the same payment); true when this call did. */
  async insertPayment(cooperativeId: CooperativeId, p: Omit<StripePayment, 'cooperativeId' | 'cooperative' | 'recordedAt'>): Promise<boolean> {
    const rows = await this.uow.rows(
      `INSERT INTO stripe_payments (cooperative_id, payment_intent_id, checkout_session_id, purpose, invoice_id, member_id, amount_cents, paid_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (cooperative_id, payment_intent_id) DO NOTHING RETURNING payment_intent_id`,
      [cooperativeId, p.paymentIntentId, p.checkoutSessionId, p.purpose, p.invoiceId, p.memberId, p.amountCents, p.paidOn],
    );
    return rows.length === 1;
  }

  payment(cooperativeId: CooperativeId, paymentIntentId: string): Promise<StripePayment | null> {
    return this.uow.manager().getRepository(StripePayment).findOneBy({ cooperativeId, paymentIntentId });
  }
}
