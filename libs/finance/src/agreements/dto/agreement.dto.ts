import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { receivedCents } from '../../funding/funding-schedule.service';
import { ReportDueDto, ReportDueResponse, TrancheDto, TrancheResponse, mapReportDue, mapTranche } from '../../funding/dto/funding-schedule.dto';
import { AGREEMENT_STATUSES, AgreementStatus, CoFinanceAgreement, CoFinanceTarget, REPORTING_TIERS, ReportingTier, TARGET_KINDS, TargetKind } from '../entities/co-finance-agreement.entity';
import { ACCOUNTABILITY_DOCUMENT_KINDS, AccountabilityDocumentKind, MatchingBinding } from '../matching';
import { AgreementDetail, AgreementMatching } from '../agreements.service';
import { FUND_CODE, FUND_CODE_MESSAGE } from '../../funds/dto/fund.dto';

const MAX_CENTS = 100_000_000_000;

export class RatioDto {
  @ApiProperty({ description: 'Numerator: the municipality adds numerator/denominator of every euro raised from own sources', example: 1 }) @IsInt() @Min(1) @Max(100) numerator: number;
  @ApiProperty({ description: 'Denominator (1/2 means fifty cents per euro)', example: 1 }) @IsInt() @Min(1) @Max(100) denominator: number;
}

export class ThresholdsDto {
  @ApiProperty({ description: 'Up to and including this amount (cents) the subsidy is small and settled directly; the municipality’s own setting', example: 2500000 }) @IsInt() @Min(0) @Max(MAX_CENTS) smallMaxCents: number;
  @ApiProperty({ description: 'Up to and including this amount (cents) it is medium (activity report); above it large', example: 12500000 }) @IsInt() @Min(0) @Max(MAX_CENTS) mediumMaxCents: number;
}

export class TargetDto {
  @ApiProperty({ enum: TARGET_KINDS, description: 'What is counted' }) @IsIn(TARGET_KINDS) kind: TargetKind;
  @ApiProperty({ description: 'The target for the period', example: 1200 }) @IsInt() @Min(0) @Max(10_000_000) target: number;
}

