import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Language, TenantJoinColumn } from '@buurtcoop/core';
import { MembershipType } from '../../membership-types/entities/membership-type.entity';
import { Household } from './household.entity';

export const MEMBER_STATUSES = ['active', 'suspended', 'ended'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const MEMBER_ROLES = ['consumer', 'provider', 'both'] as const;
/** Whether the member uses services, provides them, or both. */
export type MemberRole = (typeof MEMBER_ROLES)[number];

// The languages live in core, which writes the mail; re-exported for the imports that know them from here.
export { LANGUAGES } from '@buurtcoop/core';
export type { Language } from '@buurtcoop/core';

export interface ContactPreferences {
  email: boolean;
  phone: boolean;
  post: boolean;
}

/**
 * A member of one cooperative. Personal fields are nullable because an erased member keeps its row
 * (financial records must stay linked for seven years) with those fields wiped.
 */
@Entity('members')
@Unique('uq_members_number', ['cooperativeId', 'memberNumber'])
@Index('uq_members_email', { synchronize: false })
@Index('ix_members_search', { synchronize: false })
@Index('ix_members_postcode', { synchronize: false })
@Index('ix_members_user', { synchronize: false })
export class Member {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Sequential per cooperative, without gaps. */
  @Column('integer')
  memberNumber: number;

  @Column('uuid')
  membershipTypeId: string;

  @ManyToOne(() => MembershipType, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('membership_type_id')
  membershipType?: MembershipType;

  @Column('uuid', { nullable: true })
  householdId: string | null;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('household_id')
  household?: Household;

  /** The login of this member, once the invitation was accepted. */
  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('text')
  role: MemberRole;

  @Column('text')
  status: MemberStatus;

  @Column('text', { nullable: true })
  firstName: string | null;

  @Column('text', { nullable: true })
  lastName: string | null;

  /** Organisation name, for organisation members. */
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

  @Column('jsonb', { default: { email: true, phone: false, post: false } })
  contactPreferences: ContactPreferences;

  @Column('date')
  joinedOn: string;

  /** Set by a notice of termination: the day the membership ends, computed from the statutes. */
  @Column('date', { nullable: true })
  endsOn: string | null;

  @Column('timestamptz', { nullable: true })
  anonymisedAt: Date | null;

  /** Booking rights suspended by an escalated obligation (libs/obligations) until it is fulfilled or waived. */
  @Column('timestamptz', { nullable: true })
  bookingSuspendedAt: Date | null;

  @Column('text', { nullable: true })
  bookingSuspensionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
