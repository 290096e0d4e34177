/**
 * Dutch by default, English on request. Messages live per part of the product in ./messages; a key that has no
 * English text falls back to the Dutch one, and a key missing altogether shows itself so it is noticed.
 */
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { MESSAGES } from './messages';

export type Locale = 'nl' | 'en';
export const LOCALES: readonly Locale[] = ['nl', 'en'];
const LOCALE_KEY = 'buurtcoop.locale';

type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** Euros from cents, e.g. "€ 12,50". */
  money(cents: number): string;
  /** A day (YYYY-MM-DD or an ISO instant) as the locale writes it. */
  date(value: string | null | undefined): string;
  /** An instant with its time of day. */
  dateTime(value: string | null | undefined): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  return stored === 'en' || stored === 'nl' ? stored : 'nl';
}

function interpolate(text: string, params?: Params): string {
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
    const euros = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR' });
    const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' });
    const moment = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
    const parse = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
    return {
      locale,
      setLocale,
      t: (key, params) => interpolate(MESSAGES[locale][key] ?? MESSAGES.nl[key] ?? key, params),
      money: (cents) => euros.format(cents / 100),
      date: (value) => (value ? day.format(parse(value)) : '—'),
      dateTime: (value) => (value ? moment.format(parse(value)) : '—'),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
