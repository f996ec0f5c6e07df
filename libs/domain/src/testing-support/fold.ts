import type { StoredEvent } from '../events/events';
import { foldEvents } from '../fold/fold';
import type { GameState } from '../fold/state';
import type { LedgerEntry } from '../scoring/ledger';
import { LedgerCollector } from '../scoring/ledger';

/** Folds `events` onto `state` and returns the new state with the ledger entries it produced. */
export function foldWithLedger(
  events: readonly StoredEvent[],
  state?: GameState,
): { state: GameState; ledger: LedgerEntry[] } {
  const collector = new LedgerCollector();
  const next = foldEvents(state, events, collector);
  return { state: next, ledger: collector.entries };
}
