import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useCooperativePath } from '../../session/session';
import { Async, Page } from '../../ui/components';
import { FormErrors, SelectField, SubmitButton, TextField } from '../../ui/form';
import { FormState, useForm, useLoad } from '../../ui/hooks';
import { Category, dayFromToday, OwnMember, SearchResult, startOfDay, useCategories, useRate, useWhen } from './exchange';

/** The search as it stands in the address bar, so a result can be linked to and the way back keeps it. */
export interface SearchParams {
  categoryId: string;
  postcode: string;
  from: string;
  to: string;
}

export function readSearch(params: URLSearchParams): SearchParams {
  return { categoryId: params.get('category') ?? '', postcode: params.get('postcode') ?? '', from: params.get('from') ?? dayFromToday(1), to: params.get('to') ?? dayFromToday(14) };
}

export function searchQuery(search: SearchParams): string {
  return new URLSearchParams({ category: search.categoryId, postcode: search.postcode, from: search.from, to: search.to }).toString();
}

/** The API's search: free slots from the start of `from` up to the end of `to` (Dutch days). */
export function searchOffers(path: string, search: SearchParams, signal?: AbortSignal): Promise<SearchResult[]> {
  const until = new Date(`${search.to}T00:00:00`);
  until.setDate(until.getDate() + 1);
  return api<SearchResult[]>(`${path}/offers/search`, { query: { categoryId: search.categoryId, postcode: search.postcode, from: startOfDay(search.from), to: until.toISOString() }, signal });
}

/** Find a service: a category, where and when; the offers with free time, each with its first free slots. */
export function FindServicePage() {
  const { t } = useI18n();
  const path = useCooperativePath();
  const [params, setParams] = useSearchParams();
  const categories = useCategories();
  const me = useLoad((signal) => api<OwnMember>(`${path}/members/me`, { signal }), [path]);
  const current = readSearch(params);
  const [draft, setDraft] = useState<SearchParams | undefined>();
  const form = draft ?? { ...current, categoryId: current.categoryId || categories.data?.find((c) => c.active)?.id || '', postcode: current.postcode || me.data?.postcode || '' };
  const change = (field: keyof SearchParams) => (value: string) => setDraft({ ...form, [field]: value });
  const searched = current.categoryId !== '';
  const results = useLoad((signal) => (searched ? searchOffers(path, current, signal) : Promise.resolve(undefined)), [path, params.toString()]);
  // The API's refusal of a search (a postcode it cannot read, a period too long) shows at the fields it names.
  const idle = useForm();
  const search: FormState = results.error ? { ...idle, error: results.error, fieldErrors: results.error instanceof ApiError ? results.error.fieldErrors() : {} } : idle;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(searchQuery(form));
  };

  return (
    <Page title={t('resident.find.title')}>
      <p className="lead">{t('resident.find.intro')}</p>
      <Async loaded={categories}>
        {(list) => (
          <>
          <FormErrors form={search} />
          <form className="form form--inline search-form" onSubmit={submit} role="search" aria-label={t('resident.find.formLabel')}>
            <SelectField
              form={search}
              name="categoryId"
              label={t('resident.find.category')}
              value={form.categoryId}
              onValue={change('categoryId')}
              options={list.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
            />
            <TextField form={search} name="postcode" label={t('resident.find.postcode')} value={form.postcode} onValue={change('postcode')} autoComplete="postal-code" inputMode="text" size={8} />
            <TextField form={search} name="from" type="date" label={t('resident.find.from')} value={form.from} onValue={change('from')} required />
            <TextField form={search} name="to" type="date" label={t('resident.find.to')} value={form.to} onValue={change('to')} required />
            <SubmitButton form={search}>{t('resident.find.submit')}</SubmitButton>
          </form>
          </>
        )}
      </Async>
      {searched && (
        <section aria-labelledby="results-title" className="search-results">
          <h2 id="results-title">{t('resident.find.results')}</h2>
          {results.error ? (
            <p className="muted">{t('resident.find.refused')}</p>
          ) : (
            <Async loaded={results}>
              {(found) => (found && found.length > 0 ? <Results results={found} search={current} category={categories.byId.get(current.categoryId)} /> : <p className="muted">{t('resident.find.none')}</p>)}
            </Async>
          )}
        </section>
      )}
    </Page>
  );
}

const FIRST_SLOTS = 4;

function Results({ results, search, category }: { results: SearchResult[]; search: SearchParams; category: Category | undefined }) {
  const { t } = useI18n();
  const when = useWhen();
  const rate = useRate();
  return (
    <>
      <p role="status">{t(`resident.find.count.${results.length === 1 ? 'one' : 'other'}`, { count: results.length })}</p>
      <ul className="offer-list">
        {results.map((result) => (
          <li key={result.offerId} className="card offer-card">
            <h3>{result.providerName}</h3>
            <p>{result.description}</p>
            <p className="offer-card__meta">
              <span>{category?.name}</span> · <span>{rate(result.rateCents, category)}</span>
            </p>
            <p className="offer-card__slots-title">{t(`resident.find.firstSlots.${result.slots.length === 1 ? 'one' : 'other'}`, { count: result.slots.length })}</p>
            <ul className="slot-preview">
              {result.slots.slice(0, FIRST_SLOTS).map((slot) => (
                <li key={slot.start}>
                  {when.day(slot.start)}, {when.time(slot.start)}
                </li>
              ))}
            </ul>
            <Link className="button button--primary" to={`/services/${result.offerId}?${searchQuery(search)}`} aria-label={t('resident.find.openLabel', { provider: result.providerName })}>
              {t('resident.find.open')}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
