import { GAMES_CHANNEL, gameChannel, logChannel, TickClosedNoticeSchema } from '@mamoru/contracts';
import type { GameState, NewEvent, Scenario } from '@mamoru/domain';
import type { TeamRegistration } from '@mamoru/engine';
import {
  GameHost,
  GameStateProjection,
  gameCreationEvents,
  redisOptionsFromUrl,
  startGameWorkers,
  watchLeadership,
  writeArchive,
} from '@mamoru/engine';
import type { EventStore } from '@mamoru/event-store';
import type { SandboxDriver } from '@mamoru/sandbox';
import { EmbeddedDriver, ExternalDriver } from '@mamoru/sandbox';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error';
import { EVENT_STORE, REDIS } from '../infra/tokens';
import { MetricsService } from '../metrics/metrics.service';
import type { LiveGameOptions } from './game-server-options';
import { LIVE_GAME_OPTIONS } from './game-server-options';
import { LiveGame } from './live-game';

/** `tickClosedAtMs`: when the change is a closed tick, the wall time its facts were committed. */
const DISCOVER_EVERY_MS = 5000;

export type GameChangeListener = (game: LiveGame, tickClosedAtMs: number | null) => void;

/**
 * Every game this server process serves. It opens a game's engine on first use, listens to the
 * log notices of all games (a tick closed in a worker, an append in another server process), and
 * competes for each running game's clock: the leader runs the game's clock and pushes its updates
 * (one emitter per game, so every client gets each update once, in order).
 */
