import { DomainError } from '@buurtcoop/core';

export enum SepaErrorCode {
  InvalidCollection = 'sepa_collection_invalid',
  NotSetUp = 'sepa_not_set_up',
  MandateNotFound = 'mandate_not_found',
  MemberUnknown = 'mandate_member_unknown',
  MemberEnded = 'mandate_member_ended',
  NoMemberRecord = 'no_member_record',
  ReferenceTaken = 'mandate_reference_taken',
  DateInFuture = 'mandate_date_in_future',
  MandateRevoked = 'mandate_revoked',
  MandateUsed = 'mandate_used',
  NothingToAmend = 'mandate_nothing_to_amend',
  ConcurrentChange = 'mandate_changed_concurrently',
  DateBeforeSignature = 'mandate_date_before_signature',
}

const STATUS: Record<SepaErrorCode, number> = {
  [SepaErrorCode.InvalidCollection]: 422,
  [SepaErrorCode.NotSetUp]: 409,
  [SepaErrorCode.MandateNotFound]: 404,
  [SepaErrorCode.MemberUnknown]: 422,
  [SepaErrorCode.MemberEnded]: 422,
  [SepaErrorCode.NoMemberRecord]: 404,
  [SepaErrorCode.ReferenceTaken]: 409,
  [SepaErrorCode.DateInFuture]: 422,
  [SepaErrorCode.MandateRevoked]: 409,
  [SepaErrorCode.MandateUsed]: 409,
  [SepaErrorCode.NothingToAmend]: 422,
  [SepaErrorCode.ConcurrentChange]: 409,
  [SepaErrorCode.DateBeforeSignature]: 422,
};

export class SepaError extends DomainError<SepaErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
