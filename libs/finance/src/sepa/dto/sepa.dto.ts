import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsIban, IsSepaCreditorId, PageQueryDto, maskIban } from '@buurtcoop/core';
import { PAIN_VERSIONS, PainVersion, SequenceType } from '../pain008';
import { MANDATE_KINDS, MandateKind, MandateStatus, SepaMandate } from '../entities/sepa-mandate.entity';
import { SepaMandateAmendment } from '../entities/sepa-mandate-amendment.entity';
import { SepaSettings } from '../entities/sepa-settings.entity';

/** ISO 9362, in the form both pain.008 versions accept. */
export const BIC_PATTERN = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;
/** A mandate reference: the SEPA character set without spaces, no `/` at either end, never `//`. */
export const MANDATE_REFERENCE_PATTERN = /^(?!\/)(?!.*\/\/)[A-Za-z0-9/\-?:().,'+]{1,35}(?<!\/)$/;

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const BIC_MESSAGE = '$property must be a BIC of 8 or 11 characters, like INGBNL2A';

export class SepaSettingsDto {
  @ApiProperty({ description: 'SEPA creditor identifier (incassant-ID) issued by the bank', example: 'NL57ZZZ999999999999' })
  @Transform(upper)
  @IsSepaCreditorId()
  creditorId: string;

  @ApiProperty({ description: 'Name of the creditor as the debtor sees it on their statement', example: 'Buurtcoöperatie Rivierenwijk' })
  @Transform(trimmed)
  @IsString()
  @Length(2, 70)
  creditorName: string;

  @ApiProperty({ description: 'The account the collections are paid into', example: 'NL91 ABNA 0417 1643 00' })
  @IsIban()
  iban: string;

  @ApiPropertyOptional({ description: 'BIC of that account’s bank; optional inside the EEA', example: 'ABNANL2A', nullable: true, type: String })
  @IsOptional()
  @Transform(upper)
  @Matches(BIC_PATTERN, { message: BIC_MESSAGE })
  bic?: string | null;

  @ApiPropertyOptional({ description: 'pain.008 version of the collection files: .001.02 (default) or .001.08', enum: PAIN_VERSIONS, default: '.001.02' })
  @IsOptional()
  @IsIn(PAIN_VERSIONS)
  painVersion?: PainVersion;
}

export class SepaSettingsResponse {
  @ApiProperty({ description: 'SEPA creditor identifier' }) creditorId: string;
  @ApiProperty({ description: 'Creditor name' }) creditorName: string;
  @ApiProperty({ description: 'Account the collections are paid into (normalised)' }) iban: string;
  @ApiProperty({ description: 'BIC of that account’s bank', nullable: true, type: String }) bic: string | null;
  @ApiProperty({ description: 'pain.008 version', enum: PAIN_VERSIONS }) painVersion: PainVersion;
  @ApiProperty({ description: 'Last change' }) updatedAt: string;
}

export function mapSettings(s: SepaSettings): SepaSettingsResponse {
  return { creditorId: s.creditorId, creditorName: s.creditorName, iban: s.iban, bic: s.bic, painVersion: s.painVersion, updatedAt: s.updatedAt.toISOString() };
}

export class CreateMandateDto {
  @ApiProperty({ format: 'uuid', description: 'The member who gave the mandate' }) @IsUUID() memberId: string;

  @ApiPropertyOptional({ description: 'Mandate reference as on the signed form; generated (BC-…-n) when left out', example: 'BC-0042-1' })
  @IsOptional()
  @Matches(MANDATE_REFERENCE_PATTERN, { message: "$property must be 1 to 35 characters of A-Z a-z 0-9 / - ? : ( ) . , ' + without spaces, not starting or ending with /" })
  reference?: string;

  @ApiProperty({ description: 'Account holder as on the form', example: 'M. de Vries' })
  @Transform(trimmed)
  @IsString()
  @Length(2, 70)
  debtorName: string;

  @ApiProperty({ description: 'Account to collect from', example: 'NL20 INGB 0001 2345 67' }) @IsIban() iban: string;

  @ApiPropertyOptional({ description: 'BIC of that account’s bank; optional inside the EEA', example: 'INGBNL2A' })
  @IsOptional()
  @Transform(upper)
  @Matches(BIC_PATTERN, { message: BIC_MESSAGE })
  bic?: string;

  @ApiProperty({ description: 'Date of signature (YYYY-MM-DD), not in the future', example: '2026-01-15' }) @IsCalendarDate() signedOn: string;

  @ApiProperty({ description: 'recurrent (dues) or one_off (a single collection)', enum: MANDATE_KINDS }) @IsIn(MANDATE_KINDS) kind: MandateKind;
}

export class AmendMandateDto {
  @ApiPropertyOptional({ description: 'New mandate reference', example: 'BC-0042-2' })
  @IsOptional()
  @Matches(MANDATE_REFERENCE_PATTERN, { message: "$property must be 1 to 35 characters of A-Z a-z 0-9 / - ? : ( ) . , ' + without spaces, not starting or ending with /" })
  reference?: string;

  @ApiPropertyOptional({ description: 'New account to collect from', example: 'NL44 RABO 0123 4567 89' }) @IsOptional() @IsIban() iban?: string;

  @ApiPropertyOptional({ description: 'BIC of the new account’s bank; null removes it', example: 'RABONL2U', nullable: true, type: String })
  @IsOptional()
  @Transform(upper)
  @Matches(BIC_PATTERN, { message: BIC_MESSAGE })
  bic?: string | null;

  @ApiPropertyOptional({ description: 'Account holder’s name (a correction; not reported to the bank as an amendment)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(2, 70)
  debtorName?: string;

  @ApiPropertyOptional({ description: 'Date the change took effect (YYYY-MM-DD); default today' }) @IsOptional() @IsCalendarDate() amendedOn?: string;

  @ApiPropertyOptional({ description: 'Why, for the history' }) @IsOptional() @IsString() @Length(3, 500) reason?: string;
}

export class RevokeMandateDto {
  @ApiProperty({ description: 'Why, e.g. "opgezegd door het lid"' }) @IsString() @Length(3, 500) reason: string;
  @ApiPropertyOptional({ description: 'Date of revocation (YYYY-MM-DD); default today' }) @IsOptional() @IsCalendarDate() revokedOn?: string;
}

export class SignOwnMandateDto {
  @ApiProperty({ description: 'Your account to collect the dues from', example: 'NL20 INGB 0001 2345 67' }) @IsIban() iban: string;

  @ApiProperty({ description: 'Name of the account holder', example: 'Gerrit Bosman' })
  @Transform(trimmed)
  @IsString()
  @Length(2, 70)
  accountHolderName: string;

  @ApiPropertyOptional({ description: 'BIC of your bank; optional inside the EEA', example: 'INGBNL2A' })
  @IsOptional()
  @Transform(upper)
  @Matches(BIC_PATTERN, { message: BIC_MESSAGE })
  bic?: string;

  @ApiProperty({ description: 'You agree to the mandate text (the cooperative may collect, your bank may debit); must be true', example: true })
  @Equals(true, { message: '$property must be true: you need to agree to the mandate' })
  agree: boolean;
}

export class MandateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this member’s mandates' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ description: 'active or revoked', enum: ['active', 'revoked'] }) @IsOptional() @IsIn(['active', 'revoked']) status?: MandateStatus;
}

export class MandateAmendmentResponse {
  @ApiProperty({ format: 'date', description: 'Date the change took effect' }) amendedOn: string;
  @ApiProperty({ nullable: true, type: String, description: 'Reference before the change' }) originalReference: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Account before the change (masked unless you may see it in full)' }) originalIban: string | null;
  @ApiProperty({ description: 'Still to be reported to the bank with the next collection' }) pending: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Collection that reported it' }) carriedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why' }) reason: string | null;
}

