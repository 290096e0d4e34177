import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate, MIN_CELL_COUNT } from '@buurtcoop/core';
import { ReportFormatDto } from '../../exports/report-format.dto';
import { ReportTable } from '../../report-table';
import { TargetFigure } from '../figure-tables';
import { AgreementFigures } from '../municipality-review.service';
import { OutputCell, ShareCell } from '../output-figures';

const HIDDEN = `"<5": fewer than ${MIN_CELL_COUNT} residents, hidden to protect their privacy; "x": hidden so that a "<5" figure cannot be worked out from a total and the other figures`;
const COUNT = { oneOf: [{ type: 'integer' }, { type: 'string', enum: ['<5', 'x'] }] };

export class FiguresQueryDto extends ReportFormatDto {
  @ApiPropertyOptional({ description: 'First day of the period (YYYY-MM-DD), within the agreement; default: the agreement’s first day', example: '2027-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of the period (YYYY-MM-DD), included, within the agreement; default: the agreement’s last day', example: '2027-06-30' })
  @IsOptional()
  @IsCalendarDate()
  through?: string;
}

export class FiguresAgreementResponse {
  @ApiProperty({ description: 'Agreement id' }) id: string;
  @ApiProperty({ description: 'The cooperative the agreement was granted to' }) cooperativeId: string;
  @ApiProperty({ description: 'The beschikking’s kenmerk', example: 'Z/26/184467' }) reference: string;
  @ApiProperty({ description: 'First day of the agreement', example: '2027-01-01' }) startsOn: string;
  @ApiProperty({ description: 'Last day of the agreement', example: '2027-12-31' }) endsOn: string;
  @ApiProperty({ description: 'The earmarked fund the co-finance is booked on' }) fundId: string;
}

export class BudgetLineResponse {
  @ApiProperty({ description: 'Cost account code', example: '4000' }) accountCode: string;
  @ApiProperty({ description: 'Cost account name', example: 'Vrijwilligersvergoedingen' }) accountName: string;
  @ApiProperty({ description: 'Budgeted, in cents' }) budgetCents: number;
  @ApiProperty({ description: 'Spent from the fund in the period, in cents' }) actualCents: number;
  @ApiProperty({ description: 'Budget minus spent, in cents' }) remainingCents: number;
}

export class SpendingResponse {
  @ApiProperty({ description: 'The fund’s total budget, in cents' }) budgetCents: number;
  @ApiProperty({ description: 'Unspent at the start of the period, in cents' }) openingCents: number;
  @ApiProperty({ description: 'Received on the fund in the period, in cents' }) receivedCents: number;
  @ApiProperty({ description: 'Spent from the fund in the period, in cents' }) spentCents: number;
  @ApiProperty({ description: 'Committed and not yet spent at the end of the period, in cents' }) committedCents: number;
  @ApiProperty({ description: 'Opening + received − spent, in cents' }) unspentCents: number;
  @ApiProperty({ type: [BudgetLineResponse], description: 'Budget against spending per cost account' }) budget: BudgetLineResponse[];
}

export class RatioResponse {
  @ApiProperty({ description: 'Numerator of the matching ratio' }) numerator: number;
  @ApiProperty({ description: 'Denominator of the matching ratio' }) denominator: number;
}

export class FiguresMatchingResponse {
  @ApiProperty({ type: RatioResponse, description: 'The rule: the municipality adds numerator/denominator of each euro raised' }) ratio: RatioResponse;
  @ApiProperty({ description: 'Highest matching the agreement allows, in cents' }) capCents: number;
  @ApiProperty({ description: 'Amount granted, in cents' }) grantedCents: number;
  @ApiProperty({ description: 'Own-source income from the start of the agreement through `through`, in cents' }) ownSourcesCents: number;
  @ApiProperty({ description: 'What the ratio earns before any limit, in cents' }) earnedCents: number;
  @ApiProperty({ description: 'Matching achieved, in cents' }) matchingCents: number;
  @ApiProperty({ enum: ['own_sources', 'cap', 'granted'], description: 'What decided the matching' }) binding: string;
  @ApiProperty({ description: 'First day counted' }) from: string;
  @ApiProperty({ description: 'Last day counted' }) through: string;
}

