import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { VersionComparison } from '../compare';
import { AccountabilityComment, AccountabilityReport, AccountabilityReportVersion } from '../entities/accountability-report.entity';
import { ReportDetail } from '../accountability.service';

const SECTION_MAX = 20_000;

export class CreateAccountabilityDto {
  @ApiProperty({ description: 'First day of the period accounted for (YYYY-MM-DD), within the agreement', example: '2027-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ description: 'Last day of the period, included (YYYY-MM-DD), within the agreement', example: '2027-12-31' })
  @IsCalendarDate()
  through: string;
}

export class NarrativeDto {
  @ApiPropertyOptional({ description: 'Samenvatting: what the money achieved, in a few lines' }) @IsOptional() @IsString() @MaxLength(SECTION_MAX) samenvatting?: string;
  @ApiPropertyOptional({ description: 'Activiteiten: what was done' }) @IsOptional() @IsString() @MaxLength(SECTION_MAX) activiteiten?: string;
  @ApiPropertyOptional({ description: 'Bereik: who was reached, in aggregate' }) @IsOptional() @IsString() @MaxLength(SECTION_MAX) bereik?: string;
  @ApiPropertyOptional({ description: 'Financiën: spending against the budget explained' }) @IsOptional() @IsString() @MaxLength(SECTION_MAX) financien?: string;
  @ApiPropertyOptional({ description: 'Vooruitblik: plans for the next period' }) @IsOptional() @IsString() @MaxLength(SECTION_MAX) vooruitblik?: string;
}

export class SaveAccountabilityDto {
  @ApiProperty({ type: NarrativeDto, description: 'The sections to change; the others stay as in the newest version' })
  @IsObject()
  @ValidateNested()
  @Type(() => NarrativeDto)
  sections: NarrativeDto;
}

export class DocumentDto {
  @ApiProperty({ description: 'Kind of document: activity_report, financial_report or accountant_statement', example: 'activity_report' }) @IsString() @IsNotEmpty() kind: string;
  @ApiProperty({ description: 'Name of the document', example: 'Inhoudelijk verslag 2027' }) @IsString() @IsNotEmpty() name: string;
  @ApiProperty({ description: 'Where the document is kept', example: 'DMS-2028-014' }) @IsString() @IsNotEmpty() reference: string;
}

export class SubmitAccountabilityReportDto {
  @ApiPropertyOptional({ type: [DocumentDto], description: 'Documents the agreement’s tier needs (medium: activity_report; large: also financial_report and accountant_statement)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DocumentDto)
  documents?: DocumentDto[];
}

export class CompareQueryDto {
  @ApiProperty({ description: 'Older version number', example: 1 }) @Type(() => Number) @IsInt() @Min(1) from: number;
  @ApiProperty({ description: 'Newer version number', example: 3 }) @Type(() => Number) @IsInt() @Min(1) to: number;
}

export class CommentDto {
  @ApiProperty({ description: 'The version commented on', example: 2 }) @IsInt() @Min(1) version: number;
  @ApiProperty({ description: 'The comment', example: 'Licht het bereik in de wijk Voorstad toe.' }) @IsString() @IsNotEmpty() @MaxLength(10_000) body: string;
}

export class RequestChangesDto {
  @ApiProperty({ description: 'What the board should change', example: 'Vul de vooruitblik aan.' }) @IsString() @IsNotEmpty() @MaxLength(10_000) reason: string;
}

export class SettleReportDto {
  @ApiProperty({ description: 'The amount settled (vastgesteld), in cents, at most the amount granted', example: 1_800_000 }) @IsInt() @Min(0) settledCents: number;
  @ApiPropertyOptional({ description: 'The reason, required when settling below the amount granted' }) @IsOptional() @IsString() @MaxLength(5_000) reason?: string;
  @ApiPropertyOptional({ description: 'Date of the settlement (YYYY-MM-DD); default today' }) @IsOptional() @IsCalendarDate() settledOn?: string;
}

export class VersionSummaryResponse {
  @ApiProperty({ description: 'Version number, from 1' }) version: number;
  @ApiProperty({ enum: ['draft', 'save', 'submission'], description: 'What made the version' }) kind: string;
  @ApiProperty({ description: 'When it was made' }) createdAt: string;
}

export class VersionResponse extends VersionSummaryResponse {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Narrative sections: samenvatting, activiteiten, bereik, financien, vooruitblik' }) narrative: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The agreement’s figures when the version was made, in aggregate with small cells suppressed (as the reviewer’s figures route)' }) figures: Record<string, unknown>;
}

export class CommentResponse {
  @ApiProperty({ description: 'The version commented on' }) version: number;
  @ApiProperty({ enum: ['comment', 'changes_requested'], description: 'A comment, or the reason changes were asked for' }) kind: string;
  @ApiProperty({ description: 'Text' }) body: string;
  @ApiProperty({ description: 'When' }) createdAt: string;
}

export class AccountabilityReportResponse {
  @ApiProperty({ description: 'Report id' }) id: string;
  @ApiProperty({ description: 'Cooperative' }) cooperativeId: string;
  @ApiProperty({ description: 'Agreement accounted for' }) agreementId: string;
  @ApiProperty({ description: 'The agreement’s kenmerk' }) agreementReference: string;
  @ApiProperty({ description: 'First day of the period' }) from: string;
  @ApiProperty({ description: 'Last day of the period' }) through: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'changes_requested', 'approved'], description: 'Where the report stands' }) status: string;
  @ApiProperty({ description: 'Newest version number' }) currentVersion: number;
  @ApiPropertyOptional({ type: [VersionSummaryResponse], description: 'Versions, oldest first (in a detail)' }) versions?: VersionSummaryResponse[];
  @ApiPropertyOptional({ type: [CommentResponse], description: 'Reviewer comments, oldest first (in a detail)' }) comments?: CommentResponse[];
}

