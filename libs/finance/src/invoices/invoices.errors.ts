import { DomainError } from '@buurtcoop/core';

export enum InvoiceErrorCode {
  NotFound = 'invoice_not_found',
  MemberUnknown = 'member_unknown',
  MemberNotFound = 'member_not_found',
  NotCancellable = 'invoice_not_cancellable',
  NotPayable = 'invoice_not_payable',
  AccountNotIncome = 'account_not_income',
  PlanNotFound = 'dues_plan_not_found',
  MembershipTypeUnknown = 'membership_type_unknown',
  InvalidPeriod = 'invalid_period',
  InvalidDueDate = 'invalid_due_date',
  RunNotFound = 'dues_run_not_found',
}

const STATUS: Record<InvoiceErrorCode, number> = {
  [InvoiceErrorCode.NotFound]: 404,
  [InvoiceErrorCode.MemberUnknown]: 422,
  [InvoiceErrorCode.MemberNotFound]: 404,
  [InvoiceErrorCode.NotCancellable]: 409,
  [InvoiceErrorCode.NotPayable]: 409,
  [InvoiceErrorCode.AccountNotIncome]: 422,
  [InvoiceErrorCode.PlanNotFound]: 404,
  [InvoiceErrorCode.MembershipTypeUnknown]: 422,
  [InvoiceErrorCode.InvalidPeriod]: 400,
  [InvoiceErrorCode.InvalidDueDate]: 400,
  [InvoiceErrorCode.RunNotFound]: 404,
};

/** Invoices, payments allocated to them, dues plans and runs. */
export class InvoiceError extends DomainError<InvoiceErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
