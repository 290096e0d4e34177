const AMSTERDAM_MINUTE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The instant of a Dutch wall-clock time: `dutchInstant('2027-03-29', '09:00')` is 07:00Z (summer time). */
export function dutchInstant(day: string, time: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const moment = new Date(`${day}T${time}:00${offset}`);
    if (AMSTERDAM_MINUTE.format(moment) === `${day} ${time}`) return moment;
  }
  throw new Error(`${day} ${time} does not exist in Europe/Amsterdam`);
}
