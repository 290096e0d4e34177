import { DEFAULT_TIER_THRESHOLDS, computeMatching, reportingTier } from './matching';

describe(computeMatching.name, () => {
  const oneToOne = { numerator: 1, denominator: 1, capCents: 3_000_000, grantedCents: 4_000_000 };

  it('matches euro for euro below the cap, and the money raised is what binds', () => {
    const sut = computeMatching(1_234_567, oneToOne);
    expect(sut).toEqual({ ownSourcesCents: 1_234_567, earnedCents: 1_234_567, matchingCents: 1_234_567, binding: 'own_sources' });
  });

  it('reaches the cap exactly without the cap binding', () => {
    expect(computeMatching(3_000_000, oneToOne)).toMatchObject({ matchingCents: 3_000_000, binding: 'own_sources' });
  });

  it('stops at the cap beyond it', () => {
    expect(computeMatching(3_000_001, oneToOne)).toMatchObject({ earnedCents: 3_000_001, matchingCents: 3_000_000, binding: 'cap' });
  });

  it('rounds a half ratio down to the cent', () => {
    // 1/2 of 3333 cents is 1666.5 cents: the municipality pays 1666.
    expect(computeMatching(3_333, { ...oneToOne, denominator: 2 })).toMatchObject({ earnedCents: 1_666, matchingCents: 1_666 });
  });

  it('never pays more than granted, even when the cap is set higher', () => {
    expect(computeMatching(9_000_000, { ...oneToOne, capCents: 6_000_000 })).toMatchObject({ matchingCents: 4_000_000, binding: 'granted' });
  });

  it('names the grant as binding when the cap is the amount granted', () => {
    expect(computeMatching(5_000_000, { ...oneToOne, capCents: 4_000_000 })).toMatchObject({ matchingCents: 4_000_000, binding: 'granted' });
  });

  it('earns nothing on a net negative own-source balance (refunds exceeding income)', () => {
    expect(computeMatching(-5_000, oneToOne)).toMatchObject({ earnedCents: 0, matchingCents: 0, binding: 'own_sources' });
  });

  it('rounds an uneven ratio down: 7/3 of €10,000.03', () => {
    // 1_000_003 × 7 = 7_000_021; divided by 3 is 2_333_340 remainder 1.
    expect(computeMatching(1_000_003, { numerator: 7, denominator: 3, capCents: 10 ** 9, grantedCents: 10 ** 9 }).earnedCents).toBe(2_333_340);
  });
});

describe(reportingTier.name, () => {
  it('is small up to and including €25,000, medium up to and including €125,000, large above', () => {
    expect([2_500_000, 2_500_001, 12_500_000, 12_500_001].map((c) => reportingTier(c))).toEqual(['small', 'medium', 'medium', 'large']);
  });

  it('follows a municipality’s own thresholds', () => {
    const sut = (cents: number) => reportingTier(cents, { smallMaxCents: 500_000, mediumMaxCents: 5_000_000 });
    expect([500_000, 500_001, 5_000_001].map(sut)).toEqual(['small', 'medium', 'large']);
    expect(DEFAULT_TIER_THRESHOLDS).toEqual({ smallMaxCents: 2_500_000, mediumMaxCents: 12_500_000 });
  });
});
