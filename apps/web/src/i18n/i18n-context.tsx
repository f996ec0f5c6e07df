import type { Bilingual } from '@mamoru/domain';
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { formatPercent, formatScore, formatStoryTime, formatYen, pickText } from './format';
import type { MessageKey } from './messages';
import type { Locale, Vars } from './translate';
import { DICTIONARIES, initialLocale, searchWithLocale, translate } from './translate';

export const LOCALE_STORAGE_KEY = 'mamoru.lang';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The UI string `key` in the current language (Japanese when missing), with `{name}` filled from `vars`. */
  t(key: MessageKey, vars?: Vars): string;
  /** A scenario text (`{ ja, en }`) in the current language. */
  text(value: Bilingual | null | undefined): string;
  yen(amountYen: number): string;
  percent(ratio: number): string;
  score(score: number | null | undefined): string;
  /** A game minute as story time `HH:MM` when the scenario sets `clockStartsAt`, else game time. */
  time(minutes: number, clockStartsAtMinutes: number | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, kiosk policies): fall back to the default
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // the choice then lasts for this page only
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(window.location.search, readStoredLocale()));

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    const search = searchWithLocale(window.location.search, next);
    if (search !== window.location.search) {
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${search}${window.location.hash}`,
      );
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => translate(DICTIONARIES, locale, key, vars),
      text: (bilingual) => pickText(bilingual, locale),
      yen: formatYen,
      percent: (ratio) => formatPercent(ratio),
      score: formatScore,
      time: formatStoryTime,
    }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}
