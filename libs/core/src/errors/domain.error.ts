/**
 * Base of every domain's error class. Each domain declares a code enum and the HTTP status of each
 * code; the problem filter turns it into RFC 9457 problem+json.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly status: number;

  constructor(
    readonly code: Code,
    message: string,
    /** The request field the problem is about, when there is one (e.g. `email`). */
    readonly field?: string,
    /** Extra members for the problem document (e.g. `retryAfterSeconds`). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export enum CommonErrorCode {
  NotFound = 'not_found',
  Conflict = 'conflict',
  Forbidden = 'forbidden',
  InvalidInput = 'invalid_input',
}

const COMMON_STATUS: Record<CommonErrorCode, number> = {
  [CommonErrorCode.NotFound]: 404,
  [CommonErrorCode.Conflict]: 409,
  [CommonErrorCode.Forbidden]: 403,
  [CommonErrorCode.InvalidInput]: 422,
};

export class CommonError extends DomainError<CommonErrorCode> {
  get status(): number {
    return COMMON_STATUS[this.code];
  }

  static notFound(what: string): CommonError {
    return new CommonError(CommonErrorCode.NotFound, `${what} was not found`);
  }
}
