import type { OnApplicationBootstrap } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { HealthRegistry } from '../health/health-registry';
import { MetricsService } from '../metrics/metrics.service';
import { GameRegistry } from './game-registry';
import type { LiveGame } from './live-game';

/** Bounds each look at Redis: a health check must answer even when Redis does not. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * What `GET /health` and `/metrics` say about the games this process serves: whether every running
 * game has workers on its queues, whether the shops this process started are alive, and the depth
 * of every game's queues.
 */
@Injectable()
export class GameHealth implements OnApplicationBootstrap {
  constructor(
    private readonly registry: GameRegistry,
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    this.health.register('workers', async () => {
      const detail: Record<string, unknown> = {};
      let up = true;
      for (const game of await this.running()) {
        const counts = await withTimeout(game.host.queues.workerCounts());
        const missing = counts === undefined || Object.values(counts).some((n) => n === 0);
        if (missing) up = false;
        detail[game.gameId] = counts ?? 'no answer from Redis';
      }
      return { up, detail };
    });
    this.health.register('shops', async () => {
      const detail: Record<string, unknown> = {};
      let up = true;
      for (const game of await this.running()) {
        if (!game.provisioned) continue; // shops started elsewhere: the crawler reports on them
        const state = await game.state();
        const down = state.teamOrder.filter((teamId) => !game.sandboxes.isRunning(teamId));
        if (down.length > 0) up = false;
        detail[game.gameId] = { teams: state.teamOrder.length, down };
      }
      return { up, detail };
    });
    this.metrics.setQueueDepthSource(async () => {
      const depths = [];
      for (const game of await this.running()) {
        const counts = await withTimeout(game.host.queues.counts());
        for (const [queue, states] of Object.entries(counts ?? {}))
          for (const [state, count] of Object.entries(states)) depths.push({ game: game.gameId, queue, state, count });
      }
      return depths;
    });
  }

  /** The games whose clock runs or is paused. */
  private async running(): Promise<LiveGame[]> {
    const games: LiveGame[] = [];
    for (const game of this.registry.opened()) {
      const state = await game.state();
      if (!state.ended && (state.clock.status === 'running' || state.clock.status === 'paused')) games.push(game);
    }
    return games;
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
