import { parseBillingPeriod } from './period';

describe('parseBillingPeriod', () => {
  it.each([
    ['2027', '2027-01-01', '2028-01-01'],
    ['2027-Q1', '2027-01-01', '2027-04-01'],
    ['2027-Q4', '2027-10-01', '2028-01-01'],
    ['2027-02', '2027-02-01', '2027-03-01'],
    ['2027-12', '2027-12-01', '2028-01-01'],
  ])('reads %s as [%s, %s)', (text, start, end) => {
    expect(parseBillingPeriod(text)).toEqual({ label: text, start, end });
  });

  it.each(['27', '2027-13', '2027-Q5', '2027-00', '2027-1', '1999', 'volgend jaar', '2027-Q1 '])('refuses %j', (text) => {
    expect(parseBillingPeriod(text)).toBeNull();
  });
});
