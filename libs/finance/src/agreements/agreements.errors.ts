import { DomainError } from '@buurtcoop/core';

export enum AgreementsErrorCode {
  NotFound = 'agreement_not_found',
  WrongState = 'agreement_wrong_state',
  ReferenceTaken = 'agreement_reference_taken',
  InvalidPeriod = 'agreement_period_invalid',
  InvalidThresholds = 'agreement_thresholds_invalid',
  UnknownAccount = 'agreement_account_unknown',
  DocumentsMissing = 'agreement_documents_missing',
  SettlementTooHigh = 'agreement_settlement_above_granted',
  ReasonRequired = 'agreement_settlement_reason_required',
}

const STATUS: Record<AgreementsErrorCode, number> = {
  [AgreementsErrorCode.NotFound]: 404,
  [AgreementsErrorCode.WrongState]: 409,
  [AgreementsErrorCode.ReferenceTaken]: 409,
  [AgreementsErrorCode.InvalidPeriod]: 400,
  [AgreementsErrorCode.InvalidThresholds]: 400,
  [AgreementsErrorCode.UnknownAccount]: 422,
  [AgreementsErrorCode.DocumentsMissing]: 422,
  [AgreementsErrorCode.SettlementTooHigh]: 422,
  [AgreementsErrorCode.ReasonRequired]: 422,
};

/** Municipal co-finance agreements (subsidiebeschikkingen): from grant to settlement. */
export class AgreementsError extends DomainError<AgreementsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
