import { gameChannel } from '@mamoru/contracts';
import type { NewEvent } from '@mamoru/domain';
import type { EventStore } from '@mamoru/event-store';
import { openAccountStore } from '@mamoru/event-store';
import type { GameServer, LiveGame, ServerConfig } from '@mamoru/server';
import { AccountsService, GameRegistry, loadServerConfig } from '@mamoru/server';
import type Redis from 'ioredis';
import { performance } from 'node:perf_hooks';
import { deleteKeys } from './push-kit';
import { loadScenario, syntheticGame, tickEvents } from './synthetic-game';

/** What the live-server benchmarks (push, web) share: a game made through the API, and its ticks. */

/**
 * The game server's config for a benchmark: loopback, silent, no sign-in limit, shops and workers
 * left outside (the bench closes ticks itself), its own Redis keys and socket stream, and only the
 * bench's own game opened (the bench database is shared: never resume others').
 */
export function benchServerConfig(bench: {
  name: string;
  redisUrl: string;
  dataDir: string;
  keyPrefix: string;
  socketStream: string;
}): ServerConfig {
  return loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: bench.redisUrl,
    MAMORU_DATA_DIR: bench.dataDir,
    MAMORU_JWT_SECRET: `bench-${bench.name}-secret-${'x'.repeat(32)}`,
    MAMORU_REDIS_KEY_PREFIX: bench.keyPrefix,
    MAMORU_LOG_LEVEL: 'silent',
    MAMORU_LOGIN_LIMIT_PER_MINUTE: '100000',
    MAMORU_SANDBOXES: 'shared',
    MAMORU_WORKERS: 'external',
    MAMORU_SOCKET_STREAM: bench.socketStream,
    MAMORU_RESUME_GAMES: 'false',
  });
}

export async function getJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

export function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  return getJson<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export async function waitFor(
  test: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  pollMs = 50,
): Promise<void> {
  const started = performance.now();
  while (!(await test())) {
    if (performance.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * An organiser, a classic game of `teams` teams created through the API (not started: no shops),
 * with one member per team signed in when asked; resolves once this server leads the game.
 */
export async function createBenchGame(
  server: GameServer,
  gameId: string,
  organiser: { login: string; password: string },
  options: { teams: number; members: boolean },
): Promise<{ game: LiveGame; members: { teamId: string; token: string }[] }> {
  await server.app.get(AccountsService).createStaffAccount({ ...organiser, role: 'organiser' });
  const { accessToken } = await post<{ accessToken: string }>(`${server.url}/api/auth/login`, organiser);
  const teams = Array.from({ length: options.teams }, (_, i) => ({ name: `Team ${i + 1}` }));
  await post(`${server.url}/api/games`, { gameId, scenarioName: 'classic', teams }, accessToken);
  const members: { teamId: string; token: string }[] = [];
  if (options.members) {
    const made = await post<{ members: { teamId: string; joinCode: string; memberId: string }[] }>(
      `${server.url}/api/games/${gameId}/members`,
      {
        members: teams.map((_, i) => ({
          teamId: `team-${i + 1}`,
          name: `Member ${i + 1}`,
          units: ['management', 'sales'],
        })),
      },
      accessToken,
    );
    for (const m of made.members) {
      const joined = await post<{ accessToken: string }>(`${server.url}/api/auth/join`, {
        joinCode: m.joinCode,
        password: `bench-pw-${m.memberId}`,
      });
      members.push({ teamId: m.teamId, token: joined.accessToken });
    }
  }
  const game = await server.app.get(GameRegistry).get(gameId);
  await waitFor(() => game.leading, 20_000, 'this server to lead the game');
  return { game, members };
}

/** The synthetic game's ticks, in order: one `crawl.observed` per team and `tick.closed`. */
export class Ticks {
  private readonly minutes;
  private index = 0;

  constructor(teams: number, count: number) {
    const scenario = loadScenario('scenarios/classic.yaml');
    this.minutes = syntheticGame({ scenario, teams, ticks: count }).minutes;
  }

  next(): { tick: number; events: NewEvent[] } {
    const minute = this.minutes[this.index++];
    if (!minute) throw new Error(`the synthetic game has only ${this.minutes.length} ticks`);
    return { tick: minute.tick, events: tickEvents(minute) };
  }
}

/**
 * What the scoring worker does once a tick is scored: append the facts, then publish the notice
 * stamped with the commit time (`now`, the clock the caller measures with).
 */
export async function closeTick(
  setup: { store: EventStore; redis: Redis; gameId: string; ticks: Ticks },
  now: () => number,
): Promise<{ key: string; closedAtMs: number }> {
  const { tick, events } = setup.ticks.next();
  const result = await setup.store.append(setup.gameId, events);
  const closedAtMs = now();
  if (result.appended.length !== events.length) throw new Error(`tick ${tick} was not appended`);
  await setup.redis.publish(
    gameChannel(setup.gameId),
    JSON.stringify({ gameId: setup.gameId, tick, seq: result.lastSeq, closedAtMs }),
  );
  return { key: String(result.lastSeq), closedAtMs };
}

/** Removes what a live-server benchmark left: the game, its accounts, its Redis keys and stream. */
export async function removeBenchGame(
  store: EventStore | undefined,
  redis: Redis,
  left: { gameId: string; organiserLogin: string; keyPrefix: string; socketStream: string },
): Promise<void> {
  const { gameId, keyPrefix } = left;
  if (store) {
    await store.deleteGame(gameId).catch(() => undefined);
    const accounts = openAccountStore(store);
    const made = await accounts.list({ gameId }).catch(() => []);
    const org = await accounts.findByLogin(left.organiserLogin).catch(() => null);
    for (const account of [...made, ...(org ? [org] : [])]) await accounts.delete(account.id).catch(() => undefined);
    await store.close().catch(() => undefined);
  }
  // The login throttle's keys are hash-tagged: `{<prefix>throttle:…}:hits`.
  for (const pattern of [`mamoru:${gameId}:*`, `mamoru-${gameId}:*`, `${keyPrefix}*`, `{${keyPrefix}*`]) {
    await deleteKeys(redis, pattern).catch(() => undefined);
  }
  await redis.del(left.socketStream).catch(() => undefined);
}
