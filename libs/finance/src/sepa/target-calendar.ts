import { addDays, easterSunday } from '@buurtcoop/core';

/**
 * The TARGET2 calendar, on which SEPA direct debits settle: every weekday except New Year's Day, Good Friday,
 * Easter Monday, 1 May, Christmas Day and 26 December. Calendar days (`YYYY-MM-DD`) only, no time zones.
 */

export function isTargetBusinessDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = day.slice(5);
  if (monthDay === '01-01' || monthDay === '05-01' || monthDay === '12-25' || monthDay === '12-26') return false;
  const easter = easterSunday(Number(day.slice(0, 4)));
  return day !== addDays(easter, -2) && day !== addDays(easter, 1);
}

/** The first TARGET2 business day strictly after `day`. */
export function nextTargetBusinessDay(day: string): string {
  let next = addDays(day, 1);
  while (!isTargetBusinessDay(next)) next = addDays(next, 1);
  return next;
}

/**
 * The earliest collection date for a file submitted on `today`. Since rulebook 9.2 (20 November 2016) every
 * SEPA Core collection — FRST, RCUR, OOFF and FNAL alike — must reach the debtor's bank by D-1, one TARGET2
 * business day before the collection date: so D-1 may be today at the earliest (or the next business day,
 * when today is not one), and D the business day after that.
 */
export function earliestCollectionDate(today: string): string {
  const submission = isTargetBusinessDay(today) ? today : nextTargetBusinessDay(today);
  return nextTargetBusinessDay(submission);
}

/** `day` plus whole calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(date, last)).padStart(2, '0')}`;
}
