import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { ExchangeEvent } from './entities/exchange-event.entity';

export type { ExchangeEventKind } from './entities/exchange-event.entity';

/** What finance bills: the exchange's money events, handed out in order until marked processed. */
@Injectable()
export class ExchangeEventsService {
  constructor(private readonly uow: UnitOfWork) {}

  /** The oldest unprocessed events, locked so two workers never hand out the same one. */
  async pending(cooperativeId: CooperativeId, limit: number): Promise<ExchangeEvent[]> {
    const rows = await this.uow.rows<{ id: string }>(
      `SELECT id FROM exchange_events WHERE cooperative_id = $1 AND processed_at IS NULL ORDER BY occurred_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cooperativeId, limit],
    );
    if (rows.length === 0) return [];
    return this.uow
      .manager()
      .getRepository(ExchangeEvent)
      .createQueryBuilder('e')
      .where('e.cooperativeId = :cooperativeId AND e.id IN (:...ids)', { cooperativeId, ids: rows.map((r) => r.id) })
      .orderBy('e.occurredAt')
      .addOrderBy('e.id')
      .getMany();
  }

  async markProcessed(cooperativeId: CooperativeId, ids: string[]): Promise<void> {
    await this.uow.rows(`UPDATE exchange_events SET processed_at = now() WHERE cooperative_id = $1 AND id = ANY($2::uuid[]) AND processed_at IS NULL`, [cooperativeId, ids]);
  }
}
