import type { PledgeFrequency } from './entities/donation.entity';

const MONTHS: Record<PledgeFrequency, number> = { month: 1, quarter: 3, year: 12 };

/** `day` moved `months` on, kept within the month: 31 January plus one month is 28 (or 29) February. */
export function addMonthsClamped(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(Math.min(date, last)).padStart(2, '0')}`;
}

/**
 * How many payments of a pledge have fallen due by `today`: one on the start date and one each period after,
 * up to the end date when there is one.
 */
export function installmentsDue(pledge: { frequency: PledgeFrequency; startsOn: string; endsOn: string | null }, today: string): number {
  const through = pledge.endsOn && pledge.endsOn < today ? pledge.endsOn : today;
  if (through < pledge.startsOn) return 0;
  const [fromYear, fromMonth] = pledge.startsOn.split('-').map(Number);
  const [toYear, toMonth] = through.split('-').map(Number);
  const step = MONTHS[pledge.frequency];
  let periods = Math.floor(((toYear - fromYear) * 12 + (toMonth - fromMonth)) / step);
  // The last period counted has not come round yet when its (clamped) day lies after `through`.
  if (addMonthsClamped(pledge.startsOn, periods * step) > through) periods--;
  return periods + 1;
}
