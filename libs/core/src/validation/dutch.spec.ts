import { formatPostcode, isKvkNumber, isMomentWithOffset, isPlausibleBirthDate, normalizePhone, normalizePostcode } from './dutch';

describe('Dutch formats', () => {
  it.each([
    ['7411 AB', '7411AB'],
    ['7411ab', '7411AB'],
    [' 1011 dk ', '1011DK'],
  ])('normalises postcode %p to %p', (input, expected) => expect(normalizePostcode(input)).toBe(expected));

  it.each(['0411 AB', '741 AB', '7411 A', '7411 SA', '7411 SS', '7411 SD', 'ABCD EF', '74111AB'])('rejects postcode %p', (input) =>
    expect(normalizePostcode(input)).toBeUndefined(),
  );

  it.each([
    ['06 12345678', '0612345678'],
    ['+31 6 1234 5678', '0612345678'],
    ['0031570123456', '0570123456'],
    ['0570-123456', '0570123456'],
    ['+32 470 12 34 56', '+32470123456'],
  ])('normalises phone %p to %p', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each(['12345', '06-1234567', 'call me', '+0612345678'])('rejects phone %p', (input) => expect(normalizePhone(input)).toBeUndefined());

  it('accepts KvK numbers of exactly eight digits', () => {
    expect(isKvkNumber('12345678')).toBe(true);
    expect(isKvkNumber('1234567')).toBe(false);
    expect(isKvkNumber('1234567a')).toBe(false);
  });

  it.each([
    ['1948-03-14', true],
    ['2026-11-23', true],
    ['2026-11-24', false],
    ['1906-11-23', true],
    ['1906-11-22', false],
    ['1950-02-30', false],
    ['14-03-1948', false],
  ])('judges %p as a date of birth (on 23 November 2026): %p', (input, expected) => {
    expect(isPlausibleBirthDate(input, new Date(Date.UTC(2026, 10, 23)))).toBe(expected);
  });

  it.each([
    ['2026-12-01T09:00:00+01:00', true],
    ['2026-12-01T09:00Z', true],
    ['2026-12-01T09:00:00.250+02:00', true],
    ['2026-12-01T09:00:00', false],
    ['2026-12-01', false],
    ['2027-02-30T10:00:00+01:00', false],
    ['2026-12-01T24:00:00+01:00', false],
  ])('judges %p as a moment with offset: %p', (input, expected) => {
    expect(isMomentWithOffset(input)).toBe(expected);
  });
});

describe('formatPostcode', () => {
  it('puts the space PostNL asks for between digits and letters, and leaves anything else alone', () => {
    expect(formatPostcode('7411BR')).toBe('7411 BR');
    expect(formatPostcode('7411 BR')).toBe('7411 BR');
    expect(formatPostcode('B-1000')).toBe('B-1000');
  });
});
