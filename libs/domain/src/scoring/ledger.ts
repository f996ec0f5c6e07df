import type { UnitId } from '../scenario/schema';
import type { Bilingual } from '../text/text';

/**
 * A ledger entry records one change to one score component with its cause (game-model §9). The
 * entries of a component sum to its value; the fold is the only writer.
 */
export const LEDGER_COMPONENTS = [
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
] as const;
export type LedgerComponent = (typeof LEDGER_COMPONENTS)[number];

export interface LedgerEntry {
  teamId: string;
  component: LedgerComponent;
  /** For earned/offered (response points) and unit adjustments. */
  unit?: UnitId;
  /** Change, in the component's unit: yen, trust millionths, minutes, count, points thousandths. */
  amount: number;
  /** The component's value after the change. */
  value: number;
  atMinute: number;
  /** The event that caused it. */
  seq: number;
  cause: LedgerCause;
}

export interface LedgerCause {
  kind: string;
  /** Inject, attack, product or tick the cause refers to. */
  ref?: string;
  text: Bilingual;
}

export interface FoldSink {
  ledger?(entry: LedgerEntry): void;
}

/** Collects ledger entries, per team, in order. */
export class LedgerCollector implements FoldSink {
  readonly entries: LedgerEntry[] = [];

  ledger(entry: LedgerEntry): void {
    this.entries.push(entry);
  }

  forTeam(teamId: string): LedgerEntry[] {
    return this.entries.filter((e) => e.teamId === teamId);
  }
}
