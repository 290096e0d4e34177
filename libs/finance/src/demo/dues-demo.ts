import { Injectable } from '@nestjs/common';
import { Actor, Clock, CooperativeId, UnitOfWork, addDays, asCooperativeId, dutchDate } from '@buurtcoop/core';
import { ProfileService } from '@buurtcoop/membership';
import { DuesService } from '../dues/dues.service';
import { DunningService } from '../dunning/dunning.service';
import { InvoicesService } from '../invoices/invoices.service';
import { CollectionBatchesService } from '../sepa/collection-batches.service';
import { isTargetBusinessDay, nextTargetBusinessDay } from '../sepa/target-calendar';

/** A small association's tariffs: full and minimum-income dues per membership type, in cents a year. */
const PLANS = [
  { code: 'resident', yearlyAmountCents: 3600, reducedYearlyAmountCents: 1200, frequency: 'yearly' },
  { code: 'household', yearlyAmountCents: 6000, reducedYearlyAmountCents: 2000, frequency: 'yearly' },
  { code: 'provider', yearlyAmountCents: 2400, reducedYearlyAmountCents: null, frequency: 'quarterly' },
  { code: 'steunlid', yearlyAmountCents: 2500, reducedYearlyAmountCents: null, frequency: 'yearly' },
] as const;

/**
 * The treasurer's December, as a demo: plans per membership type, next year's dues run, a direct-debit
 * collection for the members who signed a mandate (its pain.008 file exported), early payers by bank
 * transfer, and an old invoice nobody paid, which has had its reminder.
 */
@Injectable()
export class DuesDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly profile: ProfileService,
    private readonly dues: DuesService,
    private readonly invoices: InvoicesService,
    private readonly dunning: DunningService,
    private readonly batches: CollectionBatchesService,
    private readonly clock: Clock,
  ) {}

  async seed(demo: { cooperativeId: string; boardUserId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const today = dutchDate(this.clock.now());
    const next = Number(today.slice(0, 4)) + 1;
    await this.uow.run({ cooperativeId }, async () => {
      const types = new Map((await this.profile.membershipTypes(cooperativeId)).map((t) => [t.code, t.id]));
      for (const plan of PLANS) {
        const membershipTypeId = types.get(plan.code);
        if (membershipTypeId) await this.dues.setPlan(cooperativeId, { ...plan, membershipTypeId });
      }
    });
    // The run commits per chunk, so it runs outside any transaction.
    const run = await this.dues.run(cooperativeId, { period: String(next), dueDate: `${next}-01-31` }, null);
    const collected = await this.uow.run({ cooperativeId }, () => this.collectByMandate(cooperativeId, demo.boardUserId, run.run.dueDate));
    const paid = await this.uow.run({ cooperativeId }, () => this.payEarly(cooperativeId, today));
    const reminders = await this.uow.run({ cooperativeId }, () => this.overdueTentRental(cooperativeId, today));
    return `dues plans, the ${next} dues run (${run.run.invoiceCount} invoices), a SEPA collection of ${collected} exported, ${paid} paid early, ${reminders} reminder(s)`;
  }

  /** Members who signed a mandate pay by direct debit, collected on the due date (or the next TARGET business day). */
  private async collectByMandate(cooperativeId: CooperativeId, treasurerUserId: string, dueDate: string): Promise<number> {
    const treasurer: Actor = { userId: treasurerUserId, roles: { [cooperativeId]: ['treasurer'] }, reviews: [] };
    const collectionDate = isTargetBusinessDay(dueDate) ? dueDate : nextTargetBusinessDay(dueDate);
    const batch = await this.batches.create(treasurer, cooperativeId, { collectionDate, dueThrough: collectionDate });
    await this.batches.export(cooperativeId, batch.batch.id);
    return batch.items.length;
  }

  /** One in three of the others pays at once by bank transfer. */
  private async payEarly(cooperativeId: CooperativeId, today: string): Promise<number> {
    const { items } = await this.invoices.list(cooperativeId, { status: 'open', page: 1, pageSize: 200 });
    const collecting = new Set((await this.batches.get(cooperativeId, (await this.batches.list(cooperativeId, {}))[0].batch.id)).items.map((i) => i.invoiceId));
    const payers = items.filter((i) => i.kind === 'dues' && !collecting.has(i.id)).filter((_, n) => n % 3 === 0);
    for (const invoice of payers) {
      await this.invoices.recordPayment(
        cooperativeId,
        {
          invoiceId: invoice.id,
          amountCents: invoice.amountCents,
          paidOn: today,
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

  /** The party tent lent out for the summer street party, billed in August and still unpaid: dunning has begun. */
  private async overdueTentRental(cooperativeId: CooperativeId, today: string): Promise<number> {
    const { items } = await this.invoices.list(cooperativeId, { page: 1, pageSize: 1 });
    const memberId = items[0]?.memberId;
    if (!memberId) return 0;
    const issued = addDays(today, -60);
    await this.invoices.issue(
      cooperativeId,
      issued,
      [{ memberId, kind: 'manual', sourceKey: 'demo:partytent', dueDate: addDays(issued, 14), lines: [{ description: 'Huur partytent zomerfeest Rivierenwijk', amountCents: 4500, accountCode: '8100' }] }],
      null,
    );
    return (await this.dunning.run(cooperativeId)).reminders;
  }
}
