import type { LiveMessage } from '@mamoru/contracts';
import type { ConnectionState, LiveSink, Refusal } from './live-connection';
import type { LiveMessageKind } from './sequencing';
import { sequence } from './sequencing';
import { ServerClock } from '../board/clock';

export interface LiveViewState<V> {
  connection: ConnectionState;
  refusal: Refusal | null;
  /** The latest view shown (highest seq), kept through disconnects. */
  view: V | null;
  seq: number | null;
  /** Where the server's wall clock stands (to run the game clock: `useGameClock(view.clock, serverClock)`). */
  serverClock: ServerClock;
}

const monotonic = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/**
 * The latest view of a live namespace (`/team`, `/control`), in seq order; framework-free, read by
 * React with useSyncExternalStore (`useLiveView`).
 */
export class LiveViewStore<V> implements LiveSink<V> {
  private state: LiveViewState<V> = {
    connection: 'connecting',
    refusal: null,
    view: null,
    seq: null,
    serverClock: new ServerClock(),
  };
  private readonly listeners = new Set<() => void>();

  readonly getState = (): LiveViewState<V> => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  receive(kind: LiveMessageKind, message: LiveMessage<V>): { resync: boolean } {
    const { apply, resync } = sequence(this.state.seq, kind, message);
    const clock = (message.view as { clock?: { wallMs?: unknown } }).clock;
    if (typeof clock?.wallMs === 'number') this.state.serverClock.sample(clock.wallMs, monotonic());
    if (apply) this.set({ view: message.view, seq: message.seq, connection: 'connected', refusal: null });
    return { resync };
  }

  setConnection(connection: ConnectionState, refusal: Refusal | null = null): void {
    if (connection === this.state.connection && refusal === this.state.refusal) return;
    this.set({ connection, refusal });
  }

  private set(patch: Partial<LiveViewState<V>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}
