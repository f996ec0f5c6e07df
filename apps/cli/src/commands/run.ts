import { formatGameTime } from '@mamoru/domain';
import type { BotProfile, TeamRegistration } from '@mamoru/engine';
import {
  BotTeam,
  BOT_PROFILES,
  GameHost,
  gameCreationEvents,
  mixedProfiles,
  redisOptionsFromUrl,
  writeArchive,
} from '@mamoru/engine';
import { openEventStore } from '@mamoru/event-store';
import type { SandboxDriver } from '@mamoru/sandbox';
import { EmbeddedDriver, ExternalDriver } from '@mamoru/sandbox';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CliConfig } from '../config';
import { UsageError } from '../usage-error';
import { mamoruVersion } from '../version';
import { ensureRedis } from '../infra/redis-launcher';
import { newTickerLines, standingsDocument, standingsTable } from '../output/standings-output';
import { readScenarioFile } from './scenario-file';

export interface RunCommandOptions {
  scenario: string;
  game?: string;
  teams: number;
  seed?: number;
  fast: boolean;
  speed: number;
  bots: 'none' | 'mixed' | BotProfile;
  out?: string;
  json: boolean;
  sandboxes?: string;
  /** Replace an earlier game with the same id (its log is deleted). */
  fresh: boolean;
  /** Leave ticks and attacks to scoring-worker processes (PostgreSQL only). */
  externalWorkers: boolean;
}

const GAME_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `mamoru run`: a whole game headless through Redis, BullMQ, the event store and real shops. */
export async function runCommand(
  options: RunCommandOptions,
  config: CliConfig,
  log: (line: string) => void,
): Promise<number> {
  const { scenario, source } = await readScenarioFile(options.scenario);
  const seed = options.seed ?? scenario.seed;
  const gameId = options.game ?? `${scenario.id}-${seed}`;
  if (!GAME_ID.test(gameId))
    throw new UsageError(`--game must be lower-case letters, digits and "-" (got "${gameId}")`);
  if (!Number.isInteger(options.teams) || options.teams < 1 || options.teams > 100)
    throw new UsageError('--teams must be 1 to 100');
  if (!options.fast && !(options.speed > 0 && options.speed <= 10_000))
    throw new UsageError('--speed must be greater than 0 and at most 10000');
  if (options.externalWorkers && !config.databaseUrl) {
    throw new UsageError(
      '--external-workers needs DATABASE_URL: scoring-worker processes share the log through PostgreSQL',
    );
  }

  const gameDir = join(config.dataDir, 'games', gameId);
  await rm(join(gameDir, 'shops'), { recursive: true, force: true }); // a run is a new game: fresh shops
  await mkdir(gameDir, { recursive: true });
  const redis = await ensureRedis(config.redisUrl, config.dataDir);
  const store = await openEventStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(gameDir, 'events'),
  });
  const teams: TeamRegistration[] = Array.from({ length: options.teams }, (_, i) => ({
    teamId: `team-${i + 1}`,
    name: `Team ${i + 1}`,
  }));
  const sandboxes: SandboxDriver = options.sandboxes
    ? new ExternalDriver(resolve(options.sandboxes))
    : new EmbeddedDriver();
  let host: GameHost | undefined;
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const existing = await store.lastSeq(gameId);
    if (existing > 0 && !options.fresh) {
      throw new UsageError(
        `game "${gameId}" already has ${existing} events in the log; pass --fresh to delete it and start anew, or choose another --game`,
      );
    }
    await store.deleteGame(gameId);
    await store.append(gameId, gameCreationEvents(gameId, scenario, seed, teams));
    if (!options.json)
      log(`game ${gameId}: ${scenario.title.en} / ${scenario.title.ja}, ${teams.length} teams, seed ${seed}`);
    await sandboxes.provision({ gameId, scenario, seed, teams, dataDir: gameDir });
    host = await GameHost.open({
      gameId,
      store,
      sandboxes,
      redis: redisOptionsFromUrl(redis.url),
      withWorkers: !options.externalWorkers,
    });
    await host.queues.obliterate();
    // Shops start from the team's own price list and stock (external shops may hold an older game's).
    await Promise.all(
      teams.map((t) =>
        host!.actions.resyncShop(t.teamId).catch((error: unknown) => {
          process.stderr.write(
            `warning: the shop of ${t.teamId} did not take its price list: ${(error as Error).message}\n`,
          );
        }),
      ),
    );
    const bots = botsFor(options.bots, teams, host);
    let tickerSeen = 0;
    const final = await host.runner.run({
      fast: options.fast,
      speed: options.fast ? 1 : options.speed,
      bots,
      signal: abort.signal,
      onTick: (state, timing) => {
        if (options.json) return;
        if (timing.lagMs > 1000)
          log(`  (tick ${timing.tick} started ${(timing.lagMs / 1000).toFixed(1)} s behind the clock)`);
        newTickerLines(state, tickerSeen).forEach((line) => log(line));
        tickerSeen = state.tickerCount;
        if (state.tick % 60 === 0) log('\n' + standingsTable(state) + '\n');
      },
    });
    if (abort.signal.aborted) {
      log(
        `stopped after tick ${final.tick} (game time ${formatGameTime(final.tick)}); the log of game ${gameId} is kept`,
      );
      return 130;
    }
    const out = options.out ? resolve(options.out) : join(gameDir, 'archive.ndjson.gz');
    await writeArchive(out, store, gameId, { scenarioSource: source, mamoruVersion: mamoruVersion() });
    if (options.json) {
      process.stdout.write(JSON.stringify(standingsDocument(final), null, 2) + '\n');
      process.stderr.write(`archive: ${out}\n`);
    } else {
      log('\nfinal standings\n' + standingsTable(final));
      const midGame = formatGameTime(Math.floor(scenario.durationMinutes / 2));
      log(`\narchive: ${out}\nreplay: mamoru replay ${out} --at ${midGame}`);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await host?.close().catch(() => undefined);
    await sandboxes.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    await redis.stop();
  }
}

function botsFor(choice: RunCommandOptions['bots'], teams: TeamRegistration[], host: GameHost): BotTeam[] {
  if (choice === 'none') return [];
  const profiles: BotProfile[] = choice === 'mixed' ? mixedProfiles(teams.length) : teams.map(() => choice);
  return teams.map((t, i) => new BotTeam(t.teamId, profiles[i], host.actions));
}

export function parseBots(value: string): RunCommandOptions['bots'] {
  if (value === 'none' || value === 'mixed' || (BOT_PROFILES as string[]).includes(value))
    return value as RunCommandOptions['bots'];
  throw new UsageError(`--bots must be none, mixed, ${BOT_PROFILES.join(', ')}`);
}
