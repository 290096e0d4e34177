import { Membership1795403862659 } from './1795403862659-Membership';
import { MembershipSecurity1795403900000 } from './1795403900000-MembershipSecurity';
import { MemberBilling1795409400000 } from './1795409400000-MemberBilling';
import { MemberReporting1795419400000 } from './1795419400000-MemberReporting';
import { NotificationHistoryBackfill1795432668165 } from './1795432668165-NotificationHistoryBackfill';
import { BookingSuspension1795432712902 } from './1795432712902-BookingSuspension';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MEMBERSHIP_MIGRATIONS: Function[] = [Membership1795403862659, MembershipSecurity1795403900000, MemberBilling1795409400000, MemberReporting1795419400000, NotificationHistoryBackfill1795432668165, BookingSuspension1795432712902];
