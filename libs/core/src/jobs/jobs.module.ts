import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { MailDeliveryService } from '../mail/mail-delivery.service';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import { JobQueue } from './job-queue';
import { QueueSql } from './queue-sql';

/** The job queue, the dead letters, and core's own housekeeping jobs. */
@Module({
  imports: [AuthModule],
  controllers: [DeadLettersController],
  providers: [QueueSql, JobQueue, DeadLettersRepository, DeadLettersService, MailDeliveryService],
  exports: [JobQueue, DeadLettersService, MailDeliveryService],
})
export class JobsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly uow: UnitOfWork,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly mail: MailDeliveryService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: 'deliver-outbox',
      schedule: '* * * * *',
      handler: async () => {
        const { sent, failed } = await this.mail.deliverPending();
        return sent + failed > 0 ? `sent ${sent} message(s), ${failed} failed` : undefined;
      },
    });
    this.jobs.define({
      name: 'purge-stale-refresh-tokens',
      schedule: '20 * * * *',
      handler: async () => {
        const purged = await this.uow.run({ as: 'owner' }, () => this.refreshTokens.purgeStale());
        return purged > 0 ? `purged ${purged} stale refresh tokens` : undefined;
      },
    });
  }
}
