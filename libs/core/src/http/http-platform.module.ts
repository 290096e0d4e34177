import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { AuthGuard } from '../auth/auth.guard';
import { HealthController } from '../health/health.controller';
import { MetricsController } from '../observability/metrics';
import { TenancyModule } from '../tenancy/tenancy.module';
import { OutboxController } from '../mail/outbox.controller';
import { TransactionInterceptor } from './transaction.interceptor';

/** The API's cross-cutting behaviour: deny-by-default guard, one transaction per request, health and metrics. */
@Module({
  imports: [AuthModule, TenancyModule],
  controllers: [HealthController, MetricsController, OutboxController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
  ],
})
export class HttpPlatformModule {}
