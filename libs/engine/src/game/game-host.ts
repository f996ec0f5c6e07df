import type { EventStore } from '@mamoru/event-store';
import type { SandboxDriver } from '@mamoru/sandbox';
import type { RedisOptions } from 'ioredis';
import { TeamActionService } from '../actions/team-actions';
import { AttackExecutor } from '../attacks/attack-executor';
import { RedisTickPublisher } from '../publish/redis-tick-publisher';
import type { WorkerTuning } from '../queues/game-queues';
import { GameQueues, GameWorkers } from '../queues/game-queues';
import { GameRunner } from '../runner/game-runner';
import { GameStateProjection } from '../state/game-state-projection';
import { TickScorer } from '../ticks/tick-scorer';
import type { GameContext } from './game-context';

export interface GameHostOptions {
  gameId: string;
  store: EventStore;
  sandboxes: SandboxDriver;
  redis: RedisOptions;
  /** Run the worker processors in this process (embedded mode) or leave them to scoring-worker. */
  withWorkers: boolean;
  workerTuning?: WorkerTuning;
}

/**
 * One game's engine in one process: the clock leader's side (queues, runner, team actions) and,
 * in embedded mode, the worker's side (tick scorer and attack executor on BullMQ). The scoring
 * worker app builds only the worker side, with `startGameWorkers`.
 */
export class GameHost {
  readonly ctx: GameContext;
  readonly queues: GameQueues;
  readonly actions: TeamActionService;
  readonly runner: GameRunner;
  private workers?: RunningWorkers;

  private constructor(options: GameHostOptions) {
    this.ctx = {
      gameId: options.gameId,
      store: options.store,
      sandboxes: options.sandboxes,
      projection: new GameStateProjection(options.store, options.gameId),
    };
    this.queues = new GameQueues(options.gameId, options.redis);
    this.actions = new TeamActionService(this.ctx);
    this.runner = new GameRunner(this.ctx, this.queues);
  }

  static async open(options: GameHostOptions): Promise<GameHost> {
    const host = new GameHost(options);
    if (options.withWorkers) host.workers = await startGameWorkers(options);
    return host;
  }

  async close(): Promise<void> {
    await this.workers?.close();
    await this.queues.close();
  }
}

export interface RunningWorkers {
  scorer: TickScorer;
  close(): Promise<void>;
}

/** The worker side for one game: BullMQ processors for ticks and attacks. */
export async function startGameWorkers(options: Omit<GameHostOptions, 'withWorkers'>): Promise<RunningWorkers> {
  const ctx: GameContext = {
    gameId: options.gameId,
    store: options.store,
    sandboxes: options.sandboxes,
    projection: new GameStateProjection(options.store, options.gameId),
  };
  const publisher = new RedisTickPublisher(options.redis);
  const scorer = new TickScorer(ctx, publisher);
  // Attacks read their own projection: the scorer's state is live and must not move mid-crawl.
  const attacks = new AttackExecutor({ ...ctx, projection: new GameStateProjection(options.store, options.gameId) });
  const workers = new GameWorkers(
    options.gameId,
    options.redis,
    {
      'tick.score': (job) => scorer.scoreTick(job.tick),
      'attack.run': (job) => attacks.execute(job),
    },
    options.workerTuning,
  );
  await workers.waitUntilReady();
  return {
    scorer,
    async close() {
      await workers.close();
      await publisher.close();
    },
  };
}
