import type { GameState, UnitId } from '@mamoru/domain';
import { formatGameTime, MS_PER_MINUTE, newEvent } from '@mamoru/domain';
import type { BotTeam } from '@mamoru/engine';
import { BotTeam as Bot, mixedProfiles } from '@mamoru/engine';
import type { GameServer } from '@mamoru/server';
import {
  AccountsService,
  AuthService,
  defaultWebDir,
  GameRegistry,
  loadServerConfig,
  startLiveServer,
  webAppBuilt,
} from '@mamoru/server';
import { randomBytes } from 'node:crypto';
import type { CliConfig } from '../config';
import { HttpTeamActions, type DemoMember } from '../demo/http-team-actions';
import { ensureRedis } from '../infra/redis-launcher';
import { newTickerLines, standingsTable } from '../output/standings-output';
import { UsageError } from '../usage-error';
import { mamoruVersion } from '../version';

export interface ServeCommandOptions {
  port: number;
  host: string;
  demo: boolean;
  teams: number;
  speed: number;
  /** Leave ticks and attacks to scoring-worker processes (PostgreSQL only). */
  externalWorkers: boolean;
  /** Shops: started here (`embedded`) or read from each game's sandboxes.json (`shared`). */
  sandboxes: 'embedded' | 'shared';
}

/** The demo's members per team: three people covering the six units, two units each. */
const DEMO_UNITS: UnitId[][] = [
  ['management', 'sales'],
  ['tech', 'support'],
  ['pr', 'csirt'],
];

/**
 * `mamoru serve`: the game server with its worker processors and the teams' shops in one process
 * on embedded defaults (PGlite serves one connection), or beside scoring-worker processes on
 * PostgreSQL. `--demo` creates a classic game whose bot teams act through the HTTP API, starts it
 * and follows it here, so the board moves by itself.
 */
export async function serveCommand(
  options: ServeCommandOptions,
  config: CliConfig,
  log: (line: string) => void,
  /** The environment the game server's own config loader validates (main.ts passes process.env). */
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)
    throw new UsageError('--port must be 0 to 65535');
  if (!Number.isInteger(options.teams) || options.teams < 1 || options.teams > 30)
    throw new UsageError('--teams must be 1 to 30');
  if (!(options.speed > 0 && options.speed <= 10_000))
    throw new UsageError('--speed must be greater than 0 and at most 10000');
  if (options.externalWorkers && !config.databaseUrl)
    throw new UsageError(
      '--external-workers needs DATABASE_URL: scoring-worker processes share the log through PostgreSQL',
    );

  const redis = await ensureRedis(config.redisUrl, config.dataDir);
  let server: GameServer | undefined;
  let demoGame: string | undefined;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const serverConfig = loadServerConfig({
      ...env,
      PORT: String(options.port),
      HOST: options.host,
      REDIS_URL: redis.url,
      MAMORU_DATA_DIR: config.dataDir,
      // The terminal shows the ticker and standings; request logs only when asked for.
      MAMORU_LOG_LEVEL: env.MAMORU_LOG_LEVEL || 'warn',
      // The demo signs in its bot members from this machine: one address, many sign-ins.
      ...(options.demo && !env.MAMORU_LOGIN_LIMIT_PER_MINUTE ? { MAMORU_LOGIN_LIMIT_PER_MINUTE: '1000' } : {}),
    });
    const demoBots = new Map<string, BotTeam[]>();
    server = await startLiveServer({
      config: serverConfig,
      shutdownHooks: false, // Ctrl-C ends the demo game first, then closes the server (below)
      live: {
        sandboxes: options.sandboxes,
        withWorkers: !options.externalWorkers,
        version: mamoruVersion(),
        bots: async (gameId) => demoBots.get(gameId) ?? [],
      },
    });
    const url = server.url;
    const admin = await server.app.get(AuthService).bootstrapAdmin();
    log(`Mamoru ${mamoruVersion()} serving at ${url}`);
    const webDir = serverConfig.webDir ?? defaultWebDir();
    if (webAppBuilt(webDir)) log(`  web          ${url}/   (games; the board of a game at ${url}/board/<game id>)`);
    else log(`  web          not built: run \`npm run build:web\` for the pages (${webDir} is missing)`);
    log(`  API          ${url}/api   (OpenAPI: ${url}/api/docs)`);
    log(`  health       ${url}/health    metrics: ${url}/metrics`);
    log(`  live         Socket.IO namespaces /audience, /team, /control at ${url}`);
    log(`  store        ${config.databaseUrl ? 'PostgreSQL' : `PGlite under ${config.dataDir}`}; Redis ${redis.url}`);
    if (admin) log(`  organiser    login "${admin.login}", password "${admin.password}" (created now; keep it)`);

    if (options.demo) {
      const gameId = await startDemo(server, options, demoBots, log);
      demoGame = gameId;
      log(`  board        ${url}/board/${gameId}   (open it in a browser; JSON: ${url}/api/games/${gameId}/board)`);
      log('');
      await followGame(server, gameId, stop.signal, log);
    } else {
      log('\nCtrl-C stops the server.');
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // A demo game ends with its server: its bots live here, so it must not be resumed without them.
    if (server && demoGame) await endDemo(server, demoGame).catch(() => undefined);
    await server?.close().catch(() => undefined);
    await redis.stop();
  }
}

