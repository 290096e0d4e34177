import { dutchDate } from '@buurtcoop/core';
import { NoticeRule } from '../profile/entities/cooperative-profile.entity';

/** `YYYY-MM-DD` of a UTC calendar date (for date arithmetic on plain dates). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The calendar day in the Netherlands: what "today" means for notices, erasures and joining dates. */
export function todayInNetherlands(now: Date = new Date()): string {
  return dutchDate(now);
}

function addMonths(date: string, months: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay)));
}

/**
 * The day a membership ends after notice given on `noticeOn`, as the statutes say: the notice period
 * runs first, then the membership lasts until the end of that month or calendar year.
 * E.g. end of calendar year with one month's notice: notice on 23 Nov 2026 ends on 31 Dec 2026,
 * notice on 15 Dec 2026 ends on 31 Dec 2027.
 */
export function noticeEffectiveDate(rule: NoticeRule, periodMonths: number, noticeOn: string): string {
  const afterPeriod = addMonths(noticeOn, periodMonths);
  switch (rule) {
    case 'immediate':
      return isoDate(afterPeriod);
    case 'end_of_month':
      return isoDate(new Date(Date.UTC(afterPeriod.getUTCFullYear(), afterPeriod.getUTCMonth() + 1, 0)));
    case 'end_of_calendar_year':
      return `${afterPeriod.getUTCFullYear()}-12-31`;
  }
}
