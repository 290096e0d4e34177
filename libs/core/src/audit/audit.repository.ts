import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId } from '../tenancy/ids';
import { AuditEvent } from './entities/audit-event.entity';

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'occurredAt' | 'details'> & { details?: Record<string, unknown> };

@Injectable()
export class AuditRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(event: NewAuditEvent): Promise<void> {
    await this.uow.rows(
        `INSERT INTO audit_events (cooperative_id, actor_user_id, action, object_type, object_id, details, request_id, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [event.cooperativeId, event.actorUserId, event.action, event.objectType, event.objectId, JSON.stringify(event.details ?? {}), event.requestId, event.ip],
      );
  }

  async list(cooperativeId: CooperativeId, page: { before?: string; limit: number }): Promise<AuditEvent[]> {
    const query = this.uow
      .manager()
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.cooperative_id = :cooperativeId', { cooperativeId })
      .orderBy('e.id', 'DESC')
      .limit(page.limit);
    if (page.before) query.andWhere('e.id < :before', { before: page.before });
    return query.getMany();
  }
}
