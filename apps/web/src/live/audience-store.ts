import type { LiveMessage } from '@mamoru/contracts';
import type { AudienceView } from '@mamoru/domain';
import { ServerClock } from '../board/clock';
import type { RankMarker } from '../board/rank-changes';
import { nextRankMarkerExpiry, pruneRankMarkers, ranksOf, updateRankMarkers } from '../board/rank-changes';
import type { RevenueHistoryInput } from '../board/revenue-series';
import { RevenueSeries } from '../board/revenue-series';
import type { LiveMessageKind } from './sequencing';
import { sequence } from './sequencing';

import type { ConnectionState, LiveSink, Refusal } from './live-connection';

export type { ConnectionState, Refusal };

/** What the board shows; a new object whenever anything in it changes (for useSyncExternalStore). */
export interface AudienceBoardState {
  gameId: string;
  connection: ConnectionState;
  /** Why the server refused us (unknown game, bad id), while `connection` is `refused`. */
  refusal: Refusal | null;
  /** The latest view shown (highest seq), kept through disconnects. */
  view: AudienceView | null;
  seq: number | null;
  /** Revenue per team over the ticks seen; changed in place, `seriesVersion` says when. */
  series: RevenueSeries;
  seriesVersion: number;
  /** Where the server's wall clock stands against `performance.now()` (to run the game clock). */
  serverClock: ServerClock;
  /** ▲/▼ next to teams whose rank just changed. */
  rankMarkers: ReadonlyMap<string, RankMarker>;
}

export interface Clocks {
  /** Monotonic local time (performance.now()). */
  monotonic(): number;
  /** Local wall time for timers (Date.now()). */
  wall(): number;
}

const defaultClocks: Clocks = {
  monotonic: () => (typeof performance === 'undefined' ? Date.now() : performance.now()),
  wall: () => Date.now(),
};

/**
 * The audience board's state, without any transport: `receive()` takes snapshots and updates,
 * `setConnection()` the socket's state. It keeps the highest-seq view, the revenue history and the
 * rank markers. Framework-free: React reads it with useSyncExternalStore.
 */
export class AudienceBoardStore implements LiveSink<AudienceView> {
  private state: AudienceBoardState;
  private readonly listeners = new Set<() => void>();
  private previousRanks: Map<string, number> | null = null;
  private markerTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    gameId: string,
    private readonly clocks: Clocks = defaultClocks,
  ) {
    this.state = {
      gameId,
      connection: 'connecting',
      refusal: null,
      view: null,
      seq: null,
      series: new RevenueSeries(),
      seriesVersion: 0,
      serverClock: new ServerClock(),
      rankMarkers: new Map(),
    };
  }

  readonly getState = (): AudienceBoardState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Takes a message from the server; returns whether to ask for a `resync`. */
  receive(kind: LiveMessageKind, message: LiveMessage<AudienceView>): { resync: boolean } {
    const { apply, resync } = sequence(this.state.seq, kind, message);
    // Any message tells where the server's clock stands, even one that is not shown.
    this.state.serverClock.sample(message.view.clock.wallMs, this.clocks.monotonic());
    if (!apply) return { resync };

    const view = message.view;
    const series = this.state.series;
    const seriesChanged = series.add(view);
    const ranks = ranksOf(view.standings);
    const rankMarkers = updateRankMarkers(
      this.previousRanks,
      view.standings,
      this.state.rankMarkers,
      this.clocks.wall(),
    );
    this.previousRanks = ranks;
    this.set({
      view,
      seq: message.seq,
      connection: 'connected',
      refusal: null,
      seriesVersion: seriesChanged ? series.version : this.state.seriesVersion,
      rankMarkers,
    });
    this.scheduleMarkerExpiry();
    return { resync };
  }

  /** Adds the ticks closed before this board connected (the server's history of the game). */
  seedHistory(history: RevenueHistoryInput): void {
    const view = this.state.view;
    if (!view) return;
    const series = this.state.series;
    if (series.seed(history, view.standings)) this.set({ seriesVersion: series.version });
  }

  setConnection(connection: ConnectionState, refusal: Refusal | null = null): void {
    if (connection === this.state.connection && refusal === this.state.refusal) return;
    this.set({ connection, refusal });
  }

  /** Stops the marker timer (the store stays readable). */
  dispose(): void {
    if (this.markerTimer) clearTimeout(this.markerTimer);
    this.markerTimer = null;
  }

  private set(patch: Partial<AudienceBoardState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  private scheduleMarkerExpiry(): void {
    if (this.markerTimer) clearTimeout(this.markerTimer);
    this.markerTimer = null;
    const next = nextRankMarkerExpiry(this.state.rankMarkers);
    if (next === null) return;
    this.markerTimer = setTimeout(
      () => {
        this.markerTimer = null;
        this.set({ rankMarkers: pruneRankMarkers(this.state.rankMarkers, this.clocks.wall()) });
        this.scheduleMarkerExpiry();
      },
      Math.max(0, next - this.clocks.wall()) + 20,
    );
  }
}
