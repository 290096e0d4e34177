import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';

export interface ClaimedMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * The deliverer's side of the outbox. It works across every cooperative, as the owner, in short
 * transactions of its own: no SMTP conversation ever happens inside one.
 */
@Injectable()
export class OutboxDeliveryRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Marks up to `limit` due messages `sending` under `token` and counts the attempt. Due: pending and
   * past its next attempt, or claimed by a deliverer whose lease ran out (it died mid-send). SKIP LOCKED
   * keeps two deliverers off each other's rows; the status re-check on the locked row keeps a
   * deliverer from claiming what another claimed and committed a moment ago.
   */
  async claim(token: string, now: Date, leaseExpiredBefore: Date, maxAttempts: number, limit: number): Promise<ClaimedMessage[]> {
    return this.uow.rows<ClaimedMessage>(
      `UPDATE outbox_messages o
          SET status = 'sending', claimed_at = $1, claim_token = $2, attempts = o.attempts + 1
        WHERE o.id IN (SELECT id FROM outbox_messages
                        WHERE (status = 'pending' AND next_attempt_at <= $1)
                           OR (status = 'sending' AND claimed_at < $3 AND attempts < $4)
                        ORDER BY created_at, id
                        LIMIT $5
                        FOR UPDATE SKIP LOCKED)
          -- Checked again on the row as locked: it may have been claimed since the list was read.
          AND (o.status = 'pending' OR (o.status = 'sending' AND o.claimed_at < $3))
        RETURNING o.id, o.to_address AS "to", o.subject, o.body_text AS body, o.attempts`,
      [now, token, leaseExpiredBefore, maxAttempts, limit],
    );
  }

  /** A claim that ran out on its last attempt is not tried again: it may even have gone out. */
  async failAbandoned(leaseExpiredBefore: Date, maxAttempts: number): Promise<number> {
    const rows = await this.uow.rows(
      `UPDATE outbox_messages
          SET status = 'failed', claim_token = NULL,
              last_error = 'The deliverer stopped while sending the last attempt; not retried, as it may have been delivered'
        WHERE status = 'sending' AND claimed_at < $1 AND attempts >= $2
        RETURNING id`,
      [leaseExpiredBefore, maxAttempts],
    );
    return rows.length;
  }

  /** Renews the lease just before sending; false when the claim was lost (taken over after it ran out). */
  async renew(id: string, token: string, now: Date): Promise<boolean> {
    const rows = await this.uow.rows(`UPDATE outbox_messages SET claimed_at = $3 WHERE id = $1 AND claim_token = $2 AND status = 'sending' RETURNING id`, [id, token, now]);
    return rows.length === 1;
  }

  async markSent(id: string, token: string, now: Date): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE outbox_messages SET status = 'sent', sent_at = $3, claim_token = NULL, last_error = NULL WHERE id = $1 AND claim_token = $2 AND status = 'sending' RETURNING id`,
      [id, token, now],
    );
    return rows.length === 1;
  }

  /** Back to pending for another attempt at `nextAttemptAt`, or `failed` when that is null. */
  async markAttemptFailed(id: string, token: string, error: string, nextAttemptAt: Date | null): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE outbox_messages
          SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at), claim_token = NULL, last_error = $3
        WHERE id = $1 AND claim_token = $2 AND status = 'sending' RETURNING id`,
      [id, token, error, nextAttemptAt],
    );
    return rows.length === 1;
  }
}
