import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule, DemoModule, DemoSeeder, MaintenanceModule, MaintenanceService, TenancyModule, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
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

/** Every type's source of facts, in the order the engine asks them. */
const SOURCES = [InvoicePaymentSource, HoursLoggingSource, ConsumerConfirmationSource, TimelyCancellationSource, VogValiditySource, FunderReportSource, ParticipationSource];

/** The obligations both sides of the exchange, and the cooperative itself, carry; and their escalation. */
@Module({
  imports: [AuthModule, DemoModule, MaintenanceModule, TenancyModule, MembershipModule, ExchangeModule, FinanceModule],
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
    private readonly maintenance: MaintenanceService,
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
    this.maintenance.register({
      name: 'obligations',
      everyMs: 60 * 60 * 1000,
      run: async () => {
        let steps = 0;
        let messages = 0;
        for (const cooperative of await this.tenancy.allCooperatives()) {
          const cooperativeId = asCooperativeId(cooperative.id);
          const outcome = await this.uow.run({ cooperativeId }, () => this.engine.evaluate(cooperativeId));
          steps += outcome.steps;
          messages += outcome.messages;
        }
        return steps > 0 ? `took ${steps} escalation step(s), wrote ${messages} message(s)` : undefined;
      },
    });
  }
}
