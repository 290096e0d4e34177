import { DomainError } from '@buurtcoop/core';

export enum MunicipalityReviewErrorCode {
  AgreementNotFound = 'municipality_agreement_not_found',
  InvalidPeriod = 'municipality_figures_period_invalid',
}

const STATUS: Record<MunicipalityReviewErrorCode, number> = {
  [MunicipalityReviewErrorCode.AgreementNotFound]: 404,
  [MunicipalityReviewErrorCode.InvalidPeriod]: 422,
};

export class MunicipalityReviewError extends DomainError<MunicipalityReviewErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
