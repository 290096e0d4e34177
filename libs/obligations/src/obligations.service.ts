import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { ObligationEvent } from './entities/obligation.entity';
import { ObligationsEngine } from './engine/obligations-engine';
import { DAY_MS, OPEN_STATUSES, ObligationStatus, ObligationType } from './obligation-types';
import { ObligationsError, ObligationsErrorCode } from './obligations.errors';
import { ObligationFilter, ObligationRow, ObligationsRepository } from './obligations.repository';

export interface WorklistQuery {
  statuses?: ObligationStatus[];
  types?: ObligationType[];
  memberId?: string;
  minAgeDays?: number;
  page: number;
  pageSize: number;
}

export type BulkAction = 'waive' | 'remind';

export interface BulkOutcome {
  id: string;
  done: boolean;
  /** Why nothing was done for this one. */
  reason?: string;
}

/** The board's worklist and its actions; a member's own obligations. */
@Injectable()
export class ObligationsService {
  constructor(
    private readonly repository: ObligationsRepository,
    private readonly engine: ObligationsEngine,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  worklist(cooperativeId: CooperativeId, query: WorklistQuery): Promise<{ items: ObligationRow[]; total: number }> {
    const filter: ObligationFilter = {
      statuses: query.statuses ?? ['overdue', 'escalated'],
      types: query.types,
      memberId: query.memberId,
      dueBefore: query.minAgeDays !== undefined ? new Date(this.clock.now().getTime() - query.minAgeDays * DAY_MS) : undefined,
    };
    return this.repository.list(cooperativeId, filter, { page: query.page, pageSize: query.pageSize });
  }

  summary(cooperativeId: CooperativeId): ReturnType<ObligationsRepository['summary']> {
    return this.repository.summary(cooperativeId, this.clock.now());
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<{ obligation: ObligationRow; events: ObligationEvent[] }> {
    const obligation = await this.repository.get(cooperativeId, id);
    if (!obligation) throw new ObligationsError(ObligationsErrorCode.NotFound, 'No such obligation in this cooperative');
    return { obligation, events: await this.repository.events(cooperativeId, id) };
  }

  /** The caller's own obligations (all statuses), newest due first. */
  async own(actor: Actor, cooperativeId: CooperativeId, page: { page: number; pageSize: number }): Promise<{ items: ObligationRow[]; total: number }> {
    const standing = await this.members.standing(cooperativeId, { userId: actor.userId });
    if (!standing) throw new ObligationsError(ObligationsErrorCode.NoMemberRecord, 'Your account has no membership in this cooperative');
    return this.repository.list(cooperativeId, { statuses: ['open', 'overdue', 'escalated', 'fulfilled', 'waived'], memberId: standing.memberId }, page);
  }

  async waive(actor: Actor, cooperativeId: CooperativeId, id: string, reason: string): Promise<{ obligation: ObligationRow; events: ObligationEvent[] }> {
    const [outcome] = await this.bulk(actor, cooperativeId, [id], 'waive', reason);
    if (!outcome.done) {
      const found = await this.repository.get(cooperativeId, id);
      if (!found) throw new ObligationsError(ObligationsErrorCode.NotFound, 'No such obligation in this cooperative');
      throw new ObligationsError(ObligationsErrorCode.NotOpen, `A ${found.status} obligation cannot be waived`);
    }
    return this.get(cooperativeId, id);
  }

  /**
   * One action on many obligations, in one transaction: waive (with the board's reason, audited, and
   * lifting any suspension it caused) or remind now (a message in the member's language).
   */
  async bulk(actor: Actor, cooperativeId: CooperativeId, ids: string[], action: BulkAction, reason?: string): Promise<BulkOutcome[]> {
    const now = this.clock.now();
    const unique = [...new Set(ids)];
    if (action === 'waive') {
      const waived = await this.repository.waive(cooperativeId, unique, reason!, actor.userId, now);
      for (const o of waived) {
        await this.repository.addEvent(cooperativeId, o.id, 'waived', now, { reason }, actor.userId);
        await this.audit.record({ action: 'obligation.waive', objectType: 'obligation', objectId: o.id, details: { type: o.type, memberId: o.memberId, reason } });
      }
      await this.engine.liftSuspensions(cooperativeId, waived.filter((o) => o.step === 'suspension').map((o) => o.id), now);
      const done = new Set(waived.map((o) => o.id));
      return unique.map((id) => (done.has(id) ? { id, done: true } : { id, done: false, reason: 'Not found, or no longer open' }));
    }
    const open = (await this.repository.findMany(cooperativeId, unique)).filter((o) => OPEN_STATUSES.includes(o.status));
    for (const o of open) {
      await this.repository.addEvent(cooperativeId, o.id, 'manual_reminder', now, {}, actor.userId);
      await this.audit.record({ action: 'obligation.remind', objectType: 'obligation', objectId: o.id, details: { type: o.type, memberId: o.memberId } });
    }
    await this.engine.notify(cooperativeId, open.map((o) => ({ ...o, step: 'manual_reminder' as const })), now);
    const done = new Set(open.map((o) => o.id));
    return unique.map((id) => (done.has(id) ? { id, done: true } : { id, done: false, reason: 'Not found, or no longer open' }));
  }
}
