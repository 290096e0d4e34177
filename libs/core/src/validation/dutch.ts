import { ValidationOptions, registerDecorator } from 'class-validator';
import { isValidIban, isValidSepaCreditorId, normalizeIban } from '../money/iban';

// PostNL never issues the letter pairs SA, SD and SS.
const POSTCODE = /^([1-9]\d{3})\s?(?!SA|SD|SS)([A-Z]{2})$/;

/** `1234 ab` → `1234AB`; undefined when it is not a Dutch postcode. */
export function normalizePostcode(input: string): string | undefined {
  const match = POSTCODE.exec(input.trim().toUpperCase());
  return match ? `${match[1]}${match[2]}` : undefined;
}

/** `1234AB` → `1234 AB`, the way PostNL wants it on an envelope; anything else unchanged. */
export function formatPostcode(postcode: string): string {
  return postcode.replace(/^(\d{4})\s*([A-Z]{2})$/, '$1 $2');
}

export function isKvkNumber(input: string): boolean {
  return /^\d{8}$/.test(input.trim());
}

/** Dutch numbers (06…, 0570…, +31…, 0031…) with spaces or hyphens; 10 digits after the leading 0. */
export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-().]/g, '');
  const national = compact.startsWith('+31') ? `0${compact.slice(3)}` : compact.startsWith('0031') ? `0${compact.slice(4)}` : compact;
  if (/^0[1-9]\d{8}$/.test(national)) return national;
  // Numbers abroad are kept as given, in international form.
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  return undefined;
}

function decorator(name: string, check: (value: string) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: (value: unknown) => typeof value === 'string' && check(value) },
      });
}

export const IsDutchPostcode = decorator('isDutchPostcode', (v) => normalizePostcode(v) !== undefined, '$property must be a Dutch postcode like 7411 AB');
export const IsKvkNumber = decorator('isKvkNumber', isKvkNumber, '$property must be a KvK number of 8 digits');
export const IsDutchPhone = decorator('isDutchPhone', (v) => normalizePhone(v) !== undefined, '$property must be a phone number like 06 12345678 or +31 570 123456');
export const IsIban = decorator('isIban', isValidIban, '$property must be a valid IBAN (check digits and length)');
export const IsSepaCreditorId = decorator('isSepaCreditorId', isValidSepaCreditorId, '$property must be a valid SEPA creditor identifier like NL57ZZZ999999999999');

export { normalizeIban };

const BIRTH_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date, not in the future and at most 120 years ago. */
export function isPlausibleBirthDate(value: string, today: Date = new Date()): boolean {
  const match = BIRTH_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  const oldest = Date.UTC(today.getUTCFullYear() - 120, today.getUTCMonth(), today.getUTCDate());
  return date.getTime() <= today.getTime() && date.getTime() >= oldest;
}

export const IsBirthDate = decorator('isBirthDate', (v) => isPlausibleBirthDate(v), '$property must be a date of birth like 1948-03-14, not in the future and at most 120 years ago');

/** A plain calendar date `YYYY-MM-DD` that exists (no time, no offset). */
export function isCalendarDate(value: string): boolean {
  const match = BIRTH_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const IsCalendarDate = decorator('isCalendarDate', isCalendarDate, '$property must be a date like 2026-12-24');

/**
 * A moment in ISO 8601 with its UTC offset (or Z): `2026-12-01T09:00:00+01:00`. Without an offset
 * the server would have to guess the time zone, and 09:00 could silently become 10:00.
 */
export function isMomentWithOffset(value: string): boolean {
  // Date.parse rolls 30 February over into March: the calendar part is checked on its own.
  return /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(value) && isCalendarDate(value.slice(0, 10));
}

export const IsMoment = (options?: ValidationOptions): PropertyDecorator =>
  (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMoment',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a moment with its UTC offset, like 2026-12-01T09:00:00+01:00`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isMomentWithOffset(value) },
    });
