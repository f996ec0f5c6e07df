import type { Locale } from '@mamoru/domain';
import type { MessageKey, Messages } from './messages';
import { en, ja } from './messages';

export type { Locale };
export type Vars = Readonly<Record<string, string | number>>;
export type Dictionaries = Readonly<Record<Locale, Partial<Messages>>>;

export const LOCALES: readonly Locale[] = ['ja', 'en'];
export const DEFAULT_LOCALE: Locale = 'ja';
export const DICTIONARIES: Dictionaries = { ja, en };

/** Replaces `{name}` with `vars.name`; a placeholder without a value stays as written. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/**
 * The message for `key` in `locale`, else in Japanese (the default), else the key itself (so a
 * missing string shows up as its key instead of an empty label).
 */
export function translate(
  dictionaries: Dictionaries,
  locale: Locale,
  key: MessageKey,
  vars?: Vars,
  fallback: Locale = DEFAULT_LOCALE,
): string {
  const template = dictionaries[locale]?.[key] ?? dictionaries[fallback]?.[key] ?? key;
  return interpolate(template, vars);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

/**
 * The language to start with: `?lang=` in the address wins (a stream PC can be set up by URL),
 * then the choice stored by the language switch, then Japanese.
 */
export function initialLocale(search: string, stored: string | null): Locale {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLocale(fromQuery)) return fromQuery;
  if (isLocale(stored)) return stored;
  return DEFAULT_LOCALE;
}

/**
 * The query after switching to `locale`: `?lang=` follows the switch (so the address says what
 * the page shows, and a reload or a copied link keeps it); the other parameters stay.
 */
export function searchWithLocale(search: string, locale: Locale): string {
  const params = new URLSearchParams(search);
  params.set('lang', locale);
  return `?${params.toString()}`;
}
