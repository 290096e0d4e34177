import { Injectable } from '@nestjs/common';
import { AuditService, CooperativeId, MunicipalityId, UnitOfWork } from '@buurtcoop/core';
import { HoursService } from '@buurtcoop/exchange';
import { AgreementMatching, AgreementsService, FundReport, FundsService } from '@buurtcoop/finance';
import { ReportTable } from '../report-table';
import { MunicipalCooperatives } from './municipal-cooperatives';
import { MunicipalityReviewError, MunicipalityReviewErrorCode } from './municipality-review.errors';
import { OutputFigures, buildOutputFigures } from './output-figures';
import { TargetFigure, figureTables, targetsAgainst } from './figure-tables';

export interface FiguresPeriod {
  from?: string;
  through?: string;
}

/** Everything a municipality may see of one agreement over one period: money, matching and outputs, in aggregate. */
export interface AgreementFigures {
  agreement: { id: string; cooperativeId: string; reference: string; startsOn: string; endsOn: string; fundId: string };
  from: string;
  through: string;
  spending: FundReport;
  matching: AgreementMatching & { ratio: { numerator: number; denominator: number } };
  outputs: OutputFigures;
  targets: TargetFigure[];
  /** The same figures as tables, for the exports. */
  tables: ReportTable[];
}

/**
 * The figures of a co-finance agreement for the municipality's reviewer, and for the accountability report the
 * board prepares: budget against spending from the agreement's fund, matching from own-source income, and the
 * outputs (hours, residents, vulnerable residents) with small cells suppressed.
 */
@Injectable()
export class MunicipalityReviewService {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly funds: FundsService,
    private readonly hours: HoursService,
    private readonly cooperatives: MunicipalCooperatives,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** One agreement's figures for one period (default: the agreement's period), within the cooperative's transaction. */
  async figures(cooperativeId: CooperativeId, agreementId: string, period: FiguresPeriod = {}): Promise<AgreementFigures> {
    const detail = await this.agreements.detail(cooperativeId, agreementId);
    const a = detail.agreement;
    const from = period.from ?? a.startsOn;
    const through = period.through ?? a.endsOn;
    if (from < a.startsOn || from > a.endsOn) throw new MunicipalityReviewError(MunicipalityReviewErrorCode.InvalidPeriod, `from (${from}) must lie within the agreement's period ${a.startsOn} – ${a.endsOn}`, 'from');
    if (through < from || through > a.endsOn) throw new MunicipalityReviewError(MunicipalityReviewErrorCode.InvalidPeriod, `through (${through}) must lie between from (${from}) and the end of the agreement (${a.endsOn})`, 'through');

    const spending = await this.funds.report(cooperativeId, a.fundId, { from, through });
    const matching = { ...(await this.agreements.matching(cooperativeId, agreementId, through)), ratio: { numerator: a.ratioNumerator, denominator: a.ratioDenominator } };
    const outputs = buildOutputFigures(await this.hours.outputFigures(cooperativeId, { from, through }));
    const targets = targetsAgainst(detail.targets, outputs);
    return {
      agreement: { id: a.id, cooperativeId: a.cooperativeId, reference: a.reference, startsOn: a.startsOn, endsOn: a.endsOn, fundId: a.fundId },
      from,
      through,
      spending,
      matching,
      outputs,
      targets,
      tables: figureTables({ spending, matching, outputs, targets }),
    };
  }

  /**
   * For a reviewer of the municipality: finds the agreement among the municipality's cooperatives (each read in a
   * transaction of its own, with row-level security on), then reads its figures as that cooperative and records
   * the read. An agreement of a cooperative elsewhere is not found.
   */
  async forReviewer(municipalityId: MunicipalityId, agreementId: string, period: FiguresPeriod): Promise<AgreementFigures> {
    const cooperativeId = await this.cooperatives.ofAgreement(municipalityId, agreementId);
    if (cooperativeId) {
      return this.uow.run({ cooperativeId }, async () => {
        const figures = await this.figures(cooperativeId, agreementId, period);
        await this.audit.record({
          action: 'municipality.figures.read',
          cooperativeId,
          objectType: 'co_finance_agreement',
          objectId: agreementId,
          details: { municipalityId, from: figures.from, through: figures.through },
        });
        return figures;
      });
    }
    throw new MunicipalityReviewError(MunicipalityReviewErrorCode.AgreementNotFound, 'Agreement was not found');
  }
}
