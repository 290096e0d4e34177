import { DomainError } from '@buurtcoop/core';

export enum MembershipErrorCode {
  CooperativeNotFound = 'cooperative_not_found',
  MemberNotFound = 'member_not_found',
  NoMemberRecord = 'no_member_record',
  ApplicationNotFound = 'application_not_found',
  ApplicationAlreadyDecided = 'application_already_decided',
  EmailInUse = 'email_in_use',
  MembershipTypeUnknown = 'membership_type_unknown',
  ConsentRequired = 'consent_required',
  PrivacyStatementOutdated = 'privacy_statement_outdated',
  StatusChangeNotAllowed = 'status_change_not_allowed',
  IncompleteApplication = 'incomplete_application',
  PrivacyRequestNotFound = 'privacy_request_not_found',
  PrivacyRequestHandled = 'privacy_request_handled',
  MemberErased = 'member_erased',
  ImportRejected = 'import_rejected',
}

const STATUS: Record<MembershipErrorCode, number> = {
  [MembershipErrorCode.CooperativeNotFound]: 404,
  [MembershipErrorCode.MemberNotFound]: 404,
  [MembershipErrorCode.NoMemberRecord]: 404,
  [MembershipErrorCode.ApplicationNotFound]: 404,
  [MembershipErrorCode.ApplicationAlreadyDecided]: 409,
  [MembershipErrorCode.EmailInUse]: 409,
  [MembershipErrorCode.MembershipTypeUnknown]: 422,
  [MembershipErrorCode.ConsentRequired]: 422,
  [MembershipErrorCode.PrivacyStatementOutdated]: 409,
  [MembershipErrorCode.StatusChangeNotAllowed]: 409,
  [MembershipErrorCode.IncompleteApplication]: 422,
  [MembershipErrorCode.PrivacyRequestNotFound]: 404,
  [MembershipErrorCode.PrivacyRequestHandled]: 409,
  [MembershipErrorCode.MemberErased]: 409,
  [MembershipErrorCode.ImportRejected]: 422,
};

export class MembershipError extends DomainError<MembershipErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
