import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Transporter, createTransport } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnitOfWork } from '../database/unit-of-work';

const BATCH = 50;
const MAX_ATTEMPTS = 5;

/**
 * Sends what the outbox holds, over SMTP. Several workers may run this at once: each claims its
 * batch with SKIP LOCKED, so no message goes out twice.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transporter: Transporter | undefined;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.smtpUrl !== undefined;
  }

  /** Delivers one batch of pending messages; returns how many were sent and how many failed. */
  async deliverPending(): Promise<{ sent: number; failed: number }> {
    if (!this.config.smtpUrl) return { sent: 0, failed: 0 };
    this.transporter ??= createTransport(this.config.smtpUrl);
    const transporter = this.transporter;
    return this.uow.run({ as: 'owner' }, async () => {
      const batch = await this.uow.rows<{ id: string; to_address: string; subject: string; body_text: string; attempts: number }>(
        `SELECT id, to_address, subject, body_text, attempts FROM outbox_messages
          WHERE status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      let sent = 0;
      let failed = 0;
      for (const message of batch) {
        try {
          await transporter.sendMail({ from: this.config.mailFrom, to: message.to_address, subject: message.subject, text: message.body_text });
          await this.uow.rows(`UPDATE outbox_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [message.id]);
          sent++;
        } catch (error) {
          // Stays pending for the next run until the attempts are used up.
          const status = message.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending';
          await this.uow.rows(`UPDATE outbox_messages SET status = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1`, [message.id, status, String((error as Error).message).slice(0, 500)]);
          this.logger.warn(`Could not send message ${message.id}: ${(error as Error).message}`);
          failed++;
        }
      }
      return { sent, failed };
    });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
