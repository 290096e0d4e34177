import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId } from '../tenancy/ids';
import { OutboxMessage } from './entities/outbox-message.entity';
import { DEFAULT_LANGUAGE, Language, languageOr } from './language';
import { MailError, MailErrorCode } from './mail.errors';
import { MailTemplate, renderMail } from './mail-template';
import { OutboxFilter, OutboxRepository } from './outbox.repository';

export interface NewMail {
  kind: string;
  to: string;
  subject: string;
  body: string;
  memberId?: string | null;
  language?: Language;
}

export interface Recipient {
  to: string;
  /** The recipient's preference; Dutch when they have none. */
  language?: Language | string | null;
  /** Set when the recipient is a member: the message joins their notification history. */
  memberId?: string | null;
}

/** Queues e-mail in the caller's transaction (the transactional outbox); delivery happens after commit. */
@Injectable()
export class MailService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Writes `template` in the recipient's language and queues it; returns the message id. */
  send<P>(template: MailTemplate<P>, params: P, recipient: Recipient): Promise<string> {
    const language = languageOr(recipient.language);
    return this.enqueue({ kind: template.kind, to: recipient.to, memberId: recipient.memberId ?? null, language, ...renderMail(template, params, language) });
  }

  /** Queues a message already written (prefer `send` with a template). */
  enqueue(mail: NewMail): Promise<string> {
    const cooperativeId = this.uow.current.scope.cooperativeId ?? null;
    return this.outbox.insert(cooperativeId, {
      kind: mail.kind,
      memberId: mail.memberId ?? null,
      language: mail.language ?? DEFAULT_LANGUAGE,
      to: mail.to,
      subject: mail.subject,
      body: mail.body,
    });
  }

  /** The cooperative's outbox, newest first, a page at a time. */
  list(cooperativeId: CooperativeId, filter: OutboxFilter): Promise<[OutboxMessage[], number]> {
    return this.outbox.list(cooperativeId, filter);
  }

  /** What was written to one member, newest first. Who may read it is the caller's to decide. */
  history(cooperativeId: CooperativeId, memberId: string, page: { page: number; pageSize: number }): Promise<[OutboxMessage[], number]> {
    return this.outbox.list(cooperativeId, { memberId, ...page });
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<OutboxMessage> {
    const message = await this.outbox.find(cooperativeId, id);
    if (!message) throw new MailError(MailErrorCode.MessageNotFound, 'Message was not found in the outbox');
    return message;
  }

  /** The operator's look at one message, whichever cooperative it belongs to (run as the owner). */
  async getAnywhere(id: string): Promise<OutboxMessage> {
    const message = await this.outbox.findAnywhere(id);
    if (!message) throw new MailError(MailErrorCode.MessageNotFound, `No message ${id} in the outbox`);
    return message;
  }
}
