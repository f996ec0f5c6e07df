import type { TickClosedNotice } from '@mamoru/contracts';
import type { NewEvent } from '@mamoru/domain';
import { drawCrowd, MS_PER_MINUTE, newEvent } from '@mamoru/domain';
import { crawlTeams } from '@mamoru/sandbox';
import type { GameContext } from '../game/game-context';

export interface TickNoticePublisher {
  publish(notice: TickClosedNotice): Promise<void>;
}

export interface TickResult {
  tick: number;
  seq: number;
  /** True when the tick had already been closed (a retried job): nothing was appended. */
  alreadyClosed: boolean;
  crawlMs: number;
  closeMs: number;
}

/**
 * Scores one tick (architecture "one tick, end to end"): crawl and probe every shop, append the
 * facts and `tick.closed` in one batch at most once per (game, tick), fold, snapshot, publish.
 * A retried tick finds its key in the log and only re-publishes.
 */
export class TickScorer {
  constructor(
    private readonly ctx: GameContext,
    private readonly publisher: TickNoticePublisher,
  ) {}

  async scoreTick(tick: number): Promise<TickResult> {
    const { store, gameId, projection, sandboxes } = this.ctx;
    const closedKey = `tick:${tick}`;
    const started = performance.now();
    if (await store.hasKey(gameId, closedKey)) {
      const state = await projection.currentAfterRestart();
      await this.publisher.publish({ gameId, tick, seq: state.seq });
      return { tick, seq: state.seq, alreadyClosed: true, crawlMs: 0, closeMs: 0 };
    }
    const state = await projection.currentAfterRestart();
    const scenario = state.scenario!;
    const crowd = drawCrowd(scenario, state.seed, tick);
    const observations = await crawlTeams(
      state.teamOrder.map((teamId) => ({
        state,
        teamId,
        tick,
        crowd,
        endpoint: sandboxes.endpoint(teamId),
        journeyTimeoutMs: scenario.crawler.journeyTimeoutMs,
        probeTimeoutMs: scenario.crawler.probeTimeoutMs,
        concurrency: scenario.crawler.concurrency,
      })),
      { concurrency: 8 },
    );
    const crawled = performance.now();
    const gameMs = tick * MS_PER_MINUTE;
    const events: NewEvent[] = observations.map((o) =>
      newEvent('crawl.observed', o, `crawl:${tick}:${o.teamId}`, gameMs),
    );
    events.push(newEvent('tick.closed', { tick }, closedKey, gameMs));
    const result = await store.append(gameId, events);
    const closedAtMs = Date.now(); // committed: push latency is measured from here
    const next = result.appended.length === events.length ? projection.advance(result.appended) : undefined;
    const folded = next ?? (await projection.current());
    await store.saveSnapshot(gameId, folded.seq, folded);
    await this.publisher.publish({ gameId, tick, seq: folded.seq, closedAtMs });
    return {
      tick,
      seq: folded.seq,
      alreadyClosed: result.appended.length === 0,
      crawlMs: crawled - started,
      closeMs: performance.now() - crawled,
    };
  }
}
