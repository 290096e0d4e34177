import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsMoment } from '@buurtcoop/core';
import { BOOKING_STATUSES, Booking, BookingStatus } from '../entities/booking.entity';
import { parseRange } from '../bookings.repository';
import { localTime } from '../../offers/dto/offer.dto';

export class CreateBookingDto {
  @ApiProperty({ format: 'uuid', description: 'The offer to book' }) @IsUUID() offerId: string;
  @ApiProperty({ description: 'Start of one of the offer’s free slots (ISO 8601 with offset)', example: '2026-12-01T09:00:00+01:00' })
  @IsMoment()
  start: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Coordinators only: the resident booked for (someone without internet)' }) @IsOptional() @IsUUID() consumerMemberId?: string;
  @ApiPropertyOptional({ description: 'A note for the provider' }) @IsOptional() @IsString() @Length(1, 1000) notes?: string;
}

export class CreateSeriesDto extends CreateBookingDto {
  @ApiProperty({ description: 'How many weeks, the first included (2 to 52)', example: 10 })
  @IsInt()
  @Min(2)
  @Max(52)
  weeks: number;
}

export class SeriesResponse {
  @ApiProperty({ format: 'uuid', description: 'Series id (on each booking)' }) seriesId: string;
  @ApiProperty({ type: () => [BookingResponse], description: 'The dates booked' }) booked: BookingResponse[];
  @ApiProperty({ description: 'Dates that could not be booked, with the reason', type: 'array', items: { type: 'object' } })
  conflicts: Array<{ start: string; localStart: string; code: string; reason: string }>;
}

export class DeliverDto {
  @ApiProperty({ description: 'Minutes actually spent', example: 75 }) @IsInt() @Min(1) @Max(24 * 60) actualMinutes: number;
  @ApiPropertyOptional({ description: 'Material costs in cents, paid by the resident', example: 350 }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) materialCents?: number;
}

export class DisputeDto {
  @ApiProperty({ description: 'What is wrong with the logged work; a coordinator follows up' }) @IsString() @Length(3, 1000) reason: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ description: 'complete (the work stands, minutes corrected if given) or cancel (nothing is owed)', enum: ['complete', 'cancel'] })
  @IsIn(['complete', 'cancel'], { message: 'outcome must be complete or cancel' })
  outcome: 'complete' | 'cancel';
  @ApiPropertyOptional({ description: 'Corrected minutes (complete only)' }) @IsOptional() @IsInt() @Min(1) @Max(24 * 60) actualMinutes?: number;
  @ApiPropertyOptional({ description: 'Corrected material costs in cents (complete only)' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) materialCents?: number;
  @ApiProperty({ description: 'What was agreed with both sides; kept in the audit log' }) @IsString() @Length(3, 1000) note: string;
}

export class BookingQueryDto {
  @ApiPropertyOptional({ enum: BOOKING_STATUSES, description: 'Only bookings with this status' }) @IsOptional() @IsIn(BOOKING_STATUSES) status?: BookingStatus;
}

export class BookingResponse {
  @ApiProperty({ format: 'uuid', description: 'Booking id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Offer' }) offerId: string;
  @ApiProperty({ format: 'uuid', description: 'Category' }) categoryId: string;
  @ApiProperty({ format: 'uuid', description: 'Provider (member id)' }) providerMemberId: string;
  @ApiProperty({ format: 'uuid', description: 'Resident (member id)' }) consumerMemberId: string;
  @ApiProperty({ format: 'date-time', description: 'Start' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'End' }) end: string;
  @ApiProperty({ description: 'Start in Dutch local time', example: '2026-12-01 09:00' }) localStart: string;
  @ApiProperty({ enum: BOOKING_STATUSES, description: 'Status' }) status: BookingStatus;
  @ApiProperty({ description: 'Rate when booked, cents' }) rateCents: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Minutes logged by the provider' }) actualMinutes: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Material costs, cents' }) materialCents: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'consumer or provider' }) cancelledBy: string | null;
  @ApiProperty({ description: 'Cancelled within the notice period' }) lateCancellation: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Side that did not show up' }) noShow: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Note for the provider' }) notes: string | null;
}

export function mapBooking(b: Booking): BookingResponse {
  const { start, end } = parseRange(b.during);
  return {
    id: b.id,
    offerId: b.offerId,
    categoryId: b.categoryId,
    providerMemberId: b.providerMemberId,
    consumerMemberId: b.consumerMemberId,
    start: start.toISOString(),
    end: end.toISOString(),
    localStart: localTime(start),
    status: b.status,
    rateCents: b.rateCents,
    actualMinutes: b.actualMinutes,
    materialCents: b.materialCents,
    cancelledBy: b.cancelledBy,
    lateCancellation: b.lateCancellation,
    noShow: b.noShow,
    notes: b.notes,
  };
}