@Injectable()
export class GameRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('games');
  private readonly games = new Map<string, Promise<LiveGame>>();
  private readonly openedGames = new Map<string, LiveGame>();
  private discoveredAt = 0;
  private readonly listeners: GameChangeListener[] = [];
  private readonly stopping = new AbortController();
  private subscriber?: Redis;
  private readonly redisOptions;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LIVE_GAME_OPTIONS) readonly options: LiveGameOptions,
    private readonly metrics: MetricsService,
  ) {
    this.redisOptions = redisOptionsFromUrl(options.redisUrl);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriber = new Redis({ ...this.redisOptions, maxRetriesPerRequest: null });
    this.subscriber.on('pmessage', (_pattern: string, channel: string, message: string) =>
      this.onNotice(channel, message),
    );
    this.subscriber.on('message', (channel: string) => {
      if (channel === GAMES_CHANNEL) void this.discover();
    });
    await this.subscriber.psubscribe(gameChannel('*'), logChannel('*'));
    await this.subscriber.subscribe(GAMES_CHANNEL);
    await this.discover();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    const opened = await Promise.allSettled([...this.games.values()]);
    await Promise.all(opened.map((g) => (g.status === 'fulfilled' ? g.value.leadership?.stop() : undefined)));
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    const games = await Promise.allSettled([...this.games.values()]);
    await Promise.all(games.map((g) => (g.status === 'fulfilled' ? g.value.close() : undefined)));
  }

  /** The games opened so far (without waiting for those still opening). */
  opened(): LiveGame[] {
    return [...this.openedGames.values()];
  }

  onChange(listener: GameChangeListener): void {
    this.listeners.push(listener);
  }

  /** The game, opened on first use; 404 when the log has no such game. */
  async get(gameId: string): Promise<LiveGame> {
    const open = this.games.get(gameId);
    if (open) return open;
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(gameId) || (await this.store.lastSeq(gameId)) === 0)
      throw new AppError(404, 'NOT_FOUND', `no game "${gameId}"`);
    return this.open(gameId);
  }

  /** Every game of the log, as it stands; games not opened here are read, not opened (no workers, no lock). */
  async list(): Promise<GameState[]> {
    const games = await this.store.listGames();
    return Promise.all(
      games.map(async ({ gameId }) => {
        const open = this.openedGames.get(gameId);
        return open ? open.state() : new GameStateProjection(this.store, gameId).current();
      }),
    );
  }

  gameDir(gameId: string): string {
    return join(this.options.dataDir, 'games', gameId);
  }

  /** A new game: its scenario, seed and first teams in the log, its scenario source on disk. */
  async create(
    gameId: string,
    scenario: Scenario,
    source: string,
    seed: number,
    teams: TeamRegistration[],
  ): Promise<LiveGame> {
    // Checked first: appending to an existing game would add the new request's extra teams to it.
    if ((await this.store.lastSeq(gameId)) > 0)
      throw new AppError(409, 'CONFLICT', `a game "${gameId}" already exists`);
    const result = await this.store.append(gameId, gameCreationEvents(gameId, scenario, seed, teams));
    if (result.appended.length === 0 || result.appended[0].seq !== 1)
      throw new AppError(409, 'CONFLICT', `a game "${gameId}" already exists`);
    await mkdir(this.gameDir(gameId), { recursive: true });
    await writeFile(join(this.gameDir(gameId), 'scenario.yaml'), source);
    const game = await this.open(gameId);
    // Jobs of an earlier game with this id (same job ids) would answer for the new one's ticks.
    await game.host.queues.obliterate();
    await this.redis.publish(GAMES_CHANNEL, gameId);
    return game;
  }

  /** Starts the game's shops (once) and pushes each team's price list and stock to its shop. */
  async provision(game: LiveGame): Promise<void> {
    const state = await game.state();
    const file = join(this.gameDir(game.gameId), 'sandboxes.json');
    if (this.options.sandboxes === 'shared') {
      if (!existsSync(file))
        throw new AppError(
          409,
          'SANDBOXES_MISSING',
          `no sandboxes file at ${file}: start the shops and write it first`,
        );
      // The shops may hold another game's price list: the leader gives them this game's, once.
      if (!game.shopsSynced) {
        game.shopsSynced = true;
        await Promise.all(state.teamOrder.map((id) => game.host.actions.resyncShop(id).catch(() => undefined)));
      }
      return;
    }
    if (game.provisioned) return;
    game.provisioned = (async () => {
      await game.sandboxes.provision({
        gameId: game.gameId,
        scenario: state.scenario!,
        seed: state.seed,
        teams: state.teamOrder.map((id) => ({ teamId: id, name: state.teams[id].name })),
        dataDir: this.gameDir(game.gameId),
      });
      await Promise.all(state.teamOrder.map((id) => game.host.actions.resyncShop(id).catch(() => undefined)));
    })();
    try {
      await game.provisioned;
    } catch (error) {
      game.provisioned = undefined;
      throw new AppError(502, 'SANDBOX_FAILED', `the shops did not start: ${(error as Error).message}`);
    }
  }

  /**
   * Opens the games whose clock runs or is paused, so that this process competes to lead them
   * (after a restart, or when another process started one). At most once per DISCOVER_EVERY_MS.
   */
  private async discover(): Promise<void> {
    if (this.options.resumeGames === false) return;
    const now = Date.now();
    if (now - this.discoveredAt < DISCOVER_EVERY_MS) return;
    this.discoveredAt = now;
    const games = await this.store.listGames().catch(() => []);
    for (const { gameId } of games) {
      if (this.games.has(gameId)) continue;
      try {
        const state = await new GameStateProjection(this.store, gameId).current();
        if (!state.ended && state.clock.status !== 'created') await this.open(gameId);
      } catch (error) {
        this.logger.warn(`game ${gameId} was not resumed: ${String(error)}`);
      }
    }
  }

  private open(gameId: string): Promise<LiveGame> {
    let opening = this.games.get(gameId);
    if (!opening) {
      opening = this.openGame(gameId);
      this.games.set(gameId, opening);
      opening.catch(() => this.games.delete(gameId));
    }
    return opening;
  }

  private async openGame(gameId: string): Promise<LiveGame> {
    const sandboxes: SandboxDriver =
      this.options.sandboxes === 'embedded'
        ? new EmbeddedDriver()
        : // Followed: a restarted or reset shop may come back elsewhere.
          new ExternalDriver({ configPath: join(this.gameDir(gameId), 'sandboxes.json'), followFile: true });
    const host = await GameHost.open({
      gameId,
      store: this.store,
      sandboxes,
      redis: this.redisOptions,
      withWorkers: false,
    });
    const game = new LiveGame(host, sandboxes, this.redis);
    const state = await game.state();
    if (this.options.withWorkers && !state.ended) {
      game.workers = await startGameWorkers({ gameId, store: this.store, sandboxes, redis: this.redisOptions });
    }
    // Ended games too: their leader pushes what still happens (regrades, the unfreeze of the reveal).
    this.compete(game);
    this.openedGames.set(gameId, game);
    return game;
  }

  /** Keeps trying to lead the game's clock until the game ends or this process stops. */
  private compete(game: LiveGame): void {
    game.leadership = watchLeadership(
      this.redisOptions,
      game.gameId,
      {
        nodeId: this.options.nodeId,
        ttlMs: this.options.leaderTtlMs,
        onError: (error) => this.logger.warn(`leadership of ${game.gameId}: ${String(error)}`),
      },
      async (_leader, signal) => {
        game.leading = true;
        this.logger.log(`leading the clock of game ${game.gameId}`);
        this.emit(game, null); // the new leader pushes the latest state at once
        try {
          await this.leadClock(game, signal);
        } finally {
          game.leading = false;
        }
      },
    );
  }

  /** The leader's work: wait for the start, run the clock until the game ends, then archive it. */
  private async leadClock(game: LiveGame, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const state = await game.state();
      if (state.ended) break;
      if (state.clock.status === 'created') {
        await game.changed(1000);
        continue;
      }
      await this.provision(game);
      const bots = this.options.bots ? await this.options.bots(game.gameId) : [];
      await game.host.runner.run({
        fast: false,
        speed: state.clock.speed,
        bots,
        signal,
        onTick: (_state, timing) => {
          this.metrics.observeTickClose(game.gameId, timing.wallMs / 1000);
          this.metrics.observeTickLag(game.gameId, timing.lagMs / 1000);
        },
      });
    }
    const final = await game.state();
    if (final.ended && !signal.aborted) {
      await this.archive(game);
      // Nothing more to score: free the game's worker connections (its shops stay for the ops console).
      await game.workers?.close().catch(() => undefined);
      game.workers = undefined;
    }
    // The leader stays the game's one pusher until this process stops or loses the lock.
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  private async archive(game: LiveGame): Promise<void> {
    const dir = this.gameDir(game.gameId);
    const source = await readFile(join(dir, 'scenario.yaml'), 'utf8').catch(() => undefined);
    const file = join(dir, 'archive.ndjson.gz');
    if (existsSync(file)) return; // written by an earlier leader
    await writeArchive(file, this.store, game.gameId, { scenarioSource: source, mamoruVersion: this.options.version });
    this.logger.log(`game ${game.gameId} ended; archive ${file}`);
  }

  private onNotice(channel: string, message: string): void {
    const match = /^mamoru:([a-z0-9][a-z0-9-]{0,62}):(tick-closed|log)$/.exec(channel);
    if (!match) return;
    const opening = this.games.get(match[1]);
    if (!opening) {
      void this.discover();
      return;
    }
    const tickClosedAtMs = match[2] === 'tick-closed' ? closedAt(message) : null;
    void opening
      .then((game) => {
        game.markStale();
        this.emit(game, tickClosedAtMs);
      })
      .catch(() => undefined);
  }

  private emit(game: LiveGame, tickClosedAtMs: number | null): void {
    for (const listener of this.listeners) listener(game, tickClosedAtMs);
  }

  /** Appends organiser or platform events to a game (see LiveGame.append). */
  async append(gameId: string, events: NewEvent[]) {
    return (await this.get(gameId)).append(events);
  }
}

function closedAt(message: string): number {
  const notice = TickClosedNoticeSchema.safeParse(safeJson(message));
  return notice.success && notice.data.closedAtMs !== undefined ? notice.data.closedAtMs : Date.now();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
