import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { MailDeliveryService } from '../mail/mail-delivery.service';

export interface MaintenanceJob {
  name: string;
  everyMs: number;
  run: () => Promise<string | undefined>;
}

/**
 * Housekeeping that runs as the owner, outside any tenant: in the worker process, or inside the API
 * process in embedded mode. Jobs never overlap themselves.
 */
@Injectable()
export class MaintenanceService implements OnApplicationShutdown {
  private readonly logger = new Logger('Maintenance');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  private readonly jobs: MaintenanceJob[] = [
    {
      name: 'deliver-outbox',
      everyMs: 30 * 1000,
      run: async () => {
        const { sent, failed } = await this.mail.deliverPending();
        return sent + failed > 0 ? `sent ${sent} message(s), ${failed} failed` : undefined;
      },
    },
    {
      name: 'purge-stale-refresh-tokens',
      everyMs: 60 * 60 * 1000,
      run: async () => {
        const purged = await this.uow.run({ as: 'owner' }, () => this.refreshTokens.purgeStale());
        return purged > 0 ? `purged ${purged} stale refresh tokens` : undefined;
      },
    },
  ];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly mail: MailDeliveryService,
  ) {}

  /** Domain libs add their housekeeping at module start-up. */
  register(job: MaintenanceJob): void {
    if (!this.jobs.some((j) => j.name === job.name)) this.jobs.push(job);
  }

  start(): void {
    for (const job of this.jobs) {
      void this.runOnce(job);
      const timer = setInterval(() => void this.runOnce(job), job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
    this.logger.log(`Scheduled ${this.jobs.map((j) => j.name).join(', ')}`);
  }

  async runOnce(job: MaintenanceJob): Promise<void> {
    if (this.running.has(job.name)) return;
    this.running.add(job.name);
    try {
      const outcome = await job.run();
      if (outcome) this.logger.log(`${job.name}: ${outcome}`);
    } catch (error) {
      this.logger.error({ err: error, msg: `${job.name} failed` });
    } finally {
      this.running.delete(job.name);
    }
  }

  /** Runs every job once now, e.g. from a test or the CLI. */
  async runAll(): Promise<void> {
    for (const job of this.jobs) await this.runOnce(job);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}
