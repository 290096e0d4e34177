import { IBAN_LENGTHS, formatIban, isValidIban, isValidSepaCreditorId, maskIban, normalizeIban } from './iban';

describe('normalizeIban', () => {
  const sut = normalizeIban;

  it('removes spaces and upper-cases', () => {
    expect(sut('nl91 abna 0417 1643 00')).toBe('NL91ABNA0417164300');
  });

  it('removes any whitespace, including tabs, newlines and no-break spaces from copy-paste', () => {
    expect(sut(' NL91\tABNA\u00a00417\n1643 00 ')).toBe('NL91ABNA0417164300');
  });

  it('leaves other characters for the validator to reject', () => {
    expect(sut('NL91-ABNA')).toBe('NL91-ABNA');
  });
});

describe('isValidIban', () => {
  const sut = isValidIban;

  // Published example IBANs (SWIFT IBAN registry / the banks' own documentation).
  it.each([
    'NL91ABNA0417164300',
    'GB82WEST12345698765432',
    'DE89370400440532013000',
    'BE68539007547034',
    'FR1420041010050500013M02606',
    'LU280019400644750000',
    'ES9121000418450200051332',
    'IT60X0542811101000000123456',
    'AT611904300234573201',
    'CH9300762011623852957',
    'NO9386011117947',
  ])('accepts %p', (iban) => {
    expect(sut(iban)).toBe(true);
  });

  it('accepts spaced and lower-case input', () => {
    expect(sut('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(sut('gb82 west 1234 5698 7654 32')).toBe(true);
  });

  it.each([
    ['NL92ABNA0417164300', 'check digits off by one'],
    ['NL90ABNA0417164300', 'check digits off by one'],
    ['GB82WEST12345698765433', 'last digit off by one'],
    ['DE89370400440532013001', 'last digit off by one'],
    ['BE69539007547034', 'check digits off by one'],
    ['NL91ABNA0417164030', 'two digits swapped'],
    ['NL91ABNA041716430', 'one character short for NL (17)'],
    ['NL91ABNA04171643000', 'one character long for NL (19)'],
    ['BE68539007547034000000', 'BE length with a DE-length tail'],
    ['NL91ABNA04171643O0', 'letter O instead of zero'],
    ['NL91ABNA0417-164300', 'hyphen'],
    ['NL91ABNA0417164300!', 'punctuation'],
    ['NL91ÄBNA0417164300', 'non-ASCII letter'],
    ['XX91ABNA0417164300', 'unknown country code'],
    ['US64SVBKUS6S3300958879', 'passes mod-97, but the US issues no IBANs'],
    ['91NLABNA0417164300', 'digits where the country code belongs'],
    ['NLA1ABNA0417164300', 'letter in the check digits'],
    ['NL00ABNA0000000075', 'check digits 00: passes mod-97 (aliases 97) but is never issued'],
    ['NL01ABNA0000000057', 'check digits 01: passes mod-97 (aliases 98) but is never issued'],
    ['NL99ABNA0000000039', 'check digits 99: passes mod-97 (aliases 02) but is never issued'],
    ['', 'empty'],
    ['NL', 'country code only'],
  ])('rejects %p (%s)', (iban) => {
    expect(sut(iban)).toBe(false);
  });

  it('accepts the issued forms of the aliased check digits', () => {
    expect(sut('NL97ABNA0000000075')).toBe(true);
    expect(sut('NL98ABNA0000000057')).toBe(true);
    expect(sut('NL02ABNA0000000039')).toBe(true);
  });

  it('returns false for a non-string at runtime', () => {
    expect(sut(undefined as unknown as string)).toBe(false);
    expect(sut(12345 as unknown as string)).toBe(false);
  });

  it('knows the lengths the brief names', () => {
    expect(IBAN_LENGTHS).toMatchObject({ NL: 18, BE: 16, DE: 22, FR: 27, GB: 22, LU: 20, ES: 24, IT: 27 });
  });
});

describe('formatIban', () => {
  const sut = formatIban;

  it.each([
    ['NL91ABNA0417164300', 'NL91 ABNA 0417 1643 00'],
    ['nl91abna0417164300', 'NL91 ABNA 0417 1643 00'],
    ['GB82 WEST1234 5698765432', 'GB82 WEST 1234 5698 7654 32'],
    ['BE68539007547034', 'BE68 5390 0754 7034'],
    ['FR1420041010050500013M02606', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['', ''],
  ])('formats %p as %p', (input, expected) => {
    expect(sut(input)).toBe(expected);
  });
});

describe('maskIban', () => {
  const sut = maskIban;

  it.each([
    ['NL91ABNA0417164300', 'NL** **** **** **43 00'],
    ['nl91 abna 0417 1643 00', 'NL** **** **** **43 00'],
    ['BE68539007547034', 'BE** **** **** 7034'],
    ['GB82WEST12345698765432', 'GB** **** **** **** **54 32'],
    ['NL123', 'NL** *'], // too short to show a tail: only the country code stays
  ])('masks %p as %p', (input, expected) => {
    expect(sut(input)).toBe(expected);
  });

  it('keeps the country code and the last 4 characters only', () => {
    const masked = sut('DE89370400440532013000').replace(/ /g, '');
    expect(masked).toBe('DE****************3000');
    expect(masked).toHaveLength(22);
  });
});

describe('isValidSepaCreditorId', () => {
  const sut = isValidSepaCreditorId;

  it.each([
    'DE98ZZZ09999999999', // Deutsche Bundesbank test creditor id
    'NL57ZZZ999999999999', // the Dutch "all nines" placeholder with correct check digits (see below)
    'BE57XC00476306127', // business code XC0 instead of ZZZ: ignored by the check
    'NL12ZZZ091567230000',
    'NL22ZZZ524885430000',
    'nl57 zzz 9999 9999 9999',
  ])('accepts %p', (id) => {
    expect(sut(id)).toBe(true);
  });

  it('ignores the creditor business code (positions 5-7)', () => {
    expect(sut('DE98ABC09999999999')).toBe(true);
    expect(sut('DE9812309999999999')).toBe(true);
  });

  it.each([
    // Widely copied as a "valid" Dutch placeholder, but its check digits are 98 where mod-97 gives 57.
    ['NL98ZZZ999999999999', 'wrong check digits (should be 57)'],
    ['DE97ZZZ09999999999', 'check digits off by one'],
    ['DE98ZZZ09999999998', 'national id off by one'],
    ['NL89ZZZ011234567890', 'placeholder from the ING/ABN AMRO pain.008 examples; check digits should be 03'],
    ['DE98ZZZ0999999999', 'one character short for DE'],
    ['NL57ZZZ9999999999990', 'one character long for NL'],
    ['US98ZZZ09999999999', 'not a SEPA country'],
    ['DE98ZZ-09999999999', 'hyphen'],
    ['DE9AZZZ09999999999', 'letter in the check digits'],
    ['DE98ZZZ', 'no national id'],
    ['', 'empty'],
  ])('rejects %p (%s)', (id) => {
    expect(sut(id)).toBe(false);
  });

  it('does not accept an IBAN as a creditor id', () => {
    expect(sut('NL91ABNA0417164300')).toBe(false);
  });

  it('returns false for a non-string at runtime', () => {
    expect(sut(null as unknown as string)).toBe(false);
  });
});
