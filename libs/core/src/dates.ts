const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Dutch calendar day (`YYYY-MM-DD`, Europe/Amsterdam) of a moment: what "today" and "that day" mean here. */
export function dutchDate(moment: Date = new Date()): string {
  return AMSTERDAM_DAY.format(moment);
}

/** A calendar day plus (or minus) whole days; calendar arithmetic, so no time zone or DST can shift it. */
export function addDays(day: string, days: number): string {
  const moment = new Date(`${day}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}
