import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId } from '../tenancy/ids';
import { OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';
import { Language } from './language';

export interface OutboxRow {
  kind: string;
  memberId: string | null;
  language: Language;
  to: string;
  subject: string;
  body: string;
}

export interface OutboxFilter {
  status?: OutboxStatus;
  memberId?: string;
  page: number;
  pageSize: number;
}

/** A cooperative's outbox, as the board, the member and the operator read it. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** `cooperativeId` null: platform mail, to someone outside any cooperative. */
  async insert(cooperativeId: CooperativeId | null, row: OutboxRow): Promise<string> {
    const [inserted] = await this.uow.rows<{ id: string }>(
      `INSERT INTO outbox_messages (cooperative_id, member_id, kind, language, to_address, subject, body_text) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [cooperativeId, row.memberId, row.kind, row.language, row.to, row.subject, row.body],
    );
    return inserted.id;
  }

  /** Newest first; `sending` is shown as what it still is to a reader: not yet sent. */
  list(cooperativeId: CooperativeId, filter: OutboxFilter): Promise<[OutboxMessage[], number]> {
    return this.uow
      .manager()
      .getRepository(OutboxMessage)
      .findAndCount({
        where: { cooperativeId, ...(filter.status ? { status: filter.status } : {}), ...(filter.memberId ? { memberId: filter.memberId } : {}) },
        order: { createdAt: 'DESC', id: 'DESC' },
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
      });
  }

  async find(cooperativeId: CooperativeId, id: string): Promise<OutboxMessage | null> {
    return this.uow.manager().getRepository(OutboxMessage).findOne({ where: { cooperativeId, id } });
  }

  /** For the operator's command line only, which runs as the owner: any cooperative's message, or platform mail. */
  async findAnywhere(id: string): Promise<OutboxMessage | null> {
    return this.uow.manager().getRepository(OutboxMessage).findOne({ where: { id } });
  }
}
