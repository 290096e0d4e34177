import { DomainError } from '@buurtcoop/core';

export enum ObligationsErrorCode {
  NotFound = 'obligation_not_found',
  NotOpen = 'obligation_not_open',
  InvalidSteps = 'obligation_policy_steps_invalid',
  InvalidTerm = 'obligation_policy_term_invalid',
  FeeNotApplicable = 'obligation_policy_fee_not_applicable',
  NoMemberRecord = 'obligation_no_member_record',
}

const STATUS: Record<ObligationsErrorCode, number> = {
  [ObligationsErrorCode.NotFound]: 404,
  [ObligationsErrorCode.NotOpen]: 409,
  [ObligationsErrorCode.InvalidSteps]: 400,
  [ObligationsErrorCode.InvalidTerm]: 400,
  [ObligationsErrorCode.FeeNotApplicable]: 400,
  [ObligationsErrorCode.NoMemberRecord]: 403,
};

export class ObligationsError extends DomainError<ObligationsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
