import { ageOn, effectiveCaps, hourlyLimitCents } from './allowance-caps';

describe('effectiveCaps', () => {
  const own2026 = { year: 2026, hourlyCents: 550, hourlyUnder21Cents: 330, monthlyCents: 22_000, yearlyCents: 220_000 };

  it('uses the product’s 2025 caps for 2025 and for a later year without its own', () => {
    expect(effectiveCaps(2025, [])).toEqual({ year: 2025, source: 'product', hourlyCents: 500, hourlyUnder21Cents: 300, monthlyCents: 21_000, yearlyCents: 210_000 });
    expect(effectiveCaps(2028, [])).toMatchObject({ year: 2025, source: 'product' });
  });

  it('prefers the cooperative’s own caps, also over the product’s for the same year', () => {
    expect(effectiveCaps(2027, [own2026])).toEqual({ ...own2026, source: 'cooperative' });
    expect(effectiveCaps(2025, [own2026])).toMatchObject({ year: 2025, source: 'product' });
    expect(effectiveCaps(2025, [{ ...own2026, year: 2025, monthlyCents: 100 }])).toMatchObject({ year: 2025, source: 'cooperative', monthlyCents: 100 });
  });

  it('knows no caps before the first known year', () => {
    expect(effectiveCaps(2024, [])).toBeNull();
  });
});

describe('ageOn', () => {
  it.each([
    ['2006-03-15', '2027-03-14', 20],
    ['2006-03-15', '2027-03-15', 21],
    ['2004-02-29', '2025-02-28', 20],
    ['2004-02-29', '2025-03-01', 21],
  ])('someone born %s is on %s %i', (born, day, age) => {
    expect(ageOn(born, day)).toBe(age);
  });
});

describe('hourlyLimitCents', () => {
  it('multiplies hours to two decimals by the hourly cap without float drift', () => {
    expect(hourlyLimitCents(0.29, 500)).toBe(145);
    expect(hourlyLimitCents(42, 500)).toBe(21_000);
    expect(hourlyLimitCents(1.01, 333)).toBe(336);
  });
});