export class NarrativeChangeResponse {
  @ApiProperty({ description: 'Section' }) section: string;
  @ApiProperty({ description: 'Text in the older version' }) from: string;
  @ApiProperty({ description: 'Text in the newer version' }) to: string;
}

export class FigureChangeResponse {
  @ApiProperty({ description: 'Path of the figure, e.g. spending.spentCents or outputs.byMonth[0].residents' }) path: string;
  @ApiProperty({ nullable: true, description: 'Value in the older version (null when absent)' }) from: string | number | boolean | null;
  @ApiProperty({ nullable: true, description: 'Value in the newer version (null when absent)' }) to: string | number | boolean | null;
}

export class ComparisonResponse {
  @ApiProperty({ description: 'Older version' }) from: number;
  @ApiProperty({ description: 'Newer version' }) to: number;
  @ApiProperty({ type: [NarrativeChangeResponse], description: 'Sections whose text changed' }) narrative: NarrativeChangeResponse[];
  @ApiProperty({ type: [FigureChangeResponse], description: 'Figures that changed (the export tables left out)' }) figures: FigureChangeResponse[];
}

export class SettlementResponse {
  @ApiProperty({ type: AccountabilityReportResponse, description: 'The approved report' }) report: AccountabilityReportResponse;
  @ApiProperty({ description: 'The agreement’s status after the settlement', example: 'settled' }) agreementStatus: string;
  @ApiProperty({ description: 'Amount settled, in cents' }) settledCents: number;
}

const summary = (v: AccountabilityReportVersion): VersionSummaryResponse => ({ version: v.version, kind: v.kind, createdAt: v.createdAt.toISOString() });
const comment = (c: AccountabilityComment): CommentResponse => ({ version: c.version, kind: c.kind, body: c.body, createdAt: c.createdAt.toISOString() });

export function mapReport(r: AccountabilityReport, detail?: Omit<ReportDetail, 'report'>): AccountabilityReportResponse {
  return {
    id: r.id,
    cooperativeId: r.cooperativeId,
    agreementId: r.agreementId,
    agreementReference: r.agreementReference,
    from: r.periodFrom,
    through: r.periodThrough,
    status: r.status,
    currentVersion: r.currentVersion,
    ...(detail ? { versions: detail.versions.map(summary), comments: detail.comments.map(comment) } : {}),
  };
}

export const mapDetail = (d: ReportDetail) => mapReport(d.report, d);
export const mapVersion = (v: AccountabilityReportVersion): VersionResponse => ({ ...summary(v), narrative: { ...v.narrative }, figures: v.figures });
export const mapComparison = (c: VersionComparison): ComparisonResponse => ({ from: c.from, to: c.to, narrative: c.narrative.map((n) => ({ ...n })), figures: c.figures.map((f) => ({ ...f })) });
