import { invoicePaymentReference } from '@buurtcoop/core';
import { findBetalingskenmerk, findRfReference, findStructuredReference, isValidRfReference } from './structured-reference';

describe('findStructuredReference', () => {
  const kenmerk = invoicePaymentReference(2024, 1234);

  it('finds a betalingskenmerk alone, grouped or in a sentence, only with a valid check digit', () => {
    expect(findStructuredReference(kenmerk)).toBe(kenmerk);
    expect(findStructuredReference(`Factuur 17, kenmerk ${kenmerk.replace(/(\d{4})(?=\d)/g, '$1 ')} dank`)).toBe(kenmerk);
    // The check digit comes first.
    expect(findBetalingskenmerk(`${(Number(kenmerk[0]) + 1) % 10}${kenmerk.slice(1)}`)).toBeNull();
    expect(findBetalingskenmerk(`9${kenmerk}`)).toBeNull();
    expect(findBetalingskenmerk('0000000000000000')).toBeNull();
  });

  it('finds an ISO 11649 RF reference, grouped or not, and checks it', () => {
    expect(isValidRfReference('RF18539007547034')).toBe(true);
    expect(findRfReference('betaling RF18 5390 0754 7034 voor mei')).toBe('RF18539007547034');
    expect(findStructuredReference('rf18539007547034')).toBe('RF18539007547034');
    expect(findRfReference('RF19539007547034')).toBeNull();
  });

  it('gives null for text without one', () => {
    expect(findStructuredReference(null)).toBeNull();
    expect(findStructuredReference('Contributie 2024 lid 42')).toBeNull();
  });
});
