/**
 * The Dutch structured payment reference (betalingskenmerk) in its 16-digit form: a check digit followed by
 * 15 digits. Banks validate it with the weighted modulus-11 method below and pass it unchanged to the
 * creditor's statement, which is how a bank transfer finds its invoice again.
 */
const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];

/** The check digit for 15 digits; weights run from the rightmost digit and repeat after ten. */
export function paymentReferenceCheckDigit(digits15: string): number {
  if (!/^[0-9]{15}$/.test(digits15)) throw new RangeError(`A payment reference is built from 15 digits, got ${JSON.stringify(digits15)}`);
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += Number(digits15[14 - i]) * WEIGHTS[i % 10];
  const check = 11 - (sum % 11);
  return check === 10 ? 1 : check === 11 ? 0 : check;
}

/** The 16-digit betalingskenmerk for an invoice: year and sequence number, so it is unique per cooperative. */
export function invoicePaymentReference(year: number, sequence: number): string {
  const digits = `00${String(year).padStart(4, '0')}${String(sequence).padStart(9, '0')}`;
  return `${paymentReferenceCheckDigit(digits)}${digits}`;
}

/** Reads a betalingskenmerk as people and banks write it (spaces, dots or dashes between groups); null when invalid. */
export function parsePaymentReference(text: string): string | null {
  const digits = text.replace(/[\s.-]/g, '');
  if (!/^[0-9]{16}$/.test(digits)) return null;
  return paymentReferenceCheckDigit(digits.slice(1)) === Number(digits[0]) ? digits : null;
}

/** `1000 0567 8901 2345`: the way it is printed on an invoice. */
export function formatPaymentReference(reference: string): string {
  return reference.replace(/(\d{4})(?=\d)/g, '$1 ');
}
