import { DomainError } from '@buurtcoop/core';

export enum FundsErrorCode {
  NotFound = 'fund_not_found',
  CodeTaken = 'fund_code_taken',
  Closed = 'fund_closed',
  OutsidePeriod = 'fund_date_outside_period',
  InvalidPeriod = 'fund_period_invalid',
  AccountNotExpense = 'fund_account_not_expense',
  LineNotAttributable = 'fund_line_not_attributable',
  AttributionTooLarge = 'fund_attribution_too_large',
  AlreadyAttributed = 'fund_line_already_attributed',
  RuleNotFound = 'fund_rule_not_found',
  RuleOverAllocated = 'fund_rule_over_allocated',
  CommitmentNotFound = 'fund_commitment_not_found',
  CommitmentReleased = 'fund_commitment_released',
  BudgetExceedsTotal = 'fund_budget_exceeds_total',
}

const STATUS: Record<FundsErrorCode, number> = {
  [FundsErrorCode.NotFound]: 404,
  [FundsErrorCode.CodeTaken]: 409,
  [FundsErrorCode.Closed]: 409,
  [FundsErrorCode.OutsidePeriod]: 422,
  [FundsErrorCode.InvalidPeriod]: 400,
  [FundsErrorCode.AccountNotExpense]: 422,
  [FundsErrorCode.LineNotAttributable]: 422,
  [FundsErrorCode.AttributionTooLarge]: 422,
  [FundsErrorCode.AlreadyAttributed]: 409,
  [FundsErrorCode.RuleNotFound]: 404,
  [FundsErrorCode.RuleOverAllocated]: 422,
  [FundsErrorCode.CommitmentNotFound]: 404,
  [FundsErrorCode.CommitmentReleased]: 409,
  [FundsErrorCode.BudgetExceedsTotal]: 422,
};

export class FundsError extends DomainError<FundsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