export class RecordAgreementDto {
  @ApiProperty({ description: 'The beschikking’s kenmerk', example: 'Z/26/184467' }) @IsString() @Length(2, 60) reference: string;
  @ApiProperty({ description: 'First day of the subsidy period (YYYY-MM-DD)', example: '2027-01-01' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ description: 'Last day of the subsidy period (YYYY-MM-DD)', example: '2027-12-31' }) @IsCalendarDate() endsOn: string;
  @ApiProperty({ description: 'Amount granted in cents', example: 4000000 }) @IsInt() @Min(1) @Max(MAX_CENTS) grantedCents: number;
  @ApiProperty({ type: RatioDto, description: 'Matching ratio as whole numbers' }) @IsObject() @ValidateNested() @Type(() => RatioDto) ratio: RatioDto;
  @ApiPropertyOptional({ description: 'Most the matching can earn, in cents (default: the amount granted)', example: 3000000 }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) capCents?: number;
  @ApiPropertyOptional({ description: 'Income accounts that count as own sources (default 8000 contributies, 8100 eigen bijdragen, 8200 giften)', example: ['8000', '8100', '8200'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(/^\d{4}$/, { each: true, message: 'ownSourceAccountCodes must be 4-digit account codes, e.g. 8200' })
  ownSourceAccountCodes?: string[];
  @ApiPropertyOptional({ type: ThresholdsDto, description: 'The municipality’s tier thresholds, when they differ from the usual €25,000 / €125,000' }) @IsOptional() @ValidateNested() @Type(() => ThresholdsDto) thresholds?: ThresholdsDto;
  @ApiProperty({ type: [TrancheDto], description: 'Advance schedule (voorschotten); together at most the amount granted' }) @IsArray() @ArrayMaxSize(24) @ValidateNested({ each: true }) @Type(() => TrancheDto) advances: TrancheDto[];
  @ApiProperty({ type: [ReportDueDto], description: 'When accountability is due' }) @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => ReportDueDto) reportsDue: ReportDueDto[];
  @ApiProperty({ type: [TargetDto], description: 'Output targets; each kind at most once' }) @IsArray() @ArrayMaxSize(TARGET_KINDS.length) @ValidateNested({ each: true }) @Type(() => TargetDto) targets: TargetDto[];
  @ApiPropertyOptional({ format: 'uuid', description: 'An open fund to book the subsidy on; without it a restricted municipality fund is opened' }) @IsOptional() @IsUUID() fundId?: string;
  @ApiPropertyOptional({ description: 'Code of the fund to open (default GEM-<first 8 of the agreement id>)', example: 'BOOD-2027' }) @IsOptional() @Matches(FUND_CODE, { message: `fundCode ${FUND_CODE_MESSAGE}` }) fundCode?: string;
}

export class AccountabilityDocumentDto {
  @ApiProperty({ enum: ACCOUNTABILITY_DOCUMENT_KINDS, description: 'activity_report, financial_report or accountant_statement' }) @IsIn(ACCOUNTABILITY_DOCUMENT_KINDS) kind: AccountabilityDocumentKind;
  @ApiProperty({ description: 'Document name', example: 'Activiteitenverslag 2027' }) @IsString() @Length(2, 200) name: string;
  @ApiProperty({ description: 'Where it is (the municipality’s portal number, a file reference)', example: 'eLoket 2028-004512' }) @IsString() @Length(1, 300) reference: string;
}

export class SubmitAccountabilityDto {
  @ApiProperty({ description: 'Day it was sent (YYYY-MM-DD)', example: '2028-03-15' }) @IsCalendarDate() submittedOn: string;
  @ApiProperty({ type: [AccountabilityDocumentDto], description: 'The documents, as the tier requires' }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => AccountabilityDocumentDto) documents: AccountabilityDocumentDto[];
}

export class StartReviewDto {
  @ApiProperty({ description: 'Day the municipality started its review (YYYY-MM-DD)', example: '2028-04-02' }) @IsCalendarDate() startedOn: string;
}

export class SettleAgreementDto {
  @ApiProperty({ description: 'The settled amount in cents (vaststelling), at most granted', example: 3800000 }) @IsInt() @Min(0) @Max(MAX_CENTS) settledCents: number;
  @ApiProperty({ description: 'Date of the settlement decision (YYYY-MM-DD)', example: '2028-06-01' }) @IsCalendarDate() settledOn: string;
  @ApiPropertyOptional({ description: 'The municipality’s reason; required when lower than granted (Awb 4:46)', example: 'Minder activiteiten uitgevoerd dan beschikt' }) @IsOptional() @IsString() @Length(0, 2000) reason?: string;
}

export class MatchingQueryDto {
  @ApiPropertyOptional({ description: 'Count income up to and including this day (default: the end of the period)', example: '2027-06-30' }) @IsOptional() @IsCalendarDate() through?: string;
}

export class TargetResponse {
  @ApiProperty({ enum: TARGET_KINDS, description: 'What is counted' }) kind: TargetKind;
  @ApiProperty({ description: 'Target for the period' }) target: number;
}

export class AgreementDocumentResponse {
  @ApiProperty({ description: 'Kind of document' }) kind: string;
  @ApiProperty({ description: 'Name' }) name: string;
  @ApiProperty({ description: 'Reference' }) reference: string;
}

export class AgreementResponse {
  @ApiProperty({ format: 'uuid', description: 'Agreement id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The municipality' }) municipalityId: string;
  @ApiProperty({ description: 'Kenmerk' }) reference: string;
  @ApiProperty({ description: 'Period start' }) startsOn: string;
  @ApiProperty({ description: 'Period end' }) endsOn: string;
  @ApiProperty({ description: 'Granted, in cents' }) grantedCents: number;
  @ApiProperty({ type: RatioDto, description: 'Matching ratio' }) ratio: RatioDto;
  @ApiProperty({ description: 'Matching cap, in cents' }) capCents: number;
  @ApiProperty({ type: [String], description: 'Own-source income accounts' }) ownSourceAccountCodes: string[];
  @ApiProperty({ enum: REPORTING_TIERS, description: 'Reporting tier from the amount granted' }) tier: ReportingTier;
  @ApiProperty({ type: ThresholdsDto, description: 'Thresholds the tier was derived with' }) thresholds: ThresholdsDto;
  @ApiProperty({ enum: AGREEMENT_STATUSES, description: 'granted, advances_paid, accountability_submitted, in_review or settled' }) status: AgreementStatus;
  @ApiProperty({ format: 'uuid', description: 'The fund it is booked on' }) fundId: string;
  @ApiProperty({ description: 'Advances received, in cents' }) receivedCents: number;
  @ApiProperty({ nullable: true, type: String, description: 'Accountability sent on' }) accountabilitySubmittedOn: string | null;
  @ApiProperty({ type: [AgreementDocumentResponse], description: 'Accountability documents' }) accountabilityDocuments: AgreementDocumentResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Review started on' }) reviewStartedOn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Settled amount, in cents' }) settledCents: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Settled on' }) settledOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why settled lower than granted' }) settlementReason: string | null;
  @ApiProperty({ type: [TargetResponse], description: 'Output targets' }) targets: TargetResponse[];
  @ApiProperty({ type: [TrancheResponse], description: 'Advances' }) advances: TrancheResponse[];
  @ApiProperty({ type: [ReportDueResponse], description: 'Reports due' }) reports: ReportDueResponse[];
}

