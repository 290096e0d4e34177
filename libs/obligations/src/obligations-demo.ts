import { Injectable } from '@nestjs/common';
import { Clock, DEMO_LOGINS, UnitOfWork, addDays, asCooperativeId, dutchDate } from '@buurtcoop/core';
import { InvoicesService } from '@buurtcoop/finance';
import { MembersService } from '@buurtcoop/membership';
import { ObligationsEngine } from './engine/obligations-engine';
import { ObligationsRepository } from './obligations.repository';

/**
 * The demo's obligations come from the demo's own facts (its invoices, bookings, VOGs and funder
 * reports): the first evaluation creates them and takes the steps already due, as the worker would.
 * One resident's invoice for a lost key, due five weeks ago, puts a case on the board's worklist.
 */
@Injectable()
export class ObligationsDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly engine: ObligationsEngine,
    private readonly repository: ObligationsRepository,
    private readonly invoices: InvoicesService,
    private readonly members: MembersService,
    private readonly clock: Clock,
  ) {}

  async seed(demo: { cooperativeId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    return this.uow.run({ cooperativeId }, async () => {
      const today = dutchDate(this.clock.now());
      const resident = await this.members.memberIdByEmail(cooperativeId, DEMO_LOGINS[3].email);
      if (resident) {
        const lines = [{ description: 'Vervanging kwijtgeraakte sleutel buurtkamer', amountCents: 1850, accountCode: '8100' }];
        await this.invoices.issue(cooperativeId, addDays(today, -50), [{ memberId: resident, kind: 'manual', sourceKey: 'demo:sleutel-buurtkamer', dueDate: addDays(today, -36), lines }], null);
      }
      const outcome = await this.engine.evaluate(cooperativeId);
      const open = await this.repository.list(cooperativeId, { statuses: ['open', 'overdue', 'escalated'] }, { page: 1, pageSize: 1 });
      const late = await this.repository.list(cooperativeId, { statuses: ['overdue', 'escalated'] }, { page: 1, pageSize: 1 });
      return `${outcome.created} obligations from the demo's facts, ${open.total} open of which ${late.total} on the board's worklist, ${outcome.messages} message(s)`;
    });
  }
}
