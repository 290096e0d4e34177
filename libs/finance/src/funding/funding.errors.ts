import { DomainError } from '@buurtcoop/core';

export enum FundingErrorCode {
  TrancheNotFound = 'funding_tranche_not_found',
  TrancheReceived = 'funding_tranche_already_received',
  ScheduleExceedsTotal = 'funding_schedule_exceeds_total',
  LineAmountMismatch = 'funding_line_amount_mismatch',
  ReceivedOnMissing = 'funding_received_on_missing',
  ReportNotFound = 'funding_report_not_found',
  ReportSubmitted = 'funding_report_already_submitted',
}

const STATUS: Record<FundingErrorCode, number> = {
  [FundingErrorCode.TrancheNotFound]: 404,
  [FundingErrorCode.TrancheReceived]: 409,
  [FundingErrorCode.ScheduleExceedsTotal]: 422,
  [FundingErrorCode.LineAmountMismatch]: 422,
  [FundingErrorCode.ReceivedOnMissing]: 400,
  [FundingErrorCode.ReportNotFound]: 404,
  [FundingErrorCode.ReportSubmitted]: 409,
};

/** Tranches and report due dates, shared by foundation grants and municipal co-finance agreements. */
export class FundingError extends DomainError<FundingErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