export class MatchingResponse {
  @ApiProperty({ description: 'Counted from' }) from: string;
  @ApiProperty({ description: 'Counted through' }) through: string;
  @ApiProperty({ description: 'Own-source income in the period, in cents (credits minus debits)' }) ownSourcesCents: number;
  @ApiProperty({ description: 'What the ratio earns before limits, in cents (rounded down)' }) earnedCents: number;
  @ApiProperty({ description: 'Matching cap, in cents' }) capCents: number;
  @ApiProperty({ description: 'Granted, in cents' }) grantedCents: number;
  @ApiProperty({ description: 'The matching, in cents' }) matchingCents: number;
  @ApiProperty({ enum: ['own_sources', 'cap', 'granted'], description: 'Which figure limits the matching' }) binding: MatchingBinding;
}

/** What a municipality reviewer sees: aggregates, no bank details or members. */
export class MunicipalAgreementResponse {
  @ApiProperty({ format: 'uuid', description: 'Agreement id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The cooperative' }) cooperativeId: string;
  @ApiProperty({ description: 'The cooperative’s name' }) cooperativeName: string;
  @ApiProperty({ description: 'Kenmerk' }) reference: string;
  @ApiProperty({ description: 'Period start' }) startsOn: string;
  @ApiProperty({ description: 'Period end' }) endsOn: string;
  @ApiProperty({ description: 'Granted, in cents' }) grantedCents: number;
  @ApiProperty({ description: 'Advances received, in cents' }) receivedCents: number;
  @ApiProperty({ enum: REPORTING_TIERS, description: 'Reporting tier' }) tier: ReportingTier;
  @ApiProperty({ enum: AGREEMENT_STATUSES, description: 'Where it stands' }) status: AgreementStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Accountability sent on' }) accountabilitySubmittedOn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Settled amount, in cents' }) settledCents: number | null;
  @ApiProperty({ type: [TargetResponse], description: 'Output targets' }) targets: TargetResponse[];
}

const mapTargets = (targets: CoFinanceTarget[]): TargetResponse[] => targets.map((t) => ({ kind: t.kind, target: t.target }));

export const mapAgreement = ({ agreement: a, targets, tranches, reports }: AgreementDetail): AgreementResponse => ({
  id: a.id,
  municipalityId: a.municipalityId,
  reference: a.reference,
  startsOn: a.startsOn,
  endsOn: a.endsOn,
  grantedCents: a.grantedCents,
  ratio: { numerator: a.ratioNumerator, denominator: a.ratioDenominator },
  capCents: a.capCents,
  ownSourceAccountCodes: a.ownSourceAccountCodes,
  tier: a.tier,
  thresholds: { smallMaxCents: a.smallMaxCents, mediumMaxCents: a.mediumMaxCents },
  status: a.status,
  fundId: a.fundId,
  receivedCents: receivedCents(tranches),
  accountabilitySubmittedOn: a.accountabilitySubmittedOn,
  accountabilityDocuments: a.accountabilityDocuments ?? [],
  reviewStartedOn: a.reviewStartedOn,
  settledCents: a.settledCents,
  settledOn: a.settledOn,
  settlementReason: a.settlementReason,
  targets: mapTargets(targets),
  advances: tranches.map(mapTranche),
  reports: reports.map(mapReportDue),
});

export const mapMatching = (m: AgreementMatching): MatchingResponse => ({ ...m });

export const mapMunicipalAgreement = (row: { cooperativeName: string; agreement: CoFinanceAgreement; targets: CoFinanceTarget[]; receivedCents: number }): MunicipalAgreementResponse => ({
  id: row.agreement.id,
  cooperativeId: row.agreement.cooperativeId,
  cooperativeName: row.cooperativeName,
  reference: row.agreement.reference,
  startsOn: row.agreement.startsOn,
  endsOn: row.agreement.endsOn,
  grantedCents: row.agreement.grantedCents,
  receivedCents: row.receivedCents,
  tier: row.agreement.tier,
  status: row.agreement.status,
  accountabilitySubmittedOn: row.agreement.accountabilitySubmittedOn,
  settledCents: row.agreement.settledCents,
  targets: mapTargets(row.targets),
});
