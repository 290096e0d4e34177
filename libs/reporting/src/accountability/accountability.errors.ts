import { DomainError } from '@buurtcoop/core';

export enum AccountabilityErrorCode {
  NotFound = 'accountability_report_not_found',
  VersionNotFound = 'accountability_version_not_found',
  Exists = 'accountability_report_exists',
  WrongState = 'accountability_report_wrong_state',
  NarrativeMissing = 'accountability_narrative_missing',
}

const STATUS: Record<AccountabilityErrorCode, number> = {
  [AccountabilityErrorCode.NotFound]: 404,
  [AccountabilityErrorCode.VersionNotFound]: 404,
  [AccountabilityErrorCode.Exists]: 409,
  [AccountabilityErrorCode.WrongState]: 409,
  [AccountabilityErrorCode.NarrativeMissing]: 422,
};

/** The accountability report (verantwoording) and its review. */
export class AccountabilityError extends DomainError<AccountabilityErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
