import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule, DemoModule, DemoSeeder, JobQueue, JobsModule, TenancyModule, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { ExchangeModule } from '@buurtcoop/exchange';
import { FinanceModule } from '@buurtcoop/finance';
import { MembershipModule } from '@buurtcoop/membership';
import { ObligationsEngine } from './engine/obligations-engine';
import { ConsumerConfirmationSource } from './engine/sources/consumer-confirmation.source';
import { FunderReportSource } from './engine/sources/funder-report.source';
import { HoursLoggingSource } from './engine/sources/hours-logging.source';
import { InvoicePaymentSource } from './engine/sources/invoice-payment.source';
import { TimelyCancellationSource } from './engine/sources/timely-cancellation.source';
import { VogValiditySource } from './engine/sources/vog-validity.source';
import { OBLIGATION_SOURCES, ObligationSource } from './obligation-source';
import { ObligationPoliciesService } from './obligation-policies.service';
import { ObligationsController } from './obligations.controller';
import { ObligationsDemo } from './obligations-demo';
import { ObligationsRepository } from './obligations.repository';
import { ObligationsService } from './obligations.service';
import { ParticipationController } from './participation/participation.controller';
import { ParticipationDemo } from './participation/participation-demo';
import { ParticipationRepository } from './participation/participation.repository';
import { ParticipationService } from './participation/participation.service';
import { ParticipationSource } from './participation/participation.source';

const EVALUATE = 'obligations-evaluate';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every type's source of facts, in the order the engine asks them. */
const SOURCES = [InvoicePaymentSource, HoursLoggingSource, ConsumerConfirmationSource, TimelyCancellationSource, VogValiditySource, FunderReportSource, ParticipationSource];

/** The obligations both sides of the exchange, and the cooperative itself, carry; and their escalation. */
@Module({
  imports: [AuthModule, DemoModule, JobsModule, TenancyModule, MembershipModule, ExchangeModule, FinanceModule],
  controllers: [ObligationsController, ParticipationController],
  providers: [
    ...SOURCES,
    { provide: OBLIGATION_SOURCES, useFactory: (...sources: ObligationSource[]) => sources, inject: SOURCES },
    ObligationsRepository,
    ObligationPoliciesService,
    ObligationsEngine,
    ObligationsService,
    ObligationsDemo,
    ParticipationRepository,
    ParticipationService,
    ParticipationDemo,
  ],
  exports: [ObligationsEngine, ObligationsService, ParticipationService],
})
export class ObligationsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
    private readonly engine: ObligationsEngine,
    private readonly demo: DemoSeeder,
    private readonly obligationsDemo: ObligationsDemo,
    private readonly participationDemo: ParticipationDemo,
  ) {}

  onModuleInit(): void {
    // Before the obligations demo, whose first evaluation then finds the agreements' months.
    this.demo.contribute('participation', (demo) => this.participationDemo.seed(demo));
    this.demo.contribute('obligations', (demo) => this.obligationsDemo.seed(demo));
    // Hourly, each cooperative gets its own evaluation job: one cooperative's failure is a dead letter its board sees.
    this.jobs.define({
      name: 'obligations',
      schedule: '10 * * * *',
      handler: async () => {
        const cooperatives = await this.tenancy.allCooperatives();
        await this.uow.run({ as: 'owner' }, async () => {
          for (const cooperative of cooperatives) await this.jobs.send(EVALUATE, { cooperativeId: cooperative.id });
        });
        return cooperatives.length > 0 ? `queued the evaluation of ${cooperatives.length} cooperative(s)` : undefined;
      },
    });
    this.jobs.define<{ cooperativeId?: unknown }>({
      name: EVALUATE,
      handler: async (data) => {
        if (typeof data.cooperativeId !== 'string' || !UUID.test(data.cooperativeId)) throw new Error(`${EVALUATE} needs a cooperativeId, got ${JSON.stringify(data.cooperativeId)}`);
        const cooperativeId = asCooperativeId(data.cooperativeId);
        const outcome = await this.uow.run({ cooperativeId }, () => this.engine.evaluate(cooperativeId));
        return outcome.steps + outcome.created > 0 ? `created ${outcome.created}, took ${outcome.steps} escalation step(s), wrote ${outcome.messages} message(s)` : undefined;
      },
    });
  }
}
