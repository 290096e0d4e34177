import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId } from '@buurtcoop/core';
import { Fund } from './entities/fund.entity';
import { FundsError, FundsErrorCode } from './funds.errors';
import { FundsRepository, NewFund } from './funds.repository';

export type { NewFund } from './funds.repository';

@Injectable()
export class FundsService {
  constructor(
    private readonly funds: FundsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Opens a fund; `actor` is null for the product itself (the demo, a grant that opens its own fund). */
  async create(actor: Actor | null, cooperativeId: CooperativeId, input: NewFund): Promise<Fund> {
    if (input.endsOn < input.startsOn) throw new FundsError(FundsErrorCode.InvalidPeriod, 'endsOn must not be before startsOn', 'endsOn');
    const fund = await this.funds.insert(cooperativeId, input, actor?.userId ?? null);
    if (!fund) throw new FundsError(FundsErrorCode.CodeTaken, `A fund with code ${input.code} already exists`, 'code');
    await this.audit.record({ action: 'fund.create', objectType: 'fund', objectId: fund.id, details: { code: fund.code, restricted: fund.restricted, budgetCents: fund.budgetCents } });
    return fund;
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<Fund> {
    const fund = await this.funds.get(cooperativeId, id);
    if (!fund) throw new FundsError(FundsErrorCode.NotFound, 'Fund was not found');
    return fund;
  }

  /** The fund with this code (e.g. `BOOD-2027`), or null. */
  byCode(cooperativeId: CooperativeId, code: string): Promise<Fund | null> {
    return this.funds.byCode(cooperativeId, code);
  }

  /**
   * The fund money may be booked on: it exists, is open, and — when a date is given — the date falls in
   * its period. `field` names the request field the fund came from, for the error.
   */
  async requireOpen(cooperativeId: CooperativeId, id: string, options: { on?: string; field?: string } = {}): Promise<Fund> {
    const field = options.field ?? 'fundId';
    const fund = await this.funds.get(cooperativeId, id);
    if (!fund) throw new FundsError(FundsErrorCode.NotFound, `${field}: no such fund`, field);
    if (fund.status !== 'open') throw new FundsError(FundsErrorCode.Closed, `${field}: fund ${fund.code} is closed`, field);
    if (options.on && (options.on < fund.startsOn || options.on > fund.endsOn)) {
      throw new FundsError(FundsErrorCode.OutsidePeriod, `${field}: fund ${fund.code} runs from ${fund.startsOn} to ${fund.endsOn}, not on ${options.on}`, field);
    }
    return fund;
  }
}
