import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Fund, FunderKind } from './entities/fund.entity';

export interface NewFund {
  code: string;
  name: string;
  purpose: string;
  funderKind: FunderKind;
  restricted: boolean;
  startsOn: string;
  endsOn: string;
  budgetCents: number;
}

@Injectable()
export class FundsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Null when the code is taken. */
  async insert(cooperativeId: CooperativeId, fund: NewFund, createdBy: string | null): Promise<Fund | null> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO funds (cooperative_id, code, name, purpose, funder_kind, restricted, starts_on, ends_on, budget_cents, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (cooperative_id, code) DO NOTHING RETURNING id`,
      [cooperativeId, fund.code, fund.name, fund.purpose, fund.funderKind, fund.restricted, fund.startsOn, fund.endsOn, fund.budgetCents, createdBy],
    );
    return row ? this.get(cooperativeId, row.id) : null;
  }

  get(cooperativeId: CooperativeId, id: string): Promise<Fund | null> {
    return this.uow.manager().getRepository(Fund).findOneBy({ cooperativeId, id });
  }

  byCode(cooperativeId: CooperativeId, code: string): Promise<Fund | null> {
    return this.uow.manager().getRepository(Fund).findOneBy({ cooperativeId, code });
  }
}
