import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, MunicipalityId, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { FundsService } from '../funds/funds.service';
import { FundingReport, FundingTranche } from '../funding/entities/funding-schedule.entity';
import { FundingSchedule, NewReport, NewTranche, receivedCents } from '../funding/funding-schedule.service';
import { LedgerService } from '../ledger/ledger.service';
import { AccountabilityDocument, CoFinanceAgreement, CoFinanceTarget, TargetKind } from './entities/co-finance-agreement.entity';
import { AgreementsError, AgreementsErrorCode } from './agreements.errors';
import { AgreementsRepository } from './agreements.repository';
import { DEFAULT_TIER_THRESHOLDS, Matching, REQUIRED_DOCUMENTS, TierThresholds, computeMatching, reportingTier } from './matching';

/** Co-finance is booked on 8400 cofinanciering gemeente; own sources default to dues, contributions and gifts. */
const CO_FINANCE = '8400';
const RECEIVABLE = '1400';
const REPAYABLE = '1700';
export const DEFAULT_OWN_SOURCE_ACCOUNTS = ['8000', '8100', '8200'];

export interface NewAgreementInput {
  reference: string;
  startsOn: string;
  endsOn: string;
  grantedCents: number;
  ratio: { numerator: number; denominator: number };
  capCents?: number;
  ownSourceAccountCodes?: string[];
  thresholds?: TierThresholds;
  advances: NewTranche[];
  reportsDue: NewReport[];
  targets: Array<{ kind: TargetKind; target: number }>;
  fundId?: string;
  fundCode?: string;
}

export interface AgreementDetail {
  agreement: CoFinanceAgreement;
  targets: CoFinanceTarget[];
  tranches: FundingTranche[];
  reports: FundingReport[];
}

export interface AgreementMatching extends Matching {
  from: string;
  through: string;
  capCents: number;
  grantedCents: number;
}

/** Who records a step: a treasurer or board member of the cooperative now, a municipality reviewer later. */
export type StepBy = { userId: string } | null;

const wrongState = (agreement: CoFinanceAgreement, action: string) => new AgreementsError(AgreementsErrorCode.WrongState, `Cannot ${action}: the agreement is ${agreement.status}`);

