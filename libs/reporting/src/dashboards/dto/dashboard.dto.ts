import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { AGE_BUCKETS, AgeBucket } from '@buurtcoop/finance';
import { ReportFormatDto } from '../../exports/report-format.dto';

export class BoardDashboardQueryDto extends ReportFormatDto {
  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD); default: the first of the month eleven months before `through`' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD); default: today' }) @IsOptional() @IsCalendarDate() through?: string;
}

export class TreasurerDashboardQueryDto extends ReportFormatDto {
  @ApiPropertyOptional({ description: 'The day the position is taken at (YYYY-MM-DD); default: today' }) @IsOptional() @IsCalendarDate() through?: string;
}

export class MembersMonthResponse {
  @ApiProperty({ description: 'Month, YYYY-MM', example: '2026-11' }) month: string;
  @ApiProperty({ description: 'Members at the end of the month (or at `through` in its last month)' }) members: number;
  @ApiProperty({ description: 'Members who joined in the month' }) joined: number;
  @ApiProperty({ description: 'Memberships that ended in the month' }) left: number;
}

export class CategoryHoursResponse {
  @ApiProperty({ description: 'Service category code' }) categoryCode: string;
  @ApiProperty({ description: 'Service category name' }) categoryName: string;
  @ApiProperty({ description: 'Month (Dutch time), YYYY-MM' }) month: string;
  @ApiProperty({ description: 'Completed bookings that started in the month' }) bookings: number;
  @ApiProperty({ description: 'Minutes logged on them' }) minutes: number;
}

export class AgeBucketResponse {
  @ApiProperty({ enum: AGE_BUCKETS, description: 'Days past the due date: not_due, 1-30, 31-60, 61-90, 90+' }) bucket: AgeBucket;
  @ApiProperty({ description: 'Open invoices in the bucket' }) invoices: number;
  @ApiProperty({ description: 'Still to be paid on them, in cents' }) outstandingCents: number;
}

export class AgeingResponse {
  @ApiProperty({ description: 'Invoices counted' }) invoices: number;
  @ApiProperty({ description: 'Outstanding in all, in cents' }) outstandingCents: number;
  @ApiProperty({ type: [AgeBucketResponse], description: 'Per age bucket' }) buckets: AgeBucketResponse[];
}

export class OpenHelpRequestsResponse {
  @ApiProperty({ description: 'Service category code' }) categoryCode: string;
  @ApiProperty({ description: 'Service category name' }) categoryName: string;
  @ApiProperty({ enum: ['open', 'proposed'], description: 'open: nobody matched yet; proposed: a provider was proposed' }) status: 'open' | 'proposed';
  @ApiProperty({ description: 'Requests waiting' }) requests: number;
  @ApiProperty({ description: 'The day the oldest of them was asked, YYYY-MM-DD' }) oldestOn: string;
}

export class BoardDashboardResponse {
  @ApiProperty({ description: 'First day, YYYY-MM-DD' }) from: string;
  @ApiProperty({ description: 'Last day, YYYY-MM-DD' }) through: string;
  @ApiProperty({ type: [MembersMonthResponse], description: 'Members over time, per month' }) members: MembersMonthResponse[];
  @ApiProperty({ type: [CategoryHoursResponse], description: 'Completed bookings and hours per category and month' }) hours: CategoryHoursResponse[];
  @ApiProperty({ type: AgeingResponse, description: 'Invoices open past their due date at `through`, by days overdue' }) overdue: AgeingResponse;
  @ApiProperty({ type: [OpenHelpRequestsResponse], description: 'Help requests waiting for a booking now' }) helpRequests: OpenHelpRequestsResponse[];
}

export class FundBalanceResponse {
  @ApiProperty({ format: 'uuid', description: 'Fund' }) fundId: string;
  @ApiProperty({ description: 'Fund code' }) code: string;
  @ApiProperty({ description: 'Fund name' }) name: string;
  @ApiProperty({ description: 'Restricted by the funder (owed to the purpose)' }) restricted: boolean;
  @ApiProperty({ description: 'Received from the fund’s first day through `through`, in cents' }) receivedCents: number;
  @ApiProperty({ description: 'Spent in that time, in cents' }) spentCents: number;
  @ApiProperty({ description: 'Promised and not yet spent, in cents' }) committedCents: number;
  @ApiProperty({ description: 'Received minus spent, in cents' }) unspentCents: number;
  @ApiProperty({ description: 'Unspent minus committed, in cents' }) availableCents: number;
}

export class CashPositionResponse {
  @ApiProperty({ description: 'Balance of 1100 Bank at `through`, in cents' }) bankCents: number;
  @ApiProperty({ description: 'Balance of 1150 Stripe clearing at `through`, in cents' }) stripeClearingCents: number;
  @ApiProperty({ description: 'The two together, in cents' }) totalCents: number;
}

export class ReconciliationStatusResponse {
  @ApiProperty({ description: 'Statement lines not yet explained' }) unmatchedLines: number;
  @ApiProperty({ description: 'Their net amount (in positive, out negative), in cents' }) unmatchedCents: number;
  @ApiProperty({ nullable: true, type: String, description: 'Last day an imported statement covers, YYYY-MM-DD' }) lastStatementDate: string | null;
}

export class TreasurerDashboardResponse {
  @ApiProperty({ description: 'The day the position is taken at, YYYY-MM-DD' }) through: string;
  @ApiProperty({ type: AgeingResponse, description: 'Open receivables by days past due at `through`' }) receivables: AgeingResponse;
  @ApiProperty({ type: [FundBalanceResponse], description: 'Every fund that started by `through`' }) funds: FundBalanceResponse[];
  @ApiProperty({ type: CashPositionResponse, description: 'Bank and Stripe clearing' }) cash: CashPositionResponse;
  @ApiProperty({ type: ReconciliationStatusResponse, description: 'The bank statement worklist' }) reconciliation: ReconciliationStatusResponse;
}
