import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGES, Language, OUTBOX_STATUSES, OutboxMessage, OutboxStatus } from '@buurtcoop/core';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid', description: 'Message id' }) id: string;
  @ApiProperty({ description: 'What kind of message', example: 'dunning.reminder' }) kind: string;
  @ApiProperty({ enum: LANGUAGES, description: 'Language it was written in' }) language: Language;
  @ApiProperty({ description: 'Address it was sent to' }) to: string;
  @ApiProperty({ description: 'Subject' }) subject: string;
  @ApiProperty({ description: 'Plain-text body, as sent' }) body: string;
  @ApiProperty({ enum: OUTBOX_STATUSES, description: 'pending or sending (not delivered yet), sent, or failed (gave up)' }) status: OutboxStatus;
  @ApiProperty({ format: 'date-time', description: 'When it was written' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it was delivered' }) sentAt: string | null;
}

export class NotificationPageResponse {
  @ApiProperty({ type: [NotificationResponse], description: 'This page, newest first' }) items: NotificationResponse[];
  @ApiProperty({ description: 'Messages to this member, over all pages' }) total: number;
  @ApiProperty({ description: 'Page number' }) page: number;
  @ApiProperty({ description: 'Page size' }) pageSize: number;
}

export function mapNotification(m: OutboxMessage): NotificationResponse {
  return {
    id: m.id,
    kind: m.kind,
    language: m.language,
    to: m.toAddress,
    subject: m.subject,
    body: m.bodyText,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}
