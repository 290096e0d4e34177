import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsIban, PageQueryDto } from '@buurtcoop/core';
import { BankAccount, BankStatement, LINE_STATUSES, LineStatus, StatementLine } from '../entities/bank-statement.entity';
import { Suggestion } from '../reconciliation.service';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'The account the file is of, for exports that do not say it as an IBAN (old MT940, some CSV)', example: 'NL91ABNA0417164300' })
  @IsOptional()
  @IsIban()
  account?: string;
}

export class LineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LINE_STATUSES, description: 'unmatched (the worklist), matched or dismissed' }) @IsOptional() @IsIn(LINE_STATUSES) status?: LineStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this bank account' }) @IsOptional() @IsUUID() bankAccountId?: string;
}

export class AllocationDto {
  @ApiProperty({ format: 'uuid', description: 'Invoice paid' }) @IsUUID() invoiceId: string;
  @ApiProperty({ description: 'Part of the line for this invoice, in cents', example: 3600 }) @IsInt() @Min(1) amountCents: number;
}

export class MatchLineDto {
  @ApiProperty({ type: [AllocationDto], description: 'The invoices the line pays; the parts add up to the line' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Type(() => AllocationDto)
  allocations: AllocationDto[];
}

export class AssignLineDto {
  @ApiProperty({ description: 'Ledger account code to book the line on', example: '4200' }) @Matches(/^\d{4}$/, { message: 'accountCode must be a 4-digit account code, e.g. 4200' }) accountCode: string;
  @ApiProperty({ description: 'What it is, for the ledger', example: 'Bankkosten november' }) @IsString() @Length(3, 200) description: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Earmarked fund' }) @IsOptional() @IsUUID() fundId?: string;
}

export class DismissLineDto {
  @ApiProperty({ description: 'Why it needs no booking', example: 'Interne overboeking naar de spaarrekening, daar geboekt' }) @IsString() @Length(3, 300) reason: string;
}

export class ReconciliationQueryDto {
  @ApiPropertyOptional({ description: 'Reconcile at the end of this day (YYYY-MM-DD); default today' }) @IsOptional() @IsCalendarDate() date?: string;
}

export class StatementIssueResponse {
  @ApiProperty({ description: 'Where in the file' }) at: string;
  @ApiProperty({ description: 'What was wrong and what was done' }) problem: string;
  @ApiProperty({ description: 'True when the line was left out' }) skipped: boolean;
}

export class BankStatementResponse {
  @ApiProperty({ format: 'uuid', description: 'Statement id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Bank account' }) bankAccountId: string;
  @ApiProperty({ description: 'File format' }) format: string;
  @ApiProperty({ nullable: true, type: String, description: 'File name' }) fileName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Opening balance date' }) openingDate: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Opening balance in cents' }) openingCents: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Closing balance date' }) closingDate: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Closing balance in cents' }) closingCents: number | null;
  @ApiProperty({ description: 'Lines in the file' }) lineCount: number;
  @ApiProperty({ description: 'Lines not imported before' }) newLineCount: number;
  @ApiProperty({ description: 'Sum of the lines in cents' }) totalCents: number;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Opening + lines = closing (null: the file has no balances)' }) balanced: boolean | null;
  @ApiProperty({ type: [StatementIssueResponse], description: 'Lines skipped and deviations accepted' }) issues: StatementIssueResponse[];
}

export class GapResponse {
  @ApiProperty({ description: 'First missing day' }) from: string;
  @ApiProperty({ description: 'Last missing day' }) through: string;
  @ApiProperty({ description: 'What the missing lines add up to, in cents' }) missingCents: number;
}

export class ImportedStatementResponse extends BankStatementResponse {
  @ApiProperty({ type: GapResponse, nullable: true, description: 'Lines missing between the previous statement and this one' }) gap: GapResponse | null;
}

export class ImportResponse {
  @ApiProperty({ description: 'True when the cooperative imported this very file (the same bytes) before: nothing was added, and `statements` are those of the earlier import' }) duplicate: boolean;
  @ApiProperty({ type: [ImportedStatementResponse], description: 'The statements in the file' }) statements: ImportedStatementResponse[];
  @ApiProperty({ description: 'Lines in the file' }) lineCount: number;
  @ApiProperty({ description: 'Lines new to the cooperative' }) newLineCount: number;
  @ApiProperty({ description: 'New lines explained automatically' }) matched: number;
  @ApiProperty({ description: 'New lines left for the worklist' }) unmatched: number;
  @ApiProperty({ description: 'Automatic matches per rule', type: 'object', additionalProperties: { type: 'number' } }) byKind: Record<string, number>;
}

