import { DomainError } from '@buurtcoop/core';

export enum LedgerErrorCode {
  Unbalanced = 'entry_unbalanced',
  TooFewLines = 'entry_too_few_lines',
  UnknownAccount = 'account_unknown',
  AccountNotFound = 'account_not_found',
  AccountCodeTaken = 'account_code_taken',
  PeriodClosed = 'period_closed',
  ClosingBackwards = 'closing_backwards',
  EntryNotFound = 'entry_not_found',
  IdempotencyKeyReused = 'idempotency_key_reused',
  AmountOutOfRange = 'amount_out_of_range',
  InvalidPeriod = 'invalid_period',
  FundNotBookable = 'fund_not_bookable',
}

const STATUS: Record<LedgerErrorCode, number> = {
  [LedgerErrorCode.Unbalanced]: 422,
  [LedgerErrorCode.TooFewLines]: 422,
  [LedgerErrorCode.UnknownAccount]: 422,
  [LedgerErrorCode.AccountNotFound]: 404,
  [LedgerErrorCode.AccountCodeTaken]: 409,
  [LedgerErrorCode.PeriodClosed]: 409,
  [LedgerErrorCode.ClosingBackwards]: 409,
  [LedgerErrorCode.EntryNotFound]: 404,
  [LedgerErrorCode.IdempotencyKeyReused]: 409,
  [LedgerErrorCode.AmountOutOfRange]: 422,
  [LedgerErrorCode.InvalidPeriod]: 400,
  [LedgerErrorCode.FundNotBookable]: 422,
};

export class LedgerError extends DomainError<LedgerErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
