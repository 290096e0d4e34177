import { easterSunday } from '@buurtcoop/core';
import { addMonths, earliestCollectionDate, isTargetBusinessDay, nextTargetBusinessDay } from './target-calendar';

describe('TARGET2 calendar', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('finds Easter Sunday of %i', (year, easter) => {
    expect(easterSunday(year)).toBe(easter);
  });

  it.each([
    ['2026-11-23', true, 'a Monday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2027-01-01', false, "New Year's Day"],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-05-01', false, 'Labour Day'],
    ['2026-12-24', true, 'Christmas Eve (open)'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-12-28', true, 'the Monday after Christmas'],
    ['2027-04-27', true, "King's Day (Dutch, not a TARGET holiday)"],
  ])('%s is a business day: %s (%s)', (day, open) => {
    expect(isTargetBusinessDay(day)).toBe(open);
  });

  it('steps over weekends and holidays', () => {
    expect(nextTargetBusinessDay('2026-12-24')).toBe('2026-12-28');
    expect(nextTargetBusinessDay('2026-12-31')).toBe('2027-01-04');
    expect(nextTargetBusinessDay('2026-04-02')).toBe('2026-04-07');
  });

  it.each([
    ['2026-11-23', '2026-11-24', 'a Monday: D-1 is today'],
    ['2026-11-27', '2026-11-30', 'a Friday: Monday, D-1 being Friday'],
    ['2026-11-28', '2026-12-01', 'a Saturday: D-1 is Monday at the earliest'],
    ['2026-12-24', '2026-12-28', 'Christmas Eve: over the holidays'],
    ['2026-12-25', '2026-12-29', 'Christmas Day: D-1 the 28th'],
  ])('on %s the earliest collection date is %s (%s)', (today, earliest) => {
    expect(earliestCollectionDate(today)).toBe(earliest);
  });

  it('adds months, clamped to the end of the month', () => {
    expect(addMonths('2026-11-23', 14)).toBe('2028-01-23');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
  });
});
