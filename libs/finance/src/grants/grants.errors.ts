import { DomainError } from '@buurtcoop/core';

export enum GrantsErrorCode {
  NotFound = 'grant_not_found',
  WrongState = 'grant_wrong_state',
  ReportsOutstanding = 'grant_reports_outstanding',
  InvalidPeriod = 'grant_period_invalid',
}

const STATUS: Record<GrantsErrorCode, number> = {
  [GrantsErrorCode.NotFound]: 404,
  [GrantsErrorCode.WrongState]: 409,
  [GrantsErrorCode.ReportsOutstanding]: 409,
  [GrantsErrorCode.InvalidPeriod]: 400,
};

/** Foundation grants: from application to closing. */
export class GrantsError extends DomainError<GrantsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
