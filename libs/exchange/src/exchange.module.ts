import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule, CooperativeLifecycle, DemoModule, DemoSeeder, JobQueue, JobsModule, TenancyModule, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { ExchangeDemo } from './demo/exchange-demo';
import { MembershipModule } from '@buurtcoop/membership';
import { CatalogueRepository } from './catalogue/catalogue.repository';
import { CatalogueService } from './catalogue/catalogue.service';
import { CredentialsRepository } from './credentials/credentials.repository';
import { CredentialsService } from './credentials/credentials.service';
import { OffersRepository } from './offers/offers.repository';
import { OffersService } from './offers/offers.service';
import { SlotsRepository } from './offers/slots.repository';
import { BookingsRepository } from './bookings/bookings.repository';
import { BookingsService } from './bookings/bookings.service';
import { ExchangeMembers } from './exchange-members';
import { BookingsController, CatalogueController, HelpRequestsController, HoursController, OffersController } from './exchange.controller';
import { HelpRequestsRepository } from './help-requests/help-requests.repository';
import { HelpRequestsService } from './help-requests/help-requests.service';
import { ReviewsService } from './reviews/reviews.service';
import { HoursService } from './hours/hours.service';
import { ExchangeEventsService } from './events/exchange-events.service';

@Module({
  imports: [AuthModule, MembershipModule, TenancyModule, JobsModule, DemoModule],
  controllers: [CatalogueController, OffersController, BookingsController, HelpRequestsController, HoursController],
  providers: [
    ExchangeMembers,
    CatalogueRepository,
    CatalogueService,
    CredentialsRepository,
    CredentialsService,
    OffersRepository,
    OffersService,
    SlotsRepository,
    BookingsRepository,
    BookingsService,
    HelpRequestsRepository,
    HelpRequestsService,
    ReviewsService,
    HoursService,
    ExchangeEventsService,
    ExchangeDemo,
  ],
  exports: [CatalogueService, OffersService, BookingsService, CredentialsService, HelpRequestsService, HoursService, ExchangeEventsService],
})
export class ExchangeModule implements OnModuleInit {
  constructor(
    private readonly lifecycle: CooperativeLifecycle,
    private readonly catalogue: CatalogueService,
    private readonly jobs: JobQueue,
    private readonly bookings: BookingsService,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
    private readonly demo: DemoSeeder,
    private readonly exchangeDemo: ExchangeDemo,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onCreated('exchange', (cooperativeId) => this.catalogue.setUp(cooperativeId));
    this.demo.contribute('exchange', (demo) => this.exchangeDemo.seed(demo));
    this.jobs.define({
      name: 'booking-deadlines',
      schedule: '*/15 * * * *',
      handler: async () => {
        let expired = 0;
        let completed = 0;
        for (const cooperative of await this.tenancy.allCooperatives()) {
          const cooperativeId = asCooperativeId(cooperative.id);
          const outcome = await this.uow.run({ cooperativeId }, () => this.bookings.housekeeping(cooperativeId));
          expired += outcome.expired;
          completed += outcome.completed;
        }
        return expired + completed > 0 ? `expired ${expired} unanswered request(s), completed ${completed} booking(s)` : undefined;
      },
    });
  }
}
