import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequiresPermission } from '../auth/auth.decorators';
import { Permission } from '../auth/permissions';
import { PageQueryDto } from '../http/page-query.dto';
import { asCooperativeId } from '../tenancy/ids';
import { LANGUAGES, Language } from './language';
import { MailService } from './mail.service';
import { OUTBOX_STATUSES, OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';
import { namedParam } from '../errors/validation';

/** `?page=` as every paged list has it; the page size keeps its older name, `limit`. */
export class OutboxQueryDto extends PickType(PageQueryDto, ['page'] as const) {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: 'Only messages with this status' })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `status must be one of ${OUTBOX_STATUSES.join(', ')}` })
  status?: OutboxStatus;

  @ApiPropertyOptional({ description: 'How many messages per page, newest first (1 to 200)', default: 50 })
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
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The member it was written to; empty for an applicant' }) memberId: string | null;
  @ApiProperty({ enum: LANGUAGES, description: 'Language it was written in' }) language: Language;
  @ApiProperty({ description: 'Recipient' }) to: string;
  @ApiProperty({ description: 'Subject' }) subject: string;
  @ApiProperty({ description: 'Plain-text body' }) body: string;
  @ApiProperty({ enum: OUTBOX_STATUSES, description: 'pending (waiting for its next attempt), sending, sent or failed (attempts used up)' }) status: OutboxStatus;
  @ApiProperty({ description: 'Delivery attempts so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed' }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When a pending message is next tried' }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it was written' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it was delivered' }) sentAt: string | null;
}

export function mapOutboxMessage(m: OutboxMessage): OutboxMessageResponse {
  return {
    id: m.id,
    kind: m.kind,
    memberId: m.memberId,
    language: m.language,
    to: m.toAddress,
    subject: m.subject,
    body: m.bodyText,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt.toISOString() : null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}

/** The cooperative's outgoing mail: delivered by SMTP when configured, readable here either way. */
@ApiTags('outbox')
@Controller('cooperatives/:cooperativeId/outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @RequiresPermission(Permission.OutboxRead)
  @ApiOkResponse({ type: [OutboxMessageResponse], description: 'Newest first, one page (`page`, `limit`)' })
  async list(@Param('cooperativeId', namedParam(new ParseUUIDPipe())) cooperativeId: string, @Query() query: OutboxQueryDto): Promise<OutboxMessageResponse[]> {
    const [items] = await this.mail.list(asCooperativeId(cooperativeId), { status: query.status, page: query.page ?? 1, pageSize: query.limit ?? 50 });
    return items.map(mapOutboxMessage);
  }
}
