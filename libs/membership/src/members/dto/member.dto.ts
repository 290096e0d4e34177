import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@buurtcoop/core';
import { AddressFields } from './member-fields';
import { LANGUAGES, Language, MEMBER_ROLES, MEMBER_STATUSES, Member, MemberRole, MemberStatus } from '../entities/member.entity';
import { MemberStatusChange, STATUS_CHANGE_KINDS } from '../entities/member-status-change.entity';
import { MemberCategory, VULNERABILITY_CATEGORIES, VulnerabilityCategory } from '../entities/member-category.entity';
import { MEMBER_SORTS, MemberSort } from '../members.repository';

export class MemberQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, organisation, e-mail (part of) or exact member number', example: 'bosman' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'Membership status', enum: MEMBER_STATUSES })
  @IsOptional()
  @IsIn(MEMBER_STATUSES, { message: `status must be one of ${MEMBER_STATUSES.join(', ')}` })
  status?: MemberStatus;

  @ApiPropertyOptional({ description: 'Membership type id', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  membershipTypeId?: string;

  @ApiPropertyOptional({ description: 'consumer or provider (members who are both match either)', enum: MEMBER_ROLES })
  @IsOptional()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;

  @ApiPropertyOptional({ description: 'Postcode area: the first 2 to 4 digits', example: '7411' })
  @IsOptional()
  @Matches(/^[1-9]\d{1,3}$/, { message: 'postcodeArea must be 2 to 4 digits of a postcode, e.g. 7411' })
  postcodeArea?: string;

  @ApiPropertyOptional({ description: 'Sort field', enum: MEMBER_SORTS, default: 'memberNumber' })
  @IsOptional()
  @IsIn(MEMBER_SORTS)
  sort?: MemberSort;

  @ApiPropertyOptional({ description: 'Sort direction', enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  direction?: 'asc' | 'desc';
}

export class ContactPreferencesDto {
  @ApiProperty({ description: 'May be contacted by e-mail' }) @IsBoolean() email: boolean;
  @ApiProperty({ description: 'May be contacted by phone' }) @IsBoolean() phone: boolean;
  @ApiProperty({ description: 'May be contacted by post' }) @IsBoolean() post: boolean;
}

/** What a member may change about themselves. */
export class UpdateOwnProfileDto extends PartialType(OmitType(AddressFields, ['organisationName'] as const)) {
  @ApiPropertyOptional({ description: 'How the cooperative may contact you', type: ContactPreferencesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactPreferencesDto)
  contactPreferences?: ContactPreferencesDto;
}

/** What the board may change about a member (besides the status, which has its own route). */
export class UpdateMemberDto extends PartialType(AddressFields) {
  @ApiPropertyOptional({ description: 'consumer, provider or both', enum: MEMBER_ROLES })
  @IsOptional()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;

  @ApiPropertyOptional({ description: 'Membership type id', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  membershipTypeId?: string;
}

export const STATUS_ACTIONS = ['suspend', 'reinstate', 'notice', 'end'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export class ChangeStatusDto {
  @ApiProperty({ description: 'suspend (booking rights stop), reinstate, notice (membership ends as the statutes say), end (at once)', enum: STATUS_ACTIONS })
  @IsIn(STATUS_ACTIONS, { message: `action must be one of ${STATUS_ACTIONS.join(', ')}` })
  action: StatusAction;

  @ApiProperty({ description: 'Why; kept in the member history', example: 'Opzegging per brief van 20 november' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class CategoriesDto {
  @ApiProperty({ description: 'Self-declared categories (empty withdraws them all)', enum: VULNERABILITY_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(VULNERABILITY_CATEGORIES, { each: true, message: `each category must be one of ${VULNERABILITY_CATEGORIES.join(', ')}` })
  categories: VulnerabilityCategory[];

  @ApiPropertyOptional({ description: 'Must be true when any category is given: consent to use them, only in anonymous totals for the municipality' })
  @ValidateBy({
    name: 'consentToCategories',
    validator: {
      // With categories it is true; without, it may be absent or a boolean.
      validate: (value: unknown, args) => value === true || (!((args?.object as CategoriesDto).categories?.length > 0) && (value === undefined || value === false)),
      defaultMessage: (args) =>
        args?.value === undefined || typeof args.value === 'boolean'
          ? 'consent must be true to store categories: they are used only in anonymous totals for the municipality'
          : 'consent must be true or false',
    },
  })
  consent?: boolean;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid', description: 'Member id' }) id: string;
  @ApiProperty({ description: 'Member number, sequential per cooperative' }) memberNumber: number;
  @ApiProperty({ format: 'uuid', description: 'Membership type' }) membershipTypeId: string;
  @ApiProperty({ enum: MEMBER_ROLES, description: 'consumer, provider or both' }) role: MemberRole;
  @ApiProperty({ enum: MEMBER_STATUSES, description: 'active, suspended or ended' }) status: MemberStatus;
  @ApiProperty({ nullable: true, type: String, description: 'First name' }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Last name' }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Organisation name' }) organisationName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E-mail address' }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Phone number' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Street' }) street: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'House number' }) houseNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Postcode (7411AB)' }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'City' }) city: string | null;
  @ApiProperty({ enum: LANGUAGES, description: 'Language' }) language: Language;
  @ApiProperty({ format: 'date', description: 'Member since' }) joinedOn: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Last day of membership after notice' }) endsOn: string | null;
  @ApiProperty({ description: 'Personal data was erased on request' }) erased: boolean;
}

/** The register view: no date of birth, no self-declared categories. */
export function mapMember(m: Member): MemberResponse {
  return {
    id: m.id,
    memberNumber: m.memberNumber,
    membershipTypeId: m.membershipTypeId,
    role: m.role,
    status: m.status,
    firstName: m.firstName,
    lastName: m.lastName,
    organisationName: m.organisationName,
    email: m.email,
    phone: m.phone,
    street: m.street,
    houseNumber: m.houseNumber,
    postcode: m.postcode,
    city: m.city,
    language: m.language,
    joinedOn: m.joinedOn,
    endsOn: m.endsOn,
    erased: m.anonymisedAt !== null,
  };
}

export class MemberPageResponse {
  @ApiProperty({ type: [MemberResponse], description: 'This page of members' }) items: MemberResponse[];
  @ApiProperty({ description: 'Members matching the filter, over all pages' }) total: number;
  @ApiProperty({ description: 'Page number' }) page: number;
  @ApiProperty({ description: 'Page size' }) pageSize: number;
}

export class StatusChangeResponse {
  @ApiProperty({ enum: STATUS_CHANGE_KINDS, description: 'What happened' }) kind: string;
  @ApiProperty({ format: 'date', description: 'When it takes effect' }) effectiveOn: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why' }) reason: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' }) recordedAt: string;
}

export function mapStatusChange(c: MemberStatusChange): StatusChangeResponse {
  return { kind: c.kind, effectiveOn: c.effectiveOn, reason: c.reason, recordedAt: c.recordedAt.toISOString() };
}

/** A member's own view of themselves: includes what only they may see. */
export class OwnProfileResponse extends MemberResponse {
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Date of birth' }) dateOfBirth: string | null;
  @ApiProperty({ type: ContactPreferencesDto, description: 'How the cooperative may contact you' }) contactPreferences: ContactPreferencesDto;
  @ApiProperty({ enum: VULNERABILITY_CATEGORIES, isArray: true, description: 'Self-declared categories you consented to' }) categories: VulnerabilityCategory[];
}

export function mapOwnProfile(m: Member, categories: MemberCategory[]): OwnProfileResponse {
  return { ...mapMember(m), dateOfBirth: m.dateOfBirth, contactPreferences: m.contactPreferences, categories: categories.map((c) => c.category) };
}

