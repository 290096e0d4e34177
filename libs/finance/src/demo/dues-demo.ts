import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork, addDays, asCooperativeId } from '@buurtcoop/core';
import { ProfileService } from '@buurtcoop/membership';
import { DuesService } from '../dues/dues.service';
import { DunningService } from '../dunning/dunning.service';
import { InvoicesService } from '../invoices/invoices.service';

/** A small association's tariffs: full and minimum-income dues per membership type, in cents a year. */
const PLANS = [
  { code: 'resident', yearlyAmountCents: 3600, reducedYearlyAmountCents: 1200, frequency: 'yearly' },
  { code: 'household', yearlyAmountCents: 6000, reducedYearlyAmountCents: 2000, frequency: 'yearly' },
  { code: 'provider', yearlyAmountCents: 2400, reducedYearlyAmountCents: null, frequency: 'quarterly' },
  { code: 'steunlid', yearlyAmountCents: 2500, reducedYearlyAmountCents: null, frequency: 'yearly' },
] as const;

/**
 * This year's dues, as a treasurer would have them by now: plans per membership type, the January dues
 * run, most invoices paid by bank transfer, and reminders for the rest.
 */
@Injectable()
export class DuesDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly profile: ProfileService,
    private readonly dues: DuesService,
    private readonly invoices: InvoicesService,
    private readonly dunning: DunningService,
  ) {}

  async seed(demo: { cooperativeId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const year = new Date().getFullYear();
    await this.uow.run({ cooperativeId }, async () => {
      const types = new Map((await this.profile.membershipTypes(cooperativeId)).map((t) => [t.code, t.id]));
      for (const plan of PLANS) {
        const membershipTypeId = types.get(plan.code);
        if (membershipTypeId) await this.dues.setPlan(cooperativeId, { ...plan, membershipTypeId });
      }
    });
    // The run commits per chunk, so it runs outside any transaction.
    const run = await this.dues.run(cooperativeId, { period: String(year), issueDate: `${year}-01-06` }, null);
    const paid = await this.uow.run({ cooperativeId }, () => this.payMost(cooperativeId, run.run.dueDate));
    const letters = await this.uow.run({ cooperativeId }, () => this.dunning.run(cooperativeId));
    return `dues plans, the ${year} dues run (${run.run.invoiceCount} invoices), ${paid} paid by bank transfer, ${letters.reminders} reminder(s)`;
  }

  /** Two in three members pay within the term; the others get the reminder. */
  private async payMost(cooperativeId: CooperativeId, dueDate: string): Promise<number> {
    const { items } = await this.invoices.list(cooperativeId, { status: 'open', page: 1, pageSize: 200 });
    const payers = items.filter((_, i) => i % 3 !== 2);
    for (const [i, invoice] of payers.entries()) {
      await this.invoices.recordPayment(
        cooperativeId,
        {
          invoiceId: invoice.id,
          amountCents: invoice.amountCents,
          paidOn: addDays(dueDate, -20 + (i % 18)),
          method: 'bank_transfer',
          debitAccountCode: '1100',
          idempotencyKey: `demo-bank:${invoice.number}`,
          description: `Betaling factuur ${invoice.number} (${invoice.billedTo.name ?? 'lid'})`,
        },
        null,
      );
    }
    return payers.length;
  }
}
