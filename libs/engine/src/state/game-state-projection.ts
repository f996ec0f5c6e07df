import type { GameState, StoredEvent } from '@mamoru/domain';
import { foldEvents, foldEventsInPlace } from '@mamoru/domain';
import type { EventStore } from '@mamoru/event-store';

/**
 * The game's current state: the latest snapshot plus the fold of the events after it. Each
 * process keeps one per game and folds only what it has not seen, in place, so a read costs the
 * new events, never the whole history. The state handed out is live: it moves on with the next
 * read (copy it to keep a moment).
 */
export class GameStateProjection {
  private state: GameState | undefined;
  private loaded = false;
  /** Reads run one at a time: two concurrent first loads must not both build the state. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    readonly gameId: string,
  ) {}

  async current(): Promise<GameState> {
    const read = this.reading.then(() => this.refresh());
    this.reading = read.catch(() => undefined);
    return read;
  }

  /** The state as last read, without looking at the log (undefined before the first read). */
  cached(): GameState | undefined {
    return this.state;
  }

  private async refresh(): Promise<GameState> {
    if (!this.loaded) {
      const snapshot = await this.store.loadSnapshot(this.gameId);
      this.state = snapshot ? (snapshot.state as GameState) : undefined;
      this.loaded = true;
    }
    const events = await this.store.read(this.gameId, { afterSeq: this.state?.seq ?? 0 });
    if (!this.state) this.state = foldEvents(undefined, events);
    else if (events.length > 0) foldEventsInPlace(this.state, events);
    if (!this.state.scenario) throw new Error(`game "${this.gameId}" has no game.created event`);
    return this.state;
  }

  /**
   * The current state, after forgetting what was folded if the game's log went back in sequence
   * (deleted and started anew under the same id while a long-lived worker kept this projection).
   * Workers call it once per job; everything else reads `current()`.
   */
  async currentAfterRestart(): Promise<GameState> {
    if (this.state && (await this.store.lastSeq(this.gameId)) < this.state.seq) {
      this.state = undefined;
      this.loaded = false;
    }
    return this.current();
  }

  /** Folds events this process has just appended, without reading them back. */
  advance(events: readonly StoredEvent[]): GameState | undefined {
    if (this.state && events.length > 0) foldEventsInPlace(this.state, events);
    return this.state;
  }
}
