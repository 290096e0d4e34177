import { DomainError } from '../errors/domain.error';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid_credentials',
  AccountLocked = 'account_locked',
  TokenInvalid = 'token_invalid',
  NotAuthenticated = 'not_authenticated',
  PermissionDenied = 'permission_denied',
  RouteNotDeclared = 'route_not_declared',
  WeakPassword = 'weak_password',
  EmailTaken = 'email_taken',
  LastBoardMember = 'last_board_member',
}

const STATUS: Record<AuthErrorCode, number> = {
  [AuthErrorCode.InvalidCredentials]: 401,
  [AuthErrorCode.AccountLocked]: 429,
  [AuthErrorCode.TokenInvalid]: 401,
  [AuthErrorCode.NotAuthenticated]: 401,
  [AuthErrorCode.PermissionDenied]: 403,
  [AuthErrorCode.RouteNotDeclared]: 403,
  [AuthErrorCode.WeakPassword]: 400,
  [AuthErrorCode.EmailTaken]: 409,
  [AuthErrorCode.LastBoardMember]: 409,
};

export class AuthError extends DomainError<AuthErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
