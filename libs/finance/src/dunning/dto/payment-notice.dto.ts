import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@buurtcoop/core';
import { NOTICE_STAGES, NoticeStage, PaymentNotice } from '../entities/payment-notice.entity';
import { DunningOutcome } from '../dunning.service';

export class PaymentNoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this member’s letters' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ enum: NOTICE_STAGES, description: 'reminder or notice (the 14-day letter)' }) @IsOptional() @IsIn(NOTICE_STAGES) stage?: NoticeStage;
}

export class NoticedInvoiceResponse {
  @ApiProperty({ format: 'uuid', description: 'Invoice' }) invoiceId: string;
  @ApiProperty({ description: 'Invoice number' }) invoiceNumber: string;
  @ApiProperty({ description: 'Due date' }) dueDate: string;
  @ApiProperty({ description: 'Open when the letter was sent, in cents' }) openCents: number;
}

export class PaymentNoticeResponse {
  @ApiProperty({ format: 'uuid', description: 'Letter id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Member' }) memberId: string;
  @ApiProperty({ enum: NOTICE_STAGES, description: 'reminder (herinnering) or notice (veertiendagenbrief)' }) stage: NoticeStage;
  @ApiProperty({ description: 'Sent on' }) sentOn: string;
  @ApiProperty({ description: 'Pay by (for the 14-day letter: the last day of its term if it arrived in time)' }) payBy: string;
  @ApiProperty({ description: 'Total open, in cents' }) totalOpenCents: number;
  @ApiProperty({ description: 'Collection costs announced, in cents (0 on a reminder)' }) collectionCostsCents: number;
  @ApiProperty({ type: [NoticedInvoiceResponse], description: 'The invoices it covers' }) invoices: NoticedInvoiceResponse[];
}

export class PaymentNoticePageResponse {
  @ApiProperty({ type: [PaymentNoticeResponse], description: 'This page' }) items: PaymentNoticeResponse[];
  @ApiProperty({ description: 'All matching letters' }) total: number;
}

export class DunningOutcomeResponse {
  @ApiProperty({ description: 'Reminders sent' }) reminders: number;
  @ApiProperty({ description: '14-day letters sent' }) notices: number;
  @ApiProperty({ description: 'Invoices whose 14-day term ran out' }) inDefault: number;
}

export const mapNotice = (n: PaymentNotice): PaymentNoticeResponse => ({
  id: n.id,
  memberId: n.memberId,
  stage: n.stage,
  sentOn: n.sentOn,
  payBy: n.payBy,
  totalOpenCents: n.totalOpenCents,
  collectionCostsCents: n.collectionCostsCents,
  invoices: n.invoices.map((i) => ({ invoiceId: i.invoiceId, invoiceNumber: i.invoiceNumber, dueDate: i.dueDate, openCents: i.openCents })),
});

export const mapOutcome = (o: DunningOutcome): DunningOutcomeResponse => ({ ...o });
