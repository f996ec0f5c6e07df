import type { GameState, LedgerEntry, StoredEvent } from '@mamoru/domain';
import { emptyGameState, foldEventsInPlace, LedgerCollector } from '@mamoru/domain';

/** Reads the events of a game in (afterSeq, toSeq], at most `limit` of them. */
export type ReadEvents = (
  gameId: string,
  range: { afterSeq: number; toSeq: number; limit: number },
) => Promise<StoredEvent[]>;

export interface LedgerPage {
  teamId: string;
  /** The log position the ledger was folded up to. */
  seq: number;
  entries: LedgerEntry[];
  /** More entries follow: pass this as `afterSeq` for the next page. */
  nextAfterSeq?: number;
}

export interface LedgerCacheOptions {
  /** Games kept folded (least recently read ones are dropped). */
  maxGames?: number;
  /** Events read per query while catching up. */
  readChunk?: number;
}

/**
 * Every team's score ledger (game-model §9), folded from the log with a ledger sink. Each game's
 * fold is kept and only moved on by the events appended since, so a read at a seq already folded
 * costs nothing and a new tick costs its own events, never the whole history again.
 */
export class LedgerCache {
  private readonly games = new Map<string, GameLedger>();
  private readonly maxGames: number;
  private readonly readChunk: number;

  constructor(
    private readonly readEvents: ReadEvents,
    options: LedgerCacheOptions = {},
  ) {
    this.maxGames = options.maxGames ?? 16;
    this.readChunk = options.readChunk ?? 5000;
  }

  /** The team's entries after `afterSeq`, at most about `limit` (an event's entries are never split). */
  async page(gameId: string, seq: number, teamId: string, afterSeq: number, limit: number): Promise<LedgerPage> {
    const ledger = await this.ledger(gameId).upTo(seq, (range) => this.readEvents(gameId, range), this.readChunk);
    return pageOf(teamId, ledger.seq, ledger.entries(teamId), afterSeq, limit);
  }

  private ledger(gameId: string): GameLedger {
    let ledger = this.games.get(gameId);
    if (ledger)
      this.games.delete(gameId); // re-inserted below: most recently read last
    else ledger = new GameLedger();
    this.games.set(gameId, ledger);
    while (this.games.size > this.maxGames) this.games.delete(this.games.keys().next().value!);
    return ledger;
  }
}

/** One game's fold with its ledger entries by team; catches up one read at a time. */
class GameLedger {
  private readonly state: GameState = emptyGameState();
  private readonly byTeam = new Map<string, LedgerEntry[]>();
  private catchingUp: Promise<unknown> = Promise.resolve();

  get seq(): number {
    return this.state.seq;
  }

  entries(teamId: string): readonly LedgerEntry[] {
    return this.byTeam.get(teamId) ?? [];
  }

  upTo(
    seq: number,
    read: (range: { afterSeq: number; toSeq: number; limit: number }) => Promise<StoredEvent[]>,
    chunk: number,
  ): Promise<this> {
    const next = this.catchingUp.then(async () => {
      while (this.state.seq < seq) {
        const events = await read({ afterSeq: this.state.seq, toSeq: seq, limit: chunk });
        if (events.length === 0) break; // the log is shorter than asked: serve what there is
        const collector = new LedgerCollector();
        foldEventsInPlace(this.state, events, collector);
        for (const entry of collector.entries) {
          const list = this.byTeam.get(entry.teamId);
          if (list) list.push(entry);
          else this.byTeam.set(entry.teamId, [entry]);
        }
      }
      return this;
    });
    this.catchingUp = next.catch(() => undefined);
    return next;
  }
}

/** Entries are in seq order: the page starts after `afterSeq` and ends at an event boundary. */
export function pageOf(
  teamId: string,
  seq: number,
  entries: readonly LedgerEntry[],
  afterSeq: number,
  limit: number,
): LedgerPage {
  const start = firstAfter(entries, afterSeq);
  let end = Math.min(entries.length, start + Math.max(1, limit));
  while (end < entries.length && entries[end].seq === entries[end - 1].seq) end++;
  const page = entries.slice(start, end);
  return { teamId, seq, entries: page, nextAfterSeq: end < entries.length ? page[page.length - 1].seq : undefined };
}

function firstAfter(entries: readonly LedgerEntry[], afterSeq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].seq <= afterSeq) low = middle + 1;
    else high = middle;
  }
  return low;
}
