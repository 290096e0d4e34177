import { DomainError } from '@buurtcoop/core';

export enum DashboardsErrorCode {
  InvalidPeriod = 'dashboard_period_invalid',
  PeriodTooLong = 'dashboard_period_too_long',
}

const STATUS: Record<DashboardsErrorCode, number> = {
  [DashboardsErrorCode.InvalidPeriod]: 400,
  [DashboardsErrorCode.PeriodTooLong]: 400,
};

export class DashboardsError extends DomainError<DashboardsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
