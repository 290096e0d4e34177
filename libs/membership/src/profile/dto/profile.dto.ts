import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { IsDutchPostcode, IsIban, IsKvkNumber, IsOmittable, IsSepaCreditorId } from '@buurtcoop/core';
import { CooperativeProfile, NOTICE_RULES, NoticeRule } from '../entities/cooperative-profile.entity';
import { PrivacyStatement } from '../entities/privacy-statement.entity';
import { MembershipType } from '../../membership-types/entities/membership-type.entity';

export class UpdateProfileDto {
  @ApiPropertyOptional({ description: 'KvK number, 8 digits', example: '12345678' })
  @IsOmittable()
  @IsKvkNumber()
  kvkNumber?: string;

  @ApiPropertyOptional({ description: 'Street of the registered address', example: 'Hanzeplein' })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  street?: string;

  @ApiPropertyOptional({ description: 'House number', example: '1' })
  @IsOmittable()
  @IsString()
  @Length(1, 20)
  houseNumber?: string;

  @ApiPropertyOptional({ description: 'Dutch postcode', example: '7411 HA' })
  @IsOmittable()
  @IsDutchPostcode()
  postcode?: string;

  @ApiPropertyOptional({ description: 'City', example: 'Deventer' })
  @IsOmittable()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiPropertyOptional({ description: 'The cooperative’s bank account (IBAN)', example: 'NL91ABNA0417164300' })
  @IsOmittable()
  @IsIban()
  iban?: string;

  @ApiPropertyOptional({ description: 'SEPA creditor identifier (incassant-ID) for direct debit', example: 'NL57ZZZ999999999999' })
  @IsOmittable()
  @IsSepaCreditorId()
  creditorId?: string;

  @ApiPropertyOptional({ description: 'When a notice of termination takes effect, per the statutes', enum: NOTICE_RULES })
  @IsOmittable()
  @IsIn(NOTICE_RULES, { message: `noticeRule must be one of ${NOTICE_RULES.join(', ')}` })
  noticeRule?: NoticeRule;

  @ApiPropertyOptional({ description: 'Months of notice before that rule applies, 0 to 12', example: 1 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(12)
  noticePeriodMonths?: number;
}

export class PublishPrivacyStatementDto {
  @ApiProperty({ description: 'The full text of the new privacy statement' })
  @IsString()
  @Length(50, 50000, { message: 'text must be the full privacy statement (at least 50 characters)' })
  text: string;
}

export class CooperativeProfileResponse {
  @ApiProperty({ format: 'uuid', description: 'Cooperative id' }) cooperativeId: string;
  @ApiProperty({ nullable: true, type: String, description: 'KvK number' }) kvkNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Street' }) street: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'House number' }) houseNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Postcode' }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'City' }) city: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'IBAN' }) iban: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SEPA creditor identifier' }) creditorId: string | null;
  @ApiProperty({ enum: NOTICE_RULES, description: 'Notice rule of the statutes' }) noticeRule: NoticeRule;
  @ApiProperty({ description: 'Months of notice' }) noticePeriodMonths: number;
}

export function mapProfile(p: CooperativeProfile): CooperativeProfileResponse {
  return {
    cooperativeId: p.cooperativeId,
    kvkNumber: p.kvkNumber,
    street: p.street,
    houseNumber: p.houseNumber,
    postcode: p.postcode,
    city: p.city,
    iban: p.iban,
    creditorId: p.creditorId,
    noticeRule: p.noticeRule,
    noticePeriodMonths: p.noticePeriodMonths,
  };
}

export class PrivacyStatementResponse {
  @ApiProperty({ description: 'Version number; sign-ups consent to a version' }) version: number;
  @ApiProperty({ description: 'Full text' }) text: string;
  @ApiProperty({ format: 'date-time', description: 'When it was published' }) publishedAt: string;
}

export function mapPrivacyStatement(p: PrivacyStatement): PrivacyStatementResponse {
  return { version: p.version, text: p.text, publishedAt: p.publishedAt.toISOString() };
}

export class MembershipTypeResponse {
  @ApiProperty({ format: 'uuid', description: 'Membership type id' }) id: string;
  @ApiProperty({ description: 'Short code', example: 'resident' }) code: string;
  @ApiProperty({ description: 'Name', example: 'Bewoner' }) name: string;
  @ApiProperty({ description: 'resident, provider, household, supporting or organisation' }) kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'company, housing_corporation or foundation' }) organisationKind: string | null;
  @ApiProperty({ description: 'Members of this type may book services' }) mayBook: boolean;
  @ApiProperty({ description: 'Members of this type may provide services' }) mayProvide: boolean;
}

export function mapMembershipType(t: MembershipType): MembershipTypeResponse {
  return { id: t.id, code: t.code, name: t.name, kind: t.kind, organisationKind: t.organisationKind, mayBook: t.mayBook, mayProvide: t.mayProvide };
}

/** What the public sign-up form needs to show. */
export class SignUpInfoResponse {
  @ApiProperty({ description: 'Name of the cooperative' }) name: string;
  @ApiProperty({ type: [MembershipTypeResponse], description: 'Membership types one can apply for' }) membershipTypes: MembershipTypeResponse[];
  @ApiProperty({ type: PrivacyStatementResponse, description: 'The privacy statement to consent to' }) privacyStatement: PrivacyStatementResponse;
}
