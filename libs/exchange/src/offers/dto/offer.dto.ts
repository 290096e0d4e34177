import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsDutchPostcode, IsMoment } from '@buurtcoop/core';
import { Offer } from '../entities/offer.entity';
import { OfferException, OfferWindow } from '../entities/offer-window.entity';
import { fromMultirange } from '../offers.repository';
import { Slot } from '../slots.repository';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class PostcodeRangeDto {
  @ApiProperty({ description: 'First postcode-4 served', example: '7411' }) @Matches(/^[1-9]\d{3}$/, { message: 'from must be four digits of a postcode, e.g. 7411' }) from: string;
  @ApiProperty({ description: 'Last postcode-4 served', example: '7419' }) @Matches(/^[1-9]\d{3}$/, { message: 'to must be four digits of a postcode, e.g. 7419' }) to: string;
}

export class WindowDto {
  @ApiProperty({ description: 'ISO weekday, 1 = Monday … 7 = Sunday', example: 2 }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ description: 'Start, Dutch local time (HH:mm)', example: '09:00' }) @Matches(TIME, { message: 'startTime must be a time like 09:00' }) startTime: string;
  @ApiProperty({ description: 'End, Dutch local time (HH:mm)', example: '12:00' }) @Matches(TIME, { message: 'endTime must be a time like 12:00' }) endTime: string;
}

export class CreateOfferDto {
  @ApiProperty({ format: 'uuid', description: 'Service category' }) @IsUUID() categoryId: string;
  @ApiProperty({ description: 'What you offer, in your own words', example: 'Ik doe wekelijks boodschappen bij de Jumbo op de Brink.' }) @IsString() @Length(10, 2000) description: string;
  @ApiProperty({ type: [PostcodeRangeDto], description: 'Postcode-4 ranges you serve' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Type(() => PostcodeRangeDto)
  serviceArea: PostcodeRangeDto[];
  @ApiProperty({ description: 'Rate in cents, per hour or per booking, within the category’s bounds (ignored for free services)', example: 400 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rateCents: number;
  @ApiProperty({ description: 'Most bookings you take on one day', example: 3 }) @IsInt() @Min(1) @Max(24) maxBookingsPerDay: number;
  @ApiProperty({ type: [WindowDto], description: 'Weekly availability' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => WindowDto)
  windows: WindowDto[];
}

export class UpdateOfferDto {
  @ApiPropertyOptional({ description: 'Description' }) @IsOptional() @IsString() @Length(10, 2000) description?: string;
  @ApiPropertyOptional({ type: [PostcodeRangeDto], description: 'Service area' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Type(() => PostcodeRangeDto)
  serviceArea?: PostcodeRangeDto[];
  @ApiPropertyOptional({ description: 'Rate in cents' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) rateCents?: number;
  @ApiPropertyOptional({ description: 'Most bookings a day' }) @IsOptional() @IsInt() @Min(1) @Max(24) maxBookingsPerDay?: number;
  @ApiPropertyOptional({ description: 'Paused offers take no bookings' }) @IsOptional() @IsBoolean() paused?: boolean;
  @ApiPropertyOptional({ type: [WindowDto], description: 'Replaces the weekly availability' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => WindowDto)
  windows?: WindowDto[];
}

export class AddExceptionDto {
  @ApiProperty({ description: 'First day away (YYYY-MM-DD)', example: '2026-12-24' }) @IsCalendarDate() fromDate: string;
  @ApiProperty({ description: 'Last day away (YYYY-MM-DD)', example: '2027-01-03' }) @IsCalendarDate() toDate: string;
  @ApiPropertyOptional({ description: 'Why, e.g. kerstvakantie' }) @IsOptional() @IsString() @Length(1, 200) reason?: string;
}

export class SearchQueryDto {
  @ApiProperty({ format: 'uuid', description: 'Service category' }) @IsUUID() categoryId: string;
  @ApiPropertyOptional({ description: 'Postcode where the service is needed', example: '7412 BP' }) @IsOptional() @IsDutchPostcode() postcode?: string;
  @ApiProperty({ description: 'From (ISO 8601 with offset)', example: '2026-11-30T00:00:00+01:00' }) @IsMoment() from: string;
  @ApiProperty({ description: 'Until (ISO 8601 with offset); at most 62 days after from', example: '2026-12-07T00:00:00+01:00' }) @IsMoment() to: string;
}

const LOCAL = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** `2026-11-30 09:00`, the Dutch wall-clock time of an instant. */
export function localTime(moment: Date): string {
  return LOCAL.format(moment);
}

export class SlotResponse {
  @ApiProperty({ format: 'date-time', description: 'Start (instant)' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'End (instant)' }) end: string;
  @ApiProperty({ description: 'Start in Dutch local time', example: '2026-11-30 09:00' }) localStart: string;
}

export function mapSlot(s: Slot): SlotResponse {
  return { start: s.start.toISOString(), end: s.end.toISOString(), localStart: localTime(s.start) };
}

export class OfferResponse {
  @ApiProperty({ format: 'uuid', description: 'Offer id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Provider (member id)' }) providerMemberId: string;
  @ApiProperty({ format: 'uuid', description: 'Category' }) categoryId: string;
  @ApiProperty({ description: 'Description' }) description: string;
  @ApiProperty({ type: [PostcodeRangeDto], description: 'Service area' }) serviceArea: PostcodeRangeDto[];
  @ApiProperty({ description: 'Rate in cents' }) rateCents: number;
  @ApiProperty({ description: 'Most bookings a day' }) maxBookingsPerDay: number;
  @ApiProperty({ description: 'Paused' }) paused: boolean;
  @ApiProperty({ type: [WindowDto], description: 'Weekly availability' }) windows: WindowDto[];
  @ApiProperty({ description: 'Days away', type: 'array', items: { type: 'object' } }) exceptions: Array<{ id: string; fromDate: string; toDate: string; reason: string | null }>;
}

export function mapOffer(d: { offer: Offer; windows: OfferWindow[]; exceptions: OfferException[] }): OfferResponse {
  return {
    id: d.offer.id,
    providerMemberId: d.offer.providerMemberId,
    categoryId: d.offer.categoryId,
    description: d.offer.description,
    serviceArea: fromMultirange(d.offer.serviceArea).map((r) => ({ from: String(r.from), to: String(r.to) })),
    rateCents: d.offer.rateCents,
    maxBookingsPerDay: d.offer.maxBookingsPerDay,
    paused: d.offer.paused,
    windows: d.windows.map((w) => ({ weekday: w.weekday, startTime: w.startTime.slice(0, 5), endTime: w.endTime.slice(0, 5) })),
    exceptions: d.exceptions.map((e) => ({ id: e.id, fromDate: e.fromDate, toDate: e.toDate, reason: e.reason })),
  };
}

export class SearchResultResponse {
  @ApiProperty({ format: 'uuid', description: 'Offer id' }) offerId: string;
  @ApiProperty({ description: 'Provider name' }) providerName: string;
  @ApiProperty({ description: 'Description' }) description: string;
  @ApiProperty({ description: 'Rate in cents' }) rateCents: number;
  @ApiProperty({ type: [SlotResponse], description: 'Free slots, each bookable' }) slots: SlotResponse[];
}
