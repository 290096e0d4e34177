import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule, DemoModule, DemoSeeder, TenancyModule } from '@buurtcoop/core';
import { MembershipModule } from '@buurtcoop/membership';
import { ParticipationController } from './participation/participation.controller';
import { ParticipationDemo } from './participation/participation-demo';
import { ParticipationRepository } from './participation/participation.repository';
import { ParticipationService } from './participation/participation.service';
import { PARTICIPATION_SOURCE_PROVIDER, ParticipationSource } from './participation/participation.source';

/** The obligations both sides of the exchange, and the cooperative itself, carry; and their escalation. */
@Module({
  imports: [
    AuthModule,
    DemoModule,
    TenancyModule,
    MembershipModule,
  ],
  controllers: [
    ParticipationController,
  ],
  providers: [
    ParticipationRepository,
    ParticipationService,
    PARTICIPATION_SOURCE_PROVIDER,
    ParticipationDemo,
  ],
  exports: [
    ParticipationService,
    ParticipationSource,
  ],
})
export class ObligationsModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoSeeder,
    private readonly participationDemo: ParticipationDemo,
  ) {}

  onModuleInit(): void {
    this.demo.contribute('participation', (demo) => this.participationDemo.seed(demo));
  }
}
