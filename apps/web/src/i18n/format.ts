import type { Bilingual, Locale } from '@mamoru/domain';

/*
 * Formatting for people. The same results as `formatYen` and `formatGameTime`/`formatStoryTime` of
 * @mamoru/domain (format.spec.ts checks that): they are restated here because importing anything
 * at run time from the domain's index would bundle zod and the scenario loader into the page.
 */

const MINUTE_MS = 60_000;
const groupedInteger = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const groupedOneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `¥1,234,567`; negative amounts with a true minus sign (`−¥500`). Same in both languages. */
export function formatYen(amountYen: number): string {
  const sign = amountYen < 0 ? '−' : '';
  return `${sign}¥${groupedInteger.format(Math.abs(Math.round(amountYen)))}`;
}

/** `HH:MM` of a game minute (00:00 at the start); fractions of a minute are cut off. */
export function formatGameTime(minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  return `${pad2(Math.floor(whole / 60))}:${pad2(whole % 60)}`;
}

/** Story time: the game minute shifted by the scenario's `clockStartsAt` (540 → 09:00), else game time. */
export function formatStoryTime(minutes: number, clockStartsAtMinutes: number | undefined): string {
  return formatGameTime(minutes + (clockStartsAtMinutes ?? 0));
}

/** The running clock in parts: story (or game) `HH:MM` and the seconds `SS`. */
export function clockParts(gameMs: number, clockStartsAtMinutes: number | undefined): { hhmm: string; ss: string } {
  const ms = Math.max(0, gameMs);
  const minutes = Math.floor(ms / MINUTE_MS);
  return {
    hhmm: formatStoryTime(minutes, clockStartsAtMinutes),
    ss: pad2(Math.floor((ms % MINUTE_MS) / 1000)),
  };
}

/** A duration as `H:MM:SS` (remaining time), never negative. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${h}:${pad2(m)}:${pad2(s)}`;
}

/** A 0-1 ratio as a percentage with a fixed number of decimals (`0.982` → `98.2%`). */
export function formatPercent(ratio: number, decimals = 1): string {
  const value = Math.min(100, Math.max(0, ratio * 100));
  return `${value.toFixed(decimals)}%`;
}

/** A unit score (0-100) with one decimal, or an em dash when there is nothing to judge yet. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(1);
}

/** A whole number with thousands separators. */
export function formatInteger(value: number): string {
  return groupedInteger.format(Math.round(value));
}

/**
 * Short amounts for chart axes: `¥1.2M` in English; `120万` / `1.5億` in Japanese (how amounts
 * are read in Japan). Exact amounts appear in the standings.
 */
export function formatCompactYen(amountYen: number, locale: Locale): string {
  const sign = amountYen < 0 ? '−' : '';
  const abs = Math.abs(amountYen);
  if (locale === 'ja') {
    if (abs >= 1e8) return `${sign}¥${trim(abs / 1e8)}億`;
    if (abs >= 1e4) return `${sign}¥${trim(abs / 1e4)}万`;
    return `${sign}¥${formatInteger(abs)}`;
  }
  if (abs >= 1e9) return `${sign}¥${trim(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}¥${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}¥${trim(abs / 1e3)}k`;
  return `${sign}¥${formatInteger(abs)}`;
}

/** A scenario text in the reader's language (the other one when that is empty). */
export function pickText(text: Bilingual | null | undefined, locale: Locale): string {
  if (!text) return '';
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  return text[locale] || text[other] || '';
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** At most one decimal, without a trailing `.0`, with thousands separators. */
function trim(value: number): string {
  return groupedOneDecimal.format(value);
}
