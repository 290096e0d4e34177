import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsMoment } from '@buurtcoop/core';

export class HoursQueryDto {
  @ApiPropertyOptional({ description: 'From (ISO 8601); default: the start of this year' }) @IsOptional() @IsMoment() from?: string;
  @ApiPropertyOptional({ description: 'Until (ISO 8601); default: now' }) @IsOptional() @IsMoment() to?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this member' }) @IsOptional() @IsUUID() memberId?: string;
}

export class HoursRow {
  @ApiProperty({ format: 'uuid', description: 'Member' }) memberId: string;
  @ApiProperty({ format: 'uuid', description: 'Category' }) categoryId: string;
  @ApiProperty({ description: 'Month (Dutch time), YYYY-MM', example: '2026-11' }) month: string;
  @ApiProperty({ description: 'Minutes given as provider' }) minutesGiven: number;
  @ApiProperty({ description: 'Minutes received as resident' }) minutesReceived: number;
  @ApiProperty({ description: 'Completed bookings counted' }) bookings: number;
}


/** An area (postcode-4 ranges, bounds included) and a period of whole calendar days. */
export interface AreaHoursQuery {
  postcodeRanges: ReadonlyArray<{ from: number; to: number }>;
  from: string;
  through: string;
}

/**
 * One cell of delivered hours: a category (null: all categories) in a postcode-4 (null: the whole area). Minutes are
 * integer sums; households are distinct consumer households, which cannot be added across cells.
 */
export interface AreaHoursRow {
  categoryCode: string | null;
  categoryName: string | null;
  postcode4: number | null;
  minutes: number;
  households: number;
}

/** Completed bookings and their logged minutes in one service category and calendar month (Dutch time). */
export interface CategoryMonthHoursRow {
  categoryCode: string;
  categoryName: string;
  /** `YYYY-MM`. */
  month: string;
  bookings: number;
  minutes: number;
}

/** Which level an {@link OutputFiguresRow} aggregates: one service category, one month, one postcode-4 area, or everything. */
export type OutputLevel = 'category' | 'month' | 'postcode' | 'total';

/** Residents counted per self-declared vulnerability category, only where the member consented. */
export interface VulnerableResidents {
  age_65_plus: number;
  minimum_income: number;
  disability: number;
  informal_carer: number;
}

/**
 * One cell of the outputs delivered in a period: minutes of completed bookings and the distinct residents (their
 * consumers) helped, in all and per vulnerability category. Counts are distinct at their own level and cannot be
 * added across cells. `postcode4` is null on the postcode level for residents without a Dutch postcode.
 */
export interface OutputFiguresRow {
  level: OutputLevel;
  categoryCode: string | null;
  categoryName: string | null;
  month: string | null;
  postcode4: number | null;
  minutes: number;
  residents: number;
  /** Residents with at least one vulnerability category. */
  vulnerable: number;
  categories: VulnerableResidents;
}
