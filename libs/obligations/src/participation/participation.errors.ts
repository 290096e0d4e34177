import { DomainError } from '@buurtcoop/core';

export enum ParticipationErrorCode {
  NotFound = 'participation_agreement_not_found',
  MemberUnknown = 'participation_member_unknown',
  InvalidPeriod = 'participation_period_invalid',
  Overlap = 'participation_agreement_overlap',
  AlreadyEnded = 'participation_agreement_ended',
  NotYourAgreement = 'participation_not_your_agreement',
  MonthOutside = 'participation_month_outside_agreement',
  NoConsent = 'participation_attestation_without_consent',
}

const STATUS: Record<ParticipationErrorCode, number> = {
  [ParticipationErrorCode.NotFound]: 404,
  [ParticipationErrorCode.MemberUnknown]: 422,
  [ParticipationErrorCode.InvalidPeriod]: 400,
  [ParticipationErrorCode.Overlap]: 409,
  [ParticipationErrorCode.AlreadyEnded]: 409,
  [ParticipationErrorCode.NotYourAgreement]: 403,
  [ParticipationErrorCode.MonthOutside]: 422,
  [ParticipationErrorCode.NoConsent]: 409,
};

export class ParticipationError extends DomainError<ParticipationErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
