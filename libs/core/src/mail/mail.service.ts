import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId } from '../tenancy/ids';
import { OutboxMessage } from './entities/outbox-message.entity';

export interface NewMail {
  kind: string;
  to: string;
  subject: string;
  body: string;
}

/** Queues e-mail in the caller's transaction (the transactional outbox); delivery happens after commit. */
@Injectable()
export class MailService {
  constructor(private readonly uow: UnitOfWork) {}

  async enqueue(mail: NewMail): Promise<void> {
    const cooperativeId = this.uow.current.scope.cooperativeId ?? null;
    await this.uow.rows(`INSERT INTO outbox_messages (cooperative_id, kind, to_address, subject, body_text) VALUES ($1, $2, $3, $4, $5)`, [
      cooperativeId,
      mail.kind,
      mail.to,
      mail.subject,
      mail.body,
    ]);
  }

  /** The cooperative's outbox, newest first. */
  list(cooperativeId: CooperativeId, limit: number): Promise<OutboxMessage[]> {
    return this.uow.manager().getRepository(OutboxMessage).find({ where: { cooperativeId }, order: { createdAt: 'DESC' }, take: limit });
  }
}