/**
 * granted → advances_paid → accountability_submitted → in_review → settled (vaststelling). Each step is a
 * conditional update from the state it leaves; the settlement books what the advances paid too much or
 * too little, so the ledger shows what the cooperative owes the municipality or is still owed.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly agreements: AgreementsRepository,
    private readonly schedule: FundingSchedule,
    private readonly funds: FundsService,
    private readonly ledger: LedgerService,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async record(actor: Actor | null, cooperativeId: CooperativeId, input: NewAgreementInput): Promise<AgreementDetail> {
    if (input.endsOn < input.startsOn) throw new AgreementsError(AgreementsErrorCode.InvalidPeriod, 'endsOn must not be before startsOn', 'endsOn');
    const thresholds = input.thresholds ?? DEFAULT_TIER_THRESHOLDS;
    if (thresholds.mediumMaxCents < thresholds.smallMaxCents) throw new AgreementsError(AgreementsErrorCode.InvalidThresholds, 'thresholds.mediumMaxCents must not be below thresholds.smallMaxCents', 'thresholds.mediumMaxCents');
    this.schedule.requireWithin(input.advances, 0, input.grantedCents, 'advances');
    const codes = [...new Set(input.ownSourceAccountCodes ?? DEFAULT_OWN_SOURCE_ACCOUNTS)];
    const income = new Set((await this.ledger.accounts(cooperativeId)).filter((a) => a.type === 'income').map((a) => a.code));
    const unknown = codes.filter((c) => !income.has(c) || c === CO_FINANCE);
    if (unknown.length) throw new AgreementsError(AgreementsErrorCode.UnknownAccount, `ownSourceAccountCodes: ${unknown.join(', ')} is not an own-source income account`, 'ownSourceAccountCodes');
    const cooperative = await this.tenancy.getCooperative(cooperativeId);
    const id = randomUUID();
    const fund = input.fundId
      ? await this.funds.requireOpen(cooperativeId, input.fundId, { field: 'fundId' })
      : await this.funds.create(actor, cooperativeId, {
          code: input.fundCode ?? `GEM-${id.slice(0, 8).toUpperCase()}`,
          name: `Cofinanciering gemeente ${input.reference}`,
          purpose: `Subsidiebeschikking ${input.reference}`,
          funderKind: 'municipality',
          restricted: true,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          budgetCents: input.grantedCents,
        });
    const agreement = await this.agreements.insert(
      cooperativeId,
      {
        id,
        municipalityId: cooperative.municipalityId,
        reference: input.reference,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        grantedCents: input.grantedCents,
        ratioNumerator: input.ratio.numerator,
        ratioDenominator: input.ratio.denominator,
        capCents: input.capCents ?? input.grantedCents,
        ownSourceAccountCodes: codes,
        tier: reportingTier(input.grantedCents, thresholds),
        smallMaxCents: thresholds.smallMaxCents,
        mediumMaxCents: thresholds.mediumMaxCents,
        fundId: fund.id,
      },
      actor?.userId ?? null,
    );
    if (!agreement) throw new AgreementsError(AgreementsErrorCode.ReferenceTaken, `An agreement with kenmerk ${input.reference} already exists`, 'reference');
    await this.agreements.insertTargets(cooperativeId, id, input.targets);
    await this.schedule.plan(cooperativeId, { agreementId: id }, input.advances, input.reportsDue);
    await this.audit.record({ action: 'agreement.record', objectType: 'co_finance_agreement', objectId: id, details: { reference: input.reference, grantedCents: input.grantedCents, tier: agreement.tier, fundId: fund.id } });
    return this.detail(cooperativeId, id);
  }

  list(cooperativeId: CooperativeId): Promise<CoFinanceAgreement[]> {
    return this.agreements.list(cooperativeId);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<CoFinanceAgreement> {
    const agreement = await this.agreements.get(cooperativeId, id);
    if (!agreement) throw new AgreementsError(AgreementsErrorCode.NotFound, 'Agreement was not found');
    return agreement;
  }

  async detail(cooperativeId: CooperativeId, id: string): Promise<AgreementDetail> {
    const agreement = await this.get(cooperativeId, id);
    return {
      agreement,
      targets: await this.agreements.targets(cooperativeId, [id]),
      tranches: await this.schedule.tranches(cooperativeId, { agreementId: id }),
      reports: await this.schedule.reports(cooperativeId, { agreementId: id }),
    };
  }

  /** An advance (voorschot) arrived: D 1100 / C 8400 on the fund, or the bank line given. The last one moves the agreement to advances_paid. */
  async receiveAdvance(actor: Actor | null, cooperativeId: CooperativeId, id: string, trancheId: string, input: { receivedOn?: string; statementLineId?: string }): Promise<AgreementDetail> {
    const agreement = await this.get(cooperativeId, id);
    if (agreement.status === 'settled') throw wrongState(agreement, 'receive an advance');
    const tranche = await this.schedule.receive(actor, cooperativeId, { agreementId: id }, trancheId, {
      ...input,
      incomeAccountCode: CO_FINANCE,
      fundId: agreement.fundId,
      idempotencyKey: `agreement-tranche:${trancheId}`,
      description: `Voorschot subsidie ${agreement.reference}`,
    });
    const allPaid = await this.agreements.markAdvancesPaid(cooperativeId, id);
    await this.audit.record({ action: 'agreement.advance.receive', objectType: 'co_finance_agreement', objectId: id, details: { trancheId, amountCents: tranche.amountCents, key: tranche.receivedKey, advancesPaid: allPaid } });
    return this.detail(cooperativeId, id);
  }

  /** Own-source income in the agreement's period up to `through`, and the matching it earns. */
  async matching(cooperativeId: CooperativeId, id: string, through?: string): Promise<AgreementMatching> {
    const a = await this.get(cooperativeId, id);
    const until = through && through < a.endsOn ? through : a.endsOn;
    const own = until < a.startsOn ? 0 : await this.agreements.incomeOn(cooperativeId, a.ownSourceAccountCodes, a.startsOn, until);
    const matching = computeMatching(own, { numerator: a.ratioNumerator, denominator: a.ratioDenominator, capCents: a.capCents, grantedCents: a.grantedCents });
    return { ...matching, from: a.startsOn, through: until, capCents: a.capCents, grantedCents: a.grantedCents };
  }

  /** Accountability (verantwoording) with the documents the tier asks for. */
  async submitAccountability(cooperativeId: CooperativeId, id: string, input: { submittedOn: string; documents: AccountabilityDocument[] }): Promise<AgreementDetail> {
    const agreement = await this.get(cooperativeId, id);
    const given = new Set(input.documents.map((d) => d.kind));
    const missing = REQUIRED_DOCUMENTS[agreement.tier].filter((kind) => !given.has(kind));
    if (missing.length) {
      throw new AgreementsError(AgreementsErrorCode.DocumentsMissing, `documents: a ${agreement.tier} subsidy's accountability needs ${missing.join(', ')}`, 'documents');
    }
    if (!(await this.agreements.submitAccountability(cooperativeId, id, input.submittedOn, input.documents))) throw wrongState(await this.get(cooperativeId, id), 'submit accountability');
    await this.schedule.submitAllReports(cooperativeId, { agreementId: id }, input.submittedOn);
    await this.audit.record({ action: 'agreement.accountability.submit', objectType: 'co_finance_agreement', objectId: id, details: { submittedOn: input.submittedOn, documents: input.documents.map((d) => d.kind) } });
    return this.detail(cooperativeId, id);
  }

  /**
   * The municipality starts reviewing. Recorded by the treasurer or board for now; the reviewer portal will
   * call this too, with the reviewer as `by`, inside a transaction for the agreement's cooperative.
   */
  async startReview(by: StepBy, cooperativeId: CooperativeId, id: string, startedOn: string): Promise<AgreementDetail> {
    await this.get(cooperativeId, id);
    if (!(await this.agreements.startReview(cooperativeId, id, startedOn))) throw wrongState(await this.get(cooperativeId, id), 'start the review');
    await this.audit.record({ action: 'agreement.review.start', objectType: 'co_finance_agreement', objectId: id, details: { startedOn, by: by?.userId ?? null } });
    return this.detail(cooperativeId, id);
  }

  /**
   * Vaststelling: the amount the municipality settles on (at most granted; lower only with a reason, Awb
   * 4:46). What the advances paid beyond it is repayable (D 8400 / C 1700); what they fell short is still
   * to be received (D 1400 / C 8400). The repayment or final payment later arrives on the bank and is
   * booked on 1700 or 1400 from the statement worklist.
   */
  async settle(actor: Actor | null, cooperativeId: CooperativeId, id: string, input: { settledCents: number; settledOn: string; reason?: string }): Promise<AgreementDetail> {
    const agreement = await this.get(cooperativeId, id);
    if (input.settledCents > agreement.grantedCents) {
      throw new AgreementsError(AgreementsErrorCode.SettlementTooHigh, `settledCents: ${input.settledCents} is more than the ${agreement.grantedCents} cents granted`, 'settledCents');
    }
    const reason = input.reason?.trim() || null;
    if (input.settledCents < agreement.grantedCents && !reason) {
      throw new AgreementsError(AgreementsErrorCode.ReasonRequired, 'reason: a settlement below the amount granted needs the municipality’s reason', 'reason');
    }
    if (!(await this.agreements.settle(cooperativeId, id, { settledCents: input.settledCents, settledOn: input.settledOn, reason }))) throw wrongState(await this.get(cooperativeId, id), 'settle');
    const advances = receivedCents(await this.schedule.tranches(cooperativeId, { agreementId: id }));
    const difference = advances - input.settledCents;
    if (difference !== 0) {
      const ids = await this.ledger.accountIdsByCode(cooperativeId, [CO_FINANCE, RECEIVABLE, REPAYABLE]);
      const lines =
        difference > 0
          ? [
              { accountId: ids[CO_FINANCE], amountCents: difference, fundId: agreement.fundId },
              { accountId: ids[REPAYABLE], amountCents: -difference },
            ]
          : [
              { accountId: ids[RECEIVABLE], amountCents: -difference },
              { accountId: ids[CO_FINANCE], amountCents: difference, fundId: agreement.fundId },
            ];
      await this.ledger.post(
        cooperativeId,
        {
          entryDate: await this.ledger.openDay(cooperativeId, input.settledOn),
          description: `Vaststelling subsidie ${agreement.reference}: ${difference > 0 ? 'terug te betalen' : 'nog te ontvangen'}`,
          idempotencyKey: `agreement-settlement:${id}`,
          lines,
        },
        actor?.userId ?? null,
      );
    }
    await this.audit.record({ action: 'agreement.settle', objectType: 'co_finance_agreement', objectId: id, details: { settledCents: input.settledCents, advancesCents: advances, reason } });
    return this.detail(cooperativeId, id);
  }

  /**
   * For a municipality's reviewers: the agreements of every cooperative in the municipality, each read in
   * a transaction of its own cooperative, so row-level security applies as for any other request.
   */
  async forMunicipality(municipalityId: MunicipalityId): Promise<Array<{ cooperativeName: string; agreement: CoFinanceAgreement; targets: CoFinanceTarget[]; receivedCents: number }>> {
    const { cooperatives } = await this.uow.run({}, () => this.tenancy.getMunicipality(municipalityId));
    const result = [];
    for (const cooperative of cooperatives) {
      const cooperativeId = asCooperativeId(cooperative.id);
      result.push(
        ...(await this.uow.run({ cooperativeId }, async () => {
          const agreements = await this.agreements.withMunicipality(cooperativeId, municipalityId);
          const targets = await this.agreements.targets(cooperativeId, agreements.map((a) => a.id));
          const rows = [];
          for (const agreement of agreements) {
            rows.push({
              cooperativeName: cooperative.name,
              agreement,
              targets: targets.filter((t) => t.agreementId === agreement.id),
              receivedCents: receivedCents(await this.schedule.tranches(cooperativeId, { agreementId: agreement.id })),
            });
          }
          return rows;
        })),
      );
    }
    return result;
  }
}
