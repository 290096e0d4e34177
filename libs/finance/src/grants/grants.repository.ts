import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Grant, GrantStatus } from './entities/grant.entity';

export interface NewApplication {
  foundationName: string;
  project: string;
  requestedCents: number;
  submittedOn: string;
}

export interface Award {
  decidedOn: string;
  awardedCents: number;
  startsOn: string;
  endsOn: string;
  conditions: string;
}

@Injectable()
export class GrantsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(cooperativeId: CooperativeId, application: NewApplication, createdBy: string | null): Promise<Grant> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO grants (cooperative_id, foundation_name, project, requested_cents, submitted_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [cooperativeId, application.foundationName, application.project, application.requestedCents, application.submittedOn, createdBy],
    );
    return (await this.get(cooperativeId, row.id)) as Grant;
  }

  get(cooperativeId: CooperativeId, id: string): Promise<Grant | null> {
    return this.uow.manager().getRepository(Grant).findOneBy({ cooperativeId, id });
  }

  /** The grant, locked until the transaction ends: tranches added side by side are counted one after the other. */
  async lock(cooperativeId: CooperativeId, id: string): Promise<Grant | null> {
    const rows = await this.uow.rows<{ id: string }>(`SELECT id FROM grants WHERE cooperative_id = $1 AND id = $2 FOR UPDATE`, [cooperativeId, id]);
    return rows.length ? this.get(cooperativeId, id) : null;
  }

  list(cooperativeId: CooperativeId, status?: GrantStatus): Promise<Grant[]> {
    return this.uow.manager().getRepository(Grant).find({ where: { cooperativeId, ...(status ? { status } : {}) }, order: { submittedOn: 'DESC', createdAt: 'DESC' } });
  }

  /** Each transition matches only from the state it leaves; the row count tells who won. */
  async award(cooperativeId: CooperativeId, id: string, award: Award): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE grants SET status = 'awarded', decided_on = $3, awarded_cents = $4, starts_on = $5, ends_on = $6, conditions = $7
        WHERE cooperative_id = $1 AND id = $2 AND status = 'application' RETURNING id`,
      [cooperativeId, id, award.decidedOn, award.awardedCents, award.startsOn, award.endsOn, award.conditions],
    );
    return rows.length === 1;
  }

  async setFund(cooperativeId: CooperativeId, id: string, fundId: string): Promise<void> {
    await this.uow.rows(`UPDATE grants SET fund_id = $3 WHERE cooperative_id = $1 AND id = $2`, [cooperativeId, id, fundId]);
  }

  async reject(cooperativeId: CooperativeId, id: string, decidedOn: string, reason: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE grants SET status = 'rejected', decided_on = $3, rejection_reason = $4 WHERE cooperative_id = $1 AND id = $2 AND status = 'application' RETURNING id`,
      [cooperativeId, id, decidedOn, reason],
    );
    return rows.length === 1;
  }

  async close(cooperativeId: CooperativeId, id: string, closedOn: string): Promise<boolean> {
    const rows = await this.uow.rows(`UPDATE grants SET status = 'closed', closed_on = $3 WHERE cooperative_id = $1 AND id = $2 AND status = 'awarded' RETURNING id`, [cooperativeId, id, closedOn]);
    return rows.length === 1;
  }
}
