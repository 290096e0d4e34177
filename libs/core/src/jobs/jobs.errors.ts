import { DomainError } from '../errors/domain.error';

export enum JobsErrorCode {
  DeadLetterNotFound = 'dead_letter_not_found',
  DeadLetterRetried = 'dead_letter_already_retried',
}

const STATUS: Record<JobsErrorCode, number> = {
  [JobsErrorCode.DeadLetterNotFound]: 404,
  [JobsErrorCode.DeadLetterRetried]: 409,
};

export class JobsError extends DomainError<JobsErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
