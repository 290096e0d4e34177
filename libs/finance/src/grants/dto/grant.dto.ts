import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { receivedCents } from '../../funding/funding-schedule.service';
import { ReportDueDto, ReportDueResponse, TrancheDto, TrancheResponse, mapReportDue, mapTranche } from '../../funding/dto/funding-schedule.dto';
import { GRANT_STATUSES, GrantStatus } from '../entities/grant.entity';
import { GrantDetail } from '../grants.service';
import { FUND_CODE, FUND_CODE_MESSAGE } from '../../funds/dto/fund.dto';

const MAX_CENTS = 100_000_000_000;

export class ApplyGrantDto {
  @ApiProperty({ description: 'The foundation applied to', example: 'Oranje Fonds' }) @IsString() @Length(2, 200) foundationName: string;
  @ApiProperty({ description: 'The project the money is for', example: 'Boodschappendienst Rivierenwijk' }) @IsString() @Length(3, 300) project: string;
  @ApiProperty({ description: 'Amount requested in cents', example: 1500000 }) @IsInt() @Min(1) @Max(MAX_CENTS) requestedCents: number;
  @ApiProperty({ description: 'Day the application was sent (YYYY-MM-DD)', example: '2026-10-01' }) @IsCalendarDate() submittedOn: string;
}

export class AwardGrantDto {
  @ApiProperty({ description: 'Day of the foundation’s decision (YYYY-MM-DD)', example: '2026-12-15' }) @IsCalendarDate() decidedOn: string;
  @ApiProperty({ description: 'Amount awarded in cents (may differ from the request)', example: 1200000 }) @IsInt() @Min(1) @Max(MAX_CENTS) awardedCents: number;
  @ApiProperty({ description: 'First day of the grant period (YYYY-MM-DD)', example: '2027-01-01' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ description: 'Last day of the grant period (YYYY-MM-DD)', example: '2027-12-31' }) @IsCalendarDate() endsOn: string;
  @ApiProperty({ description: 'The foundation’s conditions, as in the award letter', example: 'Vermelding van het fonds in publicaties; eindverslag binnen drie maanden na afloop.' }) @IsString() @Length(1, 4000) conditions: string;
  @ApiProperty({ type: [ReportDueDto], description: 'Reports the foundation wants, with their due dates' }) @IsArray() @ArrayMaxSize(24) @ValidateNested({ each: true }) @Type(() => ReportDueDto) reportsDue: ReportDueDto[];
  @ApiPropertyOptional({ type: [TrancheDto], description: 'Tranches announced in the award letter; together at most the amount awarded' }) @IsOptional() @IsArray() @ArrayMaxSize(24) @ValidateNested({ each: true }) @Type(() => TrancheDto) tranches?: TrancheDto[];
  @ApiPropertyOptional({ format: 'uuid', description: 'An open fund to book the grant on; without it the award opens a restricted fund of its own' }) @IsOptional() @IsUUID() fundId?: string;
  @ApiPropertyOptional({ description: 'Code of the fund the award opens (default FONDS-<first 8 of the grant id>)', example: 'ORANJE-2027' }) @IsOptional() @Matches(FUND_CODE, { message: `fundCode ${FUND_CODE_MESSAGE}` }) fundCode?: string;
}

export class RejectGrantDto {
  @ApiProperty({ description: 'Day of the foundation’s decision (YYYY-MM-DD)', example: '2026-12-15' }) @IsCalendarDate() decidedOn: string;
  @ApiProperty({ description: 'The reason the foundation gave', example: 'Buiten het werkgebied van het fonds' }) @IsString() @Length(3, 1000) reason: string;
}

export class CloseGrantDto {
  @ApiProperty({ description: 'Day the grant was closed (YYYY-MM-DD)', example: '2028-04-01' }) @IsCalendarDate() closedOn: string;
}

export class GrantQueryDto {
  @ApiPropertyOptional({ enum: GRANT_STATUSES, description: 'Only grants in this state' }) @IsOptional() @IsIn(GRANT_STATUSES) status?: GrantStatus;
}

export class GrantResponse {
  @ApiProperty({ format: 'uuid', description: 'Grant id' }) id: string;
  @ApiProperty({ description: 'Foundation' }) foundationName: string;
  @ApiProperty({ description: 'Project' }) project: string;
  @ApiProperty({ description: 'Requested, in cents' }) requestedCents: number;
  @ApiProperty({ description: 'Application sent on' }) submittedOn: string;
  @ApiProperty({ enum: GRANT_STATUSES, description: 'application, awarded, rejected or closed' }) status: GrantStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Decision date' }) decidedOn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Awarded, in cents' }) awardedCents: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Grant period start' }) startsOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Grant period end' }) endsOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Conditions of the award' }) conditions: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected' }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The fund the grant is booked on' }) fundId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Closed on' }) closedOn: string | null;
  @ApiProperty({ description: 'Tranches received so far, in cents' }) receivedCents: number;
  @ApiProperty({ type: [TrancheResponse], description: 'Tranches' }) tranches: TrancheResponse[];
  @ApiProperty({ type: [ReportDueResponse], description: 'Reports due' }) reports: ReportDueResponse[];
}

export const mapGrant = ({ grant: g, tranches, reports }: GrantDetail): GrantResponse => ({
  id: g.id,
  foundationName: g.foundationName,
  project: g.project,
  requestedCents: g.requestedCents,
  submittedOn: g.submittedOn,
  status: g.status,
  decidedOn: g.decidedOn,
  awardedCents: g.awardedCents,
  startsOn: g.startsOn,
  endsOn: g.endsOn,
  conditions: g.conditions,
  rejectionReason: g.rejectionReason,
  fundId: g.fundId,
  closedOn: g.closedOn,
  receivedCents: receivedCents(tranches),
  tranches: tranches.map(mapTranche),
  reports: reports.map(mapReportDue),
});
