import { useI18n } from '../../i18n/i18n';
import { Window } from './exchange';

/** Weekly availability as a short list: "ma 09:00–12:00", one line per weekday. */
export function WeeklyHours({ windows }: { windows: Window[] }) {
  const { t } = useI18n();
  if (windows.length === 0) return <span className="muted">{t('resident.offer.noHours')}</span>;
  const days = new Map<number, Window[]>();
  for (const window of [...windows].sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime))) days.set(window.weekday, [...(days.get(window.weekday) ?? []), window]);
  return (
    <ul className="weekly-hours">
      {[...days].map(([weekday, list]) => (
        <li key={weekday}>
          <span className="weekly-hours__day">{t(`resident.weekday.${weekday}`)}</span> {list.map((w) => `${w.startTime}–${w.endTime}`).join(', ')}
        </li>
      ))}
    </ul>
  );
}
