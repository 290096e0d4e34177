import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Badge, Notice, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextArea, TextField } from '../../ui/form';
import { FormState, useForm, useLoad } from '../../ui/hooks';
import { Category, Offer, PanelHeading, useCategories, useRate, Window } from '../resident/exchange';
import { WeeklyHours } from '../resident/WeeklyHours';
import { toCents } from './HoursPage';

type Panel = { kind: 'new' } | { kind: 'edit' | 'away'; offer: Offer };

/** What the provider offers: each offer with its hours and days away; new offers, changes, a pause. */
export function MyOffersPage() {
  const { t } = useI18n();
  const path = useCooperativePath();
  const categories = useCategories();
  const offers = useLoad((signal) => api<Offer[]>(`${path}/offers/mine`, { signal }), [path]);
  const actions = useForm();
  const rate = useRate();
  const { date } = useI18n();
  const [panel, setPanel] = useState<Panel | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const done = (text: string) => {
    setNotice(text);
    setPanel(undefined);
    offers.reload();
  };
  const name = (offer: Offer) => categories.byId.get(offer.categoryId)?.name ?? t('provider.offers.offer');

  return (
    <Page
      title={t('provider.offers.title')}
      actions={
        <button type="button" className="button button--primary" aria-expanded={panel?.kind === 'new'} onClick={() => setPanel({ kind: 'new' })}>
          {t('provider.offers.new')}
        </button>
      }
    >
      {notice && <Notice>{notice}</Notice>}
      <FormErrors form={actions} />
      {panel?.kind === 'new' && categories.data && (
        <section className="card panel" aria-labelledby="offer-form-title">
          <PanelHeading id="offer-form-title">{t('provider.offers.newTitle')}</PanelHeading>
          <OfferForm categories={categories.data} onCancel={() => setPanel(undefined)} onSaved={(offer) => done(t('provider.offers.created', { name: name(offer) }))} />
        </section>
      )}
      <Async loaded={offers}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('provider.offers.empty')}</p>
          ) : (
            <ul className="offer-list">
              {list.map((offer) => (
                <li key={offer.id} className="card offer-card">
                  <h2 className="offer-card__title">
                    {name(offer)} {offer.paused ? <Badge tone="warn">{t('provider.offers.paused')}</Badge> : <Badge tone="good">{t('provider.offers.active')}</Badge>}
                  </h2>
                  <p>{offer.description}</p>
                  <dl className="facts">
                    <dt>{t('resident.offer.rate')}</dt>
                    <dd>{rate(offer.rateCents, categories.byId.get(offer.categoryId))}</dd>
                    <dt>{t('resident.offer.area')}</dt>
                    <dd>{offer.serviceArea.map((r) => `${r.from}–${r.to}`).join(', ')}</dd>
                    <dt>{t('provider.offers.perDay')}</dt>
                    <dd>{offer.maxBookingsPerDay}</dd>
                    <dt>{t('resident.offer.hours')}</dt>
                    <dd>
                      <WeeklyHours windows={offer.windows} />
                    </dd>
                    <dt>{t('provider.offers.away')}</dt>
                    <dd>
                      {offer.exceptions.length === 0 ? (
                        t('provider.offers.noAway')
                      ) : (
                        <ul className="plain-list">
                          {offer.exceptions.map((away) => (
                            <li key={away.id}>
                              {date(away.fromDate)} – {date(away.toDate)}
                              {away.reason ? ` (${away.reason})` : ''}{' '}
                              <button
                                type="button"
                                className="link-button"
                                disabled={actions.submitting}
                                aria-label={t('provider.offers.removeAwayLabel', { from: date(away.fromDate), to: date(away.toDate) })}
                                onClick={() =>
                                  void actions.run(async () => {
                                    await api(`${path}/offers/${offer.id}/exceptions/${away.id}`, { method: 'DELETE' });
                                    done(t('provider.offers.awayRemoved', { from: date(away.fromDate), to: date(away.toDate) }));
                                  })
                                }
                              >
                                {t('provider.offers.removeAway')}
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </dl>
                  <div className="button-row">
                    <button type="button" className="button button--small" aria-label={t('provider.offers.editLabel', { name: name(offer) })} aria-expanded={panel?.kind === 'edit' && panel.offer.id === offer.id} onClick={() => setPanel({ kind: 'edit', offer })}>
                      {t('provider.offers.edit')}
                    </button>
                    <button type="button" className="button button--small" aria-label={t('provider.offers.addAwayLabel', { name: name(offer) })} aria-expanded={panel?.kind === 'away' && panel.offer.id === offer.id} onClick={() => setPanel({ kind: 'away', offer })}>
                      {t('provider.offers.addAway')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={actions.submitting}
                      aria-label={t(offer.paused ? 'provider.offers.resumeLabel' : 'provider.offers.pauseLabel', { name: name(offer) })}
                      onClick={() =>
                        void actions.run(async () => {
                          await api(`${path}/offers/${offer.id}`, { method: 'PATCH', body: { paused: !offer.paused } });
                          done(t(offer.paused ? 'provider.offers.resumed' : 'provider.offers.pausedNotice', { name: name(offer) }));
                        })
                      }
                    >
                      {offer.paused ? t('provider.offers.resume') : t('provider.offers.pause')}
                    </button>
                  </div>
                  {panel && panel.kind !== 'new' && panel.offer.id === offer.id && categories.data && (
                    <section className="panel" aria-labelledby="offer-form-title">
                      {panel.kind === 'edit' ? (
                        <>
                          <PanelHeading id="offer-form-title">{t('provider.offers.editTitle', { name: name(offer) })}</PanelHeading>
                          <OfferForm offer={offer} categories={categories.data} onCancel={() => setPanel(undefined)} onSaved={() => done(t('provider.offers.saved', { name: name(offer) }))} />
                        </>
                      ) : (
                        <>
                          <PanelHeading id="offer-form-title">{t('provider.offers.awayTitle', { name: name(offer) })}</PanelHeading>
                          <AwayForm offer={offer} onCancel={() => setPanel(undefined)} onSaved={(from, to) => done(t('provider.offers.awayAdded', { from: date(from), to: date(to) }))} />
                        </>
                      )}
                    </section>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Page>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A new offer, or changes to one: the category only when creating (an offer does not change its kind). */
function OfferForm({ offer, categories, onCancel, onSaved }: { offer?: Offer; categories: Category[]; onCancel(): void; onSaved(offer: Offer): void }) {
  const { t, money } = useI18n();
  const path = useCooperativePath();
  const form = useForm();
  const active = categories.filter((c) => c.active);
  const [categoryId, setCategoryId] = useState(offer?.categoryId ?? active[0]?.id ?? '');
  const [description, setDescription] = useState(offer?.description ?? '');
  const [rate, setRate] = useState(offer ? (offer.rateCents / 100).toFixed(2).replace('.', ',') : '');
  const [perDay, setPerDay] = useState(String(offer?.maxBookingsPerDay ?? 2));
  const [area, setArea] = useState(offer?.serviceArea ?? [{ from: '', to: '' }]);
  const [windows, setWindows] = useState<Window[]>(offer?.windows ?? [{ weekday: 1, startTime: '09:00', endTime: '12:00' }]);
  const category = categories.find((c) => c.id === categoryId);

  const submit = form.submit(async () => {
    const body = { description, serviceArea: area, rateCents: category?.pricing === 'free' ? 0 : (toCents(rate) ?? 0), maxBookingsPerDay: Number(perDay), windows };
    onSaved(offer ? await api<Offer>(`${path}/offers/${offer.id}`, { method: 'PATCH', body }) : await api<Offer>(`${path}/offers`, { method: 'POST', body: { ...body, categoryId } }));
  });
  const setRange = (index: number, field: 'from' | 'to', value: string) => setArea(area.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  const setWindow = (index: number, change: Partial<Window>) => setWindows(windows.map((w, i) => (i === index ? { ...w, ...change } : w)));

  return (
    <form className="form" onSubmit={submit as (event: FormEvent) => void}>
      <FormErrors form={form} />
      {!offer && <SelectField form={form} name="categoryId" label={t('provider.offers.category')} value={categoryId} onValue={setCategoryId} options={active.map((c) => ({ value: c.id, label: c.name }))} />}
      {category?.requiresVog && <p className="muted">{t('provider.offers.needsVog')}</p>}
      <TextArea form={form} name="description" label={t('provider.offers.description')} hint={t('provider.offers.descriptionHint')} value={description} onValue={setDescription} required minLength={10} maxLength={2000} />
      {category?.pricing !== 'free' && (
        <TextField
          form={form}
          name="rateCents"
          label={t(category?.pricing === 'hourly' ? 'provider.offers.rateHourly' : 'provider.offers.rateFixed')}
          hint={t('provider.offers.rateHint', { min: money(category?.minRateCents ?? 0), max: money(category?.maxRateCents ?? 0) })}
          inputMode="decimal"
          value={rate}
          onValue={setRate}
          required
        />
      )}
      <TextField form={form} name="maxBookingsPerDay" type="number" min={1} max={24} label={t('provider.offers.perDay')} value={perDay} onValue={setPerDay} required />
      <fieldset>
        <legend>{t('provider.offers.areaLegend')}</legend>
        <p className="field__hint">{t('provider.offers.areaHint')}</p>
        {area.map((range, index) => (
          <div className="form-row" key={index}>
            <TextField form={form} name={`serviceArea[${index}].from`} label={t('provider.offers.areaFrom')} inputMode="numeric" maxLength={4} value={range.from} onValue={(v) => setRange(index, 'from', v)} required />
            <TextField form={form} name={`serviceArea[${index}].to`} label={t('provider.offers.areaTo')} inputMode="numeric" maxLength={4} value={range.to} onValue={(v) => setRange(index, 'to', v)} required />
            {area.length > 1 && (
              <button type="button" className="button button--small" aria-label={t('provider.offers.removeRangeLabel', { n: index + 1 })} onClick={() => setArea(area.filter((_, i) => i !== index))}>
                {t('provider.offers.remove')}
              </button>
            )}
          </div>
        ))}
        <button type="button" className="link-button" onClick={() => setArea([...area, { from: '', to: '' }])}>
          {t('provider.offers.addRange')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('provider.offers.windowsLegend')}</legend>
        <p className="field__hint">{t('provider.offers.windowsHint')}</p>
        {windows.map((window, index) => (
          <div className="form-row" key={index}>
            <SelectField form={form} name={`windows[${index}].weekday`} label={t('provider.offers.weekday')} value={String(window.weekday)} onValue={(v) => setWindow(index, { weekday: Number(v) })} options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`provider.weekday.${d}`) }))} />
            <TextField form={form} name={`windows[${index}].startTime`} type="time" label={t('provider.offers.startTime')} value={window.startTime} onValue={(v) => setWindow(index, { startTime: v })} required />
            <TextField form={form} name={`windows[${index}].endTime`} type="time" label={t('provider.offers.endTime')} value={window.endTime} onValue={(v) => setWindow(index, { endTime: v })} required />
            <button type="button" className="button button--small" aria-label={t('provider.offers.removeWindowLabel', { n: index + 1 })} onClick={() => setWindows(windows.filter((_, i) => i !== index))}>
              {t('provider.offers.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="link-button" onClick={() => setWindows([...windows, { weekday: 1, startTime: '09:00', endTime: '12:00' }])}>
          {t('provider.offers.addWindow')}
        </button>
      </fieldset>
      <FormButtons form={form} onCancel={onCancel} label={offer ? t('common.save') : t('provider.offers.create')} />
    </form>
  );
}

/** Days away: no slots are offered from the first to the last day. */
function AwayForm({ offer, onCancel, onSaved }: { offer: Offer; onCancel(): void; onSaved(from: string, to: string): void }) {
  const { t } = useI18n();
  const path = useCooperativePath();
  const form = useForm();
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [reason, setReason] = useState('');
  const submit = form.submit(async () => {
    await api<Offer>(`${path}/offers/${offer.id}/exceptions`, { method: 'POST', body: { fromDate, toDate, reason: reason.trim() || undefined } });
    onSaved(fromDate, toDate);
  });
  return (
    <form className="form form--narrow" onSubmit={submit as (event: FormEvent) => void}>
      <FormErrors form={form} />
      <div className="form-pair">
        <TextField form={form} name="fromDate" type="date" label={t('provider.offers.awayFrom')} value={fromDate} onValue={setFromDate} required />
        <TextField form={form} name="toDate" type="date" label={t('provider.offers.awayTo')} value={toDate} onValue={setToDate} required />
      </div>
      <TextField form={form} name="reason" label={t('provider.offers.awayReason')} hint={t('provider.offers.awayReasonHint')} value={reason} onValue={setReason} maxLength={200} />
      <FormButtons form={form} onCancel={onCancel} label={t('provider.offers.addAway')} />
    </form>
  );
}

function FormButtons({ form, onCancel, label }: { form: FormState; onCancel(): void; label: string }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <SubmitButton form={form}>{label}</SubmitButton>
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
