import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsMoment } from '@buurtcoop/core';
import { HELP_REQUEST_STATUSES, HelpRequest, HelpRequestStatus } from '../entities/help-request.entity';
import { parseRange } from '../../bookings/bookings.repository';

export class CreateHelpRequestDto {
  @ApiProperty({ format: 'uuid', description: 'Service category' }) @IsUUID() categoryId: string;
  @ApiProperty({ description: 'What help is needed', example: 'Mevrouw ter Horst (88) zoekt iemand die wekelijks boodschappen doet; ze heeft geen internet.' })
  @IsString()
  @Length(10, 2000)
  description: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Coordinators only: the resident the request is for' }) @IsOptional() @IsUUID() consumerMemberId?: string;
  @ApiPropertyOptional({ description: 'Preferred from (ISO 8601)' }) @IsOptional() @IsMoment() preferredFrom?: string;
  @ApiPropertyOptional({ description: 'Preferred until (ISO 8601)' }) @IsOptional() @IsMoment() preferredTo?: string;
}

export class ProposeDto {
  @ApiProperty({ format: 'uuid', description: 'The offer (provider) proposed' }) @IsUUID() offerId: string;
  @ApiProperty({ description: 'Start of a free slot of that offer (ISO 8601)', example: '2026-12-01T09:00:00+01:00' })
  @IsMoment()
  start: string;
}

export class HelpRequestQueryDto {
  @ApiPropertyOptional({ enum: HELP_REQUEST_STATUSES, description: 'Only requests with this status' }) @IsOptional() @IsIn(HELP_REQUEST_STATUSES) status?: HelpRequestStatus;
}

export class HelpRequestResponse {
  @ApiProperty({ format: 'uuid', description: 'Help request id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The resident (member id)' }) consumerMemberId: string;
  @ApiProperty({ format: 'uuid', description: 'Category' }) categoryId: string;
  @ApiProperty({ description: 'What help is needed' }) description: string;
  @ApiProperty({ enum: HELP_REQUEST_STATUSES, description: 'open, proposed, booked or withdrawn' }) status: HelpRequestStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Proposed offer' }) proposedOfferId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Proposed start' }) proposedStart: string | null;
  @ApiProperty({ description: 'The resident accepted the proposal' }) consumerAccepted: boolean;
  @ApiProperty({ description: 'The provider accepted the proposal' }) providerAccepted: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The booking it became' }) bookingId: string | null;
}

export function mapHelpRequest(r: HelpRequest): HelpRequestResponse {
  return {
    id: r.id,
    consumerMemberId: r.consumerMemberId,
    categoryId: r.categoryId,
    description: r.description,
    status: r.status,
    proposedOfferId: r.proposedOfferId,
    proposedStart: r.proposedDuring ? parseRange(r.proposedDuring).start.toISOString() : null,
    consumerAccepted: r.consumerAcceptedAt !== null,
    providerAccepted: r.providerAcceptedAt !== null,
    bookingId: r.bookingId,
  };
}
