import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequiresPermission } from '../auth/auth.decorators';
import { Permission } from '../auth/permissions';
import { asCooperativeId } from '../tenancy/ids';
import { MailService } from './mail.service';
import { OUTBOX_STATUSES, OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';

export class OutboxQueryDto {
  @ApiPropertyOptional({ description: 'How many messages, newest first (1 to 200)', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class OutboxMessageResponse {
  @ApiProperty({ format: 'uuid', description: 'Message id' }) id: string;
  @ApiProperty({ description: 'What kind of message', example: 'member.invitation' }) kind: string;
  @ApiProperty({ description: 'Recipient' }) to: string;
  @ApiProperty({ description: 'Subject' }) subject: string;
  @ApiProperty({ description: 'Plain-text body' }) body: string;
  @ApiProperty({ enum: OUTBOX_STATUSES, description: 'pending, sent or failed' }) status: OutboxStatus;
  @ApiProperty({ format: 'date-time', description: 'When it was written' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it was delivered' }) sentAt: string | null;
}

function mapOutboxMessage(m: OutboxMessage): OutboxMessageResponse {
  return { id: m.id, kind: m.kind, to: m.toAddress, subject: m.subject, body: m.bodyText, status: m.status, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null };
}

/** The cooperative's outgoing mail: delivered by SMTP when configured, readable here either way. */
@ApiTags('outbox')
@Controller('cooperatives/:cooperativeId/outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @RequiresPermission(Permission.OutboxRead)
  @ApiOkResponse({ type: [OutboxMessageResponse] })
  async list(@Param('cooperativeId', new ParseUUIDPipe()) cooperativeId: string, @Query() query: OutboxQueryDto): Promise<OutboxMessageResponse[]> {
    return (await this.mail.list(asCooperativeId(cooperativeId), query.limit ?? 50)).map(mapOutboxMessage);
  }
}