async function startDemo(
  server: GameServer,
  options: ServeCommandOptions,
  demoBots: Map<string, BotTeam[]>,
  log: (line: string) => void,
): Promise<string> {
  const url = server.url;
  const gameId = `demo-${Date.now().toString(36)}`;
  const organiser = { login: `organiser-${gameId}`, password: randomBytes(12).toString('base64url') };
  await server.app.get(AccountsService).createStaffAccount({ ...organiser, role: 'organiser' });
  const api = async <T>(method: string, path: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as T & { message?: string };
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.message ?? ''}`);
    return answer;
  };
  const { accessToken } = await api<{ accessToken: string }>('POST', '/api/auth/login', organiser);
  const teams = Array.from({ length: options.teams }, (_, i) => ({ name: `Team ${i + 1}` }));
  await api('POST', '/api/games', { scenarioName: 'classic', gameId, teams }, accessToken);
  const members = teams.flatMap((_, t) =>
    DEMO_UNITS.map((units, m) => ({ teamId: `team-${t + 1}`, name: `Bot ${t + 1}-${m + 1}`, units })),
  );
  const created = await api<{ members: { teamId: string; login: string; joinCode: string; units: UnitId[] }[] }>(
    'POST',
    `/api/games/${gameId}/members`,
    { members },
    accessToken,
  );
  const byTeam = new Map<string, DemoMember[]>();
  for (const m of created.members) {
    const password = randomBytes(12).toString('base64url');
    await api('POST', '/api/auth/join', { joinCode: m.joinCode, password });
    byTeam.set(m.teamId, [...(byTeam.get(m.teamId) ?? []), { login: m.login, password, units: m.units }]);
  }
  // A seat for a person beside the bots: team 1's support and tech, with a join code to try /team.
  const [you] = (
    await api<{ members: { login: string; joinCode: string }[] }>(
      'POST',
      `/api/games/${gameId}/members`,
      { members: [{ teamId: 'team-1', name: 'あなた You', units: ['support', 'tech'] }] },
      accessToken,
    )
  ).members;
  const game = await server.app.get(GameRegistry).get(gameId);
  const scenario = (await game.state()).scenario!;
  const profiles = mixedProfiles(options.teams);
  demoBots.set(
    gameId,
    teams.map((_, i) => {
      const teamId = `team-${i + 1}`;
      return new Bot(teamId, profiles[i], new HttpTeamActions(url, gameId, teamId, byTeam.get(teamId)!, scenario));
    }),
  );
  await api('POST', `/api/games/${gameId}/start`, { speed: options.speed }, accessToken);
  log(
    `  demo game    ${gameId}: classic scenario, ${options.teams} bot teams (${profiles.join(', ')}), speed ${options.speed}`,
  );
  log(`  organiser    login "${organiser.login}", password "${organiser.password}"`);
  log(`  control room ${url}/control/${gameId}   (sign in as this organiser)`);
  log(`  team         ${url}/team   (team 1, support and tech: join code ${you.joinCode}, login "${you.login}")`);
  return gameId;
}

async function endDemo(server: GameServer, gameId: string): Promise<void> {
  const game = await server.app.get(GameRegistry).get(gameId);
  const state = await game.state();
  if (state.ended) return;
  const atMinute = await game.actionMinute();
  await game.append([
    newEvent(
      'game.ended',
      { atMinute, by: 'mamoru serve', reason: 'the demo server stopped' },
      'game.ended',
      atMinute * MS_PER_MINUTE,
    ),
  ]);
}

/** Prints the narrated ticker as it moves and the standings every game hour, until the end or Ctrl-C. */
async function followGame(
  server: GameServer,
  gameId: string,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<void> {
  const game = await server.app.get(GameRegistry).get(gameId);
  let tickerSeen = 0;
  let lastHour = 0;
  let state: GameState = await game.state();
  while (!signal.aborted && !state.ended) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    state = await game.state();
    newTickerLines(state, tickerSeen).forEach((line) => log(line));
    tickerSeen = state.tickerCount;
    const hour = Math.floor(state.tick / 60);
    if (hour > lastHour) {
      lastHour = hour;
      log(`\nstandings at ${formatGameTime(state.tick)}\n${standingsTable(state)}\n`);
    }
  }
  if (state.ended) {
    log(`\nfinal standings\n${standingsTable(state)}`);
    log('\nthe server keeps running for the board and the control room; Ctrl-C stops it.');
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}
