import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CooperativesController, MunicipalitiesController } from './tenancy.controller';
import { TenancyRepository } from './tenancy.repository';
import { TenancyService } from './tenancy.service';

@Module({
  imports: [AuthModule],
  controllers: [CooperativesController, MunicipalitiesController],
  providers: [TenancyRepository, TenancyService],
  exports: [TenancyService],
})
export class TenancyModule {}
