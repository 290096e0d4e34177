import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId } from '@buurtcoop/core';
import { FundsError, FundsErrorCode } from '../funds/funds.errors';
import { FundsService } from '../funds/funds.service';
import { LedgerService, Posting } from '../ledger/ledger.service';
import { MinimaReductionsRepository, UnclaimedReduction, minimaReductionKey } from './minima-reductions.repository';

const REDUCTION_ACCOUNT = '4400';
const DUES_ACCOUNT = '8000';

export interface MinimaReductionClaim {
  count: number;
  totalCents: number;
}

/**
 * The municipal share of the minima tariff: a member with a declared minimum income pays reduced dues, and
 * the difference with the full tariff is what the municipality's minima policy pays for. Claiming moves it
 * onto the municipality's fund as a cost (4400 tariefkorting minima), with the full tariff as dues income.
 */
@Injectable()
export class MinimaReductionsService {
  constructor(
    private readonly reductions: MinimaReductionsRepository,
    private readonly funds: FundsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async preview(cooperativeId: CooperativeId, fundId: string, from: string, through: string): Promise<MinimaReductionClaim> {
    await this.funds.get(cooperativeId, fundId);
    return this.summarise(await this.unclaimed(cooperativeId, from, through));
  }

  /** Posts one entry per unclaimed reduced invoice; claiming again posts only what is new. */
  async claim(actor: Actor | null, cooperativeId: CooperativeId, fundId: string, from: string, through: string): Promise<MinimaReductionClaim> {
    const fund = await this.funds.requireOpen(cooperativeId, fundId, { field: 'fundId' });
    const pending = await this.unclaimed(cooperativeId, from, through);
    const accounts = await this.ledger.accountIdsByCode(cooperativeId, [REDUCTION_ACCOUNT, DUES_ACCOUNT]);
    // Dues are billed ahead (in December for the next year): such an invoice counts on the fund's first day.
    const days = new Map<string, string>();
    for (const r of pending) {
      const day = r.issueDate < fund.startsOn ? fund.startsOn : r.issueDate;
      if (!days.has(day)) days.set(day, await this.ledger.openDay(cooperativeId, day));
    }
    const postings: Posting[] = pending.map((r) => ({
      entryDate: days.get(r.issueDate < fund.startsOn ? fund.startsOn : r.issueDate) as string,
      description: `Tariefkorting minima factuur ${r.invoiceNumber} (${fund.code})`,
      idempotencyKey: minimaReductionKey(r.invoiceId),
      lines: [
        { accountId: accounts[REDUCTION_ACCOUNT], amountCents: r.reductionCents, memberId: r.memberId, fundId },
        { accountId: accounts[DUES_ACCOUNT], amountCents: -r.reductionCents, memberId: r.memberId },
      ],
    }));
    // A claim racing this one may have posted some keys first; those are skipped here and counted there.
    const count = await this.ledger.postMany(cooperativeId, postings, actor?.userId ?? null);
    const claim = { count, totalCents: this.summarise(pending).totalCents };
    await this.audit.record({ action: 'fund.minima_reductions.claim', objectType: 'fund', objectId: fundId, details: { from, through, ...claim } });
    return claim;
  }

  private unclaimed(cooperativeId: CooperativeId, from: string, through: string): Promise<UnclaimedReduction[]> {
    if (through < from) throw new FundsError(FundsErrorCode.InvalidPeriod, 'through must not be before from', 'through');
    return this.reductions.unclaimed(cooperativeId, from, through);
  }

  private summarise(rows: UnclaimedReduction[]): MinimaReductionClaim {
    return { count: rows.length, totalCents: rows.reduce((sum, r) => sum + r.reductionCents, 0) };
  }
}
