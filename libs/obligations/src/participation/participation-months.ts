/** Calendar months as the agreements count them: `YYYY-MM`, days `YYYY-MM-DD`, all in Dutch local time. */

const MONTH_NAMES = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'] as const;

/** The Dutch month names, January first: SQL that writes summaries takes them as a parameter. */
export const DUTCH_MONTH_NAMES: readonly string[] = MONTH_NAMES;

export const monthOf = (day: string): string => day.slice(0, 7);

export const isFirstOfMonth = (day: string): boolean => day.slice(8) === '01';

/** The last day of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

export const isLastOfMonth = (day: string): boolean => lastDayOf(monthOf(day)) === day;

/** `maart 2027`. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** Minutes as hours and minutes, `8:00`, `12:45`: how hours are written on timesheets. */
export function hoursMinutes(minutes: number): string {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a whole number ≥ 0, got ${minutes}`);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `8 uur`, or `7:30 uur` when the minutes are not whole hours. */
export function hoursText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} uur` : `${hoursMinutes(minutes)} uur`;
}
