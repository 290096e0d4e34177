import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsOmittable } from '@buurtcoop/core';
import { PRICINGS, Pricing, ServiceCategory } from '../entities/service-category.entity';
import { ExchangePolicy } from '../../policy/entities/exchange-policy.entity';

const MAX_CENTS = 1_000_000;

export class UpdateCategoryDto {
  @ApiPropertyOptional({ description: 'Name shown to residents', example: 'Boodschappen' }) @IsOmittable() @IsString() @Length(2, 100) name?: string;
  @ApiPropertyOptional({ description: 'Providers need a valid VOG' }) @IsOmittable() @IsBoolean() requiresVog?: boolean;
  @ApiPropertyOptional({ description: 'Length of a booking in minutes (15 to 480)', example: 60 }) @IsOmittable() @IsInt() @Min(15) @Max(480) defaultDurationMinutes?: number;
  @ApiPropertyOptional({ description: 'hourly, fixed or free', enum: PRICINGS }) @IsOmittable() @IsIn(PRICINGS) pricing?: Pricing;
  @ApiPropertyOptional({ description: 'Lowest rate an offer may ask, in cents' }) @IsOmittable() @IsInt() @Min(0) @Max(MAX_CENTS) minRateCents?: number;
  @ApiPropertyOptional({ description: 'Highest rate an offer may ask, in cents' }) @IsOmittable() @IsInt() @Min(0) @Max(MAX_CENTS) maxRateCents?: number;
  @ApiPropertyOptional({ description: 'The consumer pays an eigen bijdrage' }) @IsOmittable() @IsBoolean() contributionApplies?: boolean;
  @ApiPropertyOptional({ description: 'What a minimum-income member pays instead, in cents (null: no reduced tariff)', nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  reducedContributionCents?: number | null;
  @ApiPropertyOptional({ description: 'Offered in the catalogue' }) @IsOmittable() @IsBoolean() active?: boolean;
}

export class UpdatePolicyDto {
  @ApiPropertyOptional({ description: 'Hours before the start after which a cancellation is late', example: 24 }) @IsOmittable() @IsInt() @Min(0) @Max(168) cancellationNoticeHours?: number;
  @ApiPropertyOptional({ description: 'Fee for a consumer’s late cancellation, in cents (0: recorded without a fee)', example: 500 }) @IsOmittable() @IsInt() @Min(0) @Max(MAX_CENTS) lateCancellationFeeCents?: number;
  @ApiPropertyOptional({ description: 'Hours after which an unanswered request expires', example: 48 }) @IsOmittable() @IsInt() @Min(1) @Max(336) requestExpiryHours?: number;
  @ApiPropertyOptional({ description: 'Days after which unconfirmed delivered work completes by itself', example: 7 }) @IsOmittable() @IsInt() @Min(1) @Max(60) autoCompleteDays?: number;
}

export class CategoryResponse {
  @ApiProperty({ format: 'uuid', description: 'Category id' }) id: string;
  @ApiProperty({ description: 'Short code', example: 'boodschappen' }) code: string;
  @ApiProperty({ description: 'Name' }) name: string;
  @ApiProperty({ description: 'Providers need a valid VOG' }) requiresVog: boolean;
  @ApiProperty({ description: 'Length of a booking in minutes' }) defaultDurationMinutes: number;
  @ApiProperty({ enum: PRICINGS, description: 'hourly, fixed or free' }) pricing: Pricing;
  @ApiProperty({ description: 'Lowest rate, cents' }) minRateCents: number;
  @ApiProperty({ description: 'Highest rate, cents' }) maxRateCents: number;
  @ApiProperty({ description: 'An eigen bijdrage applies' }) contributionApplies: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Reduced tariff for minimum income, cents' }) reducedContributionCents: number | null;
  @ApiProperty({ description: 'Offered in the catalogue' }) active: boolean;
}

export function mapCategory(c: ServiceCategory): CategoryResponse {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    requiresVog: c.requiresVog,
    defaultDurationMinutes: c.defaultDurationMinutes,
    pricing: c.pricing,
    minRateCents: c.minRateCents,
    maxRateCents: c.maxRateCents,
    contributionApplies: c.contributionApplies,
    reducedContributionCents: c.reducedContributionCents,
    active: c.active,
  };
}

export class PolicyResponse {
  @ApiProperty({ description: 'Hours of notice for a free cancellation' }) cancellationNoticeHours: number;
  @ApiProperty({ description: 'Late cancellation fee, cents' }) lateCancellationFeeCents: number;
  @ApiProperty({ description: 'Hours until an unanswered request expires' }) requestExpiryHours: number;
  @ApiProperty({ description: 'Days until delivered work completes by itself' }) autoCompleteDays: number;
}

export function mapPolicy(p: ExchangePolicy): PolicyResponse {
  return { cancellationNoticeHours: p.cancellationNoticeHours, lateCancellationFeeCents: p.lateCancellationFeeCents, requestExpiryHours: p.requestExpiryHours, autoCompleteDays: p.autoCompleteDays };
}
