import fc from 'fast-check';
import { formatPaymentReference, invoicePaymentReference, parsePaymentReference, paymentReferenceCheckDigit } from './payment-reference';

describe('payment reference (betalingskenmerk)', () => {
  it('computes the check digit of the published example (5)000 0567 8901 2345', () => {
    expect(paymentReferenceCheckDigit('000056789012345')).toBe(5);
    expect(parsePaymentReference('5000 0567 8901 2345')).toBe('5000056789012345');
  });

  it('maps a remainder of 1 to check digit 1 and of 0 to check digit 0', () => {
    // 000000000000001 sums to 2 (11 - 2 = 9); search for the two special remainders instead of trusting one sample.
    const withCheck = (c: number) => Array.from({ length: 2000 }, (_, i) => String(i).padStart(15, '0')).find((d) => {
      let sum = 0;
      for (let i = 0; i < 15; i++) sum += Number(d[14 - i]) * [2, 4, 8, 5, 10, 9, 7, 3, 6, 1][i % 10];
      return sum % 11 === c;
    }) as string;
    expect(paymentReferenceCheckDigit(withCheck(1))).toBe(1);
    expect(paymentReferenceCheckDigit(withCheck(0))).toBe(0);
  });

  it('gives every invoice of a cooperative its own valid reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 999_999_999 }), (year, sequence) => {
        const reference = invoicePaymentReference(year, sequence);
        expect(reference).toHaveLength(16);
        expect(parsePaymentReference(reference)).toBe(reference);
        expect(reference.slice(3, 7)).toBe(String(year));
        expect(Number(reference.slice(7))).toBe(sequence);
      }),
    );
  });

  it('refuses a mistyped reference: one digit changed or two neighbours swapped', () => {
    const reference = invoicePaymentReference(2027, 123);
    const changed = `${reference.slice(0, 10)}${(Number(reference[10]) + 1) % 10}${reference.slice(11)}`;
    expect(parsePaymentReference(changed)).toBeNull();
    const swapAt = [...reference].findIndex((d, i) => i > 0 && i < 15 && d !== reference[i + 1]);
    const swapped = `${reference.slice(0, swapAt)}${reference[swapAt + 1]}${reference[swapAt]}${reference.slice(swapAt + 2)}`;
    expect(parsePaymentReference(swapped)).toBeNull();
    expect(parsePaymentReference('12345')).toBeNull();
    expect(parsePaymentReference('abcd efgh ijkl mnop')).toBeNull();
  });

  it('prints in groups of four', () => {
    expect(formatPaymentReference('5000056789012345')).toBe('5000 0567 8901 2345');
  });
});
