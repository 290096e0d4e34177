import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from './config/config';
import { Database } from './database/database';
import { UnitOfWork } from './database/unit-of-work';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { CooperativeLifecycle } from './tenancy/cooperative-lifecycle';
import { MailService } from './mail/mail.service';
import { OutboxRepository } from './mail/outbox.repository';
import { OutboxDeliveryRepository } from './mail/outbox-delivery.repository';
import { Clock } from './clock';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Opened (and migrated) before Nest starts, so a bad database stops start-up with a clear message. */
  database: Database;
}

/** Config, database, transactions, the audit log and the mail outbox: what every app and every domain lib needs. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: Database, useValue: options.database },
        { provide: DataSource, useValue: options.database.dataSource },
        UnitOfWork,
        AuditRepository,
        AuditService,
        CooperativeLifecycle,
        MailService,
        OutboxRepository,
        OutboxDeliveryRepository,
        Clock,
      ],
      exports: [APP_CONFIG, Database, DataSource, UnitOfWork, AuditService, CooperativeLifecycle, MailService, OutboxRepository, OutboxDeliveryRepository, Clock],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
