export * from './schema';
export * from './membership.module';
export * from './members/members.service';
export * from './members/member-enrolment.service';
export * from './profile/profile.service';
export * from './applications/applications.service';
export * from './members/entities/member.entity';
export * from './members/entities/member-category.entity';
export * from './import/member-import.service';
export * from './members/notice';
export type { MemberStanding } from './members/members.repository';
export type { MembersMonth } from './members/members.repository';
/** The read-only view through which finance bills members set-based (see the MemberBilling migration). */
export const MEMBER_BILLING_VIEW = 'member_billing';
/** The read-only view aggregate reports count residents through: household, postcode-4, consented category flags (see the MemberReporting migration). */
export const MEMBER_REPORTING_VIEW = 'member_reporting';
