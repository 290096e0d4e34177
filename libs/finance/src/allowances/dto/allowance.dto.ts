import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { HasAtMostDecimals, PageQueryDto } from '@buurtcoop/core';
import { ALLOWANCE_STATUSES, Allowance, AllowanceStatus } from '../entities/allowance.entity';
import { EffectiveCaps } from '../allowance-caps';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A cap above €100.000 is a typing error, not a tax rule. */
const MAX_CAP_CENTS = 10_000_000;

export class SetAllowanceCapsDto {
  @ApiProperty({ description: 'Tax-free maximum per hour for a volunteer of 21 or older, in cents', example: 500 }) @IsInt() @Min(1) @Max(MAX_CAP_CENTS) hourlyCents: number;
  @ApiProperty({ description: 'Tax-free maximum per hour for a volunteer under 21, in cents', example: 300 }) @IsInt() @Min(1) @Max(MAX_CAP_CENTS) hourlyUnder21Cents: number;
  @ApiProperty({ description: 'Tax-free maximum per month, in cents', example: 21000 }) @IsInt() @Min(1) @Max(MAX_CAP_CENTS) monthlyCents: number;
  @ApiProperty({ description: 'Tax-free maximum per calendar year, in cents', example: 210000 }) @IsInt() @Min(1) @Max(MAX_CAP_CENTS) yearlyCents: number;
}

export class AllowanceCapsResponse {
  @ApiProperty({ description: 'The year asked for' }) requestedYear: number;
  @ApiProperty({ description: 'The year whose caps apply: the year asked for, or the latest earlier year with caps' }) year: number;
  @ApiProperty({ enum: ['cooperative', 'product'], description: 'Set by the cooperative, or the figures the product ships with' }) source: 'cooperative' | 'product';
  @ApiProperty({ description: 'Per hour, 21 or older, in cents' }) hourlyCents: number;
  @ApiProperty({ description: 'Per hour, under 21, in cents' }) hourlyUnder21Cents: number;
  @ApiProperty({ description: 'Per month, in cents' }) monthlyCents: number;
  @ApiProperty({ description: 'Per calendar year, in cents' }) yearlyCents: number;
}

export const mapCaps = (requestedYear: number, c: EffectiveCaps): AllowanceCapsResponse => ({
  requestedYear,
  year: c.year,
  source: c.source,
  hourlyCents: c.hourlyCents,
  hourlyUnder21Cents: c.hourlyUnder21Cents,
  monthlyCents: c.monthlyCents,
  yearlyCents: c.yearlyCents,
});

export class GrantAllowanceDto {
  @ApiProperty({ format: 'uuid', description: 'The volunteer (a member)' }) @IsUUID() memberId: string;
  @ApiProperty({ description: 'The month the work was done (YYYY-MM)', example: '2027-03' }) @Matches(MONTH, { message: 'month must be a month like 2027-03' }) month: string;
  @ApiProperty({ description: 'Hours worked that month, up to two decimals', example: 12.5 })
  @HasAtMostDecimals(2)
  @Min(0.01)
  @Max(744)
  hours: number;
  @ApiProperty({ description: 'The allowance, in cents', example: 6000 }) @IsInt() @Min(1) @Max(MAX_CAP_CENTS) amountCents: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'The earmarked fund that bears the cost' }) @IsOptional() @IsUUID() fundId?: string;
  @ApiProperty({ description: 'What the volunteer did', example: 'Boodschappendienst maart' }) @IsString() @Length(3, 500) description: string;
}

export class CancelAllowanceDto {
  @ApiProperty({ description: 'Why the allowance is cancelled', example: 'Dubbel ingevoerd' }) @IsString() @Length(3, 500) reason: string;
}

export class AllowanceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this volunteer' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ description: 'Only this month (YYYY-MM)' }) @IsOptional() @Matches(MONTH, { message: 'month must be a month like 2027-03' }) month?: string;
}

export class OwnAllowanceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this month (YYYY-MM)' }) @IsOptional() @Matches(MONTH, { message: 'month must be a month like 2027-03' }) month?: string;
}

export class AllowanceResponse {
  @ApiProperty({ format: 'uuid', description: 'Allowance id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The volunteer' }) memberId: string;
  @ApiProperty({ description: 'Month of the work (YYYY-MM)' }) month: string;
  @ApiProperty({ description: 'Hours worked' }) hours: number;
  @ApiProperty({ description: 'Allowance, in cents' }) amountCents: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Fund that bears the cost' }) fundId: string | null;
  @ApiProperty({ description: 'What the volunteer did' }) description: string;
  @ApiProperty({ enum: ALLOWANCE_STATUSES, description: 'granted or cancelled' }) status: AllowanceStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was cancelled' }) cancelReason: string | null;
  @ApiProperty({ description: 'Granted at' }) createdAt: string;
}

export class AllowancePageResponse {
  @ApiProperty({ type: [AllowanceResponse], description: 'This page' }) items: AllowanceResponse[];
  @ApiProperty({ description: 'All matching allowances' }) total: number;
}

export const mapAllowance = (a: Allowance): AllowanceResponse => ({
  id: a.id,
  memberId: a.memberId,
  month: a.month,
  hours: Number(a.hours),
  amountCents: a.amountCents,
  fundId: a.fundId,
  description: a.description,
  status: a.status,
  cancelReason: a.cancelReason,
  createdAt: a.createdAt.toISOString(),
});
