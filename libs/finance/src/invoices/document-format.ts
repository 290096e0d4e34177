/** Formatting for printed documents: plain strings in, plain strings out, no floating-point arithmetic. */

export type DocumentLanguage = 'nl' | 'en';

/** A calendar day as `YYYY-MM-DD`. */
export type IsoDate = string;

const MONTHS: Readonly<Record<DocumentLanguage, readonly string[]>> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const WEEKDAYS: Readonly<Record<DocumentLanguage, readonly string[]>> = {
  nl: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** Parses `YYYY-MM-DD` into a UTC midnight; throws a `RangeError` on anything else, including 2026-02-30. */
export function parseIsoDate(date: IsoDate): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof date === 'string' ? date : '');
  const parsed = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!parsed || parsed.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return parsed;
}

/** `23 november 2026` (nl) or `23 November 2026` (en). */
export function formatLongDate(date: IsoDate, language: DocumentLanguage): string {
  const day = parseIsoDate(date);
  return `${day.getUTCDate()} ${MONTHS[language][day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** `dinsdag 24 november 2026` / `Tuesday 24 November 2026`: a deadline reads safer with its weekday. */
export function formatLongDateWithWeekday(date: IsoDate, language: DocumentLanguage): string {
  return `${WEEKDAYS[language][parseIsoDate(date).getUTCDay()]} ${formatLongDate(date, language)}`;
}

/** A 16-digit betalingskenmerk grouped in fours (`1234 5678 9012 3456`), as Dutch banking apps show it. */
export function groupPaymentReference(reference: string): string {
  const digits = reference.replace(/\s+/g, '');
  if (!/^\d{16}$/.test(digits)) {
    throw new RangeError(`A payment reference (betalingskenmerk) has 16 digits, got ${JSON.stringify(reference)}`);
  }
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The last four characters of an account number, for "the account ending in …1234". */
export function ibanTail(iban: string): string {
  return iban.replace(/[^0-9A-Za-z]/g, '').slice(-4).toUpperCase();
}

/** A quantity with a decimal comma in Dutch (`1,5`), a point in English; from its digits, not by arithmetic. */
export function formatQuantity(quantity: number, language: DocumentLanguage): string {
  if (!Number.isFinite(quantity)) throw new RangeError(`Quantity must be a finite number, got ${quantity}`);
  const text = String(quantity);
  return language === 'nl' ? text.replace('.', ',') : text;
}

// Characters the standard PDF fonts (WinAnsiEncoding) can show above Latin-1, by code point.
const WIN_ANSI_EXTRA = new Set([
  402, 710, 732, 338, 339, 352, 353, 376, 381, 382, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226,
  8230, 8240, 8249, 8250, 8364, 8482,
]);
// Letters that do not decompose into a base letter plus accent.
const FALLBACKS: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' };

const printable = (code: number) => (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);

/**
 * Replaces what the standard fonts cannot show: pdfkit would write such a character as a wider hex code and garble
 * the rest of the line. Accented letters lose their accent (`Ş` → `S`, `ĳ` → `ij`), other letters become `?`,
 * whitespace other than a line break a space.
 */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (printable(code) || char === '\n') result += char;
    else if (/\s/.test(char)) result += ' ';
    else if (FALLBACKS[char]) result += FALLBACKS[char];
    else {
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      result += base.length > 0 && [...base].every((c) => printable(c.codePointAt(0) as number)) ? base : '?';
    }
  }
  return result;
}
