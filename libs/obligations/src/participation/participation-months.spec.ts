import { hoursMinutes, hoursText, isFirstOfMonth, isLastOfMonth, lastDayOf, monthLabel } from './participation-months';

describe('participation months', () => {
  it('knows the last day of every kind of month, leap years included', () => {
    expect(['2027-01', '2027-02', '2028-02', '2027-04', '2027-12'].map(lastDayOf)).toEqual(['2027-01-31', '2027-02-28', '2028-02-29', '2027-04-30', '2027-12-31']);
    expect([isLastOfMonth('2028-02-28'), isLastOfMonth('2028-02-29'), isFirstOfMonth('2027-03-01'), isFirstOfMonth('2027-03-10')]).toEqual([false, true, true, false]);
  });

  it('writes months and hours the Dutch way', () => {
    expect([monthLabel('2027-03'), monthLabel('2026-12')]).toEqual(['maart 2027', 'december 2026']);
    expect([hoursMinutes(0), hoursMinutes(480), hoursMinutes(765)]).toEqual(['0:00', '8:00', '12:45']);
    expect([hoursText(480), hoursText(450)]).toEqual(['8 uur', '7:30 uur']);
    expect(() => hoursMinutes(1.5)).toThrow(RangeError);
  });
});
