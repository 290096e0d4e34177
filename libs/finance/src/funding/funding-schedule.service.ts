import { Injectable } from '@nestjs/common';
import { Actor, CooperativeId } from '@buurtcoop/core';
import { LedgerService } from '../ledger/ledger.service';
import { ReconciliationService } from '../statements/reconciliation.service';
import { FundingReport, FundingTranche } from './entities/funding-schedule.entity';
import { FundingError, FundingErrorCode } from './funding.errors';
import { FundingDeadline, FundingScheduleRepository, NewReport, NewTranche, ScheduleOwner } from './funding-schedule.repository';

export type { FundingDeadline, NewReport, NewTranche, ScheduleOwner } from './funding-schedule.repository';

const BANK = '1100';

/** What of a schedule has come in, in cents. */
export const receivedCents = (tranches: FundingTranche[]) => tranches.reduce((sum, t) => sum + (t.receivedOn ? t.amountCents : 0), 0);

export interface Receipt {
  /** Without a statement line: the day the money arrived. With one: the line's booking date is used. */
  receivedOn?: string;
  statementLineId?: string;
  /** Income account the money is booked on (8300 subsidies fondsen, 8400 cofinanciering gemeente). */
  incomeAccountCode: string;
  fundId: string;
  /** Idempotency key of the entry when no statement line books it, e.g. `grant-tranche:<id>`. */
  idempotencyKey: string;
  description: string;
}

/**
 * What foundation grants and co-finance agreements have in common: a schedule of payments the funder makes
 * and of reports it wants. Each lifecycle stays in its own service; this one only books and ticks off.
 */
@Injectable()
export class FundingSchedule {
  constructor(
    private readonly schedule: FundingScheduleRepository,
    private readonly ledger: LedgerService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  /** Refuses a schedule that promises more than the total; `field` names the request field for the error. */
  requireWithin(tranches: NewTranche[], alreadyCents: number, totalCents: number, field: string): void {
    const sum = tranches.reduce((total, t) => total + t.amountCents, alreadyCents);
    if (sum > totalCents) {
      throw new FundingError(FundingErrorCode.ScheduleExceedsTotal, `${field}: the tranches add up to ${sum} cents, more than the ${totalCents} cents awarded`, field);
    }
  }

  async plan(cooperativeId: CooperativeId, owner: ScheduleOwner, tranches: NewTranche[], reports: NewReport[]): Promise<void> {
    await this.schedule.insertTranches(cooperativeId, owner, tranches);
    await this.schedule.insertReports(cooperativeId, owner, reports);
  }

  tranches(cooperativeId: CooperativeId, owner: ScheduleOwner): Promise<FundingTranche[]> {
    return this.schedule.tranches(cooperativeId, owner);
  }

  reports(cooperativeId: CooperativeId, owner: ScheduleOwner): Promise<FundingReport[]> {
    return this.schedule.reports(cooperativeId, owner);
  }

  async tranche(cooperativeId: CooperativeId, owner: ScheduleOwner, id: string): Promise<FundingTranche> {
    const tranche = await this.schedule.tranche(cooperativeId, owner, id);
    if (!tranche) throw new FundingError(FundingErrorCode.TrancheNotFound, 'Tranche was not found');
    return tranche;
  }

  /**
   * Books a tranche as received: D 1100 bank / C the income account with the fund, or — when the money is
   * on an imported statement — that bank line, through the worklist's own booking, so it is booked once.
   */
  async receive(actor: Actor | null, cooperativeId: CooperativeId, owner: ScheduleOwner, trancheId: string, receipt: Receipt): Promise<FundingTranche> {
    const tranche = await this.tranche(cooperativeId, owner, trancheId);
    if (tranche.receivedOn) throw new FundingError(FundingErrorCode.TrancheReceived, `This tranche was received on ${tranche.receivedOn} already`);
    let received: { on: string; key: string; statementLineId: string | null };
    if (receipt.statementLineId) {
      if (!actor) throw new Error('Booking a statement line needs the treasurer who does it');
      const line = await this.reconciliation.assignToAccount(actor, cooperativeId, receipt.statementLineId, { accountCode: receipt.incomeAccountCode, description: receipt.description, fundId: receipt.fundId });
      if (line.amountCents !== tranche.amountCents) {
        // Thrown after the booking so the request's transaction takes the booking back with it.
        throw new FundingError(FundingErrorCode.LineAmountMismatch, `statementLineId: the line is ${line.amountCents} cents, the tranche ${tranche.amountCents}`, 'statementLineId');
      }
      received = { on: line.bookingDate, key: `statement-line:${line.id}`, statementLineId: line.id };
    } else {
      if (!receipt.receivedOn) throw new FundingError(FundingErrorCode.ReceivedOnMissing, 'receivedOn is required when no statementLineId is given', 'receivedOn');
      const ids = await this.ledger.accountIdsByCode(cooperativeId, [BANK, receipt.incomeAccountCode]);
      await this.ledger.post(
        cooperativeId,
        {
          entryDate: await this.ledger.openDay(cooperativeId, receipt.receivedOn),
          description: receipt.description,
          idempotencyKey: receipt.idempotencyKey,
          lines: [
            { accountId: ids[BANK], amountCents: tranche.amountCents },
            { accountId: ids[receipt.incomeAccountCode], amountCents: -tranche.amountCents, fundId: receipt.fundId },
          ],
        },
        actor?.userId ?? null,
      );
      received = { on: receipt.receivedOn, key: receipt.idempotencyKey, statementLineId: null };
    }
    // Two receipts of one tranche: the UPDATE that matched wins, the other's booking rolls back with this error.
    if (!(await this.schedule.markTrancheReceived(cooperativeId, tranche.id, received))) {
      throw new FundingError(FundingErrorCode.TrancheReceived, 'This tranche was received meanwhile');
    }
    return this.tranche(cooperativeId, owner, tranche.id);
  }

  async submitReport(cooperativeId: CooperativeId, owner: ScheduleOwner, reportId: string, submittedOn: string): Promise<FundingReport> {
    const report = await this.schedule.report(cooperativeId, owner, reportId);
    if (!report) throw new FundingError(FundingErrorCode.ReportNotFound, 'Report was not found');
    if (!(await this.schedule.markReportSubmitted(cooperativeId, report.id, submittedOn))) {
      throw new FundingError(FundingErrorCode.ReportSubmitted, `This report was submitted on ${report.submittedOn ?? 'another day'} already`);
    }
    return (await this.schedule.report(cooperativeId, owner, report.id)) as FundingReport;
  }

  submitAllReports(cooperativeId: CooperativeId, owner: ScheduleOwner, submittedOn: string): Promise<number> {
    return this.schedule.markAllReportsSubmitted(cooperativeId, owner, submittedOn);
  }

  deadlines(cooperativeId: CooperativeId, through: string): Promise<FundingDeadline[]> {
    return this.schedule.deadlines(cooperativeId, through);
  }
}