export class ShareResponse {
  @ApiProperty({ ...COUNT, description: `Distinct residents in the category; ${HIDDEN}` }) residents: number | string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Whole percent of the cell’s residents (rounded half up); null when either count is hidden' }) sharePercent: number | null;
}

export class VulnerableSharesResponse {
  @ApiProperty({ type: ShareResponse, description: 'Self-declared 65 years or older' }) age_65_plus: ShareResponse;
  @ApiProperty({ type: ShareResponse, description: 'Self-declared minimum income' }) minimum_income: ShareResponse;
  @ApiProperty({ type: ShareResponse, description: 'Self-declared disability' }) disability: ShareResponse;
  @ApiProperty({ type: ShareResponse, description: 'Self-declared informal carer (mantelzorger)' }) informal_carer: ShareResponse;
}

export class OutputCellResponse {
  @ApiProperty({ ...COUNT, description: `Distinct residents helped (consumers of completed bookings); ${HIDDEN}` }) residents: number | string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Hours delivered as integer minutes; null when the residents are hidden' }) deliveredMinutes: number | null;
  @ApiProperty({ description: 'True when residents and minutes are hidden' }) suppressed: boolean;
  @ApiProperty({ type: ShareResponse, description: 'Residents in at least one self-declared vulnerability category' }) vulnerable: ShareResponse;
  @ApiProperty({ type: VulnerableSharesResponse, description: 'Residents per self-declared vulnerability category (declared with consent)' }) categories: VulnerableSharesResponse;
}

export class ServiceCategoryCellResponse extends OutputCellResponse {
  @ApiProperty({ description: 'Service category code', example: 'klussen' }) code: string;
  @ApiProperty({ description: 'Service category name', example: 'Klussen' }) name: string;
}

export class MonthCellResponse extends OutputCellResponse {
  @ApiProperty({ description: 'Month (Dutch time)', example: '2027-03' }) month: string;
}

export class PostcodeCellResponse extends OutputCellResponse {
  @ApiProperty({ type: 'integer', nullable: true, description: 'Postcode-4 of the residents helped; null for residents without a Dutch postcode', example: 7412 }) postcode4: number | null;
}

export class OutputsResponse {
  @ApiProperty({ type: OutputCellResponse, description: 'All of the period' }) total: OutputCellResponse;
  @ApiProperty({ type: [ServiceCategoryCellResponse], description: 'Per service category, by name' }) byServiceCategory: ServiceCategoryCellResponse[];
  @ApiProperty({ type: [MonthCellResponse], description: 'Per month' }) byMonth: MonthCellResponse[];
  @ApiProperty({ type: [PostcodeCellResponse], description: 'Per postcode-4 area of the residents' }) byPostcode: PostcodeCellResponse[];
}

export class TargetFigureResponse {
  @ApiProperty({ enum: ['hours_delivered', 'residents_helped', 'vulnerable_residents_helped', 'activities_held'], description: 'What is counted' }) kind: string;
  @ApiProperty({ description: 'Target for the agreement' }) target: number;
  @ApiProperty({ enum: ['hours', 'residents', 'activities'], description: 'Unit of target and achieved' }) unit: string;
  @ApiProperty({ ...COUNT, nullable: true, description: `Achieved in the period (whole hours, rounded down, for hours); ${HIDDEN}; null when it cannot be measured` }) achieved: number | string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'For hours: the integer minutes delivered' }) achievedMinutes: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why the target cannot be measured, when it cannot' }) note: string | null;
}

export class ReportColumnResponse {
  @ApiProperty({ description: 'Key of the column in each row' }) key: string;
  @ApiProperty({ description: 'Heading in Dutch' }) label: string;
  @ApiProperty({ enum: ['text', 'count', 'cents', 'minutes', 'date', 'month', 'percent'], description: 'How to write a value' }) kind: string;
}

