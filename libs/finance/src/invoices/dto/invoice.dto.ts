import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, PageQueryDto, formatPaymentReference } from '@buurtcoop/core';
import { BilledTo, DUNNING_STAGES, DunningStage, INVOICE_KINDS, INVOICE_STATUSES, Invoice, InvoiceKind, InvoiceLine, InvoicePaymentRecord, InvoiceStatus, PAYMENT_METHODS, PaymentMethod } from '../entities/invoice.entity';
import { InvoiceDetail, MemberStatement } from '../invoices.service';

/** Ten thousand euros: more than any one invoice of a neighbourhood cooperative. */
const MAX_INVOICE_LINE_CENTS = 1_000_000;

export class InvoiceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this member’s invoices' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, description: 'open, paid or cancelled' }) @IsOptional() @IsIn(INVOICE_STATUSES) status?: InvoiceStatus;
  @ApiPropertyOptional({ description: 'Year of the invoice number' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2999) year?: number;
  @ApiPropertyOptional({ description: 'Only invoices past their due date on this day (YYYY-MM-DD) and still open' }) @IsOptional() @IsCalendarDate() overdueOn?: string;
}

export class OwnInvoiceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, description: 'open, paid or cancelled' }) @IsOptional() @IsIn(INVOICE_STATUSES) status?: InvoiceStatus;
}

export class InvoiceLineDto {
  @ApiProperty({ description: 'What is billed', example: 'Vervanging sleutel buurthuis' }) @IsString() @Length(2, 200) description: string;
  @ApiProperty({ description: 'Amount in cents, 1 to 1,000,000', example: 1500 }) @IsInt() @Min(1) @Max(MAX_INVOICE_LINE_CENTS) amountCents: number;
  @ApiProperty({ description: 'Income account code (8xxx)', example: '8100' }) @Matches(/^\d{4}$/, { message: 'accountCode must be a 4-digit account code, e.g. 8100' }) accountCode: string;
}

export class CreateInvoiceDto {
  @ApiProperty({ format: 'uuid', description: 'The member billed' }) @IsUUID() memberId: string;
  @ApiPropertyOptional({ description: 'Due date (YYYY-MM-DD); default 14 days from today' }) @IsOptional() @IsCalendarDate() dueDate?: string;
  @ApiProperty({ type: [InvoiceLineDto], description: '1 to 50 lines' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Type(() => InvoiceLineDto)
  lines: InvoiceLineDto[];
}

export class CancelInvoiceDto {
  @ApiProperty({ description: 'Why the invoice is cancelled (kept with it and in the ledger)', example: 'Dubbel gefactureerd' }) @IsString() @Length(3, 500) reason: string;
}

export class RecordPaymentDto {
  @ApiProperty({ description: 'Amount received in cents', example: 3600 }) @IsInt() @Min(1) @Max(100_000_000) amountCents: number;
  @ApiProperty({ description: 'Day the money arrived (YYYY-MM-DD)', example: '2026-11-20' }) @IsCalendarDate() paidOn: string;
  @ApiProperty({ description: 'A key unique to this payment (e.g. the bank line); sending it again changes nothing', example: 'bank-2026-11-20-17' })
  @IsString()
  @Length(3, 200)
  idempotencyKey: string;
  @ApiPropertyOptional({ description: 'A note for the ledger', example: 'Overboeking J. de Vries' }) @IsOptional() @IsString() @Length(3, 200) note?: string;
}

export class BilledToResponse {
  @ApiProperty({ nullable: true, type: String, description: 'Name' }) name: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Street and house number' }) streetLine: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Postcode' }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'City' }) city: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Member number' }) memberNumber: number | null;
}

