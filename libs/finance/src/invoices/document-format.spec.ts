import { addDays } from '@buurtcoop/core';
import { formatLongDate, formatLongDateWithWeekday, formatQuantity, groupPaymentReference, ibanTail, parseIsoDate, toWinAnsi } from './document-format';

describe(formatLongDate.name, () => {
  const sut = formatLongDate;

  it('writes Dutch months in lower case and English ones capitalised', () => {
    expect(sut('2026-11-23', 'nl')).toBe('23 november 2026');
    expect(sut('2026-11-23', 'en')).toBe('23 November 2026');
    expect(sut('2027-03-01', 'nl')).toBe('1 maart 2027');
  });

  it('adds the weekday on request', () => {
    expect(formatLongDateWithWeekday('2026-11-23', 'nl')).toBe('maandag 23 november 2026');
    expect(formatLongDateWithWeekday('2026-11-23', 'en')).toBe('Monday 23 November 2026');
  });

  it.each(['2026-02-30', '23-11-2026', '2026-11-23T00:00:00Z', ''])('refuses %p', (date) => {
    expect(() => sut(date, 'nl')).toThrow(RangeError);
  });
});

describe(addDays.name, () => {
  it('crosses months, years and the clock change without drifting', () => {
    expect(addDays('2026-12-24', 14)).toBe('2027-01-07');
    expect(addDays('2026-10-20', 16)).toBe('2026-11-05');
    expect(parseIsoDate('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });
});

describe(groupPaymentReference.name, () => {
  const sut = groupPaymentReference;

  it('groups the 16 digits in fours', () => {
    expect(sut('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(sut('1234 5678 9012 3456')).toBe('1234 5678 9012 3456');
  });

  it.each(['123456789012345', '12345678901234567', '1234567890abcdef'])('refuses %p', (reference) => {
    expect(() => sut(reference)).toThrow(RangeError);
  });
});

describe(ibanTail.name, () => {
  it('keeps the last four characters', () => {
    expect(ibanTail('nl91 abna 0417 1643 00')).toBe('4300');
  });
});

describe(formatQuantity.name, () => {
  it('uses a decimal comma in Dutch', () => {
    expect(formatQuantity(1.5, 'nl')).toBe('1,5');
    expect(formatQuantity(1.5, 'en')).toBe('1.5');
    expect(formatQuantity(12, 'nl')).toBe('12');
  });
});

describe(toWinAnsi.name, () => {
  const sut = toWinAnsi;

  it('keeps Dutch and West-European text, the euro sign and typographic quotes', () => {
    expect(sut('Buurtcoöperatie ’t Hof – € 12,50 … ĳ')).toBe('Buurtcoöperatie ’t Hof – € 12,50 … ij');
  });

  it('drops accents the standard fonts lack and replaces what has no Latin form', () => {
    expect(sut('Łukasz Şahin, Dvořák')).toBe('Lukasz Sahin, Dvorák');
    expect(sut('王芳')).toBe('??');
  });

  it('turns tabs and other whitespace into spaces but keeps line breaks', () => {
    expect(sut('a\tb\u2009c\nd')).toBe('a b c\nd');
  });
});
