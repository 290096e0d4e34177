import { assertCents, formatDecimalCents, formatEuro, parseEuroAmount, sumCents } from './money';

describe('assertCents', () => {
  const sut = assertCents;

  it.each([0, 1, -1, 123456, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(sut(value)).toBe(value);
  });

  it.each([0.5, 12.34, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, 2 ** 60])(
    'rejects %p with a RangeError',
    (value) => {
      expect(() => sut(value)).toThrow(RangeError);
    },
  );

  it('names the field in the message', () => {
    expect(() => sut(12.5, 'contribution.amount')).toThrow(/contribution\.amount/);
    expect(() => sut(12.5, 'contribution.amount')).toThrow(/12\.5/);
  });

  it('uses a generic field name when none is given', () => {
    expect(() => sut(Number.NaN)).toThrow(/^amount must be a safe integer number of cents, got NaN$/);
  });

  it('rejects non-numbers that slip past the type checker', () => {
    expect(() => sut('100' as unknown as number, 'fee')).toThrow(RangeError);
  });
});

describe('parseEuroAmount', () => {
  const sut = parseEuroAmount;

  describe('with auto-detected separators', () => {
    it.each<[string, number]>([
      ['1.234,56', 123456],
      ['1234,56', 123456],
      ['-12,5', -1250],
      ['12.50', 1250],
      ['+0,01', 1],
      ['1,234.56', 123456],
      ['0,00', 0],
      ['0.1', 10],
      ['7', 700],
      ['2500', 250000],
      ['1.234.567,89', 123456789],
      ['1,234,567.89', 123456789],
      ['1.234', 123400], // a separator followed by 3 digits is a thousands separator
      ['1,234', 123400],
      ['12.345.678', 1234567800],
      ['000000000000087.71', 8771], // zero-padded, as in ABN AMRO and MT940 exports
      ['000000001000,00', 100000],
      ['  -200.00\t', -20000],
      ['90071992547409.91', Number.MAX_SAFE_INTEGER],
      ['-90071992547409.91', -Number.MAX_SAFE_INTEGER],
    ])('parses %p as %p cents', (text, cents) => {
      expect(sut(text)).toBe(cents);
    });

    it('returns 0, not -0, for a negative zero', () => {
      expect(Object.is(sut('-0,00'), 0)).toBe(true);
      expect(Object.is(sut('-0'), 0)).toBe(true);
    });
  });

  describe('with an explicit decimal separator', () => {
    it.each<[string, ',' | '.', number]>([
      ['1.234,56', ',', 123456],
      ['1.234', ',', 123400],
      ['12,5', ',', 1250],
      ['1,234.5', '.', 123450],
      ['1,234', '.', 123400],
      ['-0.01', '.', -1],
      ['15', ',', 1500],
    ])('parses %p with %p as %p cents', (text, decimalSeparator, cents) => {
      expect(sut(text, { decimalSeparator })).toBe(cents);
    });

    it.each<[string, ',' | '.']>([
      ['12.50', ','], // "." is the thousands separator here, and "50" is not a group of 3
      ['12,50', '.'],
      ['12,345', ','], // three decimals
      ['1.234,56', '.'],
    ])('rejects %p with %p', (text, decimalSeparator) => {
      expect(() => sut(text, { decimalSeparator })).toThrow(RangeError);
    });
  });

  describe('rejects anything else', () => {
    it.each([
      ['', /empty/],
      ['   ', /empty/],
      ['abc', /only digits/],
      ['12,50 EUR', /only digits/],
      ['€ 12,50', /only digits/],
      ['12a', /only digits/],
      ['1e5', /only digits/],
      ['--5', /only digits/],
      ['+-5', /only digits/],
      ['1 234,56', /only digits/],
      ['12,345,6', /more than once/], // ",6" makes "," the decimal separator
      ['1.234,567', /neither is a decimal separator/], // three decimals
      ['0,001', /groups of 3/], // three decimals
      ['12.345.67', /more than once/],
      ['12,34,567.00', /groups of 3/],
      ['01.234,00', /groups of 3/],
      ['1..2', /more than once/],
      [',50', /no digits before/],
      ['12,', /no digits after/],
      ['-', /only digits/],
      ['99999999999999999999', /too large/],
      ['90071992547409.92', /too large/],
    ])('%p', (text, message) => {
      expect(() => sut(text)).toThrow(RangeError);
      expect(() => sut(text)).toThrow(message);
    });

    it('quotes the offending text in the message', () => {
      expect(() => sut('12,345,6')).toThrow('Invalid euro amount "12,345,6"');
    });

    it('rejects a non-string at runtime', () => {
      expect(() => sut(12.5 as unknown as string)).toThrow(RangeError);
    });
  });
});

