import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { IsBirthDate, IsDutchPhone, IsDutchPostcode } from '@buurtcoop/core';
import { LANGUAGES, Language, MEMBER_ROLES, MemberRole } from '../entities/member.entity';


export class HouseholdPersonDto {
  @ApiProperty({ description: 'First name', example: 'Jan' })
  @IsString()
  @Length(1, 100)
  firstName: string;

  @ApiProperty({ description: 'Last name', example: 'de Boer' })
  @IsString()
  @Length(1, 100)
  lastName: string;

  @ApiPropertyOptional({ description: 'Date of birth (YYYY-MM-DD)', example: '2012-05-01' })
  @IsOptional()
  @IsBirthDate()
  dateOfBirth?: string;
}

/** Name, address and contact fields shared by the sign-up form and the board's edits. */
export class MemberContactFields {
  @ApiPropertyOptional({ description: 'First name (required for persons)', example: 'Gerrit' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @ApiPropertyOptional({ description: 'Last name (required for persons)', example: 'Bosman' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  lastName?: string;

  @ApiPropertyOptional({ description: 'Organisation name (required for organisation memberships)', example: 'Woonstichting De Ijssel' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organisationName?: string;

  @ApiPropertyOptional({ description: 'Phone number', example: '06 12345678' })
  @IsOptional()
  @IsDutchPhone()
  phone?: string;

  @ApiPropertyOptional({ description: 'Date of birth (YYYY-MM-DD)', example: '1948-03-14' })
  @IsOptional()
  @IsBirthDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'Language for e-mail and the web app', enum: LANGUAGES, default: 'nl' })
  @IsOptional()
  @IsIn(LANGUAGES, { message: 'language must be nl or en' })
  language?: Language;
}

export class AddressFields extends MemberContactFields {
  @ApiProperty({ description: 'Street', example: 'Rembrandtkade' })
  @IsString()
  @Length(1, 200)
  street: string;

  @ApiProperty({ description: 'House number with addition', example: '12a' })
  @IsString()
  @Length(1, 20)
  houseNumber: string;

  @ApiProperty({ description: 'Dutch postcode', example: '7411 AB' })
  @IsDutchPostcode()
  postcode: string;

  @ApiProperty({ description: 'City', example: 'Deventer' })
  @IsString()
  @Length(1, 100)
  city: string;
}

export class EnrolmentFields extends AddressFields {
  @ApiProperty({ description: 'E-mail address; also the login of the account the member gets', example: 'gerrit.bosman@example.nl' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'Membership type id (see the sign-up information)', format: 'uuid' })
  @IsString()
  @Length(36, 36, { message: 'membershipTypeId must be a membership type id' })
  membershipTypeId: string;

  @ApiProperty({ description: 'Uses services, provides them, or both', enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES, { message: 'role must be consumer, provider or both' })
  role: MemberRole;

  @ApiPropertyOptional({ description: 'Other persons of a household membership', type: [HouseholdPersonDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(12)
  @Type(() => HouseholdPersonDto)
  householdPersons?: HouseholdPersonDto[];
}
