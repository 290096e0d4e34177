/**
 * Money helpers. Buurtcoop keeps every amount as an integer number of euro cents.
 *
 * Nothing in this file does arithmetic on fractional numbers: amounts are parsed from their digit strings, and
 * formatted by splitting an integer into euros and cents.
 */

/** An amount in euro cents. Always a safe integer (see {@link assertCents}). */
export type Cents = number;

export type DecimalSeparator = ',' | '.';

export interface ParseEuroAmountOptions {
  /**
   * The decimal separator used by the source. When given, the other character is the only accepted thousands
   * separator. When omitted it is detected: the last `,` or `.` that is followed by 1 or 2 digits at the end of the
   * text is the decimal separator, and the other character is the thousands separator.
   */
  decimalSeparator?: DecimalSeparator;
}

export type EuroLocale = 'nl' | 'en';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Returns `value` as {@link Cents}, or throws a `RangeError` naming `field` when it is not a safe integer. */
export function assertCents(value: number, field = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${field} must be a safe integer number of cents, got ${describe(value)}`);
  }
  return value;
}

/**
 * Parses a bank-style euro amount into cents.
 *
 * Accepted: an optional `+` or `-`, digits, optionally grouped in thousands (`1.234.567` or `1,234,567`), and
 * optionally 1 or 2 decimals (`12,5`, `12.50`). Surrounding whitespace is ignored. Examples: `1.234,56`, `1234,56`,
 * `-12,5`, `12.50`, `+0,01`, `1,234.56`, `000000000087.71`, `2500`.
 *
 * Rejected with a `RangeError`: empty text, letters or currency symbols, more than 2 decimals, a thousands separator
 * in the decimals, badly grouped thousands (`12,34,567`), a missing integer part (`,50`) or decimals (`12,`), and
 * results outside the safe integer range.
 */
export function parseEuroAmount(text: string, options: ParseEuroAmountOptions = {}): Cents {
  if (typeof text !== 'string') {
    throw new RangeError(`Invalid euro amount: expected a string, got ${describe(text)}`);
  }
  const fail = (reason: string): never => {
    throw new RangeError(`Invalid euro amount ${JSON.stringify(text)}: ${reason}`);
  };

  const trimmed = text.trim();
  if (trimmed === '') fail('the text is empty');
  if (/[.,]$/.test(trimmed)) fail('no digits after the last separator');

  const match = /^([+-]?)([0-9.,]+)$/.exec(trimmed);
  if (!match) {
    fail('only digits, an optional leading sign, "," and "." are allowed');
  }
  const [, sign, body] = match as RegExpExecArray;

  const decimalSeparator = options.decimalSeparator ?? detectDecimalSeparator(body);
  if (decimalSeparator !== undefined && decimalSeparator !== ',' && decimalSeparator !== '.') {
    fail(`unsupported decimal separator ${JSON.stringify(decimalSeparator)}`);
  }

  let integerPart = body;
  let fractionPart = '';
  if (decimalSeparator !== undefined) {
    const at = body.lastIndexOf(decimalSeparator);
    if (at !== -1) {
      integerPart = body.slice(0, at);
      fractionPart = body.slice(at + 1);
      if (fractionPart === '') fail('no digits after the decimal separator');
      if (!/^[0-9]+$/.test(fractionPart)) fail('the decimals contain a separator');
      if (fractionPart.length > 2) fail(`${fractionPart.length} decimals; at most 2 are allowed`);
    }
  }

  const thousandsSeparator: DecimalSeparator | undefined =
    decimalSeparator === ',' ? '.' : decimalSeparator === '.' ? ',' : undefined;
  const integerDigits = parseIntegerPart(integerPart, thousandsSeparator, fail);

  const cents = BigInt(integerDigits) * 100n + BigInt(fractionPart.padEnd(2, '0'));
  if (cents > MAX_SAFE) fail('the amount is too large to hold safely in cents');

  const result = Number(cents);
  return sign === '-' && result !== 0 ? -result : result;
}

/**
 * Formats cents as euros, e.g. `€ 1.234,56` / `-€ 12,50` (nl) or `€1,234.56` / `-€12.50` (en).
 * Built from the integer with string operations, never from a float.
 */
export function formatEuro(cents: Cents, locale: EuroLocale = 'nl'): string {
  assertCents(cents, 'cents');
  if (locale !== 'nl' && locale !== 'en') {
    throw new RangeError(`Unsupported locale ${JSON.stringify(locale)}; use 'nl' or 'en'`);
  }
  const negative = cents < 0;
  // Split the digit string rather than dividing: a division by 100 would be floating-point arithmetic.
  const digits = String(negative ? -cents : cents).padStart(3, '0');
  const euros = digits.slice(0, -2);
  const rest = digits.slice(-2);

  const [thousands, decimal, symbol] = locale === 'nl' ? ['.', ',', '€ '] : [',', '.', '€'];
  const grouped = euros.replace(/\B(?=(\d{3})+$)/g, thousands);
  return `${negative ? '-' : ''}${symbol}${grouped}${decimal}${rest}`;
}

/**
 * Cents as a plain decimal amount, `123456` → `1234.56`, `-5` → `-0.05`: the form XML banking formats
 * (pain.008, camt.053) and logs use. Integer arithmetic only.
 */
export function formatDecimalCents(cents: Cents): string {
  assertCents(cents, 'cents');
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Sums amounts in cents. Throws a `RangeError` if an input is not valid cents or the total is not a safe integer. */
export function sumCents(values: readonly Cents[]): Cents {
  let total = 0n;
  values.forEach((value, index) => {
    total += BigInt(assertCents(value, `values[${index}]`));
  });
  if (total > MAX_SAFE || total < -MAX_SAFE) {
    throw new RangeError(`Sum of ${values.length} amounts (${total} cents) is outside the safe integer range`);
  }
  return Number(total);
}

function detectDecimalSeparator(body: string): DecimalSeparator | undefined {
  const last = /([.,])[0-9]{1,2}$/.exec(body);
  if (last) return last[1] as DecimalSeparator;
  // No decimals. A lone separator is then a thousands separator, so the decimal one is the other character.
  if (body.includes(',') && !body.includes('.')) return '.';
  if (body.includes('.') && !body.includes(',')) return ',';
  return undefined; // no separator at all, or a mix without decimals (rejected below)
}

function parseIntegerPart(
  integerPart: string,
  thousandsSeparator: DecimalSeparator | undefined,
  fail: (reason: string) => never,
): string {
  if (integerPart === '') fail('no digits before the decimal separator');
  if (/^[0-9]+$/.test(integerPart)) return integerPart;

  const decimalSeparator = thousandsSeparator === '.' ? ',' : '.';
  if (thousandsSeparator === undefined) {
    fail('both "," and "." occur but neither is a decimal separator followed by 1 or 2 digits at the end');
  }
  if (integerPart.includes(decimalSeparator)) fail(`the decimal separator "${decimalSeparator}" occurs more than once`);
  const groups = integerPart.split(thousandsSeparator as string);
  const [head, ...tail] = groups;
  const wellGrouped =
    /^[1-9][0-9]{0,2}$/.test(head) && tail.length > 0 && tail.every((group) => /^[0-9]{3}$/.test(group));
  if (!wellGrouped) {
    fail(
      `"${thousandsSeparator}" is used as the thousands separator but the digits are not in groups of 3` +
        ' (or there are more than 2 decimals)',
    );
  }
  return groups.join('');
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}
