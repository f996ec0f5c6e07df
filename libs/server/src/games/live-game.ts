import { logChannel } from '@mamoru/contracts';
import type { GameState, NewEvent } from '@mamoru/domain';
import type { RevenueHistory, TeamHistory } from '@mamoru/domain';
import { actionMinute, foldEvents, RevenueHistoryProjection } from '@mamoru/domain';
import type { GameHost, LeadershipWatch, RunningWorkers } from '@mamoru/engine';
import type { AppendResult } from '@mamoru/event-store';
import type { SandboxDriver } from '@mamoru/sandbox';
import type Redis from 'ioredis';

/**
 * One game as this server process serves it: the engine's host (projection, queues, team actions,
 * runner), the game's shops, and the freeze projection. Reads are served from the in-memory
 * projection, refreshed only when a notice says the log moved (a read costs O(teams), never a
 * query per request); every append goes through `append`, which tells the other processes.
 */
export class LiveGame {
  private stale = true;
  private frozen: { seq: number; state: GameState } | null = null;
  /** Set while this process leads the game's clock. */
  leading = false;
  workers?: RunningWorkers;
  leadership?: LeadershipWatch;
  /** Set once this process started (or is starting) the game's shops. */
  provisioned?: Promise<void>;
  /** Shared shops: set once this process pushed the teams' prices, stock and notices to them. */
  shopsSynced = false;
  private waiters: (() => void)[] = [];
  private readonly history = new RevenueHistoryProjection();
  private historyRead: Promise<unknown> = Promise.resolve();

  constructor(
    readonly host: GameHost,
    readonly sandboxes: SandboxDriver,
    private readonly redis: Redis,
  ) {}

  get gameId(): string {
    return this.host.ctx.gameId;
  }

  /** The live state (shared: copy it to keep a moment). */
  async state(): Promise<GameState> {
    const cached = this.host.ctx.projection.cached();
    if (!this.stale && cached) return cached;
    this.stale = false;
    return this.host.ctx.projection.current();
  }

  /** The log moved elsewhere (a tick closed, another process appended): fold it on the next read. */
  markStale(): void {
    this.stale = true;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  /** Resolves at the next change of the log, or after `timeoutMs`. */
  changed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The game minute an action taken now counts in. */
  async actionMinute(): Promise<number> {
    return actionMinute(await this.state(), Date.now());
  }

  /** Appends, folds, tells every server process and wakes the clock if this process leads it. */
  async append(events: NewEvent[]): Promise<AppendResult> {
    const result = await this.host.ctx.store.append(this.gameId, events);
    await this.afterAppend(result.lastSeq, result.appended.length > 0);
    return result;
  }

  /** For appends made by the engine's services (team actions): refresh, notify, wake. */
  async afterAppend(seq: number, changed = true): Promise<void> {
    if (!changed) return;
    this.markStale();
    await this.state();
    this.host.runner.wake();
    await this.redis.publish(logChannel(this.gameId), JSON.stringify({ gameId: this.gameId, seq }));
  }

  /**
   * The state the audience sees while the board is frozen: the fold of the log up to the freeze
   * (architecture principle 8), computed once per freeze.
   */
  async frozenState(): Promise<GameState | null> {
    const live = await this.state();
    if (!live.freeze) {
      this.frozen = null;
      return null;
    }
    if (this.frozen?.seq === live.freeze.seq) return this.frozen.state;
    const { store } = this.host.ctx;
    const snapshot = await store.loadSnapshot(this.gameId, live.freeze.seq);
    const base = snapshot ? (snapshot.state as GameState) : undefined;
    const events = await store.read(this.gameId, { afterSeq: base?.seq ?? 0, toSeq: live.freeze.seq });
    const state = foldEvents(base, events);
    this.frozen = { seq: live.freeze.seq, state };
    return state;
  }

  /**
   * Every team's revenue after each closed tick, for the board's chart; cut at the freeze while
   * the board is frozen (the audience never sees a later figure).
   */
  async revenueHistory(): Promise<RevenueHistory> {
    const live = await this.historyCaughtUp();
    return this.history.upTo(live.freeze?.seq);
  }

  /** One team's own figures after each closed tick (its dashboard's chart; live, never frozen). */
  async teamHistory(teamId: string): Promise<TeamHistory> {
    await this.historyCaughtUp();
    return this.history.team(teamId);
  }

  /** Folds the events the history has not seen yet (one read at a time); answers the live state. */
  private async historyCaughtUp(): Promise<GameState> {
    const live = await this.state();
    const read = this.historyRead.then(async () => {
      const events = await this.host.ctx.store.read(this.gameId, { afterSeq: this.history.seq, toSeq: live.seq });
      this.history.apply(events);
    });
    this.historyRead = read.catch(() => undefined);
    await read;
    return live;
  }

  async close(): Promise<void> {
    await this.workers?.close().catch(() => undefined);
    await this.host.close().catch(() => undefined);
    await this.sandboxes.stop().catch(() => undefined);
  }
}
