import { DomainError } from '@buurtcoop/core';

export enum StatementErrorCode {
  Unreadable = 'statement_unreadable',
  NoAccount = 'statement_account_unknown',
  NotFound = 'statement_not_found',
  LineNotFound = 'statement_line_not_found',
  LineNotOpen = 'statement_line_not_open',
  LineNotMatched = 'statement_line_not_matched',
  SplitMismatch = 'statement_split_mismatch',
  AccountNotAllowed = 'statement_account_not_allowed',
}

const STATUS: Record<StatementErrorCode, number> = {
  [StatementErrorCode.Unreadable]: 422,
  [StatementErrorCode.NoAccount]: 422,
  [StatementErrorCode.NotFound]: 404,
  [StatementErrorCode.LineNotFound]: 404,
  [StatementErrorCode.LineNotOpen]: 409,
  [StatementErrorCode.LineNotMatched]: 409,
  [StatementErrorCode.SplitMismatch]: 422,
  [StatementErrorCode.AccountNotAllowed]: 422,
};

/** Bank statements, their lines and how they are explained. */
export class StatementError extends DomainError<StatementErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
