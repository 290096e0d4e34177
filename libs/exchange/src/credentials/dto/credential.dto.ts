import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { CREDENTIAL_KINDS, CredentialKind, ProviderCredential } from '../entities/provider-credential.entity';

export class AddCredentialDto {
  @ApiProperty({ description: 'vog, first_aid, driving_licence or other', enum: CREDENTIAL_KINDS })
  @IsIn(CREDENTIAL_KINDS, { message: `kind must be one of ${CREDENTIAL_KINDS.join(', ')}` })
  kind: CredentialKind;

  @ApiPropertyOptional({ description: 'What it is, e.g. "VOG voor werken met kinderen"' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;

  @ApiProperty({ description: 'Date of issue (YYYY-MM-DD)', example: '2026-01-15' })
  @IsCalendarDate()
  issuedOn: string;

  @ApiProperty({ description: 'Last day it is valid (YYYY-MM-DD)', example: '2029-01-15' })
  @IsCalendarDate()
  expiresOn: string;
}

export class CredentialResponse {
  @ApiProperty({ format: 'uuid', description: 'Credential id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The provider (member id)' }) memberId: string;
  @ApiProperty({ enum: CREDENTIAL_KINDS, description: 'Kind' }) kind: CredentialKind;
  @ApiProperty({ nullable: true, type: String, description: 'Description' }) description: string | null;
  @ApiProperty({ format: 'date', description: 'Issued on' }) issuedOn: string;
  @ApiProperty({ format: 'date', description: 'Valid until' }) expiresOn: string;
  @ApiProperty({ description: 'A coordinator has verified it' }) verified: boolean;
}

export function mapCredential(c: ProviderCredential): CredentialResponse {
  return { id: c.id, memberId: c.memberId, kind: c.kind, description: c.description, issuedOn: c.issuedOn, expiresOn: c.expiresOn, verified: c.verifiedAt !== null };
}
