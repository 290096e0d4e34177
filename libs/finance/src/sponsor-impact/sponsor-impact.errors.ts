import { DomainError } from '@buurtcoop/core';

export enum SponsorImpactErrorCode {
  InvalidPostcodes = 'sponsor_impact_postcodes_invalid',
  InvalidPeriod = 'sponsor_impact_period_invalid',
}

const STATUS: Record<SponsorImpactErrorCode, number> = {
  [SponsorImpactErrorCode.InvalidPostcodes]: 400,
  [SponsorImpactErrorCode.InvalidPeriod]: 400,
};

export class SponsorImpactError extends DomainError<SponsorImpactErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
