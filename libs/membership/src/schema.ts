import { SchemaPart } from '@buurtcoop/core';
import { CooperativeProfile } from './profile/entities/cooperative-profile.entity';
import { PrivacyStatement } from './profile/entities/privacy-statement.entity';
import { MembershipType } from './membership-types/entities/membership-type.entity';
import { Household, HouseholdPerson } from './members/entities/household.entity';
import { Member } from './members/entities/member.entity';
import { MemberStatusChange } from './members/entities/member-status-change.entity';
import { MemberCategory } from './members/entities/member-category.entity';
import { MemberNumberCounter } from './members/entities/member-number-counter.entity';
import { MembershipApplication } from './applications/entities/membership-application.entity';
import { PrivacyRequest } from './privacy/entities/privacy-request.entity';
import { MEMBERSHIP_MIGRATIONS } from './migrations';

export const MEMBERSHIP_SCHEMA: SchemaPart = {
  entities: [
    CooperativeProfile,
    PrivacyStatement,
    MembershipType,
    Household,
    HouseholdPerson,
    Member,
    MemberStatusChange,
    MemberCategory,
    MemberNumberCounter,
    MembershipApplication,
    PrivacyRequest,
  ],
  migrations: MEMBERSHIP_MIGRATIONS,
};
