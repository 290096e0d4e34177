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