export class InvoiceResponse {
  @ApiProperty({ format: 'uuid', description: 'Invoice id' }) id: string;
  @ApiProperty({ description: 'Invoice number, per cooperative per year without gaps', example: '2027-000042' }) number: string;
  @ApiProperty({ format: 'uuid', description: 'Member billed' }) memberId: string;
  @ApiProperty({ enum: INVOICE_KINDS, description: 'What it bills' }) kind: InvoiceKind;
  @ApiProperty({ description: 'Issue date' }) issueDate: string;
  @ApiProperty({ description: 'Due date' }) dueDate: string;
  @ApiProperty({ description: 'Amount in cents' }) amountCents: number;
  @ApiProperty({ description: 'Paid so far in cents' }) paidCents: number;
  @ApiProperty({ description: 'Still to pay in cents (0 when paid or cancelled)' }) openCents: number;
  @ApiProperty({ enum: INVOICE_STATUSES, description: 'open, paid or cancelled' }) status: InvoiceStatus;
  @ApiProperty({ description: 'Betalingskenmerk to quote with a bank transfer', example: '5000 0567 8901 2345' }) paymentReference: string;
  @ApiProperty({ enum: DUNNING_STAGES, description: 'How far dunning went: none, reminded, noticed (14-day letter), in_default' }) dunningStage: DunningStage;
  @ApiProperty({ type: BilledToResponse, description: 'Addressee at the time of issue' }) billedTo: BilledToResponse;
}

export class InvoiceLineResponse {
  @ApiProperty({ description: 'Description' }) description: string;
  @ApiProperty({ description: 'Amount in cents' }) amountCents: number;
  @ApiProperty({ description: 'Income account code' }) accountCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'Booking billed, if any' }) bookingId: string | null;
}

export class InvoicePaymentResponse {
  @ApiProperty({ description: 'Cents; negative for a refund or returned collection' }) amountCents: number;
  @ApiProperty({ enum: PAYMENT_METHODS, description: 'How it was paid' }) method: PaymentMethod;
  @ApiProperty({ description: 'Day of payment' }) paidOn: string;
}

export class InvoiceDetailResponse extends InvoiceResponse {
  @ApiProperty({ type: [InvoiceLineResponse], description: 'Lines' }) lines: InvoiceLineResponse[];
  @ApiProperty({ type: [InvoicePaymentResponse], description: 'Payments allocated' }) payments: InvoicePaymentResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Why it was cancelled' }) cancelReason: string | null;
}

export class InvoicePageResponse {
  @ApiProperty({ type: [InvoiceResponse], description: 'This page' }) items: InvoiceResponse[];
  @ApiProperty({ description: 'All matching invoices' }) total: number;
}

export class MemberStatementResponse {
  @ApiProperty({ format: 'uuid', description: 'Member' }) memberId: string;
  @ApiProperty({ type: [InvoiceResponse], description: 'Open invoices, oldest due first' }) openItems: InvoiceResponse[];
  @ApiProperty({ description: 'Total still to pay, in cents' }) totalOpenCents: number;
  @ApiProperty({ description: 'Paid in excess, in cents' }) creditCents: number;
  @ApiProperty({ description: 'The member’s balance on Debiteuren leden in the ledger' }) ledgerBalanceCents: number;
}

const billedTo = (b: BilledTo): BilledToResponse => ({ name: b.name, streetLine: b.streetLine, postcode: b.postcode, city: b.city, memberNumber: b.memberNumber });

export function mapInvoice(i: Invoice): InvoiceResponse {
  return {
    id: i.id,
    number: i.number,
    memberId: i.memberId,
    kind: i.kind,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    amountCents: i.amountCents,
    paidCents: i.paidCents,
    openCents: i.status === 'open' ? Math.max(0, i.amountCents - i.paidCents) : 0,
    status: i.status,
    paymentReference: formatPaymentReference(i.paymentReference),
    dunningStage: i.dunningStage,
    billedTo: billedTo(i.billedTo),
  };
}

const mapLine = (l: InvoiceLine): InvoiceLineResponse => ({ description: l.description, amountCents: l.amountCents, accountCode: l.accountCode, bookingId: l.bookingId });
const mapPayment = (p: InvoicePaymentRecord): InvoicePaymentResponse => ({ amountCents: p.amountCents, method: p.method, paidOn: p.paidOn });

export function mapInvoiceDetail(d: InvoiceDetail): InvoiceDetailResponse {
  return { ...mapInvoice(d.invoice), lines: d.lines.map(mapLine), payments: d.payments.map(mapPayment), cancelReason: d.invoice.cancelReason };
}

export function mapStatement(s: MemberStatement): MemberStatementResponse {
  return { memberId: s.memberId, openItems: s.openItems.map(mapInvoice), totalOpenCents: s.totalOpenCents, creditCents: s.creditCents, ledgerBalanceCents: s.ledgerBalanceCents };
}