export class MandateResponse {
  @ApiProperty({ format: 'uuid', description: 'Mandate id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Member' }) memberId: string;
  @ApiProperty({ description: 'Mandate reference (MndtId)' }) reference: string;
  @ApiProperty({ description: 'Account holder' }) debtorName: string;
  @ApiProperty({ description: 'IBAN; in full for the treasurer and the member, otherwise masked (NL** **** **** **43 00)' }) iban: string;
  @ApiProperty({ nullable: true, type: String, description: 'BIC' }) bic: string | null;
  @ApiProperty({ format: 'date', description: 'Date of signature' }) signedOn: string;
  @ApiProperty({ enum: MANDATE_KINDS, description: 'recurrent or one_off' }) kind: MandateKind;
  @ApiProperty({ enum: ['active', 'revoked'], description: 'Status' }) status: MandateStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Revoked on' }) revokedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was revoked' }) revocationReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'First collection booked' }) firstCollectedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Latest collection booked' }) lastCollectedOn: string | null;
  @ApiProperty({ nullable: true, enum: ['FRST', 'RCUR', 'OOFF', 'FNAL'], description: 'Sequence type of the next collection; null when it may not be collected on' })
  nextSequenceType: SequenceType | null;
  @ApiProperty({ description: 'Signed online by the member, or recorded from a paper form by the treasurer', enum: ['member', 'treasurer'] }) signedVia: 'member' | 'treasurer';
  @ApiPropertyOptional({ type: [MandateAmendmentResponse], description: 'Amendment history, oldest first (on the single-mandate view)' }) amendments?: MandateAmendmentResponse[];
}

export interface MandateView {
  mandate: SepaMandate;
  nextSequenceType: SequenceType | null;
  /** Only for the treasurer and the member themselves: nobody else sees an account number. */
  fullIban: boolean;
  amendments?: SepaMandateAmendment[];
}

export function mapMandate(view: MandateView): MandateResponse {
  const m = view.mandate;
  const iban = (value: string) => (view.fullIban ? value : maskIban(value));
  return {
    id: m.id,
    memberId: m.memberId,
    reference: m.reference,
    debtorName: m.debtorName,
    iban: iban(m.iban),
    bic: m.bic,
    signedOn: m.signedOn,
    kind: m.kind,
    status: m.status,
    revokedOn: m.revokedOn,
    revocationReason: m.revocationReason,
    firstCollectedOn: m.firstCollectedOn,
    lastCollectedOn: m.lastCollectedOn,
    nextSequenceType: view.nextSequenceType,
    signedVia: m.signedVia,
    ...(view.amendments
      ? {
          amendments: view.amendments.map((a) => ({
            amendedOn: a.amendedOn,
            originalReference: a.originalReference,
            originalIban: a.originalIban === null ? null : iban(a.originalIban),
            pending: a.pending,
            carriedOn: a.carriedOn,
            reason: a.reason,
          })),
        }
      : {}),
  };
}
