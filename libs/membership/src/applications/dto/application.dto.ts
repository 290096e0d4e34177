import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '@buurtcoop/core';
import { APPLICATION_STATUSES, ApplicationStatus, MembershipApplication } from '../entities/membership-application.entity';
import { MemberResponse, mapMember } from '../../members/dto/member.dto';
import { Member } from '../../members/entities/member.entity';

export class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only applications with this status', enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class RejectApplicationDto {
  @ApiProperty({ description: 'Why the board does not accept the application; sent to the applicant', example: 'U woont buiten ons werkgebied.' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid', description: 'Application id' }) id: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, description: 'pending, approved or rejected' }) status: ApplicationStatus;
  @ApiProperty({ format: 'uuid', description: 'Membership type applied for' }) membershipTypeId: string;
  @ApiProperty({ description: 'consumer, provider or both' }) role: string;
  @ApiProperty({ nullable: true, type: String, description: 'First name' }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Last name' }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Organisation name' }) organisationName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E-mail address' }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Phone number' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Street' }) street: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'House number' }) houseNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Postcode, normalised (7411AB)' }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'City' }) city: string | null;
  @ApiProperty({ description: 'Persons of a household application', type: 'array', items: { type: 'object' } }) householdPersons: unknown[];
  @ApiProperty({ description: 'Privacy statement version consented to' }) privacyStatementVersion: number;
  @ApiProperty({ format: 'date-time', description: 'When the application came in' }) submittedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the board decided' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected' }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The member it became' }) memberId: string | null;
}

export function mapApplication(a: MembershipApplication): ApplicationResponse {
  return {
    id: a.id,
    status: a.status,
    membershipTypeId: a.membershipTypeId,
    role: a.role,
    firstName: a.firstName,
    lastName: a.lastName,
    organisationName: a.organisationName,
    email: a.email,
    phone: a.phone,
    street: a.street,
    houseNumber: a.houseNumber,
    postcode: a.postcode,
    city: a.city,
    householdPersons: a.householdPersons,
    privacyStatementVersion: a.privacyStatementVersion,
    submittedAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    rejectionReason: a.rejectionReason,
    memberId: a.memberId,
  };
}

/** What the public sign-up form learns: that it was received, nothing of the register. */
export class SubmittedApplicationResponse {
  @ApiProperty({ format: 'uuid', description: 'Reference of the application' }) id: string;
  @ApiProperty({ enum: ['pending'], description: 'Always pending: the board decides' }) status: 'pending';
}

export class ApprovalResponse {
  @ApiProperty({ type: ApplicationResponse, description: 'The approved application' }) application: ApplicationResponse;
  @ApiProperty({ type: MemberResponse, description: 'The member it became' }) member: MemberResponse;
  @ApiProperty({ description: 'False when the application had already been approved (nothing new was created)' }) created: boolean;
}

export function mapApproval(r: { application: MembershipApplication; member: Member; created: boolean }): ApprovalResponse {
  return { application: mapApplication(r.application), member: mapMember(r.member), created: r.created };
}
