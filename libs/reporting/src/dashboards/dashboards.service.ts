import { Injectable } from '@nestjs/common';
import { Clock, CooperativeId, dutchDate } from '@buurtcoop/core';
import { HelpRequestsService, HoursService } from '@buurtcoop/exchange';
import { AgeingRow, FundsService, InvoicesService, LedgerService, StatementsService } from '@buurtcoop/finance';
import { MembersService } from '@buurtcoop/membership';
import { DashboardsError, DashboardsErrorCode } from './dashboards.errors';
import { AgeingResponse, BoardDashboardQueryDto, BoardDashboardResponse, TreasurerDashboardQueryDto, TreasurerDashboardResponse } from './dto/dashboard.dto';

/** A board looks back a year by default; more than ten years in one view is refused rather than computed. */
const DEFAULT_MONTHS = 12;
const MAX_MONTHS = 120;
const BANK = '1100';
const STRIPE_CLEARING = '1150';

/** `2026-11-23`, 11 → `2025-12-01`: the first day of the month `months` before the month of `day`. */
export function firstOfMonthBefore(day: string, months: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 - months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function ageing(rows: AgeingRow[]): AgeingResponse {
  return {
    invoices: rows.reduce((n, r) => n + r.invoices, 0),
    outstandingCents: rows.reduce((n, r) => n + r.outstandingCents, 0),
    buckets: rows.map((r) => ({ bucket: r.bucket, invoices: r.invoices, outstandingCents: r.outstandingCents })),
  };
}

/**
 * The board's and the treasurer's dashboards: each figure is one set-based query in the lib that owns the data,
 * reached through that lib's exported service; this service only chooses the period and puts them side by side.
 */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly members: MembersService,
    private readonly hours: HoursService,
    private readonly helpRequests: HelpRequestsService,
    private readonly invoices: InvoicesService,
    private readonly funds: FundsService,
    private readonly ledger: LedgerService,
    private readonly statements: StatementsService,
    private readonly clock: Clock,
  ) {}

  async board(cooperativeId: CooperativeId, q: BoardDashboardQueryDto): Promise<BoardDashboardResponse> {
    const through = q.through ?? dutchDate(this.clock.now());
    const from = q.from ?? firstOfMonthBefore(through, DEFAULT_MONTHS - 1);
    if (from > through) throw new DashboardsError(DashboardsErrorCode.InvalidPeriod, `from (${from}) must not be after through (${through})`, 'from');
    if (from < firstOfMonthBefore(through, MAX_MONTHS - 1)) {
      throw new DashboardsError(DashboardsErrorCode.PeriodTooLong, `from must be at most ${MAX_MONTHS} months before through`, 'from');
    }
    const members = await this.members.membersOverTime(cooperativeId, from, through);
    const hours = await this.hours.categoryMonthHours(cooperativeId, from, through);
    const overdue = (await this.invoices.ageing(cooperativeId, through)).filter((r) => r.bucket !== 'not_due');
    const helpRequests = await this.helpRequests.openCounts(cooperativeId);
    return { from, through, members, hours, overdue: ageing(overdue), helpRequests };
  }

  async treasurer(cooperativeId: CooperativeId, q: TreasurerDashboardQueryDto): Promise<TreasurerDashboardResponse> {
    const through = q.through ?? dutchDate(this.clock.now());
    const receivables = ageing(await this.invoices.ageing(cooperativeId, through));
    const funds = [];
    // A handful of funds per cooperative: the fund report is the one place their figures are defined.
    for (const fund of (await this.funds.list(cooperativeId)).filter((f) => f.startsOn <= through).sort((a, b) => a.code.localeCompare(b.code))) {
      const { figures } = await this.funds.report(cooperativeId, fund.id, { through });
      funds.push({
        fundId: fund.id,
        code: fund.code,
        name: fund.name,
        restricted: fund.restricted,
        receivedCents: figures.receivedCents,
        spentCents: figures.spentCents,
        committedCents: figures.committedCents,
        unspentCents: figures.unspentCents,
        availableCents: figures.availableCents,
      });
    }
    const balances = await this.ledger.trialBalance(cooperativeId, null, through);
    const balance = (code: string) => balances.find((r) => r.code === code)?.balanceCents ?? 0;
    const cash = { bankCents: balance(BANK), stripeClearingCents: balance(STRIPE_CLEARING), totalCents: balance(BANK) + balance(STRIPE_CLEARING) };
    const reconciliation = await this.statements.unmatchedSummary(cooperativeId);
    return { through, receivables, funds, cash, reconciliation };
  }
}
