import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { BILLING_FREQUENCIES, BillingFrequency, DUES_RUN_STATUSES, DuesPlan, DuesRun, DuesRunStatus } from '../entities/dues.entity';
import { BILLING_PERIOD_PATTERN } from '../period';
import { DuesRunOutcome } from '../dues.service';

/** A thousand euros a year: far above any neighbourhood cooperative's dues. */
const MAX_YEARLY_CENTS = 100_000;

export class SetDuesPlanDto {
  @ApiProperty({ format: 'uuid', description: 'The membership type this plan bills' }) @IsUUID() membershipTypeId: string;
  @ApiProperty({ description: 'Dues per year in cents (0 to 100,000)', example: 3600 }) @IsInt() @Min(0) @Max(MAX_YEARLY_CENTS) yearlyAmountCents: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Reduced tariff per year for members on a minimum income; null: none', example: 1200 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_YEARLY_CENTS)
  reducedYearlyAmountCents?: number | null;
  @ApiProperty({ enum: BILLING_FREQUENCIES, description: 'Billed yearly, quarterly or monthly' }) @IsIn(BILLING_FREQUENCIES) frequency: BillingFrequency;
  @ApiPropertyOptional({ description: 'Members who join during an installment pay for the days left (default true)' }) @IsOptional() @IsBoolean() proRata?: boolean;
}

export class StartDuesRunDto {
  @ApiProperty({ description: 'Billing period: a year, a quarter or a month; installments that start in it are billed', example: '2027' })
  @Matches(BILLING_PERIOD_PATTERN, { message: 'period must be a year (2027), a quarter (2027-Q2) or a month (2027-04)' })
  period: string;
  @ApiPropertyOptional({ description: 'Issue date of the invoices (YYYY-MM-DD); default today' }) @IsOptional() @IsCalendarDate() issueDate?: string;
  @ApiPropertyOptional({ description: 'Due date (YYYY-MM-DD); default 30 days after the issue date' }) @IsOptional() @IsCalendarDate() dueDate?: string;
}

export class DuesPlanResponse {
  @ApiProperty({ format: 'uuid', description: 'Plan id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Membership type' }) membershipTypeId: string;
  @ApiProperty({ description: 'Dues per year in cents' }) yearlyAmountCents: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Reduced tariff per year in cents' }) reducedYearlyAmountCents: number | null;
  @ApiProperty({ enum: BILLING_FREQUENCIES, description: 'Billing frequency' }) frequency: BillingFrequency;
  @ApiProperty({ description: 'Pro rata for members joining mid-installment' }) proRata: boolean;
}

export class DuesRunResponse {
  @ApiProperty({ format: 'uuid', description: 'Run id' }) id: string;
  @ApiProperty({ description: 'Period billed' }) period: string;
  @ApiProperty({ description: 'Issue date of its invoices' }) issueDate: string;
  @ApiProperty({ description: 'Due date of its invoices' }) dueDate: string;
  @ApiProperty({ enum: DUES_RUN_STATUSES, description: 'running or completed' }) status: DuesRunStatus;
  @ApiProperty({ description: 'Invoices issued by this run' }) invoiceCount: number;
  @ApiProperty({ description: 'Their total in cents' }) totalCents: number;
  @ApiProperty({ description: 'Started at' }) startedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Completed at' }) completedAt: string | null;
}

export class DuesRunOutcomeResponse {
  @ApiProperty({ type: DuesRunResponse, description: 'The run' }) run: DuesRunResponse;
  @ApiProperty({ description: 'True when an unfinished run of this period was picked up' }) resumed: boolean;
  @ApiProperty({ description: 'Invoices this call issued; 0 when the period was invoiced already' }) issued: number;
}

export const mapDuesPlan = (p: DuesPlan): DuesPlanResponse => ({
  id: p.id,
  membershipTypeId: p.membershipTypeId,
  yearlyAmountCents: p.yearlyAmountCents,
  reducedYearlyAmountCents: p.reducedYearlyAmountCents,
  frequency: p.frequency,
  proRata: p.proRata,
});

export const mapDuesRun = (r: DuesRun): DuesRunResponse => ({
  id: r.id,
  period: r.period,
  issueDate: r.issueDate,
  dueDate: r.dueDate,
  status: r.status,
  invoiceCount: r.invoiceCount,
  totalCents: r.totalCents,
  startedAt: r.startedAt.toISOString(),
  completedAt: r.completedAt?.toISOString() ?? null,
});

export const mapDuesRunOutcome = (o: DuesRunOutcome): DuesRunOutcomeResponse => ({ run: mapDuesRun(o.run), resumed: o.resumed, issued: o.issued });