export class ReportTableResponse {
  @ApiProperty({ description: 'File-name friendly name' }) name: string;
  @ApiProperty({ description: 'Heading in Dutch' }) title: string;
  @ApiProperty({ type: [ReportColumnResponse], description: 'Columns' }) columns: ReportColumnResponse[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Rows keyed by column; a hidden cell holds "<5" or "x"' }) rows: Array<Record<string, string | number | null>>;
}

/** Aggregates only: no person, address or member id. */
export class AgreementFiguresResponse {
  @ApiProperty({ type: FiguresAgreementResponse, description: 'The agreement' }) agreement: FiguresAgreementResponse;
  @ApiProperty({ description: 'First day of the period' }) from: string;
  @ApiProperty({ description: 'Last day of the period, included' }) through: string;
  @ApiProperty({ description: `Figures counting fewer residents than this are hidden`, example: MIN_CELL_COUNT }) minimumCount: number;
  @ApiProperty({ type: SpendingResponse, description: 'Budget against realised spending, from the agreement’s fund' }) spending: SpendingResponse;
  @ApiProperty({ type: FiguresMatchingResponse, description: 'Matching achieved against the rule' }) matching: FiguresMatchingResponse;
  @ApiProperty({ type: OutputsResponse, description: 'Outputs from completed bookings, small cells suppressed' }) outputs: OutputsResponse;
  @ApiProperty({ type: [TargetFigureResponse], description: 'The agreement’s targets against the outputs' }) targets: TargetFigureResponse[];
  @ApiProperty({ description: 'Whether the exchange records activities; it does not, so activities held cannot be counted' }) activitiesRecorded: boolean;
  @ApiProperty({ type: [ReportTableResponse], description: 'The same figures as tables, for the exports' }) tables: ReportTableResponse[];
}

const share = (s: ShareCell): ShareResponse => ({ residents: s.residents, sharePercent: s.sharePercent });
const cell = (c: OutputCell): OutputCellResponse => ({
  residents: c.residents,
  deliveredMinutes: c.deliveredMinutes,
  suppressed: c.suppressed,
  vulnerable: share(c.vulnerable),
  categories: { age_65_plus: share(c.categories.age_65_plus), minimum_income: share(c.categories.minimum_income), disability: share(c.categories.disability), informal_carer: share(c.categories.informal_carer) },
});
const target = (t: TargetFigure): TargetFigureResponse => ({ kind: t.kind, target: t.target, unit: t.unit, achieved: t.achieved, achievedMinutes: t.achievedMinutes, note: t.note });
const table = (t: ReportTable): ReportTableResponse => ({ name: t.name, title: t.title, columns: t.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind })), rows: t.rows });

export function mapAgreementFigures(f: AgreementFigures): AgreementFiguresResponse {
  const s = f.spending;
  const m = f.matching;
  return {
    agreement: { ...f.agreement },
    from: f.from,
    through: f.through,
    minimumCount: MIN_CELL_COUNT,
    spending: {
      budgetCents: s.fund.budgetCents,
      openingCents: s.figures.openingCents,
      receivedCents: s.figures.receivedCents,
      spentCents: s.figures.spentCents,
      committedCents: s.figures.committedCents,
      unspentCents: s.figures.unspentCents,
      budget: s.budget.map((b) => ({ accountCode: b.accountCode, accountName: b.accountName, budgetCents: b.budgetCents, actualCents: b.actualCents, remainingCents: b.remainingCents })),
    },
    matching: { ratio: { ...m.ratio }, capCents: m.capCents, grantedCents: m.grantedCents, ownSourcesCents: m.ownSourcesCents, earnedCents: m.earnedCents, matchingCents: m.matchingCents, binding: m.binding, from: m.from, through: m.through },
    outputs: {
      total: cell(f.outputs.total),
      byServiceCategory: f.outputs.byServiceCategory.map((c) => ({ code: c.code, name: c.name, ...cell(c) })),
      byMonth: f.outputs.byMonth.map((c) => ({ month: c.month, ...cell(c) })),
      byPostcode: f.outputs.byPostcode.map((c) => ({ postcode4: c.postcode4, ...cell(c) })),
    },
    targets: f.targets.map(target),
    activitiesRecorded: false,
    tables: f.tables.map(table),
  };
}
