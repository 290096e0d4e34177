import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PRIVACY_REQUEST_STATUSES, PrivacyRequest, PrivacyRequestStatus } from '../entities/privacy-request.entity';

export class ErasureRequestDto {
  @ApiPropertyOptional({ description: 'Optional note for the board', example: 'Ik verhuis naar Zwolle.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class RejectPrivacyRequestDto {
  @ApiProperty({ description: 'Why the board cannot erase yet (e.g. an open invoice); shown to the member' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class PrivacyRequestResponse {
  @ApiProperty({ format: 'uuid', description: 'Request id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The member it concerns' }) memberId: string;
  @ApiProperty({ enum: ['erasure'], description: 'What is asked' }) kind: 'erasure';
  @ApiProperty({ enum: PRIVACY_REQUEST_STATUSES, description: 'pending, completed or rejected' }) status: PrivacyRequestStatus;
  @ApiProperty({ nullable: true, type: String, description: 'The member’s note, or the board’s reason for rejecting' }) reason: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it was asked' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the board handled it' }) handledAt: string | null;
}

export function mapPrivacyRequest(r: PrivacyRequest): PrivacyRequestResponse {
  return { id: r.id, memberId: r.memberId, kind: r.kind, status: r.status, reason: r.reason, requestedAt: r.requestedAt.toISOString(), handledAt: r.handledAt?.toISOString() ?? null };
}
