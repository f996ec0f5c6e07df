import type { RunningWorkers, WorkerTuning } from '@mamoru/engine';
import { startGameWorkers } from '@mamoru/engine';
import type { EventStore } from '@mamoru/event-store';
import { ExternalDriver } from '@mamoru/sandbox';
import { Logger } from '@nestjs/common';
import type { RedisOptions } from 'ioredis';
import { existsSync } from 'node:fs';
import { gameSandboxesFile } from './worker-config';

export interface ServedGamesOptions {
  store: EventStore;
  redis: RedisOptions;
  dataDir: string;
  workerTuning?: WorkerTuning;
}

/**
 * The games this worker process serves, each with its own BullMQ processors (`startGameWorkers`)
 * and its shops' endpoints, read again whenever their file changes (a sandbox reset or a rerun may
 * move a shop). `discover()` finds the games to serve in the log: every game that has not ended and
 * whose shops this worker can find (`<dataDir>/games/<game>/sandboxes.json`: a game without it is
 * another data directory's, or not provisioned yet). A game that ended or was deleted has its
 * processors closed.
 */
export class ServedGames {
  private readonly logger = new Logger('scoring-worker');
  private readonly games = new Map<string, RunningWorkers>();
  /** The last seq at which each game was looked at: a game whose log did not move is not read again. */
  private readonly seenAtSeq = new Map<string, number>();
  private discovering: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ServedGamesOptions) {}

  get gameIds(): string[] {
    return [...this.games.keys()];
  }

  async serve(gameId: string, sandboxesFile: string): Promise<void> {
    if (this.closed || this.games.has(gameId)) return;
    const { store, redis, workerTuning } = this.options;
    const sandboxes = new ExternalDriver({ configPath: sandboxesFile, followFile: true });
    this.games.set(gameId, await startGameWorkers({ gameId, store, sandboxes, redis, workerTuning }));
    this.logger.log(`processing game ${gameId}`);
  }

  /** One look at the log for games that started, ended or were deleted. */
  discover(): Promise<void> {
    const pass = this.discovering.then(() => this.discoverOnce());
    this.discovering = pass.catch(() => undefined);
    return pass;
  }

  /** Looks again every `intervalMs` until `close()`; a failed look is logged and retried. */
  discoverEvery(intervalMs: number): void {
    const next = () => {
      this.timer = setTimeout(() => {
        this.discover()
          .catch((error: unknown) => this.logger.warn(`looking for games failed: ${messageOf(error)}`))
          .finally(() => {
            if (!this.closed) next();
          });
      }, intervalMs);
    };
    next();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.discovering;
    await Promise.all(this.gameIds.map((gameId) => this.stop(gameId)));
  }

  private async discoverOnce(): Promise<void> {
    if (this.closed) return;
    const { store, dataDir } = this.options;
    const listed = await store.listGames();
    const present = new Set(listed.map((g) => g.gameId));
    for (const { gameId, lastSeq } of listed) {
      if (this.closed) return;
      if (this.seenAtSeq.get(gameId) === lastSeq) continue;
      const sandboxesFile = gameSandboxesFile(dataDir, gameId);
      if (!existsSync(sandboxesFile)) continue;
      if (await store.hasKey(gameId, 'game.ended')) {
        if (this.games.has(gameId)) await this.stop(gameId, 'it ended');
      } else {
        await this.serve(gameId, sandboxesFile);
      }
      this.seenAtSeq.set(gameId, lastSeq);
    }
    for (const gameId of [...this.seenAtSeq.keys()]) {
      if (present.has(gameId)) continue;
      this.seenAtSeq.delete(gameId);
      if (this.games.has(gameId)) await this.stop(gameId, 'it was deleted');
    }
  }

  private async stop(gameId: string, why?: string): Promise<void> {
    const workers = this.games.get(gameId);
    if (!workers) return;
    this.games.delete(gameId);
    await workers.close();
    if (why) this.logger.log(`stopped processing game ${gameId}: ${why}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
