import { redisOptionsFromUrl } from '@mamoru/engine';
import type { EventStore } from '@mamoru/event-store';
import { openEventStore } from '@mamoru/event-store';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { ServedGames } from './served-games';
import type { WorkerConfig } from './worker-config';
import { loadWorkerConfig, WORKER_CONFIG } from './worker-config';

/**
 * Hosts games' BullMQ processors (ticks, attacks) against PostgreSQL and the games' shops: the one
 * game of MAMORU_GAME, or every running game it finds in the log (a live server creates games at
 * any time).
 */
@Injectable()
export class ScoringWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('scoring-worker');
  private store?: EventStore;
  private games?: ServedGames;

  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const { config } = this;
    this.store = await openEventStore({ databaseUrl: config.databaseUrl });
    this.games = new ServedGames({
      store: this.store,
      redis: redisOptionsFromUrl(config.redisUrl),
      dataDir: config.dataDir,
      workerTuning: { stalledIntervalMs: config.stalledIntervalMs, lockDurationMs: config.lockDurationMs },
    });
    if (config.game) {
      await this.games.serve(config.game.gameId, config.game.sandboxesFile);
      return;
    }
    await this.games.discover();
    this.games.discoverEvery(config.discoveryIntervalMs);
    this.logger.log(`serving every running game with shops in ${config.dataDir}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.games?.close();
    await this.store?.close();
  }
}

@Module({
  providers: [{ provide: WORKER_CONFIG, useFactory: () => loadWorkerConfig(process.env) }, ScoringWorkerService],
})
export class ScoringWorkerModule {}
