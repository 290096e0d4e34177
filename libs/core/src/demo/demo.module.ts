import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [AuthModule, TenancyModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
