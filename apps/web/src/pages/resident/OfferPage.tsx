import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Notice, Page } from '../../ui/components';
import { fieldId, FormErrors, SubmitButton, TextArea } from '../../ui/form';
import { useForm, useLoad } from '../../ui/hooks';
import { Booking, Offer, SearchResult, Slot, useCategories, useRate, useWhen } from './exchange';
import { readSearch, searchOffers, searchQuery } from './FindServicePage';
import { WeeklyHours } from './WeeklyHours';

/** One offer: what the provider does, where and when, its free slots in the period searched, and the booking form. */
export function OfferPage() {
  const { t, money } = useI18n();
  const { offerId = '' } = useParams();
  const path = useCooperativePath();
  const [params] = useSearchParams();
  const categories = useCategories();
  const offer = useLoad((signal) => api<Offer>(`${path}/offers/${offerId}`, { signal }), [path, offerId]);
  const search = { ...readSearch(params), categoryId: offer.data?.categoryId ?? '' };
  const [round, setRound] = useState(0);
  const result = useLoad(
    (signal) => (search.categoryId ? searchOffers(path, search, signal).then((found) => found.find((r) => r.offerId === offerId) ?? null) : Promise.resolve(undefined)),
    [path, offerId, search.categoryId, search.from, search.to, search.postcode, round],
  );
  const category = offer.data ? categories.byId.get(offer.data.categoryId) : undefined;
  const rate = useRate();
  const title = result.data?.providerName ? t('resident.offer.title', { category: category?.name ?? '', provider: result.data.providerName }) : (category?.name ?? t('resident.offer.fallbackTitle'));

  return (
    <Page title={title} actions={<Link to={`/services?${searchQuery({ ...search, categoryId: offer.data?.categoryId ?? search.categoryId })}`}>{t('resident.offer.back')}</Link>}>
      <Async loaded={offer}>
        {(found) => (
          <>
            <div className="card offer-detail">
              <p>{found.description}</p>
              <dl className="facts">
                <dt>{t('resident.offer.rate')}</dt>
                <dd>{rate(found.rateCents, category)}</dd>
                {category && (
                  <>
                    <dt>{t('resident.offer.duration')}</dt>
                    <dd>{t('resident.offer.minutes', { minutes: category.defaultDurationMinutes })}</dd>
                  </>
                )}
                <dt>{t('resident.offer.area')}</dt>
                <dd>{found.serviceArea.map((range) => (range.from === range.to ? range.from : `${range.from}–${range.to}`)).join(', ')}</dd>
                <dt>{t('resident.offer.hours')}</dt>
                <dd>
                  <WeeklyHours windows={found.windows} />
                </dd>
              </dl>
              {category?.contributionApplies && category.reducedContributionCents !== null && <p className="muted">{t('resident.offer.reduced', { amount: money(category.reducedContributionCents) })}</p>}
            </div>
            {found.paused ? (
              <Notice tone="info">{t('resident.offer.paused')}</Notice>
            ) : (
              <Async loaded={result}>{(free) => <BookingForm offerId={found.id} result={free ?? undefined} period={search} onBooked={() => setRound((r) => r + 1)} />}</Async>
            )}
          </>
        )}
      </Async>
    </Page>
  );
}

function BookingForm({ offerId, result, period, onBooked }: { offerId: string; result: SearchResult | undefined; period: { from: string; to: string }; onBooked(): void }) {
  const { t, date } = useI18n();
  const path = useCooperativePath();
  const when = useWhen();
  const form = useForm();
  const [start, setStart] = useState('');
  const [notes, setNotes] = useState('');
  const [booked, setBooked] = useState<Booking | undefined>();
  const slots = result?.slots ?? [];
  const days = groupByDay(slots, when.dayKey);

  const book = form.submit(async () => {
    const booking = await api<Booking>(`${path}/bookings`, { method: 'POST', body: { offerId, start, notes: notes.trim() || undefined } });
    setBooked(booking);
    setStart('');
    setNotes('');
    onBooked();
  });

  return (
    <section aria-labelledby="book-title">
      <h2 id="book-title">{t('resident.offer.book')}</h2>
      {booked && (
        <Notice>
          <p className="alert__title">{t('resident.offer.booked', { when: when.span(booked.start, booked.end), provider: result?.providerName ?? '' })}</p>
          <p>
            {t('resident.offer.bookedNext')} <Link to="/my-bookings">{t('resident.nav.bookings')}</Link>
          </p>
        </Notice>
      )}
      <p className="muted">{t('resident.offer.period', { from: date(period.from), to: date(period.to) })}</p>
      {slots.length === 0 ? (
        <p>{t('resident.offer.noSlots')}</p>
      ) : (
        <form className="form" onSubmit={book} noValidate>
          <FormErrors form={form} />
          <fieldset className={form.fieldErrors.start ? 'field field--error' : 'field'} id={fieldId('start')}>
            <legend>{t('resident.offer.pickSlot')}</legend>
            {form.fieldErrors.start && <p className="field__error">{form.fieldErrors.start}</p>}
            {days.map(([day, daySlots]) => (
              <div key={day} className="slot-day">
                <h3 className="slot-day__title">{when.day(daySlots[0].start)}</h3>
                <div className="slot-options">
                  {daySlots.map((slot) => (
                    <label key={slot.start} className="slot-option">
                      <input type="radio" name="start" value={slot.start} checked={start === slot.start} onChange={() => setStart(slot.start)} required />
                      <span>
                        {when.time(slot.start)}–{when.time(slot.end)}
                      </span>
                      <span className="visually-hidden">, {when.day(slot.start)}</span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </fieldset>
          <TextArea form={form} name="notes" label={t('resident.offer.notes')} hint={t('resident.offer.notesHint')} value={notes} onValue={setNotes} maxLength={1000} />
          <div className="button-row">
            <SubmitButton form={form}>{t('resident.offer.submit')}</SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}

function groupByDay(slots: Slot[], dayKey: (instant: string) => string): Array<[string, Slot[]]> {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const key = dayKey(slot.start);
    days.set(key, [...(days.get(key) ?? []), slot]);
  }
  return [...days];
}
