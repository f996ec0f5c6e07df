import type { MouseEvent } from 'react';
import { useSyncExternalStore } from 'react';

/** Same-document navigation with the history API: `navigate()` pushes, back/forward pop; both notify. */
const NAVIGATE_EVENT = 'mamoru:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const getPathname = () => window.location.pathname;

/** The current path; re-renders on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}

/** Goes to `to` (a path, with an optional query) without reloading; the `?lang=` in use is kept. */
export function navigate(to: string): void {
  const target = new URL(to, window.location.href);
  const lang = new URLSearchParams(window.location.search).get('lang');
  if (lang && !target.searchParams.has('lang')) target.searchParams.set('lang', lang);
  const href = `${target.pathname}${target.search}${target.hash}`;
  if (href === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  window.history.pushState(null, '', href);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** For `<a onClick>`: a plain left click navigates in place; modified clicks (new tab, ...) are left to the browser. */
export function handleLinkClick(event: MouseEvent<HTMLAnchorElement>, to: string): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
  if (event.currentTarget.target && event.currentTarget.target !== '_self') return;
  event.preventDefault();
  navigate(to);
}
