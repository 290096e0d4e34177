import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MaintenanceService } from './maintenance.service';
import { MailDeliveryService } from '../mail/mail-delivery.service';

@Module({
  imports: [AuthModule],
  providers: [MaintenanceService, MailDeliveryService],
  exports: [MaintenanceService, MailDeliveryService],
})
export class MaintenanceModule {}
