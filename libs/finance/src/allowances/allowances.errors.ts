import { DomainError } from '@buurtcoop/core';

export enum AllowanceErrorCode {
  NotFound = 'allowance_not_found',
  MemberUnknown = 'allowance_member_unknown',
  AboveCap = 'allowance_above_cap',
  NoCaps = 'allowance_caps_unknown',
  InvalidYear = 'allowance_year_invalid',
  AlreadyCancelled = 'allowance_already_cancelled',
}

const STATUS: Record<AllowanceErrorCode, number> = {
  [AllowanceErrorCode.NotFound]: 404,
  [AllowanceErrorCode.MemberUnknown]: 422,
  [AllowanceErrorCode.AboveCap]: 422,
  [AllowanceErrorCode.NoCaps]: 422,
  [AllowanceErrorCode.InvalidYear]: 400,
  [AllowanceErrorCode.AlreadyCancelled]: 409,
};

export class AllowanceError extends DomainError<AllowanceErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
