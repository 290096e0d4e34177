/** A billing period: a year (`2027`), a quarter (`2027-Q2`) or a month (`2027-04`), as [start, end). */
export interface BillingPeriod {
  label: string;
  start: string;
  /** The first day after the period. */
  end: string;
}

export const BILLING_PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

const firstOfMonth = (year: number, month: number) => `${year + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`;

/** Null when the text is not a period this product bills. */
export function parseBillingPeriod(text: string): BillingPeriod | null {
  const match = BILLING_PERIOD_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return null;
  if (match[2]) {
    const month = (Number(match[2]) - 1) * 3 + 1;
    return { label: text, start: firstOfMonth(year, month), end: firstOfMonth(year, month + 3) };
  }
  if (match[3]) {
    const month = Number(match[3]);
    return { label: text, start: firstOfMonth(year, month), end: firstOfMonth(year, month + 1) };
  }
  return { label: text, start: `${year}-01-01`, end: `${year + 1}-01-01` };
}
