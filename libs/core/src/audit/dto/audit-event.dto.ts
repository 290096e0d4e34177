import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumberString, IsOptional, Max, Min } from 'class-validator';
import { AuditEvent } from '../entities/audit-event.entity';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Only events older than this event id (for the next page)', example: '1200' })
  @IsOptional()
  @IsNumberString({ no_symbols: true }, { message: 'before must be an event id (digits)' })
  before?: string;

  @ApiPropertyOptional({ description: 'Page size, 1 to 200', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditEventResponse {
  @ApiProperty({ description: 'Event id; increases over time' })
  id: string;

  @ApiProperty({ description: 'What was done', example: 'role.grant' })
  action: string;

  @ApiProperty({ description: 'Who did it', format: 'uuid', nullable: true, type: String })
  actorUserId: string | null;

  @ApiProperty({ description: 'Kind of object acted on', nullable: true, type: String })
  objectType: string | null;

  @ApiProperty({ description: 'Id of the object acted on', nullable: true, type: String })
  objectId: string | null;

  @ApiProperty({ description: 'Details of the change', type: 'object', additionalProperties: true })
  details: Record<string, unknown>;

  @ApiProperty({ description: 'When it happened', format: 'date-time' })
  occurredAt: string;
}

export function mapAuditEvent(e: AuditEvent): AuditEventResponse {
  return { id: String(e.id), action: e.action, actorUserId: e.actorUserId, objectType: e.objectType, objectId: e.objectId, details: e.details, occurredAt: e.occurredAt.toISOString() };
}
