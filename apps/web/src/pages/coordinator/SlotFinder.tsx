import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async } from '../../ui/components';
import { TextField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { SearchResult, Slot, slotTime } from './exchange-api';

const DAY = 24 * 60 * 60 * 1000;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The offers in one category that serve the resident's postcode, with their free slots in the chosen week;
 * each slot carries the caller's action (propose it, book it).
 */
export function SlotFinder({ categoryId, postcode, action, busy }: { categoryId: string; postcode: string | null; action: { label(result: SearchResult, slot: Slot): string; text: string; run(result: SearchResult, slot: Slot): void }; busy?: boolean }) {
  const { t, money, locale } = useI18n();
  const base = useCooperativePath();
  const [from, setFrom] = useState(today);
  const start = new Date(`${from || today()}T00:00:00`);
  const results = useLoad(
    (signal) =>
      api<SearchResult[]>(`${base}/offers/search`, {
        query: { categoryId, postcode, from: start.toISOString(), to: new Date(start.getTime() + 7 * DAY).toISOString() },
        signal,
      }),
    [base, categoryId, postcode, from],
  );

  return (
    <div className="slot-finder">
      <div className="form form--inline">
        <TextField name="from" type="date" label={t('coordinator.slots.from')} hint={t('coordinator.slots.fromHint')} value={from} min={today()} onValue={setFrom} />
      </div>
      <Async loaded={results}>
        {(found) =>
          found.length === 0 ? (
            <p className="muted">{t('coordinator.slots.none')}</p>
          ) : (
            <ul className="offer-list">
              {found.map((result) => (
                <li key={result.offerId} className="card">
                  <h3>{result.providerName}</h3>
                  <p>{result.description}</p>
                  <p className="muted">{t('coordinator.slots.rate', { rate: money(result.rateCents) })}</p>
                  {result.slots.length === 0 ? (
                    <p className="muted">{t('coordinator.slots.full')}</p>
                  ) : (
                    <ul className="slot-list" aria-label={t('coordinator.slots.of', { name: result.providerName })}>
                      {result.slots.slice(0, 12).map((slot) => (
                        <li key={slot.start}>
                          <span>{slotTime(locale, slot.start)}</span>
                          <button type="button" className="button button--small" disabled={busy} onClick={() => action.run(result, slot)} aria-label={action.label(result, slot)}>
                            {action.text}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </div>
  );
}
