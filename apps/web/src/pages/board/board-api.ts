/** The shapes of the membership and obligations API as the board's pages use them. */

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';
export type MemberRole = 'consumer' | 'provider' | 'both';
export type MemberStatus = 'active' | 'suspended' | 'ended';

export interface Application {
  id: string;
  status: ApplicationStatus;
  membershipTypeId: string;
  role: MemberRole;
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  householdPersons: Array<{ firstName: string; lastName: string; dateOfBirth?: string }>;
  privacyStatementVersion: number;
  submittedAt: string;
  decidedAt: string | null;
  rejectionReason: string | null;
  memberId: string | null;
}

export interface Member {
  id: string;
  memberNumber: number;
  membershipTypeId: string;
  role: MemberRole;
  status: MemberStatus;
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  language: 'nl' | 'en';
  joinedOn: string;
  endsOn: string | null;
  erased: boolean;
}

export interface StatusChange {
  kind: 'joined' | 'suspended' | 'reinstated' | 'notice' | 'ended' | 'erased';
  effectiveOn: string;
  reason: string | null;
  recordedAt: string;
}

export interface MembershipType {
  id: string;
  code: string;
  name: string;
  kind: string;
  organisationKind: string | null;
  mayBook: boolean;
  mayProvide: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const OBLIGATION_TYPES = ['invoice_payment', 'hours_logging', 'consumer_confirmation', 'timely_cancellation', 'vog_validity', 'participation', 'funder_report'] as const;
export const OBLIGATION_STATUSES = ['open', 'overdue', 'escalated', 'fulfilled', 'waived'] as const;
export type ObligationType = (typeof OBLIGATION_TYPES)[number];
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export interface Obligation {
  id: string;
  type: ObligationType;
  status: ObligationStatus;
  memberId: string | null;
  memberNumber: number | null;
  memberName: string | null;
  summary: string;
  amountCents: number | null;
  dueAt: string;
  ageDays: number;
  step: 'reminder' | 'second_reminder' | 'board_review' | 'suspension' | null;
  stepAt: string | null;
  fulfilledAt: string | null;
  waivedAt: string | null;
  waiverReason: string | null;
}

export interface SummaryRow {
  type: ObligationType;
  status: ObligationStatus;
  ageBucket: 'not_due' | '0-7' | '8-30' | '31-60' | '60+';
  count: number;
  amountCents: number;
}

export interface Evaluation {
  created: number;
  fulfilled: number;
  lapsed: number;
  steps: number;
  messages: number;
}

/** A person's or an organisation's name as the register shows it. */
export function displayName(person: { firstName: string | null; lastName: string | null; organisationName: string | null }): string {
  return person.organisationName ?? [person.firstName, person.lastName].filter(Boolean).join(' ');
}

export function address(person: { street: string | null; houseNumber: string | null; postcode: string | null; city: string | null }): string {
  const line = [person.street, person.houseNumber].filter(Boolean).join(' ');
  const place = [person.postcode, person.city].filter(Boolean).join(' ');
  return [line, place].filter(Boolean).join(', ') || '—';
}

export const APPLICATION_TONE = { pending: 'warn', approved: 'good', rejected: 'bad' } as const;
export const MEMBER_TONE = { active: 'good', suspended: 'warn', ended: 'neutral' } as const;
export const OBLIGATION_TONE = { open: 'neutral', overdue: 'warn', escalated: 'bad', fulfilled: 'good', waived: 'neutral' } as const;
