import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule, CooperativeLifecycle, DEMO_COOPERATIVE, DemoModule, DemoSeeder, JobQueue, JobsModule, TenancyModule, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { MembershipDemo } from './demo/membership-demo';
import { ApplicationsRepository } from './applications/applications.repository';
import { ApplicationsService } from './applications/applications.service';
import { MemberImportController } from './import/member-import.controller';
import { MemberImportService } from './import/member-import.service';
import { MembershipController, SignUpController } from './membership.controller';
import { MembershipTypesRepository } from './membership-types/membership-types.repository';
import { MemberEnrolmentService } from './members/member-enrolment.service';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { todayInNetherlands } from './members/notice';
import { ProfileRepository } from './profile/profile.repository';
import { ProfileService } from './profile/profile.service';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyRepository } from './privacy/privacy.repository';
import { PrivacyService } from './privacy/privacy.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';

@Module({
  imports: [AuthModule, TenancyModule, JobsModule, DemoModule],
  controllers: [SignUpController, MembershipController, PrivacyController, MemberImportController, NotificationsController],
  providers: [
    ApplicationsRepository,
    ApplicationsService,
    MembershipTypesRepository,
    MemberEnrolmentService,
    MemberImportService,
    MembersRepository,
    MembersService,
    ProfileRepository,
    ProfileService,
    PrivacyRepository,
    PrivacyService,
    MembershipDemo,
    NotificationsService,
  ],
  exports: [MembersService, MemberEnrolmentService, ProfileService, ApplicationsService, MemberImportService],
})
export class MembershipModule implements OnModuleInit {
  constructor(
    private readonly lifecycle: CooperativeLifecycle,
    private readonly profile: ProfileService,
    private readonly jobs: JobQueue,
    private readonly members: MembersService,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
    private readonly demo: DemoSeeder,
    private readonly membershipDemo: MembershipDemo,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onCreated('membership', (cooperativeId) => this.profile.setUp(cooperativeId));
    this.demo.contribute('membership', (demo) => this.membershipDemo.seed(demo, DEMO_COOPERATIVE.slug));
    this.jobs.define({
      name: 'end-memberships-after-notice',
      schedule: '5 * * * *',
      handler: async () => {
        const today = todayInNetherlands();
        let ended = 0;
        for (const cooperative of await this.tenancy.allCooperatives()) {
          const cooperativeId = asCooperativeId(cooperative.id);
          ended += await this.uow.run({ cooperativeId }, () => this.members.endExpiredNotices(cooperativeId, today));
        }
        return ended > 0 ? `ended ${ended} memberships whose notice ran out` : undefined;
      },
    });
  }
}
