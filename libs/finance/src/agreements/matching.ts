import { ReportingTier } from './entities/co-finance-agreement.entity';

export interface MatchingRule {
  /** The municipality adds numerator/denominator of every euro raised from own sources (1/1, 1/2…), never a float. */
  numerator: number;
  denominator: number;
  capCents: number;
  grantedCents: number;
}

export type MatchingBinding = 'own_sources' | 'cap' | 'granted';

export interface Matching {
  ownSourcesCents: number;
  /** What the ratio earns before any limit: floor(own × numerator / denominator). */
  earnedCents: number;
  matchingCents: number;
  /** Which figure decided the matching: the money raised, the cap, or the amount granted. */
  binding: MatchingBinding;
}

/** The municipality's matching for own-source income; in whole cents, rounded down, never above cap or grant. */
export function computeMatching(ownSourcesCents: number, rule: MatchingRule): Matching {
  const own = Math.max(0, ownSourcesCents);
  // BigInt keeps own × numerator exact however large the ratio.
  const earned = Number((BigInt(own) * BigInt(rule.numerator)) / BigInt(rule.denominator));
  // The grant first: a cap at (or above) the amount granted is not what limits the matching.
  const limits: Array<[MatchingBinding, number]> = [
    ['granted', rule.grantedCents],
    ['cap', rule.capCents],
  ];
  let result: [MatchingBinding, number] = ['own_sources', earned];
  for (const [binding, limit] of limits) if (limit < result[1]) result = [binding, limit];
  return { ownSourcesCents: ownSourcesCents, earnedCents: earned, matchingCents: result[1], binding: result[0] };
}

export interface TierThresholds {
  /** Up to and including this amount: settled directly (small). */
  smallMaxCents: number;
  /** Up to and including this amount: an activity report (medium); above it: large. */
  mediumMaxCents: number;
}

/**
 * The usual Dutch thresholds (Awb 4:44–4:47 as most municipal ASVs apply them): up to €25,000 settled
 * directly, up to €125,000 with an activity report, above that with activity report, financial report and
 * an accountant's statement. They are each municipality's own settings, so an agreement may carry others.
 */
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = { smallMaxCents: 2_500_000, mediumMaxCents: 12_500_000 };

export function reportingTier(grantedCents: number, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS): ReportingTier {
  if (grantedCents <= thresholds.smallMaxCents) return 'small';
  if (grantedCents <= thresholds.mediumMaxCents) return 'medium';
  return 'large';
}

export const ACCOUNTABILITY_DOCUMENT_KINDS = ['activity_report', 'financial_report', 'accountant_statement'] as const;
export type AccountabilityDocumentKind = (typeof ACCOUNTABILITY_DOCUMENT_KINDS)[number];

/** The documents each tier's accountability needs; a small subsidy is settled without them. */
export const REQUIRED_DOCUMENTS: Record<ReportingTier, readonly AccountabilityDocumentKind[]> = {
  small: [],
  medium: ['activity_report'],
  large: ['activity_report', 'financial_report', 'accountant_statement'],
};
