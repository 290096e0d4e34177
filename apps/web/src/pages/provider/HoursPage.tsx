import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, DataTable, Notice, Page } from '../../ui/components';
import { FormErrors, SubmitButton, TextField } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { Booking, hasStarted, useCategories, useWhen } from '../resident/exchange';
import { useProvided } from './IncomingRequestsPage';

interface HoursRow {
  categoryId: string;
  month: string;
  minutesGiven: number;
  minutesReceived: number;
  bookings: number;
}

/** Euros as typed ("3,50", "3.50", "3") to cents; what cannot be read goes to the API as is, which names it. */
export function toCents(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? Math.round(value * 100) : (trimmed as unknown as number);
}

/**
 * Hours: log the time spent on each booking that has taken place (the resident then confirms it), and the time
 * account of this year, per month and kind of help.
 */
export function HoursPage() {
  const { t } = useI18n();
  const path = useCooperativePath();
  const categories = useCategories();
  const provided = useProvided();
  const hours = useLoad((signal) => api<HoursRow[]>(`${path}/hours/mine`, { signal }), [path]);
  const when = useWhen();
  const [notice, setNotice] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();

  return (
    <Page title={t('provider.hours.title')}>
      {notice && <Notice>{notice}</Notice>}
      <section aria-labelledby="log-title">
        <h2 id="log-title">{t('provider.hours.logTitle')}</h2>
        <Async loaded={provided}>
          {(bookings) => {
            const toLog = bookings.filter((b) => b.status === 'confirmed' && hasStarted(b));
            const chosen = toLog.find((b) => b.id === selected) ?? toLog[0];
            const service = (b: Booking) => categories.byId.get(b.categoryId)?.name ?? '';
            return toLog.length === 0 ? (
              <p className="muted">{t('provider.hours.nothingToLog')}</p>
            ) : (
              <>
                {toLog.length > 1 && (
                  <DataTable
                    caption={t('provider.hours.toLogCaption')}
                    rows={toLog}
                    rowKey={(b) => b.id}
                    columns={[
                      { header: t('provider.requests.when'), cell: (b) => when.span(b.start, b.end) },
                      { header: t('provider.requests.service'), cell: (b) => service(b) },
                      {
                        header: t('common.actions'),
                        cell: (b) => (
                          <button type="button" className="button button--small" aria-pressed={b.id === chosen.id} onClick={() => setSelected(b.id)}>
                            {t('provider.hours.choose')}
                          </button>
                        ),
                      },
                    ]}
                  />
                )}
                <DeliverForm
                  key={chosen.id}
                  booking={chosen}
                  service={service(chosen)}
                  onDone={(text) => {
                    setNotice(text);
                    provided.reload();
                    hours.reload();
                  }}
                />
              </>
            );
          }}
        </Async>
      </section>
      <section aria-labelledby="account-title">
        <h2 id="account-title">{t('provider.hours.accountTitle')}</h2>
        <Async loaded={hours}>
          {(rows) => {
            const given = rows.reduce((sum, r) => sum + r.minutesGiven, 0);
            const received = rows.reduce((sum, r) => sum + r.minutesReceived, 0);
            return (
              <>
                <dl className="stats">
                  <div className="stat">
                    <dt>{t('provider.hours.given')}</dt>
                    <dd>{formatMinutes(given, t)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('provider.hours.received')}</dt>
                    <dd>{formatMinutes(received, t)}</dd>
                  </div>
                </dl>
                <DataTable
                  caption={t('provider.hours.caption')}
                  rows={rows}
                  rowKey={(r) => `${r.month}:${r.categoryId}`}
                  empty={t('provider.hours.empty')}
                  columns={[
                    { header: t('provider.hours.month'), cell: (r) => r.month },
                    { header: t('provider.hours.kind'), cell: (r) => categories.byId.get(r.categoryId)?.name ?? '—' },
                    { header: t('provider.hours.given'), numeric: true, cell: (r) => formatMinutes(r.minutesGiven, t) },
                    { header: t('provider.hours.received'), numeric: true, cell: (r) => formatMinutes(r.minutesReceived, t) },
                    { header: t('provider.hours.bookings'), numeric: true, cell: (r) => r.bookings },
                  ]}
                />
              </>
            );
          }}
        </Async>
      </section>
    </Page>
  );
}

function formatMinutes(minutes: number, t: (key: string, params?: Record<string, string | number>) => string): string {
  return t('provider.hours.duration', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

function DeliverForm({ booking, service, onDone }: { booking: Booking; service: string; onDone(text: string): void }) {
  const { t } = useI18n();
  const path = useCooperativePath();
  const when = useWhen();
  const form = useForm();
  const planned = Math.round((new Date(booking.end).getTime() - new Date(booking.start).getTime()) / 60_000);
  const [minutes, setMinutes] = useState(String(planned));
  const [materials, setMaterials] = useState('');
  const label = `${service}, ${when.span(booking.start, booking.end)}`;
  const submit = form.submit(async () => {
    await api(`${path}/bookings/${booking.id}/deliver`, { method: 'POST', body: { actualMinutes: Number(minutes), materialCents: toCents(materials) } });
    onDone(t('provider.hours.logged', { booking: label, minutes }));
  });
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="deliver-title">
      <h3 id="deliver-title" className="card__title">
        {t('provider.hours.formTitle', { booking: label })}
      </h3>
      {booking.notes && <p className="muted">{booking.notes}</p>}
      <FormErrors form={form} />
      <TextField form={form} name="actualMinutes" label={t('provider.hours.minutes')} type="number" min={1} max={1440} inputMode="numeric" value={minutes} onValue={setMinutes} required />
      <TextField form={form} name="materialCents" label={t('provider.hours.materials')} hint={t('provider.hours.materialsHint')} inputMode="decimal" value={materials} onValue={setMaterials} />
      <div className="button-row">
        <SubmitButton form={form}>{t('provider.hours.submit')}</SubmitButton>
      </div>
    </form>
  );
}
