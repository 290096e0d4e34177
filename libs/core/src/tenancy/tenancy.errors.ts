import { DomainError } from '../errors/domain.error';

export enum TenancyErrorCode {
  MunicipalityNotFound = 'municipality_not_found',
  CooperativeNotFound = 'cooperative_not_found',
  SlugTaken = 'slug_taken',
  CbsCodeTaken = 'cbs_code_taken',
  InvalidSlug = 'invalid_slug',
  InvalidCbsCode = 'invalid_cbs_code',
}

const STATUS: Record<TenancyErrorCode, number> = {
  [TenancyErrorCode.MunicipalityNotFound]: 404,
  [TenancyErrorCode.CooperativeNotFound]: 404,
  [TenancyErrorCode.SlugTaken]: 409,
  [TenancyErrorCode.CbsCodeTaken]: 409,
  [TenancyErrorCode.InvalidSlug]: 422,
  [TenancyErrorCode.InvalidCbsCode]: 422,
};

export class TenancyError extends DomainError<TenancyErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
