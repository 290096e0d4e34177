import { Injectable } from '@nestjs/common';
import { AuditService, Clock, CooperativeId, UnitOfWork, UserId, addDays, dutchDate } from '@buurtcoop/core';
import { ProfileService } from '@buurtcoop/membership';
import { InvoicesService } from '../invoices/invoices.service';
import { InvoiceError, InvoiceErrorCode } from '../invoices/invoices.errors';
import { BillingFrequency, DuesPlan, DuesRun } from './entities/dues.entity';
import { DuesRepository } from './dues.repository';
import { parseBillingPeriod } from './period';

/** Dues invoices are due a month after they are issued unless the run says otherwise. */
export const DUES_PAYMENT_TERM_DAYS = 30;
/** Installments invoiced per transaction: a crash loses at most one chunk's work, which the next run redoes. */
export const DUES_CHUNK_SIZE = 2500;

export interface DuesRunRequest {
  period: string;
  issueDate?: string;
  dueDate?: string;
}

export interface DuesRunProgress {
  done: number;
  total: number;
}

export interface DuesRunOutcome {
  run: DuesRun;
  /** True when this call picked up a run that had stopped halfway. */
  resumed: boolean;
  /** Invoices this call issued (a repeated run issues none). */
  issued: number;
}

/**
 * An installment is due by the run's due date, and never sooner than the usual term after its own start: a
 * run in December for quarterly dues has the third quarter due in the summer, not in January.
 */
export function dueDateOf(startsOn: string, run: { dueDate: string }): string {
  const ownDue = addDays(startsOn, DUES_PAYMENT_TERM_DAYS);
  return ownDue > run.dueDate ? ownDue : run.dueDate;
}

@Injectable()
export class DuesService {
  constructor(
    private readonly dues: DuesRepository,
    private readonly invoices: InvoicesService,
    private readonly profile: ProfileService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  plans(cooperativeId: CooperativeId): Promise<DuesPlan[]> {
    return this.dues.plans(cooperativeId);
  }

  async setPlan(
    cooperativeId: CooperativeId,
    input: { membershipTypeId: string; yearlyAmountCents: number; reducedYearlyAmountCents?: number | null; frequency: BillingFrequency; proRata?: boolean },
  ): Promise<DuesPlan> {
    if (!(await this.profile.membershipTypes(cooperativeId)).some((t) => t.id === input.membershipTypeId)) {
      throw new InvoiceError(InvoiceErrorCode.MembershipTypeUnknown, 'This membership type does not exist in the cooperative', 'membershipTypeId');
    }
    const reduced = input.reducedYearlyAmountCents ?? null;
    if (reduced !== null && reduced > input.yearlyAmountCents) {
      throw new InvoiceError(InvoiceErrorCode.InvalidPeriod, 'reducedYearlyAmountCents must not exceed yearlyAmountCents', 'reducedYearlyAmountCents');
    }
    const plan = await this.dues.upsertPlan(cooperativeId, { ...input, reducedYearlyAmountCents: reduced, proRata: input.proRata ?? true });
    await this.audit.record({ action: 'dues_plan.set', objectType: 'dues_plan', objectId: plan.id, details: { ...input } });
    return plan;
  }

  async deletePlan(cooperativeId: CooperativeId, id: string): Promise<void> {
    if (!(await this.dues.deletePlan(cooperativeId, id))) throw new InvoiceError(InvoiceErrorCode.PlanNotFound, 'Dues plan was not found');
    await this.audit.record({ action: 'dues_plan.delete', objectType: 'dues_plan', objectId: id });
  }

  runs(cooperativeId: CooperativeId): Promise<DuesRun[]> {
    return this.dues.runs(cooperativeId);
  }

  async runDetail(cooperativeId: CooperativeId, id: string): Promise<DuesRun> {
    const run = await this.dues.run(cooperativeId, id);
    if (!run) throw new InvoiceError(InvoiceErrorCode.RunNotFound, 'Dues run was not found');
    return run;
  }

  /**
   * Invoices every installment that starts in the period and is owed, in chunks that each commit on their
   * own. Runs its own transactions: call it outside one. Running a period again issues only what is
   * missing, so a run that stopped halfway is finished by running it again, and a finished one adds nothing.
   */
  async run(cooperativeId: CooperativeId, request: DuesRunRequest, startedBy: UserId | null, onProgress?: (progress: DuesRunProgress) => void): Promise<DuesRunOutcome> {
    const period = parseBillingPeriod(request.period);
    if (!period) throw new InvoiceError(InvoiceErrorCode.InvalidPeriod, 'period must be a year (2027), a quarter (2027-Q2) or a month (2027-04)', 'period');
    const issueDate = request.issueDate ?? dutchDate(this.clock.now());
    const dueDate = request.dueDate ?? addDays(issueDate, DUES_PAYMENT_TERM_DAYS);
    if (dueDate < issueDate) throw new InvoiceError(InvoiceErrorCode.InvalidDueDate, 'dueDate must not be before issueDate', 'dueDate');
    const scope = { cooperativeId, userId: startedBy ?? undefined };

    const { run, resumed, total } = await this.uow.run(scope, async () => {
      const started = await this.dues.startOrResume(cooperativeId, { period: period.label, issueDate, dueDate, startedBy });
      await this.audit.record({ action: started.resumed ? 'dues_run.resume' : 'dues_run.start', objectType: 'dues_run', objectId: started.run.id, details: { period: period.label } });
      // Counting prices every installment once more: only worth it for someone watching a progress bar.
      return { ...started, total: onProgress ? await this.dues.countInstallments(cooperativeId, period) : 0 };
    });
    // A resumed run keeps the dates it started with, so one period's invoices agree.
    const dates = resumed ? { issueDate: run.issueDate, dueDate: run.dueDate } : { issueDate, dueDate };

    let issued = 0;
    let from = 0;
    onProgress?.({ done: 0, total });
    for (;;) {
      const chunk = await this.uow.runWithRetry(scope, async () => {
        const installments = await this.dues.installments(cooperativeId, period, DUES_CHUNK_SIZE, from);
        const invoices = await this.invoices.issue(
          cooperativeId,
          dates.issueDate,
          installments.map((i) => ({
            memberId: i.memberId,
            kind: 'dues' as const,
            sourceKey: i.sourceKey,
            dueDate: dueDateOf(i.startsOn, dates),
            duesRunId: run.id,
            lines: [{ description: i.description, amountCents: i.amountCents, accountCode: '8000', reductionCents: i.reductionCents }],
          })),
          startedBy,
        );
        await this.dues.addProgress(cooperativeId, run.id, invoices.length, invoices.reduce((sum, i) => sum + i.amountCents, 0));
        return { found: installments.length, issued: invoices.length, last: installments.at(-1)?.memberNumber ?? from };
      });
      issued += chunk.issued;
      from = chunk.last;
      onProgress?.({ done: Math.min(issued, total), total });
      // Fewer than a chunk means the rest is done; a chunk that issued nothing (another run took it) rereads.
      if (chunk.found < DUES_CHUNK_SIZE) break;
    }

    const finished = await this.uow.run(scope, async () => {
      await this.dues.complete(cooperativeId, run.id);
      await this.audit.record({ action: 'dues_run.complete', objectType: 'dues_run', objectId: run.id, details: { period: period.label, issued } });
      return (await this.dues.run(cooperativeId, run.id)) as DuesRun;
    });
    return { run: finished, resumed, issued };
  }
}
