import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TenantJoinColumn } from '@buurtcoop/core';
import { MembershipType } from '../../membership-types/entities/membership-type.entity';
import type { Language, MemberRole } from '../../members/entities/member.entity';

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicantHouseholdPerson {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
}

/** A sign-up from the public form, waiting for the board. */
@Entity('membership_applications')
@Index('ix_membership_applications_status', { synchronize: false })
export class MembershipApplication {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { default: 'pending' })
  status: ApplicationStatus;

  @Column('uuid')
  membershipTypeId: string;

  @ManyToOne(() => MembershipType, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('membership_type_id')
  membershipType?: MembershipType;

  @Column('text')
  role: MemberRole;

  @Column('text', { nullable: true })
  firstName: string | null;

  @Column('text', { nullable: true })
  lastName: string | null;

  @Column('text', { nullable: true })
  organisationName: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  street: string | null;

  @Column('text', { nullable: true })
  houseNumber: string | null;

  @Column('char', { length: 6, nullable: true })
  postcode: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('date', { nullable: true })
  dateOfBirth: string | null;

  @Column('text', { default: 'nl' })
  language: Language;

  @Column('jsonb', { default: [] })
  householdPersons: ApplicantHouseholdPerson[];

  /** The privacy statement version the applicant consented to. */
  @Column('integer')
  privacyStatementVersion: number;

  @Column('timestamptz')
  consentedAt: Date;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { nullable: true })
  decidedBy: string | null;

  @Column('text', { nullable: true })
  rejectionReason: string | null;

  @Column('uuid', { nullable: true })
  memberId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