describe('formatEuro', () => {
  const sut = formatEuro;

  it.each<[number, string, string]>([
    [123456, '€ 1.234,56', '€1,234.56'],
    [-1250, '-€ 12,50', '-€12.50'],
    [0, '€ 0,00', '€0.00'],
    [1, '€ 0,01', '€0.01'],
    [-5, '-€ 0,05', '-€0.05'],
    [100, '€ 1,00', '€1.00'],
    [99999, '€ 999,99', '€999.99'],
    [100000, '€ 1.000,00', '€1,000.00'],
    [123456789, '€ 1.234.567,89', '€1,234,567.89'],
    [Number.MAX_SAFE_INTEGER, '€ 90.071.992.547.409,91', '€90,071,992,547,409.91'],
    [-Number.MAX_SAFE_INTEGER, '-€ 90.071.992.547.409,91', '-€90,071,992,547,409.91'],
  ])('formats %p cents as %p (nl) and %p (en)', (cents, nl, en) => {
    expect(sut(cents)).toBe(nl);
    expect(sut(cents, 'nl')).toBe(nl);
    expect(sut(cents, 'en')).toBe(en);
  });

  it('keeps every digit of large amounts', () => {
    expect(sut(9007199254740899)).toBe('€ 90.071.992.547.408,99');
    expect(sut(-9007199254740001, 'en')).toBe('-€90,071,992,547,400.01');
  });

  it('prints a negative zero as zero', () => {
    expect(sut(-0)).toBe('€ 0,00');
  });

  it('round-trips through parseEuroAmount', () => {
    for (const cents of [0, 1, -1, 99, 100, 101, 123456, -987654321, 100000000]) {
      const nl = sut(cents, 'nl').replace('€ ', '');
      const en = sut(cents, 'en').replace('€', '');
      expect(parseEuroAmount(nl, { decimalSeparator: ',' })).toBe(cents);
      expect(parseEuroAmount(en, { decimalSeparator: '.' })).toBe(cents);
    }
  });

  it.each([12.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('rejects non-cents %p', (value) => {
    expect(() => sut(value)).toThrow(RangeError);
  });

  it('rejects an unknown locale', () => {
    expect(() => sut(100, 'de' as 'nl')).toThrow(RangeError);
  });
});

describe('sumCents', () => {
  const sut = sumCents;

  it('sums integer cents', () => {
    expect(sut([123, -23, 1000])).toBe(1100);
  });

  it('returns 0 for an empty list', () => {
    expect(sut([])).toBe(0);
  });

  it('sums amounts that would be inexact as floats', () => {
    // 0.10 + 0.20 in euros is 0.30000000000000004; in cents it is exact.
    expect(sut([10, 20])).toBe(30);
  });

  it('accepts the largest safe total', () => {
    expect(sut([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(sut([-Number.MAX_SAFE_INTEGER + 1, -1])).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('allows intermediate totals beyond the safe range if the final total is safe', () => {
    expect(sut([Number.MAX_SAFE_INTEGER, 1, -1])).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('throws when the total is not a safe integer', () => {
    expect(() => sut([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sut([-Number.MAX_SAFE_INTEGER, -1])).toThrow(/outside the safe integer range/);
  });

  it('throws on an element that is not cents, naming its index', () => {
    expect(() => sut([100, 12.5])).toThrow(/values\[1\]/);
    expect(() => sut([Number.NaN])).toThrow(RangeError);
  });
});

describe('formatDecimalCents', () => {
  it('writes cents as a plain decimal amount without floating point', () => {
    expect([0, 5, 100, 123456, -5, -123456, 99_999_999_999].map(formatDecimalCents)).toEqual(['0.00', '0.05', '1.00', '1234.56', '-0.05', '-1234.56', '999999999.99']);
    expect(() => formatDecimalCents(1.5)).toThrow(RangeError);
  });
});
