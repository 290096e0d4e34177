import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsDutchPostcode, PageQueryDto, formatIban, maskIban } from '@buurtcoop/core';
import { DONOR_KINDS, Donor, DonorKind } from '../entities/donation.entity';

export class CreateDonorDto {
  @ApiProperty({ enum: DONOR_KINDS, description: 'person, company, housing_corporation (woningcorporatie) or foundation', example: 'company' })
  @IsIn(DONOR_KINDS)
  kind: DonorKind;

  @ApiProperty({ description: 'Name of the person or organisation', example: 'Bakkerij De Korenschoof' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiPropertyOptional({ description: 'For an organisation: the person to address', example: 'Anouk Jansen' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  contactPerson?: string;

  @ApiPropertyOptional({ description: 'E-mail address', example: 'info@korenschoof.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Street and house number', example: 'Brink 12' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  street?: string;

  @ApiPropertyOptional({ description: 'Dutch postcode', example: '7411 BR' })
  @IsOptional()
  @IsDutchPostcode()
  postcode?: string;

  @ApiPropertyOptional({ description: 'City', example: 'Deventer' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  city?: string;

  @ApiPropertyOptional({ description: 'Account the donor gives from; transfers from it are booked as this donor’s gifts', example: 'NL91ABNA0417164300' })
  @IsOptional()
  @IsString()
  @MaxLength(42)
  iban?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The member this donor is, when the donor is a member' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ description: 'The donor agrees to be named publicly (annual report, website)', default: false })
  @IsOptional()
  @IsBoolean()
  publicConsent?: boolean;
}

/** Any field may be left out; none may be sent as null (the service reads every field that is not undefined). */
export class UpdateDonorDto extends PartialType(CreateDonorDto, { skipNullProperties: false }) {}

export class DonorQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or the contact person', example: 'korenschoof' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: DONOR_KINDS, description: 'Only donors of this kind' })
  @IsOptional()
  @IsIn(DONOR_KINDS)
  kind?: DonorKind;
}

export class DonorResponse {
  @ApiProperty({ format: 'uuid', description: 'Donor id' }) id: string;
  @ApiProperty({ enum: DONOR_KINDS, description: 'Kind of donor' }) kind: DonorKind;
  @ApiProperty({ description: 'Name' }) name: string;
  @ApiProperty({ nullable: true, type: String, description: 'Contact person' }) contactPerson: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E-mail address' }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Street and house number' }) street: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Postcode' }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'City' }) city: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'IBAN: in full on the donor, masked in lists' }) iban: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Member id when the donor is a member' }) memberId: string | null;
  @ApiProperty({ description: 'May be named publicly' }) publicConsent: boolean;
}

export class DonorPageResponse {
  @ApiProperty({ type: [DonorResponse], description: 'This page, IBANs masked' }) items: DonorResponse[];
  @ApiProperty({ description: 'All matching donors' }) total: number;
}

/** `masked` for lists: a list shown on screen need not carry whole account numbers. */
export const mapDonor = (d: Donor, options: { masked?: boolean } = {}): DonorResponse => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  contactPerson: d.contactPerson,
  email: d.email,
  street: d.street,
  postcode: d.postcode,
  city: d.city,
  iban: d.iban === null ? null : options.masked ? maskIban(d.iban) : formatIban(d.iban),
  memberId: d.memberId,
  publicConsent: d.publicConsent,
});
