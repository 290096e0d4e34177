import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate, PageQueryDto, maskIban } from '@buurtcoop/core';
import { PAIN_VERSIONS, PainVersion, SEQUENCE_TYPES, SequenceType } from '../pain008';
import { BATCH_STATUSES, BatchStatus, ITEM_STATUSES, ItemStatus } from '../entities/sepa-collection-batch.entity';
import type { BatchDetail } from '../collection-batches.service';
import type { BatchSummary } from '../collection-batches.repository';

export class CreateCollectionBatchDto {
  @ApiProperty({ description: 'Day the members’ accounts are debited (ReqdColltnDt): a TARGET2 business day, at least one business day after today, at most 14 months ahead', example: '2026-12-28' })
  @IsCalendarDate()
  collectionDate: string;

  @ApiPropertyOptional({ description: 'Only invoices due on or before this day (YYYY-MM-DD); default the collection date, or no limit when invoiceIds are given' })
  @IsOptional()
  @IsCalendarDate()
  dueThrough?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Collect exactly these invoices (each must be open, of a member with a mandate, in no other batch); default every qualifying invoice' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  invoiceIds?: string[];
}

export class CollectionBatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BATCH_STATUSES, description: 'Only batches in this state' }) @IsOptional() @IsIn(BATCH_STATUSES) status?: BatchStatus;
}

export class ExportBatchQueryDto {
  @ApiPropertyOptional({ enum: PAIN_VERSIONS, description: 'pain.008 version of the first download; default the cooperative’s setting. A later download is the same file' })
  @IsOptional()
  @IsIn(PAIN_VERSIONS)
  version?: PainVersion;
}

export class BookBatchDto {
  @ApiProperty({ description: 'Day the bank credited the collection (YYYY-MM-DD): not before the collection date, not in the future', example: '2026-12-28' })
  @IsCalendarDate()
  bookedOn: string;
}

export class CollectionItemResponse {
  @ApiProperty({ format: 'uuid', description: 'Item id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The invoice collected' }) invoiceId: string;
  @ApiProperty({ description: 'Its number' }) invoiceNumber: string;
  @ApiProperty({ format: 'uuid', description: 'The member' }) memberId: string;
  @ApiProperty({ nullable: true, type: String, description: 'The member’s name as invoiced' }) memberName: string | null;
  @ApiProperty({ description: 'Account holder named on the mandate' }) debtorName: string;
  @ApiProperty({ description: 'Account collected from, masked (NL** **** **** **45 67)' }) iban: string;
  @ApiProperty({ description: 'Mandate reference (MndtId)' }) mandateReference: string;
  @ApiProperty({ enum: SEQUENCE_TYPES, description: 'FRST, RCUR or OOFF' }) sequenceType: SequenceType;
  @ApiProperty({ description: 'Amount collected in cents' }) amountCents: number;
  @ApiProperty({ description: 'End-to-end id the bank reports the collection by' }) endToEndId: string;
  @ApiProperty({ description: 'Remittance information: invoice number and betalingskenmerk' }) remittance: string;
  @ApiProperty({ enum: ITEM_STATUSES, description: 'pending (draft), collected (in the file) or skipped (left out at export)' }) status: ItemStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why the export left it out' }) skipReason: string | null;
}

export class CollectionBatchResponse {
  @ApiProperty({ format: 'uuid', description: 'Batch id' }) id: string;
  @ApiProperty({ description: 'Batch number in this cooperative' }) number: number;
  @ApiProperty({ enum: BATCH_STATUSES, description: 'draft → exported → booked, or draft → cancelled' }) status: BatchStatus;
  @ApiProperty({ format: 'date', description: 'Collection date' }) collectionDate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Invoices due on or before this day were selected' }) dueThrough: string | null;
  @ApiProperty({ description: 'Items to collect (skipped ones not counted)' }) itemCount: number;
  @ApiProperty({ description: 'Items the export left out' }) skippedCount: number;
  @ApiProperty({ description: 'Total to collect in cents' }) totalCents: number;
  @ApiProperty({ nullable: true, type: String, description: 'Message id of the file' }) messageId: string | null;
  @ApiProperty({ nullable: true, enum: PAIN_VERSIONS, description: 'pain.008 version of the file' }) painVersion: PainVersion | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the file was first downloaded' }) exportedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Day the bank credited it' }) bookedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was cancelled' }) cancelledAt: string | null;
  @ApiProperty({ description: 'Created at' }) createdAt: string;
  @ApiPropertyOptional({ type: [CollectionItemResponse], description: 'The items (on the single-batch view)' }) items?: CollectionItemResponse[];
}

export function mapBatch(view: BatchSummary | BatchDetail): CollectionBatchResponse {
  const b = view.batch;
  return {
    id: b.id,
    number: b.number,
    status: b.status,
    collectionDate: b.collectionDate,
    dueThrough: b.dueThrough,
    itemCount: view.itemCount,
    skippedCount: view.skippedCount,
    totalCents: view.totalCents,
    messageId: b.messageId,
    painVersion: b.painVersion,
    exportedAt: b.exportedAt?.toISOString() ?? null,
    bookedOn: b.bookedOn,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
    ...('items' in view
      ? {
          items: view.items.map((i) => ({
            id: i.id,
            invoiceId: i.invoiceId,
            invoiceNumber: i.invoiceNumber,
            memberId: i.memberId,
            memberName: i.memberName,
            debtorName: i.debtorName,
            iban: maskIban(i.iban),
            mandateReference: i.mandateReference,
            sequenceType: i.sequenceType,
            amountCents: i.amountCents,
            endToEndId: i.endToEndId,
            remittance: i.remittance,
            status: i.status,
            skipReason: i.skipReason,
          })),
        }
      : {}),
  };
}
