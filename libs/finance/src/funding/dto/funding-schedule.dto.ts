import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { FundingReport, FundingTranche } from '../entities/funding-schedule.entity';
import { FundingDeadline } from '../funding-schedule.repository';

const MAX_CENTS = 100_000_000_000;

export class TrancheDto {
  @ApiProperty({ description: 'When the funder is expected to pay it (YYYY-MM-DD)', example: '2027-03-01' }) @IsCalendarDate() expectedOn: string;
  @ApiProperty({ description: 'Amount in cents', example: 500000 }) @IsInt() @Min(1) @Max(MAX_CENTS) amountCents: number;
}

export class ReportDueDto {
  @ApiProperty({ description: 'When the report is due (YYYY-MM-DD)', example: '2027-07-01' }) @IsCalendarDate() dueOn: string;
  @ApiProperty({ description: 'What is due', example: 'Tussenrapportage' }) @IsString() @Length(3, 200) description: string;
}

export class ReceiveTrancheDto {
  @ApiPropertyOptional({ description: 'Day the money arrived (YYYY-MM-DD); required unless a statement line is given', example: '2027-03-04' })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The open bank statement line that brought the money; it is booked instead of a separate entry' })
  @IsOptional()
  @IsUUID()
  statementLineId?: string;
}

export class SubmitReportDto {
  @ApiProperty({ description: 'Day the report was sent to the funder (YYYY-MM-DD)', example: '2027-06-28' }) @IsCalendarDate() submittedOn: string;
}

export class DeadlinesQueryDto {
  @ApiProperty({ description: 'Reports due on or before this day (YYYY-MM-DD)', example: '2028-07-01' }) @IsCalendarDate() before: string;
}

export class TrancheResponse {
  @ApiProperty({ format: 'uuid', description: 'Tranche id' }) id: string;
  @ApiProperty({ description: 'Expected on' }) expectedOn: string;
  @ApiProperty({ description: 'Amount in cents' }) amountCents: number;
  @ApiProperty({ nullable: true, type: String, description: 'Received on, or null while expected' }) receivedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The bank line it was booked from' }) statementLineId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Idempotency key of the ledger entry that booked it' }) ledgerKey: string | null;
}

export class ReportDueResponse {
  @ApiProperty({ format: 'uuid', description: 'Report id' }) id: string;
  @ApiProperty({ description: 'Due on' }) dueOn: string;
  @ApiProperty({ description: 'What is due' }) description: string;
  @ApiProperty({ nullable: true, type: String, description: 'Submitted on, or null while open' }) submittedOn: string | null;
}

export class FundingDeadlineResponse {
  @ApiProperty({ format: 'uuid', description: 'Report id' }) reportId: string;
  @ApiProperty({ description: 'Due on' }) dueOn: string;
  @ApiProperty({ description: 'What is due' }) description: string;
  @ApiProperty({ enum: ['grant', 'agreement'], description: 'A foundation grant or a municipal co-finance agreement' }) source: 'grant' | 'agreement';
  @ApiProperty({ format: 'uuid', description: 'The grant or agreement' }) sourceId: string;
  @ApiProperty({ description: 'Foundation and project, or municipality and kenmerk' }) sourceName: string;
}

export const mapTranche = (t: FundingTranche): TrancheResponse => ({
  id: t.id,
  expectedOn: t.expectedOn,
  amountCents: t.amountCents,
  receivedOn: t.receivedOn,
  statementLineId: t.statementLineId,
  ledgerKey: t.receivedKey,
});

export const mapReportDue = (r: FundingReport): ReportDueResponse => ({ id: r.id, dueOn: r.dueOn, description: r.description, submittedOn: r.submittedOn });

export const mapDeadline = (d: FundingDeadline): FundingDeadlineResponse => ({ ...d });
