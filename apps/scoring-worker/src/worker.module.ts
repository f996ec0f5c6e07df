import type { RunningWorkers } from '@mamoru/engine';
import { redisOptionsFromUrl, startGameWorkers } from '@mamoru/engine';
import type { EventStore } from '@mamoru/event-store';
import { openEventStore } from '@mamoru/event-store';
import { ExternalDriver } from '@mamoru/sandbox';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import type { WorkerConfig } from './worker-config';
import { loadWorkerConfig, WORKER_CONFIG } from './worker-config';

/** Hosts one game's BullMQ processors (ticks, attacks) against PostgreSQL and the game's shops. */
@Injectable()
export class ScoringWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('scoring-worker');
  private store?: EventStore;
  private workers?: RunningWorkers;

  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const { config } = this;
    this.store = await openEventStore({ databaseUrl: config.databaseUrl });
    const sandboxes = new ExternalDriver(config.sandboxesFile);
    this.workers = await startGameWorkers({
      gameId: config.gameId,
      store: this.store,
      sandboxes,
      redis: redisOptionsFromUrl(config.redisUrl),
      workerTuning: { stalledIntervalMs: config.stalledIntervalMs, lockDurationMs: config.lockDurationMs },
    });
    this.logger.log(`processing game ${config.gameId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.workers?.close();
    await this.store?.close();
  }
}

@Module({
  providers: [{ provide: WORKER_CONFIG, useFactory: () => loadWorkerConfig(process.env) }, ScoringWorkerService],
})
export class ScoringWorkerModule {}
