import { parsePaymentReference } from '@buurtcoop/core';

/**
 * Finds a structured creditor reference in remittance text: a Dutch betalingskenmerk (16 digits, as people and
 * banks write it, with a valid check digit) or an ISO 11649 RF reference (`RF18 5390 0754 7034`). Returns it as
 * digits/characters only, or null. Shared by the MT940, CSV and CAMT readers.
 */
export function findStructuredReference(text: string | null | undefined): string | null {
  if (!text) return null;
  return findRfReference(text) ?? findBetalingskenmerk(text);
}

/** The 16-digit betalingskenmerk in `text`, alone or grouped by spaces, dots or dashes; never one inside a longer number. */
export function findBetalingskenmerk(text: string): string | null {
  for (const match of text.matchAll(/(?<![0-9])[0-9]{4}(?:[ .-]?[0-9]{4}){3}(?![0-9])/g)) {
    const reference = parsePaymentReference(match[0]);
    // Sixteen zeros pass the check digit, but are a bank's filler, not a reference.
    if (reference && !/^0+$/.test(reference)) return reference;
  }
  return null;
}

/** An ISO 11649 creditor reference: `RF`, two check digits, up to 21 letters or digits (printed in groups of four). */
export function findRfReference(text: string): string | null {
  for (const match of text.toUpperCase().matchAll(/(?<![A-Z0-9])RF[0-9]{2}(?: ?[A-Z0-9]{1,4}){1,6}/g)) {
    // The groups may run on into the next word; the longest prefix that checks out is the reference.
    let candidate = match[0].replace(/ /g, '');
    while (candidate.length > 4) {
      if (candidate.length <= 25 && isValidRfReference(candidate)) return candidate;
      candidate = candidate.slice(0, -1);
    }
  }
  return null;
}

export function isValidRfReference(reference: string): boolean {
  const ref = reference.replace(/ /g, '').toUpperCase();
  if (!/^RF[0-9]{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  let remainder = 0;
  for (const char of ref.slice(4) + ref.slice(0, 4)) {
    const code = char.charCodeAt(0);
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder === 1;
}
