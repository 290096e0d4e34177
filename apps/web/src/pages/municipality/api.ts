/**
 * What the municipality's routes answer, as the reviewer sees it: agreements and their figures in aggregate,
 * and the accountability reports the cooperatives handed in. No person, address or member id is in here.
 */
import { useSession } from '../../session/session';

export type AgreementStatus = 'granted' | 'advances_paid' | 'accountability_submitted' | 'in_review' | 'settled';
export type TargetKind = 'hours_delivered' | 'residents_helped' | 'vulnerable_residents_helped' | 'activities_held';

export interface MunicipalAgreement {
  id: string;
  cooperativeId: string;
  cooperativeName: string;
  reference: string;
  startsOn: string;
  endsOn: string;
  grantedCents: number;
  receivedCents: number;
  tier: 'small' | 'medium' | 'large';
  status: AgreementStatus;
  accountabilitySubmittedOn: string | null;
  settledCents: number | null;
  targets: Array<{ kind: TargetKind; target: number }>;
}

/** A count of residents, or "<5"/"x" where it is hidden to protect their privacy. */
export type Count = number | string;

export interface Share {
  residents: Count;
  sharePercent: number | null;
}

export const VULNERABLE_CATEGORIES = ['age_65_plus', 'minimum_income', 'disability', 'informal_carer'] as const;

export interface OutputCell {
  residents: Count;
  deliveredMinutes: number | null;
  suppressed: boolean;
  vulnerable: Share;
  categories: Record<(typeof VULNERABLE_CATEGORIES)[number], Share>;
}

export interface AgreementFigures {
  agreement: { id: string; cooperativeId: string; reference: string; startsOn: string; endsOn: string };
  from: string;
  through: string;
  minimumCount: number;
  spending: {
    budgetCents: number;
    openingCents: number;
    receivedCents: number;
    spentCents: number;
    committedCents: number;
    unspentCents: number;
    budget: Array<{ accountCode: string; accountName: string; budgetCents: number; actualCents: number; remainingCents: number }>;
  };
  matching: {
    ratio: { numerator: number; denominator: number };
    capCents: number;
    grantedCents: number;
    ownSourcesCents: number;
    earnedCents: number;
    matchingCents: number;
    binding: 'own_sources' | 'cap' | 'granted';
  };
  outputs: {
    total: OutputCell;
    byServiceCategory: Array<OutputCell & { code: string; name: string }>;
    byMonth: Array<OutputCell & { month: string }>;
    byPostcode: Array<OutputCell & { postcode4: number | null }>;
  };
  targets: Array<{ kind: TargetKind; target: number; unit: 'hours' | 'residents' | 'activities'; achieved: Count | null; achievedMinutes: number | null; note: string | null }>;
}

export type ReportStatus = 'draft' | 'submitted' | 'changes_requested' | 'approved';

export interface VersionSummary {
  version: number;
  kind: 'draft' | 'save' | 'submission';
  createdAt: string;
}

export interface ReviewComment {
  version: number;
  kind: 'comment' | 'changes_requested';
  body: string;
  createdAt: string;
}

export interface AccountabilityReport {
  id: string;
  cooperativeId: string;
  agreementId: string;
  agreementReference: string;
  from: string;
  through: string;
  status: ReportStatus;
  currentVersion: number;
  versions?: VersionSummary[];
  comments?: ReviewComment[];
}

export const NARRATIVE_SECTIONS = ['samenvatting', 'activiteiten', 'bereik', 'financien', 'vooruitblik'] as const;

export interface ReportVersion extends VersionSummary {
  narrative: Partial<Record<(typeof NARRATIVE_SECTIONS)[number], string>>;
  /** The agreement's figures as they were when the version was made (the shape of the figures route). */
  figures: Partial<AgreementFigures>;
}

/** The API path of the reviewer's municipality: `/municipalities/{id}`. */
export function useMunicipalityPath(): string {
  const { municipalityId } = useSession();
  if (!municipalityId) throw new Error('This page needs a municipality to review');
  return `/municipalities/${municipalityId}`;
}

/** A report's status as a badge tone: what waits for the reviewer stands out. */
export const REPORT_TONE: Record<ReportStatus, 'neutral' | 'good' | 'warn' | 'bad'> = { draft: 'neutral', submitted: 'warn', changes_requested: 'neutral', approved: 'good' };
export const AGREEMENT_TONE: Record<AgreementStatus, 'neutral' | 'good' | 'warn' | 'bad'> = { granted: 'neutral', advances_paid: 'neutral', accountability_submitted: 'warn', in_review: 'warn', settled: 'good' };
