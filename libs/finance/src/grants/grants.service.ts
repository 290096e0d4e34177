import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId } from '@buurtcoop/core';
import { FundsService } from '../funds/funds.service';
import { FundingReport, FundingTranche } from '../funding/entities/funding-schedule.entity';
import { FundingSchedule, NewReport, NewTranche } from '../funding/funding-schedule.service';
import { Grant, GrantStatus } from './entities/grant.entity';
import { GrantsError, GrantsErrorCode } from './grants.errors';
import { Award, GrantsRepository, NewApplication } from './grants.repository';

/** Foundation grants are booked on 8300 subsidies fondsen. */
const GRANT_INCOME = '8300';

export interface GrantAward extends Award {
  reportsDue: NewReport[];
  tranches: NewTranche[];
  /** An open fund the grant joins; without it the award opens a fund of its own. */
  fundId?: string;
  fundCode?: string;
}

export interface GrantDetail {
  grant: Grant;
  tranches: FundingTranche[];
  reports: FundingReport[];
}

const wrongState = (grant: Grant, action: string) => new GrantsError(GrantsErrorCode.WrongState, `Cannot ${action}: the grant is ${grant.status}`);

/**
 * application → awarded | rejected → (tranches received, reports submitted) → closed. Every transition is a
 * conditional update from the state it leaves, so of two racing requests exactly one changes the grant.
 */
