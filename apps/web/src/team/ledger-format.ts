import type { LedgerComponent, LedgerEntry } from '@mamoru/domain';
import { formatYen } from '../i18n/format';

/*
 * Ledger amounts in their components' units (docs/live-server.md "Ledger"): yen for cash, revenue
 * and reference; trust in millionths (shown as percentage points); points in thousandths;
 * minutes; counts; adjustments in yen (ESC) or points (a unit).
 */

/**
 * `LEDGER_COMPONENTS` of @mamoru/domain, in its order (ledger-format.spec.ts checks they are the
 * same): a value imported from the domain's index would bring zod into the page's bundle.
 */
export const LEDGER_COMPONENTS: readonly LedgerComponent[] = [
  'cash',
  'revenue',
  'reference',
  'trust',
  'downtime',
  'attacksFaced',
  'attacksBlocked',
  'earned',
  'offered',
  'adjustment',
];

export type AmountKind = 'yen' | 'trust' | 'minutes' | 'count' | 'points' | 'rawPoints';

export function amountKind(entry: Pick<LedgerEntry, 'component' | 'unit'>): AmountKind {
  switch (entry.component) {
    case 'cash':
    case 'revenue':
    case 'reference':
      return 'yen';
    case 'trust':
      return 'trust';
    case 'downtime':
      return 'minutes';
    case 'attacksFaced':
    case 'attacksBlocked':
      return 'count';
    case 'earned':
    case 'offered':
      return 'points';
    case 'adjustment':
      return entry.unit ? 'rawPoints' : 'yen';
    default:
      return 'count';
  }
}

const TRUST_SCALE = 1_000_000;
const POINTS_SCALE = 1000;

function signed(value: number, text: string): string {
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

function fixed(value: number, decimals: number): string {
  return Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** The change, signed: `+¥1,200`, `−2.00 pt`, `+5.0`, `+1`. Units (min, points) are added by the caller's words. */
export function formatLedgerAmount(entry: Pick<LedgerEntry, 'component' | 'unit' | 'amount'>): string {
  const { amount } = entry;
  switch (amountKind(entry)) {
    case 'yen':
      return signed(amount, formatYen(Math.abs(amount)));
    case 'trust':
      return signed(amount, `${fixed((amount / TRUST_SCALE) * 100, 2)} pt`);
    case 'points':
      return signed(amount, fixed(amount / POINTS_SCALE, 1));
    case 'rawPoints':
      return signed(amount, fixed(amount, 1));
    case 'minutes':
    case 'count':
      return signed(amount, fixed(amount, 0));
  }
}

/** The component's value after the change: `¥5,001,200`, `98.00%`, `12.5`, `3`. */
export function formatLedgerValue(entry: Pick<LedgerEntry, 'component' | 'unit' | 'value'>): string {
  const { value } = entry;
  switch (amountKind(entry)) {
    case 'yen':
      return formatYen(value);
    case 'trust':
      return `${((value / TRUST_SCALE) * 100).toFixed(2)}%`;
    case 'points':
      return (value / POINTS_SCALE).toFixed(1);
    case 'rawPoints':
      return value.toFixed(1);
    case 'minutes':
    case 'count':
      return String(Math.round(value));
  }
}

/** Newest first (by event, then in the order the server gave within one event). */
export function newestFirst<E extends Pick<LedgerEntry, 'seq'>>(entries: readonly E[]): E[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.seq - a.entry.seq || b.index - a.index)
    .map((x) => x.entry);
}
