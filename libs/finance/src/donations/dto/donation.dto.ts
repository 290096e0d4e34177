import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { DONATION_CHANNELS, DONATION_STATUSES, Donation, DonationChannel, DonationPledge, DonationStatus, PLEDGE_CHANNELS, PLEDGE_FREQUENCIES, PledgeChannel, PledgeFrequency } from '../entities/donation.entity';

/** The channels a gift is recorded through by hand; Stripe gifts are recorded from Stripe’s report. */
export const MANUAL_CHANNELS = ['bank_transfer', 'cash'] as const;

export class RecordDonationDto {
  @ApiPropertyOptional({ description: 'The gift in cents (without statementLineId)', example: 25000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountCents?: number;

  @ApiPropertyOptional({ description: 'Day received, YYYY-MM-DD (without statementLineId)', example: '2027-03-14' })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;

  @ApiPropertyOptional({ enum: MANUAL_CHANNELS, description: 'bank_transfer or cash (without statementLineId); both are booked on 1100 Bank' })
  @IsOptional()
  @IsIn(MANUAL_CHANNELS)
  channel?: 'bank_transfer' | 'cash';

  @ApiPropertyOptional({ format: 'uuid', description: 'The bank line the gift arrived on, from the reconciliation worklist: amount and date are the line’s' })
  @IsOptional()
  @IsUUID()
  statementLineId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Earmark: the fund the gift is for' })
  @IsOptional()
  @IsUUID()
  fundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The donor’s pledge this gift pays' })
  @IsOptional()
  @IsUUID()
  pledgeId?: string;
}

export class CancelDonationDto {
  @ApiProperty({ description: 'Why the gift is cancelled', example: 'Dubbel ingevoerd' })
  @IsString()
  @Length(3, 300)
  reason: string;
}

export class OverviewQueryDto {
  @ApiProperty({ description: 'Calendar year', example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class FundRefResponse {
  @ApiProperty({ format: 'uuid', description: 'Fund id' }) id: string;
  @ApiProperty({ description: 'Fund code' }) code: string;
  @ApiProperty({ description: 'Fund name' }) name: string;
}

export class DonationResponse {
  @ApiProperty({ format: 'uuid', description: 'Donation id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Donor' }) donorId: string;
  @ApiProperty({ description: 'Amount in cents' }) amountCents: number;
  @ApiProperty({ description: 'Day received' }) receivedOn: string;
  @ApiProperty({ enum: DONATION_CHANNELS, description: 'How it arrived' }) channel: DonationChannel;
  @ApiProperty({ type: FundRefResponse, nullable: true, description: 'Earmark' }) fund: FundRefResponse | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Pledge it pays' }) pledgeId: string | null;
  @ApiProperty({ format: 'uuid', description: 'The ledger entry that booked it' }) entryId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The bank line it arrived on' }) statementLineId: string | null;
  @ApiProperty({ enum: DONATION_STATUSES, description: 'received or cancelled' }) status: DonationStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was cancelled' }) cancelReason: string | null;
}

export const mapDonation = (g: Donation): DonationResponse => ({
  id: g.id,
  donorId: g.donorId,
  amountCents: g.amountCents,
  receivedOn: g.receivedOn,
  channel: g.channel,
  fund: g.fund ? { id: g.fund.id, code: g.fund.code, name: g.fund.name } : null,
  pledgeId: g.pledgeId,
  entryId: g.entryId,
  statementLineId: g.statementLineId,
  status: g.status,
  cancelReason: g.cancelReason,
});

export class DonorOverviewResponse {
  @ApiProperty({ format: 'uuid', description: 'Donor' }) donorId: string;
  @ApiProperty({ description: 'Donor’s name' }) name: string;
  @ApiProperty({ description: 'Calendar year' }) year: number;
  @ApiProperty({ type: [DonationResponse], description: 'The year’s gifts, oldest first, cancelled ones left out' }) donations: DonationResponse[];
  @ApiProperty({ description: 'What they add up to, in cents' }) totalCents: number;
}

export class CreatePledgeDto {
  @ApiProperty({ description: 'Amount per period in cents', example: 1000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountCents: number;

  @ApiProperty({ enum: PLEDGE_FREQUENCIES, description: 'Every month, quarter or year', example: 'month' })
  @IsIn(PLEDGE_FREQUENCIES)
  frequency: PledgeFrequency;

  @ApiProperty({ description: 'First payment due, YYYY-MM-DD', example: '2027-01-01' })
  @IsCalendarDate()
  startsOn: string;

  @ApiPropertyOptional({ description: 'Last day a payment falls due, YYYY-MM-DD', example: '2031-12-31' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Earmark: the fund the pledge is for' })
  @IsOptional()
  @IsUUID()
  fundId?: string;

  @ApiProperty({ enum: PLEDGE_CHANNELS, description: 'Paid by recurring bank transfer or by repeated Stripe checkouts', example: 'bank_transfer' })
  @IsIn(PLEDGE_CHANNELS)
  channel: PledgeChannel;
}

export class EndPledgeDto {
  @ApiPropertyOptional({ description: 'Last day a payment falls due, YYYY-MM-DD; default today', example: '2027-06-30' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;
}

export class PledgeResponse {
  @ApiProperty({ format: 'uuid', description: 'Pledge id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Donor' }) donorId: string;
  @ApiProperty({ description: 'Amount per period in cents' }) amountCents: number;
  @ApiProperty({ enum: PLEDGE_FREQUENCIES, description: 'Period' }) frequency: PledgeFrequency;
  @ApiProperty({ description: 'First payment due' }) startsOn: string;
  @ApiProperty({ nullable: true, type: String, description: 'Last day a payment falls due' }) endsOn: string | null;
  @ApiProperty({ type: FundRefResponse, nullable: true, description: 'Earmark' }) fund: FundRefResponse | null;
  @ApiProperty({ enum: PLEDGE_CHANNELS, description: 'How it is paid' }) channel: PledgeChannel;
  @ApiProperty({ description: 'True once its end date has passed' }) ended: boolean;
  @ApiProperty({ description: 'Payments due so far, in cents' }) expectedCents: number;
  @ApiProperty({ description: 'Received on it (donations linked to it), in cents' }) receivedCents: number;
  @ApiProperty({ description: 'Expected minus received, never below zero' }) behindCents: number;
}

export const mapPledge = (p: DonationPledge, figures: { expectedCents: number; receivedCents: number; ended: boolean }): PledgeResponse => ({
  id: p.id,
  donorId: p.donorId,
  amountCents: p.amountCents,
  frequency: p.frequency,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  fund: p.fund ? { id: p.fund.id, code: p.fund.code, name: p.fund.name } : null,
  channel: p.channel,
  ended: figures.ended,
  expectedCents: figures.expectedCents,
  receivedCents: figures.receivedCents,
  behindCents: Math.max(0, figures.expectedCents - figures.receivedCents),
});
