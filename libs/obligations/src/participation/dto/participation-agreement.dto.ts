import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@buurtcoop/core';
import { PARTICIPATION_PURPOSES, ParticipationAgreement, ParticipationPurpose } from '../entities/participation-agreement.entity';
import { AgreementMonth } from '../participation.repository';

/** 31 days of 24 hours: more cannot be delivered in a month. */
const MAX_MINUTES_PER_MONTH = 31 * 24 * 60;

export class RecordParticipationAgreementDto {
  @ApiProperty({ format: 'uuid', description: 'The member who commits to the hours' }) @IsUUID() memberId: string;
  @ApiProperty({ description: 'Minutes a month the member commits to (480 = 8 hours)', example: 480 }) @IsInt() @Min(1) @Max(MAX_MINUTES_PER_MONTH) minutesPerMonth: number;
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, description: 'tegenprestatie (Participatiewet, agreed with the social services), vrijwilligerswerk, or other' })
  @IsIn(PARTICIPATION_PURPOSES)
  purpose: ParticipationPurpose;
  @ApiProperty({ description: 'What the member does', example: 'Klussen voor buurtbewoners, 8 uur per maand' }) @IsString() @Length(3, 500) description: string;
  @ApiPropertyOptional({ description: 'The reference of the other party, e.g. the gemeente’s kenmerk', example: 'SD-2027-00412' }) @IsOptional() @IsString() @Length(1, 100) externalReference?: string;
  @ApiProperty({ description: 'First day: the first of a month (YYYY-MM-DD)', example: '2027-03-01' }) @IsCalendarDate() startsOn: string;
  @ApiPropertyOptional({ description: 'Last day: the last day of a month (YYYY-MM-DD); open-ended when left out', example: '2027-12-31' }) @IsOptional() @IsCalendarDate() endsOn?: string;
}

export class EndAgreementDto {
  @ApiProperty({ description: 'The last day the agreement runs: the last day of a month (YYYY-MM-DD)', example: '2027-06-30' }) @IsCalendarDate() endsOn: string;
}

export class AgreementQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this member’s agreements' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only agreements running today (true) or not (false)' }) @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
}

export class AgreementMonthResponse {
  @ApiProperty({ description: 'The month (YYYY-MM)' }) month: string;
  @ApiProperty({ description: 'Minutes agreed for the month' }) agreedMinutes: number;
  @ApiProperty({ description: 'Minutes delivered: completed bookings as provider that started in the month (Dutch time)' }) deliveredMinutes: number;
  @ApiProperty({ description: 'Delivered at least what was agreed' }) fulfilled: boolean;
  @ApiProperty({ description: 'The month is still running' }) running: boolean;
}

export class ParticipationAgreementResponse {
  @ApiProperty({ format: 'uuid', description: 'Agreement id' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The member' }) memberId: string;
  @ApiProperty({ description: 'Minutes a month agreed' }) minutesPerMonth: number;
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, description: 'What the agreement is for' }) purpose: ParticipationPurpose;
  @ApiProperty({ description: 'What the member does' }) description: string;
  @ApiProperty({ nullable: true, type: String, description: 'The other party’s reference' }) externalReference: string | null;
  @ApiProperty({ format: 'date', description: 'First day' }) startsOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Last day; empty when open-ended' }) endsOn: string | null;
  @ApiProperty({ description: 'The member consents to attestations being issued' }) attestationConsent: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'When consent was (last) given' }) attestationConsentAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When consent was withdrawn; empty while it stands' }) attestationConsentWithdrawnAt: string | null;
  @ApiProperty({ description: 'Recorded at' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the board ended it' }) endedAt: string | null;
}

export class AgreementWithMonthsResponse extends ParticipationAgreementResponse {
  @ApiProperty({ type: [AgreementMonthResponse], description: 'Every month from the start through this month (or the end), agreed against delivered' })
  months: AgreementMonthResponse[];
}

export const hasConsent = (a: ParticipationAgreement): boolean => a.attestationConsentAt !== null && a.attestationConsentWithdrawnAt === null;

export function mapAgreement(a: ParticipationAgreement): ParticipationAgreementResponse {
  return {
    id: a.id,
    memberId: a.memberId,
    minutesPerMonth: a.minutesPerMonth,
    purpose: a.purpose,
    description: a.description,
    externalReference: a.externalReference,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    attestationConsent: hasConsent(a),
    attestationConsentAt: a.attestationConsentAt?.toISOString() ?? null,
    attestationConsentWithdrawnAt: a.attestationConsentWithdrawnAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    endedAt: a.endedAt?.toISOString() ?? null,
  };
}

export function mapAgreementWithMonths(a: { agreement: ParticipationAgreement; months: AgreementMonth[]; currentMonth: string }): AgreementWithMonthsResponse {
  return {
    ...mapAgreement(a.agreement),
    months: a.months.map((m) => ({ ...m, fulfilled: m.deliveredMinutes >= m.agreedMinutes, running: m.month === a.currentMonth })),
  };
}
