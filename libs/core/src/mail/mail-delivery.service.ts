import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Transporter, createTransport } from 'nodemailer';
import { Clock } from '../clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnitOfWork } from '../database/unit-of-work';
import { ClaimedMessage, OutboxDeliveryRepository } from './outbox-delivery.repository';

export const DELIVERY_BATCH = 50;
export const MAX_ATTEMPTS = 5;
/** Wait before the second attempt; doubled after each further failure, up to `MAX_RETRY_DELAY_MS`. */
export const FIRST_RETRY_DELAY_MS = 60_000;
export const MAX_RETRY_DELAY_MS = 60 * 60_000;
/**
 * How long a claim on one message holds. It is renewed just before each send, and the SMTP timeouts
 * below keep a send well inside it, so a live deliverer never loses a message to another.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** When the attempt after `attempts` failed ones may start; null once they are used up. */
export function nextAttemptAfter(now: Date, attempts: number): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const delay = Math.min(FIRST_RETRY_DELAY_MS * 2 ** (attempts - 1), MAX_RETRY_DELAY_MS);
  return new Date(now.getTime() + delay);
}

/**
 * Sends what the outbox holds, over SMTP. A batch is claimed in one short transaction, each message is
 * sent outside any transaction (in embedded mode the database is one session, which a transaction
 * held open across SMTP would block), and its outcome recorded in another short one. Several
 * deliverers may run at once: a message is claimed by one of them only, and only its claimant may
 * record that it was sent.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transporter: Transporter | undefined;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxDeliveryRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.smtpUrl !== undefined;
  }

  /** Delivers one batch of due messages; returns how many were sent and how many attempts failed. */
  async deliverPending(): Promise<{ sent: number; failed: number }> {
    if (!this.config.smtpUrl) return { sent: 0, failed: 0 };
    this.transporter ??= createTransport({ url: this.config.smtpUrl, ...SMTP_TIMEOUTS });
    const token = randomUUID();
    const batch = await this.owner(() => {
      const now = this.clock.now();
      const leaseExpiredBefore = new Date(now.getTime() - CLAIM_LEASE_MS);
      return this.outbox.failAbandoned(leaseExpiredBefore, MAX_ATTEMPTS).then(() => this.outbox.claim(token, now, leaseExpiredBefore, MAX_ATTEMPTS, DELIVERY_BATCH));
    });
    let sent = 0;
    let failed = 0;
    for (const message of batch) {
      // Later messages of a batch wait for the earlier sends: renew the claim so it holds for this one.
      if (!(await this.owner(() => this.outbox.renew(message.id, token, this.clock.now())))) continue;
      const outcome = await this.send(this.transporter, message);
      if (outcome === 'sent') {
        if (await this.owner(() => this.outbox.markSent(message.id, token, this.clock.now()))) sent++;
      } else {
        await this.owner(() => this.outbox.markAttemptFailed(message.id, token, outcome.error, nextAttemptAfter(this.clock.now(), message.attempts)));
        this.logger.warn(`Could not send message ${message.id} (attempt ${message.attempts} of ${MAX_ATTEMPTS}): ${outcome.error}`);
        failed++;
      }
    }
    return { sent, failed };
  }

  private async send(transporter: Transporter, message: ClaimedMessage): Promise<'sent' | { error: string }> {
    try {
      await transporter.sendMail({
        from: this.config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.body,
        // The outbox id as Message-ID: should a send ever be repeated, mail clients show it once.
        messageId: `<${message.id}@outbox.buurtcoop>`,
      });
      return 'sent';
    } catch (error) {
      return { error: String((error as Error).message).slice(0, 500) };
    }
  }

  private owner<T>(work: () => Promise<T>): Promise<T> {
    return this.uow.run({ as: 'owner' }, work);
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
