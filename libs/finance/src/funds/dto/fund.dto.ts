import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, PageQueryDto } from '@buurtcoop/core';
import { FUND_STATUSES, FUNDER_KINDS, Fund, FundAttributionRule, FundCommitment, FunderKind, FundStatus } from '../entities/fund.entity';
import type { AttributableLine, FundFigure, FundLine } from '../funds.repository';
import type { FundReport } from '../funds.service';

/** Ten million euros: far above any neighbourhood fund, well inside a safe integer. */
const MAX_FUND_CENTS = 1_000_000_000;
const FIGURES = ['received', 'spent', 'other'] as const;
const ACCOUNT_CODE = /^\d{4}$/;
/** A fund's code, wherever one is chosen (a fund, a grant's or an agreement's fund). */
export const FUND_CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;
export const FUND_CODE_MESSAGE = 'must be 2 to 20 capitals, digits or dashes, e.g. BOOD-2027';

export class CreateFundDto {
  @ApiProperty({ description: 'Short code, unique in the cooperative: capitals, digits and dashes', example: 'BOOD-2027' })
  @Matches(FUND_CODE, { message: `code ${FUND_CODE_MESSAGE}` })
  code: string;
  @ApiProperty({ description: 'Name', example: 'Boodschappendienst 2027 — gemeente Deventer' }) @IsString() @Length(3, 120) name: string;
  @ApiProperty({ description: 'What the money is for, as the funder worded it', example: 'Boodschappen en vervoer voor ouderen in de Rivierenwijk' }) @IsString() @Length(3, 1000) purpose: string;
  @ApiProperty({ enum: FUNDER_KINDS, description: 'Who attached the strings' }) @IsIn(FUNDER_KINDS) funderKind: FunderKind;
  @ApiProperty({ description: 'Restricted by the funder (unspent money is owed to the purpose) rather than designated by the board' }) @IsBoolean() restricted: boolean;
  @ApiProperty({ description: 'First day (YYYY-MM-DD)', example: '2027-01-01' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ description: 'Last day (YYYY-MM-DD)', example: '2027-12-31' }) @IsCalendarDate() endsOn: string;
  @ApiProperty({ description: 'Budget in cents', example: 4000000 }) @IsInt() @Min(0) @Max(MAX_FUND_CENTS) budgetCents: number;
}

export class UpdateFundDto {
  @ApiPropertyOptional({ description: 'Name' }) @IsOptional() @IsString() @Length(3, 120) name?: string;
  @ApiPropertyOptional({ description: 'Purpose' }) @IsOptional() @IsString() @Length(3, 1000) purpose?: string;
  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD); not before anything booked on the fund' }) @IsOptional() @IsCalendarDate() endsOn?: string;
  @ApiPropertyOptional({ description: 'Budget in cents; not below the budget lines' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FUND_CENTS) budgetCents?: number;
  @ApiPropertyOptional({ enum: FUND_STATUSES, description: 'closed: nothing more can be booked on it; open reopens it' }) @IsOptional() @IsIn(FUND_STATUSES) status?: FundStatus;
}

export class FundQueryDto {
  @ApiPropertyOptional({ enum: FUND_STATUSES, description: 'Only open or only closed funds' }) @IsOptional() @IsIn(FUND_STATUSES) status?: FundStatus;
}

export class BudgetLineDto {
  @ApiProperty({ description: 'Cost account code', example: '4000' }) @Matches(ACCOUNT_CODE, { message: 'accountCode must be a 4-digit account code, e.g. 4000' }) accountCode: string;
  @ApiProperty({ description: 'Budget for that account in cents', example: 1500000 }) @IsInt() @Min(0) @Max(MAX_FUND_CENTS) amountCents: number;
}

export class SetBudgetDto {
  @ApiProperty({ type: [BudgetLineDto], description: 'The budget per cost account; replaces the lines there were' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => BudgetLineDto)
  lines: BudgetLineDto[];
}

export class FundPeriodQueryDto {
  @ApiPropertyOptional({ description: 'From (YYYY-MM-DD); default: the fund’s first day' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'Through (YYYY-MM-DD); default: the fund’s last day' }) @IsOptional() @IsCalendarDate() through?: string;
}

export class FundLinesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'From (YYYY-MM-DD); default: the fund’s first day' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'Through (YYYY-MM-DD); default: the fund’s last day' }) @IsOptional() @IsCalendarDate() through?: string;
  @ApiPropertyOptional({ enum: FIGURES, description: 'Only the lines behind one figure: received (income), spent (costs) or other' }) @IsOptional() @IsIn(FIGURES) figure?: FundFigure;
}

export class AttributableQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'From (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'Through (YYYY-MM-DD); default: today' }) @IsOptional() @IsCalendarDate() through?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only costs on this account' }) @IsOptional() @IsUUID() accountId?: string;
}