@Injectable()
export class GrantsService {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly schedule: FundingSchedule,
    private readonly funds: FundsService,
    private readonly audit: AuditService,
  ) {}

  async apply(actor: Actor | null, cooperativeId: CooperativeId, input: NewApplication): Promise<GrantDetail> {
    const grant = await this.grants.insert(cooperativeId, input, actor?.userId ?? null);
    await this.audit.record({ action: 'grant.apply', objectType: 'grant', objectId: grant.id, details: { foundation: grant.foundationName, requestedCents: grant.requestedCents } });
    return this.detail(cooperativeId, grant.id);
  }

  list(cooperativeId: CooperativeId, status?: GrantStatus): Promise<Grant[]> {
    return this.grants.list(cooperativeId, status);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<Grant> {
    const grant = await this.grants.get(cooperativeId, id);
    if (!grant) throw new GrantsError(GrantsErrorCode.NotFound, 'Grant was not found');
    return grant;
  }

  async detail(cooperativeId: CooperativeId, id: string): Promise<GrantDetail> {
    const grant = await this.get(cooperativeId, id);
    return { grant, tranches: await this.schedule.tranches(cooperativeId, { grantId: id }), reports: await this.schedule.reports(cooperativeId, { grantId: id }) };
  }

  async award(actor: Actor | null, cooperativeId: CooperativeId, id: string, input: GrantAward): Promise<GrantDetail> {
    const grant = await this.get(cooperativeId, id);
    if (input.endsOn < input.startsOn) throw new GrantsError(GrantsErrorCode.InvalidPeriod, 'endsOn must not be before startsOn', 'endsOn');
    this.schedule.requireWithin(input.tranches, 0, input.awardedCents, 'tranches');
    const existing = input.fundId ? await this.funds.requireOpen(cooperativeId, input.fundId, { field: 'fundId' }) : null;
    if (!(await this.grants.award(cooperativeId, id, input))) throw wrongState(await this.get(cooperativeId, id), 'award');
    // The fund comes after the transition: a losing racer must not have opened one.
    const fund =
      existing ??
      (await this.funds.create(actor, cooperativeId, {
        code: input.fundCode ?? `FONDS-${id.slice(0, 8).toUpperCase()}`,
        name: `${grant.foundationName} — ${grant.project}`,
        purpose: grant.project,
        funderKind: 'foundation',
        restricted: true,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        budgetCents: input.awardedCents,
      }));
    await this.grants.setFund(cooperativeId, id, fund.id);
    await this.schedule.plan(cooperativeId, { grantId: id }, input.tranches, input.reportsDue);
    await this.audit.record({ action: 'grant.award', objectType: 'grant', objectId: id, details: { awardedCents: input.awardedCents, fundId: fund.id } });
    return this.detail(cooperativeId, id);
  }

  async reject(cooperativeId: CooperativeId, id: string, input: { decidedOn: string; reason: string }): Promise<GrantDetail> {
    await this.get(cooperativeId, id);
    if (!(await this.grants.reject(cooperativeId, id, input.decidedOn, input.reason))) throw wrongState(await this.get(cooperativeId, id), 'reject');
    await this.audit.record({ action: 'grant.reject', objectType: 'grant', objectId: id, details: { reason: input.reason } });
    return this.detail(cooperativeId, id);
  }

  /** A tranche the foundation announced after the award; all tranches together stay within the award. */
  async addTranche(cooperativeId: CooperativeId, id: string, tranche: NewTranche): Promise<GrantDetail> {
    const grant = await this.grants.lock(cooperativeId, id);
    if (!grant) throw new GrantsError(GrantsErrorCode.NotFound, 'Grant was not found');
    if (grant.status !== 'awarded') throw wrongState(grant, 'add a tranche');
    const planned = (await this.schedule.tranches(cooperativeId, { grantId: id })).reduce((sum, t) => sum + t.amountCents, 0);
    this.schedule.requireWithin([tranche], planned, grant.awardedCents as number, 'amountCents');
    await this.schedule.plan(cooperativeId, { grantId: id }, [tranche], []);
    await this.audit.record({ action: 'grant.tranche.add', objectType: 'grant', objectId: id, details: { ...tranche } });
    return this.detail(cooperativeId, id);
  }

  async receiveTranche(actor: Actor | null, cooperativeId: CooperativeId, id: string, trancheId: string, input: { receivedOn?: string; statementLineId?: string }): Promise<GrantDetail> {
    const grant = await this.get(cooperativeId, id);
    if (grant.status !== 'awarded') throw wrongState(grant, 'receive a tranche');
    const fund = await this.funds.requireOpen(cooperativeId, grant.fundId as string, { field: 'fundId' });
    const tranche = await this.schedule.receive(actor, cooperativeId, { grantId: id }, trancheId, {
      ...input,
      incomeAccountCode: GRANT_INCOME,
      fundId: fund.id,
      idempotencyKey: `grant-tranche:${trancheId}`,
      description: `Tranche ${grant.foundationName}: ${grant.project}`,
    });
    await this.audit.record({ action: 'grant.tranche.receive', objectType: 'grant', objectId: id, details: { trancheId, amountCents: tranche.amountCents, key: tranche.receivedKey } });
    return this.detail(cooperativeId, id);
  }

  async submitReport(cooperativeId: CooperativeId, id: string, reportId: string, submittedOn: string): Promise<GrantDetail> {
    const grant = await this.get(cooperativeId, id);
    if (grant.status !== 'awarded') throw wrongState(grant, 'submit a report');
    await this.schedule.submitReport(cooperativeId, { grantId: id }, reportId, submittedOn);
    await this.audit.record({ action: 'grant.report.submit', objectType: 'grant', objectId: id, details: { reportId, submittedOn } });
    return this.detail(cooperativeId, id);
  }

  /** Closes an awarded grant once every report the foundation asked for was submitted. */
  async close(cooperativeId: CooperativeId, id: string, closedOn: string): Promise<GrantDetail> {
    const grant = await this.get(cooperativeId, id);
    const open = (await this.schedule.reports(cooperativeId, { grantId: id })).filter((r) => !r.submittedOn);
    if (grant.status === 'awarded' && open.length > 0) {
      throw new GrantsError(GrantsErrorCode.ReportsOutstanding, `Cannot close: ${open.length} report(s) still due, first ${open[0].description} on ${open[0].dueOn}`);
    }
    if (!(await this.grants.close(cooperativeId, id, closedOn))) throw wrongState(await this.get(cooperativeId, id), 'close');
    await this.audit.record({ action: 'grant.close', objectType: 'grant', objectId: id, details: { closedOn } });
    return this.detail(cooperativeId, id);
  }
}
