import { Cents, addDays, assertCents, easterSunday } from '@buurtcoop/core';
import { IsoDate, parseIsoDate } from './document-format';

/**
 * Collection costs (buitengerechtelijke incassokosten) a consumer owes once the 14-day letter went unanswered:
 * the staffel of art. 2 Besluit vergoeding voor buitengerechtelijke incassokosten (Stb. 2012, 141), over the
 * principal only (no statutory interest). Rates are in tenths of a percent so all arithmetic stays in integers.
 */
const STAFFEL: ReadonlyArray<{ upToCents: bigint | null; perMille: bigint }> = [
  { upToCents: 250_000n, perMille: 150n }, // 15% over the first € 2.500
  { upToCents: 500_000n, perMille: 100n }, // 10% over the next € 2.500
  { upToCents: 1_000_000n, perMille: 50n }, // 5% over the next € 5.000
  { upToCents: 20_000_000n, perMille: 10n }, // 1% over the next € 190.000
  { upToCents: null, perMille: 5n }, // 0,5% over the rest
];
const MINIMUM_CENTS = 4_000n; // € 40
const MAXIMUM_CENTS = 677_500n; // € 6.775

/**
 * The collection costs for a principal, in cents. When several overdue invoices go into one letter the principal is
 * their sum, as the Besluit's explanatory note requires. Fractions of a cent are dropped: rounding up could charge
 * a consumer more than the Besluit allows. No VAT is added (the cooperative cannot charge it on these costs).
 */
export function collectionCostsCents(principalCents: Cents): Cents {
  assertCents(principalCents, 'principalCents');
  if (principalCents < 0) throw new RangeError(`principalCents must not be negative, got ${principalCents}`);
  if (principalCents === 0) return 0;

  const principal = BigInt(principalCents);
  let perMilleCents = 0n;
  let lower = 0n;
  for (const { upToCents, perMille } of STAFFEL) {
    const upper = upToCents === null || upToCents > principal ? principal : upToCents;
    if (upper > lower) perMilleCents += (upper - lower) * perMille;
    if (upper === principal) break;
    lower = upper;
  }
  const costs = perMilleCents / 1000n; // BigInt division truncates: the cent fraction is dropped
  return Number(costs < MINIMUM_CENTS ? MINIMUM_CENTS : costs > MAXIMUM_CENTS ? MAXIMUM_CENTS : costs);
}

/**
 * The generally recognised holidays of art. 3 Algemene termijnenwet: New Year's Day, Easter Monday, Ascension Day,
 * Whit Monday, Christmas Day and Boxing Day, King's Day (27 April, or the 26th when the 27th is a Sunday) and 5 May.
 */
export function isDutchPublicHoliday(date: IsoDate): boolean {
  const year = parseIsoDate(date).getUTCFullYear();
  const easter = easterSunday(year);
  const kingsDay = parseIsoDate(`${year}-04-27`).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
  const holidays = [
    `${year}-01-01`,
    addDays(easter, 1),
    addDays(easter, 39),
    addDays(easter, 50),
    kingsDay,
    `${year}-05-05`,
    `${year}-12-25`,
    `${year}-12-26`,
  ];
  return holidays.includes(date);
}

const weekday = (date: IsoDate) => parseIsoDate(date).getUTCDay();

/**
 * The day a letter posted on `sentOn` is presumed to arrive: the second day after posting, where Sundays, Mondays
 * and public holidays do not count (there is no post on those days). This is the presumption the Hoge Raad accepts
 * for the 14-day letter (HR 25 november 2016, ECLI:NL:HR:2016:2704); the debtor may still prove a later receipt.
 */
export function presumedReceipt(sentOn: IsoDate): IsoDate {
  let day = sentOn;
  for (let counted = 0; counted < 2; ) {
    day = addDays(day, 1);
    if (weekday(day) !== 0 && weekday(day) !== 1 && !isDutchPublicHoliday(day)) counted += 1;
  }
  return day;
}

/**
 * The last day to pay after a 14-day letter (veertiendagenbrief, art. 6:96 lid 6 BW) posted on `sentOn`: fourteen
 * days starting the day after the presumed receipt (see {@link presumedReceipt}; so at least sent date + 2 + 14),
 * moved to the next working day when it falls on a Saturday, Sunday or public holiday (art. 1 Algemene
 * termijnenwet). A letter that names too early a day loses its effect, so every doubt pushes the day later.
 */
export function noticeTermEnd(sentOn: IsoDate): IsoDate {
  let last = addDays(presumedReceipt(sentOn), 14);
  while (weekday(last) === 0 || weekday(last) === 6 || isDutchPublicHoliday(last)) last = addDays(last, 1);
  return last;
}
