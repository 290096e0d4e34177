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