export class AttributeDto {
  @ApiProperty({ format: 'uuid', description: 'The cost line (journal line id) to attribute' }) @IsUUID() lineId: string;
  @ApiPropertyOptional({ description: 'Part of the line in cents; default: all that is not attributed yet', example: 2500 }) @IsOptional() @IsInt() @Min(1) @Max(MAX_FUND_CENTS) amountCents?: number;
}

export class AddRuleDto {
  @ApiProperty({ format: 'uuid', description: 'The fund that bears the costs' }) @IsUUID() fundId: string;
  @ApiProperty({ description: 'Cost account', example: '4300' }) @Matches(ACCOUNT_CODE, { message: 'accountCode must be a 4-digit account code, e.g. 4300' }) accountCode: string;
  @ApiProperty({ description: 'Share of each cost on the account, 1 to 100', example: 60 }) @IsInt() @Min(1) @Max(100) sharePercent: number;
  @ApiProperty({ description: 'First day the rule applies', example: '2027-01-01' }) @IsCalendarDate() validFrom: string;
  @ApiProperty({ description: 'Last day the rule applies', example: '2027-12-31' }) @IsCalendarDate() validThrough: string;
}

export class EndRuleDto {
  @ApiProperty({ description: 'New last day of the rule, within its period', example: '2027-06-30' }) @IsCalendarDate() validThrough: string;
}

export class ApplyRulesDto {
  @ApiPropertyOptional({ description: 'Attribute costs booked up to this day; default: today', example: '2027-03-31' }) @IsOptional() @IsCalendarDate() through?: string;
}

export class CommitDto {
  @ApiProperty({ description: 'What was promised', example: 'Opdracht Fietsenmakerij Jansen: onderhoud bakfiets' }) @IsString() @Length(3, 300) description: string;
  @ApiProperty({ description: 'Amount in cents', example: 45000 }) @IsInt() @Min(1) @Max(MAX_FUND_CENTS) amountCents: number;
  @ApiPropertyOptional({ description: 'Day of the promise; default: today' }) @IsOptional() @IsCalendarDate() committedOn?: string;
}

export class ReleaseDto {
  @ApiProperty({ description: 'Why: booked (name the entry) or lapsed', example: 'Factuur geboekt op 2027-03-12' }) @IsString() @Length(3, 300) reason: string;
  @ApiPropertyOptional({ description: 'Day of release; default: today' }) @IsOptional() @IsCalendarDate() releasedOn?: string;
}

export class FundResponse {
  @ApiProperty({ format: 'uuid', description: 'Fund id' }) id: string;
  @ApiProperty({ description: 'Code' }) code: string;
  @ApiProperty({ description: 'Name' }) name: string;
  @ApiProperty({ description: 'Purpose' }) purpose: string;
  @ApiProperty({ enum: FUNDER_KINDS, description: 'Who attached the strings' }) funderKind: FunderKind;
  @ApiProperty({ description: 'Restricted by the funder' }) restricted: boolean;
  @ApiProperty({ format: 'date', description: 'First day' }) startsOn: string;
  @ApiProperty({ format: 'date', description: 'Last day' }) endsOn: string;
  @ApiProperty({ description: 'Budget in cents' }) budgetCents: number;
  @ApiProperty({ enum: FUND_STATUSES, description: 'open or closed' }) status: FundStatus;
}

export function mapFund(f: Fund): FundResponse {
  return { id: f.id, code: f.code, name: f.name, purpose: f.purpose, funderKind: f.funderKind, restricted: f.restricted, startsOn: f.startsOn, endsOn: f.endsOn, budgetCents: f.budgetCents, status: f.status };
}

export class FundFiguresResponse {
  @ApiProperty({ description: 'Unspent at the start of the period' }) openingCents: number;
  @ApiProperty({ description: 'Income booked on the fund in the period' }) receivedCents: number;
  @ApiProperty({ description: 'Costs booked on (or attributed to) the fund in the period' }) spentCents: number;
  @ApiProperty({ description: 'Promised and not released at the end of the period' }) committedCents: number;
  @ApiProperty({ description: 'Opening + received − spent' }) unspentCents: number;
  @ApiProperty({ description: 'Unspent − committed' }) availableCents: number;
}

export class BudgetRowResponse {
  @ApiProperty({ description: 'Cost account' }) accountCode: string;
  @ApiProperty({ description: 'Account name' }) accountName: string;
  @ApiProperty({ description: 'Budget in cents (0: spent without a budget)' }) budgetCents: number;
  @ApiProperty({ description: 'Spent in the period' }) actualCents: number;
  @ApiProperty({ description: 'Budget − actual (negative: overspent)' }) remainingCents: number;
}

