import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { HelpRequest, HelpRequestStatus } from './entities/help-request.entity';

/** Help requests waiting for a booking in one category and status, and the day the oldest was asked. */
export interface OpenHelpRequestsRow {
  categoryCode: string;
  categoryName: string;
  status: 'open' | 'proposed';
  requests: number;
  oldestOn: string;
}

@Injectable()
export class HelpRequestsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(cooperativeId: CooperativeId, r: { consumerMemberId: string; categoryId: string; description: string; preferredFrom: Date | null; preferredTo: Date | null; createdBy: string }): Promise<HelpRequest> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO help_requests (cooperative_id, consumer_member_id, category_id, description, preferred, created_by)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE tstzrange($5, $6) END, $7) RETURNING id`,
      [cooperativeId, r.consumerMemberId, r.categoryId, r.description, r.preferredFrom, r.preferredTo, r.createdBy],
    );
    return (await this.find(cooperativeId, row.id)) as HelpRequest;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<HelpRequest | null> {
    return this.uow.manager().getRepository(HelpRequest).findOneBy({ cooperativeId, id });
  }

  list(cooperativeId: CooperativeId, filter: { status?: HelpRequestStatus; consumerMemberId?: string; providerMemberId?: string }): Promise<HelpRequest[]> {
    const query = this.uow.manager().getRepository(HelpRequest).createQueryBuilder('h').where('h.cooperative_id = :cooperativeId', { cooperativeId });
    if (filter.status) query.andWhere('h.status = :status', { status: filter.status });
    if (filter.consumerMemberId) query.andWhere('h.consumer_member_id = :consumer', { consumer: filter.consumerMemberId });
    if (filter.providerMemberId) {
      query.andWhere('h.proposed_offer_id IN (SELECT o.id FROM offers o WHERE o.cooperative_id = :cooperativeId AND o.provider_member_id = :provider)', { provider: filter.providerMemberId });
    }
    return query.orderBy('h.created_at', 'ASC').getMany();
  }

  /** Help requests still waiting for a booking, counted per category and status (`open`, `proposed`), in one statement. */
  async openCounts(cooperativeId: CooperativeId): Promise<OpenHelpRequestsRow[]> {
    const rows = await this.uow.rows<{ category_code: string; category_name: string; status: 'open' | 'proposed'; requests: number; oldest: string }>(
      `SELECT c.code AS category_code, c.name AS category_name, h.status, count(*)::int AS requests,
              to_char(min(h.created_at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS oldest
         FROM help_requests h
         JOIN service_categories c ON c.cooperative_id = h.cooperative_id AND c.id = h.category_id
        WHERE h.cooperative_id = $1 AND h.status IN ('open', 'proposed')
        GROUP BY 1, 2, 3
        ORDER BY 1, 3`,
      [cooperativeId],
    );
    return rows.map((r) => ({ categoryCode: r.category_code, categoryName: r.category_name, status: r.status, requests: r.requests, oldestOn: r.oldest }));
  }

  /** Conditional on the status, so two coordinators (or two acceptances) cannot both apply. */
  async update(cooperativeId: CooperativeId, id: string, from: HelpRequestStatus[], set: Record<string, unknown>): Promise<HelpRequest | null> {
    const columns = Object.keys(set);
    const rows = await this.uow.rows(
      `UPDATE help_requests SET ${columns.map((c, i) => `${c} = $${i + 4}`).join(', ')}
        WHERE cooperative_id = $1 AND id = $2 AND status = ANY($3) RETURNING id`,
      [cooperativeId, id, from, ...columns.map((c) => set[c])],
    );
    return rows.length === 1 ? this.find(cooperativeId, id) : null;
  }
}
