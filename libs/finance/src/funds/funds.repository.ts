import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Fund } from './entities/fund.entity';

@Injectable()
export class FundsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  get(cooperativeId: CooperativeId, id: string): Promise<Fund | null> {
    return this.uow.manager().getRepository(Fund).findOneBy({ cooperativeId, id });
  }
}
