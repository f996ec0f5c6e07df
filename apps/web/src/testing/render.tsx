import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nProvider, LOCALE_STORAGE_KEY } from '../i18n/i18n-context';
import type { Locale } from '../i18n/translate';

/**
 * For component specs (`/** @jest-environment jsdom *\/` at the top): renders `ui` inside the
 * app's i18n provider, in `locale` (Japanese by default).
 */
export function renderPage(ui: ReactElement, locale: Locale = 'ja'): RenderResult {
  window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  window.history.replaceState(null, '', '/');
  return render(<I18nProvider>{ui}</I18nProvider>);
}

/** A `fetch` that answers from `routes` (`'POST /api/auth/login'` → status and body) and records the calls. */
export function fakeFetch(
  routes: Record<string, (body: unknown, headers: Record<string, string>) => { status: number; body?: unknown }>,
): { fetch: typeof fetch; calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] } {
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path, body, headers });
    const handler = routes[`${method} ${path.split('?')[0]}`];
    const answer = handler ? handler(body, headers) : { status: 404, body: { message: 'no route', code: 'NOT_FOUND' } };
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      statusText: '',
      text: async () => text,
      json: async () => JSON.parse(text) as unknown,
    } as Response;
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}