export class FundReportResponse {
  @ApiProperty({ type: FundResponse, description: 'The fund' }) fund: FundResponse;
  @ApiProperty({ format: 'date', description: 'Period from' }) from: string;
  @ApiProperty({ format: 'date', description: 'Period through' }) through: string;
  @ApiProperty({ type: FundFiguresResponse, description: 'The figures; GET …/lines?figure= lists the entries behind each' }) figures: FundFiguresResponse;
  @ApiProperty({ type: [BudgetRowResponse], description: 'Budget against actual per cost account' }) budget: BudgetRowResponse[];
}

export function mapReport(r: FundReport): FundReportResponse {
  return { fund: mapFund(r.fund), from: r.from, through: r.through, figures: r.figures, budget: r.budget };
}

export class FundLineResponse {
  @ApiProperty({ format: 'uuid', description: 'Journal entry' }) entryId: string;
  @ApiProperty({ format: 'uuid', description: 'Journal line' }) lineId: string;
  @ApiProperty({ format: 'date', description: 'Bookkeeping date' }) entryDate: string;
  @ApiProperty({ description: 'Entry description' }) description: string;
  @ApiProperty({ description: 'The entry’s idempotency key: where it came from (donation, tranche, attribution, statement line…)' }) idempotencyKey: string;
  @ApiProperty({ description: 'Account code' }) accountCode: string;
  @ApiProperty({ description: 'Account name' }) accountName: string;
  @ApiProperty({ description: 'The line in the ledger: debit positive, credit negative' }) amountCents: number;
  @ApiProperty({ enum: FIGURES, description: 'The figure it counts towards' }) figure: FundFigure;
  @ApiProperty({ description: 'What it adds to that figure' }) figureCents: number;
}

export class FundLinePageResponse {
  @ApiProperty({ type: [FundLineResponse], description: 'Lines, oldest first' }) items: FundLine[];
  @ApiProperty({ description: 'Number of lines in all pages' }) total: number;
}

export class AttributableLineResponse {
  @ApiProperty({ format: 'uuid', description: 'Journal line (what to attribute)' }) lineId: string;
  @ApiProperty({ format: 'uuid', description: 'Journal entry' }) entryId: string;
  @ApiProperty({ format: 'date', description: 'Bookkeeping date' }) entryDate: string;
  @ApiProperty({ description: 'Entry description' }) description: string;
  @ApiProperty({ description: 'Cost account' }) accountCode: string;
  @ApiProperty({ description: 'Cost in cents' }) amountCents: number;
  @ApiProperty({ description: 'Already attributed to funds' }) attributedCents: number;
}

export class AttributableLinePageResponse {
  @ApiProperty({ type: [AttributableLineResponse], description: 'Cost lines not (wholly) attributed' }) items: AttributableLineResponse[];
  @ApiProperty({ description: 'Number of lines in all pages' }) total: number;
}

export function mapAttributable(l: AttributableLine): AttributableLineResponse {
  return { lineId: l.lineId, entryId: l.entryId, entryDate: l.entryDate, description: l.description, accountCode: l.accountCode, amountCents: l.amountCents, attributedCents: l.attributedCents };
}

export class AttributionOutcomeResponse {
  @ApiProperty({ description: 'Attributions made now (0 when all was done before)' }) attributions: number;
  @ApiProperty({ description: 'Their total in cents' }) totalCents: number;
}

export class RuleResponse {
  @ApiProperty({ format: 'uuid', description: 'Rule id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Fund' }) fundId: string;
  @ApiProperty({ format: 'uuid', description: 'Cost account' }) accountId: string;
  @ApiProperty({ description: 'Share of each cost, %' }) sharePercent: number;
  @ApiProperty({ format: 'date', description: 'First day' }) validFrom: string;
  @ApiProperty({ format: 'date', description: 'Last day' }) validThrough: string;
}

export function mapRule(r: FundAttributionRule): RuleResponse {
  return { id: r.id, fundId: r.fundId, accountId: r.accountId, sharePercent: r.sharePercent, validFrom: r.validFrom, validThrough: r.validThrough };
}

export class CommitmentResponse {
  @ApiProperty({ format: 'uuid', description: 'Commitment id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Fund' }) fundId: string;
  @ApiProperty({ description: 'What was promised' }) description: string;
  @ApiProperty({ description: 'Amount in cents' }) amountCents: number;
  @ApiProperty({ format: 'date', description: 'Day of the promise' }) committedOn: string;
  @ApiProperty({ enum: ['open', 'released'], description: 'open counts as committed' }) status: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Day released' }) releasedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why released' }) releaseReason: string | null;
}

export function mapCommitment(c: FundCommitment): CommitmentResponse {
  return { id: c.id, fundId: c.fundId, description: c.description, amountCents: c.amountCents, committedOn: c.committedOn, status: c.status, releasedOn: c.releasedOn, releaseReason: c.releaseReason };
}
