import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { ACCOUNT_TYPES, Account, AccountType } from '../entities/account.entity';
import { Posted } from '../ledger.service';
import { TrialBalanceRow } from '../ledger.repository';

export class AddAccountDto {
  @ApiProperty({ description: 'Account code, 4 digits', example: '4400' }) @Matches(/^\d{4}$/, { message: 'code must be 4 digits, e.g. 4400' }) code: string;
  @ApiProperty({ description: 'Name', example: 'Verzekeringen' }) @IsString() @Length(2, 100) name: string;
  @ApiProperty({ description: 'asset, liability, equity, income or expense', enum: ACCOUNT_TYPES }) @IsIn(ACCOUNT_TYPES) type: AccountType;
}

export class LineDto {
  @ApiProperty({ format: 'uuid', description: 'Account' }) @IsUUID() accountId: string;
  @ApiProperty({ description: 'Cents: positive is debit, negative is credit', example: 2500 }) @IsInt() amountCents: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Member the amount concerns' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Earmarked fund' }) @IsOptional() @IsUUID() fundId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Booking' }) @IsOptional() @IsUUID() bookingId?: string;
}

export class PostEntryDto {
  @ApiProperty({ description: 'Bookkeeping date (YYYY-MM-DD)', example: '2026-11-23' }) @IsCalendarDate() entryDate: string;
  @ApiProperty({ description: 'What happened', example: 'Bankkosten november' }) @IsString() @Length(3, 500) description: string;
  @ApiProperty({ description: 'Unique per cooperative; posting the same key again changes nothing', example: 'memoriaal-2026-11-01' })
  @IsString()
  @Length(3, 200)
  idempotencyKey: string;
  @ApiProperty({ type: [LineDto], description: 'At least two lines summing to zero' })
  @ValidateNested({ each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @Type(() => LineDto)
  lines: LineDto[];
}

export class ReverseDto {
  @ApiPropertyOptional({ description: 'Why; defaults to "Correctie van: …"' }) @IsOptional() @IsString() @Length(3, 500) description?: string;
}

export class CloseDto {
  @ApiProperty({ description: 'Close the books up to and including this date', example: '2026-12-31' }) @IsCalendarDate() through: string;
}

export class PeriodQueryDto {
  @ApiPropertyOptional({ description: 'From (YYYY-MM-DD); default: the beginning' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'Through (YYYY-MM-DD); default: today' }) @IsOptional() @IsCalendarDate() through?: string;
}

export class AccountResponse {
  @ApiProperty({ format: 'uuid', description: 'Account id' }) id: string;
  @ApiProperty({ description: 'Code' }) code: string;
  @ApiProperty({ description: 'Name' }) name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES, description: 'Type' }) type: AccountType;
  @ApiProperty({ description: 'Seeded: the product posts to it' }) system: boolean;
}

export function mapAccount(a: Account): AccountResponse {
  return { id: a.id, code: a.code, name: a.name, type: a.type, system: a.system };
}

export class EntryResponse {
  @ApiProperty({ format: 'uuid', description: 'Entry id' }) id: string;
  @ApiProperty({ format: 'date', description: 'Bookkeeping date' }) entryDate: string;
  @ApiProperty({ description: 'Description' }) description: string;
  @ApiProperty({ description: 'Idempotency key' }) idempotencyKey: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The entry this one reverses' }) reversesEntryId: string | null;
  @ApiProperty({ type: [LineDto], description: 'Lines' }) lines: LineDto[];
  @ApiProperty({ description: 'False when this key had been posted before (nothing new was written)' }) applied: boolean;
}

export function mapPosted(p: Posted): EntryResponse {
  return {
    id: p.entry.id,
    entryDate: p.entry.entryDate,
    description: p.entry.description,
    idempotencyKey: p.entry.idempotencyKey,
    reversesEntryId: p.entry.reversesEntryId,
    lines: p.lines.map((l) => ({ accountId: l.accountId, amountCents: l.amountCents, memberId: l.memberId ?? undefined, fundId: l.fundId ?? undefined, bookingId: l.bookingId ?? undefined })),
    applied: p.applied,
  };
}

export class TrialBalanceResponse {
  @ApiProperty({ description: 'Per account: debits, credits, balance (debit positive)', type: 'array', items: { type: 'object' } }) accounts: TrialBalanceRow[];
  @ApiProperty({ description: 'Sum of all balances: always 0' }) totalCents: number;
}
