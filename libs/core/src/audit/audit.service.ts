import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId } from '../tenancy/ids';
import { AuditEvent } from './entities/audit-event.entity';
import { AuditRepository } from './audit.repository';
import { requestContext } from '../http/request-context';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
  /** Defaults to the cooperative of the current transaction. */
  cooperativeId?: string | null;
  /** Defaults to the authenticated user of the current request. */
  actorUserId?: string | null;
}

/** Writes the audit trail in the caller's transaction: the event commits or rolls back with the change. */
@Injectable()
export class AuditService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditRepository,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const transaction = this.uow.current;
    const request = requestContext();
    await this.audit.insert({
      cooperativeId: entry.cooperativeId !== undefined ? entry.cooperativeId : (transaction.scope.cooperativeId ?? null),
      actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (request?.actor?.userId ?? null),
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      details: entry.details,
      requestId: request?.requestId ?? null,
      ip: request?.ip ?? null,
    });
    transaction.auditEntries++;
  }

  list(cooperativeId: CooperativeId, page: { before?: string; limit: number }): Promise<AuditEvent[]> {
    return this.audit.list(cooperativeId, page);
  }
}
