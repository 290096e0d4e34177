import { noticeEffectiveDate } from './notice';

describe(noticeEffectiveDate.name, () => {
  it.each([
    ['end_of_calendar_year', 0, '2026-11-23', '2026-12-31'],
    ['end_of_calendar_year', 1, '2026-11-23', '2026-12-31'],
    ['end_of_calendar_year', 1, '2026-12-15', '2027-12-31'],
    ['end_of_calendar_year', 3, '2026-09-30', '2026-12-31'],
    ['end_of_calendar_year', 3, '2026-10-01', '2027-12-31'],
    ['end_of_month', 0, '2026-02-10', '2026-02-28'],
    ['end_of_month', 1, '2026-01-31', '2026-02-28'],
    ['end_of_month', 1, '2028-01-31', '2028-02-29'],
    ['immediate', 0, '2026-11-23', '2026-11-23'],
    ['immediate', 1, '2026-03-31', '2026-04-30'],
  ] as const)('%s with %i months: notice on %s ends on %s', (rule, months, noticeOn, expected) => {
    expect(noticeEffectiveDate(rule, months, noticeOn)).toBe(expected);
  });
});
