import { normalizeIban } from '@buurtcoop/core';

/** Where the bank identifier sits in the BBAN (after country and check digits) for the countries members bank in. */
const BANK_CODE_LENGTH: Readonly<Record<string, number>> = { NL: 4, BE: 3, DE: 8, LU: 3, AT: 5, FR: 5, ES: 4 };

/**
 * True when two accounts are at the same bank, so a change between them is reported with the original IBAN;
 * otherwise it is a move to another bank (SMNDA). Decided by the IBAN's bank code where the country's layout is
 * known, else by the BICs; when neither tells, it counts as another bank, which the bank always accepts.
 */
export function sameBank(a: { iban: string; bic?: string | null }, b: { iban: string; bic?: string | null }): boolean {
  const x = normalizeIban(a.iban);
  const y = normalizeIban(b.iban);
  if (x.slice(0, 2) !== y.slice(0, 2)) return false;
  const length = BANK_CODE_LENGTH[x.slice(0, 2)];
  if (length !== undefined) return x.slice(4, 4 + length) === y.slice(4, 4 + length);
  if (a.bic && b.bic) return a.bic.slice(0, 6).toUpperCase() === b.bic.slice(0, 6).toUpperCase();
  return false;
}
