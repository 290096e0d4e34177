import { DomainError } from '../errors/domain.error';

export enum MailErrorCode {
  MessageNotFound = 'message_not_found',
}

const STATUS: Record<MailErrorCode, number> = {
  [MailErrorCode.MessageNotFound]: 404,
};

export class MailError extends DomainError<MailErrorCode> {
  get status(): number {
    return STATUS[this.code];
  }
}
