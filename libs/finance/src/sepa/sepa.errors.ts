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
  BatchNotFound = 'sepa_batch_not_found',
  BatchState = 'sepa_batch_state',
  CollectionDate = 'sepa_collection_date',
  NothingToCollect = 'sepa_nothing_to_collect',
  InvoicesNotCollectable = 'sepa_invoices_not_collectable',
  VersionFixed = 'sepa_batch_version_fixed',
  BookingDate = 'sepa_booking_date',
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
  [SepaErrorCode.BatchNotFound]: 404,
  [SepaErrorCode.BatchState]: 409,
  [SepaErrorCode.CollectionDate]: 422,
  [SepaErrorCode.NothingToCollect]: 422,
  [SepaErrorCode.InvoicesNotCollectable]: 422,
  [SepaErrorCode.VersionFixed]: 409,
  [SepaErrorCode.BookingDate]: 422,
};

export class SepaError extends DomainError<SepaErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
