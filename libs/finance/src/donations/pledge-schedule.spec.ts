import { addMonthsClamped, installmentsDue } from './pledge-schedule';

describe(installmentsDue.name, () => {
  const monthly = { frequency: 'month' as const, startsOn: '2027-01-15', endsOn: null };

  it('counts nothing before the start and the first payment on the start date', () => {
    expect(installmentsDue(monthly, '2027-01-14')).toBe(0);
    expect(installmentsDue(monthly, '2027-01-15')).toBe(1);
  });

  it('counts one payment per month on the day of the start', () => {
    expect(installmentsDue(monthly, '2027-03-14')).toBe(2);
    expect(installmentsDue(monthly, '2027-03-15')).toBe(3);
    expect(installmentsDue(monthly, '2028-01-15')).toBe(13);
  });

  it('counts quarters and years', () => {
    expect(installmentsDue({ ...monthly, frequency: 'quarter' }, '2027-10-14')).toBe(3);
    expect(installmentsDue({ ...monthly, frequency: 'quarter' }, '2027-10-15')).toBe(4);
    expect(installmentsDue({ ...monthly, frequency: 'year' }, '2029-06-01')).toBe(3);
  });

  it('stops at the end date', () => {
    expect(installmentsDue({ ...monthly, endsOn: '2027-04-30' }, '2028-01-01')).toBe(4);
  });

  it('keeps a start on the 31st within shorter months', () => {
    const sut = { frequency: 'month' as const, startsOn: '2027-01-31', endsOn: null };
    expect(installmentsDue(sut, '2027-02-27')).toBe(1);
    expect(installmentsDue(sut, '2027-02-28')).toBe(2);
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
  });
});