export class SuggestionResponse {
  @ApiProperty({ format: 'uuid', description: 'Invoice' }) invoiceId: string;
  @ApiProperty({ description: 'Invoice number' }) number: string;
  @ApiProperty({ nullable: true, type: String, description: 'Addressee' }) memberName: string | null;
  @ApiProperty({ description: 'Open on the invoice, in cents' }) openCents: number;
  @ApiProperty({ description: 'Higher is likelier' }) score: number;
  @ApiProperty({ type: [String], description: 'What fits' }) why: string[];
}

export class StatementLineResponse {
  @ApiProperty({ format: 'uuid', description: 'Line id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Bank account' }) bankAccountId: string;
  @ApiProperty({ description: 'Booking date' }) bookingDate: string;
  @ApiProperty({ description: 'Amount in cents; money out is negative' }) amountCents: number;
  @ApiProperty({ nullable: true, type: String, description: 'Counterparty' }) counterpartyName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Counterparty IBAN' }) counterpartyIban: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Description' }) remittance: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Structured reference' }) structuredReference: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'End-to-end id' }) endToEndId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Return reason code' }) returnReason: string | null;
  @ApiProperty({ enum: LINE_STATUSES, description: 'unmatched, matched or dismissed' }) status: LineStatus;
  @ApiProperty({ nullable: true, type: String, description: 'How it was explained' }) matchKind: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'What it was matched to' }) matchDetails: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was dismissed' }) dismissReason: string | null;
  @ApiPropertyOptional({ type: [SuggestionResponse], description: 'For an unmatched line: likely invoices' }) suggestions?: SuggestionResponse[];
}

export class StatementLinePageResponse {
  @ApiProperty({ type: [StatementLineResponse], description: 'This page' }) items: StatementLineResponse[];
  @ApiProperty({ description: 'All matching lines' }) total: number;
}

export class BankAccountResponse {
  @ApiProperty({ format: 'uuid', description: 'Account id' }) id: string;
  @ApiProperty({ description: 'IBAN' }) iban: string;
  @ApiProperty({ description: 'Name' }) name: string;
  @ApiProperty({ description: 'Ledger account code' }) ledgerAccountCode: string;
}

export class ReconciliationResponse {
  @ApiProperty({ format: 'uuid', description: 'Bank account' }) bankAccountId: string;
  @ApiProperty({ description: 'Day reconciled' }) date: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Balance by the bank’s statements, in cents (null: no statement yet)' }) statementBalanceCents: number | null;
  @ApiProperty({ description: 'Balance of the ledger account, in cents' }) ledgerBalanceCents: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Statement minus ledger' }) differenceCents: number | null;
  @ApiProperty({ type: [StatementLineResponse], description: 'Bank lines not booked yet (unmatched) through the day' }) unexplainedLines: StatementLineResponse[];
  @ApiProperty({ description: 'What those lines add up to' }) unexplainedCents: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The difference the lines do not explain: entries in the ledger the bank has not shown, or lines missing from the statements' }) remainingCents: number | null;
}

export const mapStatement = (s: BankStatement): BankStatementResponse => ({
  id: s.id,
  bankAccountId: s.bankAccountId,
  format: s.format,
  fileName: s.fileName,
  openingDate: s.openingDate,
  openingCents: s.openingCents,
  closingDate: s.closingDate,
  closingCents: s.closingCents,
  lineCount: s.lineCount,
  newLineCount: s.newLineCount,
  totalCents: s.totalCents,
  balanced: s.balanced,
  issues: s.issues,
});

export const mapLine = (l: StatementLine, suggestions?: Suggestion[]): StatementLineResponse => ({
  id: l.id,
  bankAccountId: l.bankAccountId,
  bookingDate: l.bookingDate,
  amountCents: l.amountCents,
  counterpartyName: l.counterpartyName,
  counterpartyIban: l.counterpartyIban,
  remittance: l.remittance,
  structuredReference: l.structuredReference,
  endToEndId: l.endToEndId,
  returnReason: l.returnReason,
  status: l.status,
  matchKind: l.matchKind,
  matchDetails: l.matchDetails,
  dismissReason: l.dismissReason,
  ...(suggestions ? { suggestions } : {}),
});

export const mapBankAccount = (a: BankAccount): BankAccountResponse => ({ id: a.id, iban: a.iban, name: a.name, ledgerAccountCode: a.ledgerAccountCode });
