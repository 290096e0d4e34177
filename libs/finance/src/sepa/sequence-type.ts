import type { SequenceType } from './pain008';
import type { MandateKind, MandateStatus } from './entities/sepa-mandate.entity';

export interface MandateState {
  kind: MandateKind;
  status: MandateStatus;
  signedOn: string;
  firstCollectedOn: string | null;
  lastCollectedOn: string | null;
  /** A pending amendment moved the account to another bank (reported as SMNDA). */
  pendingNewBank?: boolean;
}

/** The SEPA rulebooks: a mandate not used for 36 months expires and may not be collected on. */
export const MANDATE_EXPIRY_MONTHS = 36;

function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const total = year * 12 + (month - 1) + months;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when the mandate went 36 months without a collection (counted from its signature until the first one). */
export function isExpired(mandate: Pick<MandateState, 'signedOn' | 'lastCollectedOn'>, today: string): boolean {
  return addMonths(mandate.lastCollectedOn ?? mandate.signedOn, MANDATE_EXPIRY_MONTHS) < today;
}

/**
 * The sequence type of the next collection on this mandate, or null when it may not be collected on:
 * recurrent — FRST until a collection was booked, then RCUR (FRST again after a move to another bank, which the
 * Dutch guidelines ask for with SMNDA); one-off — OOFF, once. Revoked and expired mandates give null.
 */
export function nextSequenceType(mandate: MandateState, today: string): SequenceType | null {
  if (mandate.status !== 'active' || isExpired(mandate, today)) return null;
  if (mandate.kind === 'one_off') return mandate.firstCollectedOn ? null : 'OOFF';
  return mandate.firstCollectedOn && !mandate.pendingNewBank ? 'RCUR' : 'FRST';
}
