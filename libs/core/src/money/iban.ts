/**
 * IBAN (ISO 13616) and SEPA creditor identifier (EPC262-08) helpers.
 *
 * The mod-97 checks are computed digit by digit on the character string, so no big numbers or floats are involved.
 */

/**
 * IBAN length per country (SWIFT IBAN registry). Covers every SEPA country and territory with its own IBAN prefix,
 * plus the other registry countries members are likely to bank in. An IBAN from a country not listed is rejected.
 */
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  // SEPA
  AD: 24, AL: 28, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18,
  FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21,
  MC: 27, MD: 24, ME: 22, MK: 19, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24,
  SM: 27, VA: 22,
  // Other IBAN countries
  AE: 23, AZ: 28, BA: 20, BH: 22, BR: 29, BY: 28, CR: 22, DO: 28, EG: 29, FO: 18, GE: 22, GL: 18, GT: 28,
  IL: 23, IQ: 23, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, MR: 27, MU: 30, PK: 24, PS: 29, QA: 29, RS: 22,
  SA: 24, SC: 31, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
});

/** Countries that take part in the SEPA schemes and so can issue SEPA creditor identifiers. */
// prettier-ignore
const SEPA_COUNTRIES: ReadonlySet<string> = new Set([
  'AD', 'AL', 'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GI', 'GR', 'HR',
  'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MC', 'MD', 'ME', 'MK', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO',
  'SE', 'SI', 'SK', 'SM', 'VA',
]);

/**
 * Creditor identifier lengths where the national part has a fixed size (EPC262-08 country overview).
 * Other SEPA countries are only held to the general 8..35 character bounds.
 */
const CREDITOR_ID_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  NL: 19, // ZZZ + KvK number (8) + 4 digits
  DE: 18, // ZZZ + 11
  BE: 17, // ZZZ + enterprise number (10)
  AT: 18, // ZZZ + 11
  FR: 13, // ZZZ + NNE (6)
  ES: 16, // ZZZ + NIF (9)
  IT: 23, // ZZZ + codice fiscale (16)
});

/** Removes all whitespace and upper-cases, e.g. `nl91 abna 0417 1643 00` -> `NL91ABNA0417164300`. */
export function normalizeIban(input: string): string {
  return String(input).replace(/\s+/g, '').toUpperCase();
}

/**
 * True when `input` (spaces and case ignored) is a well-formed IBAN: a known country code, the registry length for
 * that country, only letters and digits, check digits in 02..98 and a correct ISO 13616 mod-97 check.
 */
export function isValidIban(input: string): boolean {
  if (typeof input !== 'string') return false;
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return false;
  const expectedLength = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expectedLength === undefined || iban.length !== expectedLength) return false;
  if (!hasValidCheckDigitRange(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Groups the normalized IBAN in blocks of 4: `NL91 ABNA 0417 1643 00`. Does not validate. */
export function formatIban(input: string): string {
  return groupsOfFour(normalizeIban(input));
}

/**
 * Masks all but the country code and the last 4 characters, grouped in blocks of 4:
 * `NL91ABNA0417164300` -> `NL** **** **** **43 00`. Inputs of 6 characters or fewer keep only the country code.
 */
export function maskIban(input: string): string {
  const iban = normalizeIban(input);
  const keepEnd = iban.length > 6 ? 4 : 0;
  const masked =
    iban.slice(0, 2) + '*'.repeat(Math.max(0, iban.length - 2 - keepEnd)) + iban.slice(iban.length - keepEnd);
  return groupsOfFour(masked);
}

/**
 * True when `input` (spaces and case ignored) is a valid SEPA creditor identifier, e.g. `DE98ZZZ09999999999`:
 * a SEPA country code, 2 check digits, a 3-character creditor business code (usually `ZZZ`, not part of the check)
 * and the national identifier. The check digits are ISO 7064 mod 97-10 over national id + country code + `00`,
 * with letters converted as in an IBAN (A=10 ... Z=35).
 */
export function isValidSepaCreditorId(input: string): boolean {
  if (typeof input !== 'string') return false;
  const id = normalizeIban(input);
  if (id.length < 8 || id.length > 35) return false;
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]+$/.test(id)) return false;
  const country = id.slice(0, 2);
  if (!SEPA_COUNTRIES.has(country)) return false;
  const expectedLength = CREDITOR_ID_LENGTHS[country];
  if (expectedLength !== undefined && id.length !== expectedLength) return false;
  if (!hasValidCheckDigitRange(id)) return false;
  const nationalId = id.slice(7);
  return mod97(nationalId + country + id.slice(2, 4)) === 1;
}

/** ISO 7064 mod 97-10 check digits run from 02 to 98; 00, 01 and 99 alias 97, 98 and 02 and are never issued. */
function hasValidCheckDigitRange(id: string): boolean {
  const checkDigits = Number(id.slice(2, 4));
  return checkDigits >= 2 && checkDigits <= 98;
}

/** ISO 7064 mod 97-10 remainder of an alphanumeric string, letters counting as two digits (A=10 ... Z=35). */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const code = char.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return -1;
    }
  }
  return remainder;
}

function groupsOfFour(text: string): string {
  return text.replace(/(.{4})(?=.)/g, '$1 ');
}
