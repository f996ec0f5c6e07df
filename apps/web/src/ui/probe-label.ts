import type { MessageKey } from '../i18n/messages';

/** The outcomes of a shop's health probe (the crawler's journey outcomes, game-model §4). */
const PROBES = ['ok', 'down', 'error', 'defaced', 'out_of_stock', 'tampered'] as const;

/** A probe outcome in the page's language; an outcome this app does not know yet is shown as sent. */
export function probeLabel(t: (key: MessageKey) => string, probe: string): string {
  return (PROBES as readonly string[]).includes(probe) ? t(`common.probe.${probe as (typeof PROBES)[number]}`) : probe;
}
