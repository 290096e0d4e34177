/** The tax-free limits of a volunteer allowance in one year, in cents. */
export interface CapAmounts {
  hourlyCents: number;
  hourlyUnder21Cents: number;
  monthlyCents: number;
  yearlyCents: number;
}

export interface EffectiveCaps extends CapAmounts {
  /** The year whose caps these are: the year asked for, or the latest earlier year with caps. */
  year: number;
  /** Set by the cooperative, or the figures the product ships with. */
  source: 'cooperative' | 'product';
}

/**
 * The caps the product knows for certain (Belastingdienst, vrijwilligersregeling). Later years are added
 * when they are published, or set by the cooperative; they are never guessed.
 */
export const KNOWN_ALLOWANCE_CAPS: ReadonlyArray<CapAmounts & { year: number }> = [
  { year: 2025, hourlyCents: 500, hourlyUnder21Cents: 300, monthlyCents: 21_000, yearlyCents: 210_000 },
];

/** The caps for `year`: the latest year not after it, the cooperative's own figures winning over the product's. Null before any known year. */
export function effectiveCaps(year: number, cooperative: ReadonlyArray<CapAmounts & { year: number }>): EffectiveCaps | null {
  const candidates = [
    ...KNOWN_ALLOWANCE_CAPS.filter((k) => !cooperative.some((c) => c.year === k.year)).map((k) => ({ ...k, source: 'product' as const })),
    ...cooperative.map((c) => ({ year: c.year, hourlyCents: c.hourlyCents, hourlyUnder21Cents: c.hourlyUnder21Cents, monthlyCents: c.monthlyCents, yearlyCents: c.yearlyCents, source: 'cooperative' as const })),
  ].filter((c) => c.year <= year);
  if (candidates.length === 0) return null;
  return candidates.reduce((latest, c) => (c.year > latest.year ? c : latest));
}

/** Age in whole years on `day` (both `YYYY-MM-DD`), by the calendar, not by dividing milliseconds. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** The most an allowance for these hours may be: hours (to two decimals) times the hourly cap, rounded down to the cent. */
export function hourlyLimitCents(hours: number, hourlyCents: number): number {
  const hundredths = Math.round(hours * 100);
  return Math.floor((hundredths * hourlyCents) / 100);
}
