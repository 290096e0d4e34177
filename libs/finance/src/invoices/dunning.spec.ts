import { addDays } from '@buurtcoop/core';
import { collectionCostsCents, isDutchPublicHoliday, noticeTermEnd, presumedReceipt } from './dunning';

describe(collectionCostsCents.name, () => {
  const sut = collectionCostsCents;

  it.each([
    [10_000, 4_000, '€ 100: 15% is € 15, the minimum € 40 applies'],
    [26_666, 4_000, '€ 266,66: 15% is just under € 40'],
    [26_667, 4_000, '€ 266,67: 15% is € 40,0005, the cent fraction is dropped'],
    [26_700, 4_005, '€ 267: 15% is € 40,05, above the minimum'],
    [250_000, 37_500, '€ 2.500: the end of the 15% band'],
    [250_100, 37_510, '€ 2.501: the first euro at 10%'],
    [500_000, 62_500, '€ 5.000: € 375 + 10% of € 2.500'],
    [1_000_000, 87_500, '€ 10.000: € 625 + 5% of € 5.000'],
    [20_000_000, 277_500, '€ 200.000: € 875 + 1% of € 190.000'],
    [100_000_000, 677_500, '€ 1.000.000: € 2.775 + 0,5% of € 800.000 reaches the maximum exactly'],
    [100_000_200, 677_500, 'just above € 1.000.000: capped'],
    [Number.MAX_SAFE_INTEGER, 677_500, 'huge: capped at € 6.775'],
  ])('charges %p cents → %p cents (%s)', (principal, costs) => {
    expect(sut(principal)).toBe(costs);
  });

  it('charges nothing when nothing is owed', () => {
    expect(sut(0)).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p cents', (principal) => {
    expect(() => sut(principal)).toThrow(RangeError);
  });
});

describe(isDutchPublicHoliday.name, () => {
  const sut = isDutchPublicHoliday;

  it.each([
    '2026-01-01',
    '2026-04-06', // Easter Monday (Easter 5 April 2026)
    '2026-04-27', // King's Day
    '2026-05-05',
    '2026-05-14', // Ascension Day
    '2026-05-25', // Whit Monday
    '2026-12-25',
    '2026-12-26',
    '2025-04-26', // King's Day moves to the 26th when the 27th is a Sunday
    '2027-03-29', // Easter Monday (Easter 28 March 2027)
  ])('knows %p', (date) => {
    expect(sut(date)).toBe(true);
  });

  it.each(['2026-04-03', '2026-04-05', '2025-04-27', '2026-11-23'])('%p is not a holiday of the Algemene termijnenwet', (date) => {
    expect(sut(date)).toBe(false);
  });
});

describe(presumedReceipt.name, () => {
  const sut = presumedReceipt;

  it.each([
    ['2026-11-23', '2026-11-25', 'posted Monday, received Wednesday'],
    ['2026-11-20', '2026-11-24', 'posted Friday: Saturday counts, Sunday and Monday do not'],
    ['2026-12-24', '2026-12-30', 'posted Christmas Eve: both Christmas days, Sunday and Monday do not count'],
  ])('presumes a letter posted on %p arrives on %p (%s)', (sentOn, received) => {
    expect(sut(sentOn)).toBe(received);
  });
});

describe(noticeTermEnd.name, () => {
  const sut = noticeTermEnd;

  it.each([
    ['2026-11-23', '2026-12-09', 'received Wednesday 25 Nov; 14 days from the 26th end Wednesday 9 Dec'],
    ['2026-11-20', '2026-12-08', 'received Tuesday 24 Nov; ends Tuesday 8 Dec'],
    ['2026-11-19', '2026-12-07', 'received Saturday 21 Nov; ends Saturday 5 Dec, moved to Monday 7 Dec'],
    ['2027-04-09', '2027-04-28', "received Tuesday 13 Apr; ends on King's Day 27 Apr, moved to the 28th"],
    ['2026-12-24', '2027-01-13', 'received Wednesday 30 Dec; ends Wednesday 13 Jan'],
  ])('the term of a letter posted on %p ends on %p (%s)', (sentOn, lastDay) => {
    expect(sut(sentOn)).toBe(lastDay);
  });

  it('never ends before the sent date + 2 days delivery + 14 days', () => {
    for (let day = 0; day < 366 * 2; day++) {
      const sentOn = addDays('2026-01-01', day);
      expect(sut(sentOn) >= addDays(sentOn, 16)).toBe(true);
    }
  });
});
