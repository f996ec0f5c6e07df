import type { EventStore } from '@mamoru/event-store';
import { openEventStore, postgresReachable } from '@mamoru/event-store';
import { makeTempDir, TEST_DATABASE_URL, TEST_REDIS_URL, warnSkipped } from '@mamoru/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { AccountsService } from '../auth/accounts.service';
import type { GameServer } from '../bootstrap';
import { loadServerConfig } from '../config/server-config';
import { GameRegistry } from '../games/game-registry';
import type { LiveGameOptions } from '../games/game-server-options';
import { startLiveServer } from '../live-server';

/** Response bodies and pushed views as tests read them: parsed JSON, checked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A running game server for tests: real HTTP, real Socket.IO, real Redis, PostgreSQL when it answers. */
export interface TestServer {
  url: string;
  server: GameServer;
  store: EventStore;
  /** An organiser of this server, signed in. */
  organiser: { login: string; password: string; token: string };
  request<T = Json>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  login(login: string, password: string): Promise<string>;
  /** A game of `teams` teams with one member per entry of `members` (joined, signed in). */
  setupGame(spec?: GameSpec): Promise<TestGame>;
  connect(namespace: 'audience' | 'team' | 'control', auth: Record<string, unknown>): Promise<LiveClient>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as it is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface GameSpec {
  gameId?: string;
  scenarioName?: string;
  scenarioYaml?: string;
  teams?: string[];
  members?: { team: number; name: string; units: string[] }[];
}

export interface TestMember {
  memberId: string;
  teamId: string;
  login: string;
  password: string;
  token: string;
  units: string[];
}

export interface TestGame {
  gameId: string;
  members: TestMember[];
}

export interface ServerSpec {
  /** Share one store between servers (two processes of one deployment). */
  store?: EventStore;
  dataDir?: string;
  live?: Partial<Omit<LiveGameOptions, 'dataDir' | 'redisUrl'>>;
  socketStream?: string;
  redisKeyPrefix?: string;
  loginLimitPerMinute?: number;
  /** The built web app it serves (default apps/web/dist); false: none. */
  webDir?: string | false;
}

/** Opens the store tests run on: PostgreSQL when it answers (as CI has it), else in-memory PGlite. */
export async function openTestStore(): Promise<EventStore> {
  if (await postgresReachable(TEST_DATABASE_URL)) return openEventStore({ databaseUrl: TEST_DATABASE_URL });
  warnSkipped('game server on PostgreSQL', `no PostgreSQL at ${TEST_DATABASE_URL}: running on in-memory PGlite`);
  return openEventStore({});
}

export async function startTestServer(spec: ServerSpec = {}): Promise<TestServer> {
  const dir = spec.dataDir ? null : await makeTempDir('mamoru-server-');
  const dataDir = spec.dataDir ?? dir!.path;
  const store = spec.store ?? (await openTestStore());
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: TEST_REDIS_URL,
    MAMORU_DATA_DIR: dataDir,
    MAMORU_JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    MAMORU_REDIS_KEY_PREFIX: spec.redisKeyPrefix ?? `test-${randomUUID().slice(0, 8)}`,
    MAMORU_LOGIN_LIMIT_PER_MINUTE: String(spec.loginLimitPerMinute ?? 10_000),
    MAMORU_LOG_LEVEL: 'silent',
    MAMORU_SOCKET_STREAM: spec.socketStream ?? `test-socket-${randomUUID().slice(0, 8)}`,
  });
  const server = await startLiveServer({
    config,
    store,
    logger: false,
    webDir: spec.webDir,
    // The test database is shared: a test server opens only the games it is asked about.
    live: { leaderTtlMs: 3000, resumeGames: false, ...spec.live },
  });
  const url = server.url;
  const sockets: Socket[] = [];

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (metrics, docs)
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async function login(loginName: string, password: string): Promise<string> {
    const res = await request<{ accessToken: string }>('POST', '/api/auth/login', {
      body: { login: loginName, password },
    });
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`login ${loginName}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  const organiserLogin = `org-${randomUUID().slice(0, 8)}`;
  const organiserPassword = 'organiser-password-1';
  await server.app
    .get(AccountsService)
    .createStaffAccount({ login: organiserLogin, role: 'organiser', password: organiserPassword });
  const organiser = {
    login: organiserLogin,
    password: organiserPassword,
    token: await login(organiserLogin, organiserPassword),
  };

  async function setupGame(game: GameSpec = {}): Promise<TestGame> {
    const gameId = game.gameId ?? `t-${randomUUID().slice(0, 8)}`;
    const teams = (game.teams ?? ['Team A', 'Team B']).map((name) => ({ name }));
    const created = await request('POST', '/api/games', {
      token: organiser.token,
      body: {
        gameId,
        ...(game.scenarioYaml ? { scenarioYaml: game.scenarioYaml } : { scenarioName: game.scenarioName ?? 'classic' }),
        teams,
      },
    });
    if (created.status !== 201) throw new Error(`create game: ${created.status} ${JSON.stringify(created.body)}`);
    const memberSpecs =
      game.members ?? teams.map((_, i) => ({ team: i + 1, name: `Member ${i + 1}`, units: ['management', 'sales'] }));
    const made = await request<{
      members: { memberId: string; teamId: string; login: string; joinCode: string; units: string[] }[];
    }>('POST', `/api/games/${gameId}/members`, {
      token: organiser.token,
      body: { members: memberSpecs.map((m) => ({ teamId: `team-${m.team}`, name: m.name, units: m.units })) },
    });
    if (made.status !== 201) throw new Error(`members: ${made.status} ${JSON.stringify(made.body)}`);
    const members: TestMember[] = [];
    for (const m of made.body.members) {
      const password = `pw-${m.memberId}`;
      const joined = await request<{ accessToken: string }>('POST', '/api/auth/join', {
        body: { joinCode: m.joinCode, password },
      });
      if (joined.status !== 200 && joined.status !== 201)
        throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
      members.push({ ...m, password, token: joined.body.accessToken });
    }
    return { gameId, members };
  }

  async function connect(
    namespace: 'audience' | 'team' | 'control',
    auth: Record<string, unknown>,
  ): Promise<LiveClient> {
    const socket = io(`${url}/${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const client = new LiveClient(socket);
    await client.connected();
    return client;
  }

  return {
    url,
    server,
    store,
    organiser,
    request,
    login,
    setupGame,
    connect,
    async close() {
      sockets.forEach((s) => s.disconnect());
      const games = server.app
        .get(GameRegistry)
        .opened()
        .map((g) => g.gameId);
      await server.close();
      // Leave no running game behind in a shared database for later servers to resume.
      for (const gameId of games) await store.deleteGame(gameId).catch(() => undefined);
      if (!spec.store) await store.close();
      await dir?.remove();
    },
  };
}

export interface LiveMessageReceived {
  kind: 'snapshot' | 'update';
  seq: number;
  prevSeq: number | null;
  tickClosedAtMs: number | null;
  view: Json;
  receivedAtMs: number;
}

/** A Socket.IO client that records every snapshot and update, in order. */
export class LiveClient {
  readonly messages: LiveMessageReceived[] = [];
  refused: { code: string; message: string } | null = null;
  private waiters: (() => void)[] = [];

  constructor(readonly socket: Socket) {
    for (const kind of ['snapshot', 'update'] as const) {
      socket.on(kind, (m: Omit<LiveMessageReceived, 'kind' | 'receivedAtMs'>) => {
        this.messages.push({ ...m, kind, receivedAtMs: Date.now() });
        this.notify();
      });
    }
    socket.on('refused', (error: { code: string; message: string }) => {
      this.refused = error;
      this.notify();
    });
    socket.on('disconnect', () => this.notify());
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  get latest(): LiveMessageReceived | undefined {
    return this.messages.reduce<LiveMessageReceived | undefined>(
      (best, m) => (!best || m.seq >= best.seq ? m : best),
      undefined,
    );
  }

  /** Waits until a received message satisfies `test` (or the client is refused). */
  async waitFor(test: (m: LiveMessageReceived) => boolean, timeoutMs = 20_000): Promise<LiveMessageReceived> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(test);
      if (found) return found;
      if (this.refused) throw new Error(`refused: ${this.refused.code} ${this.refused.message}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms (got ${this.messages.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server refused or dropped the connection. */
  async closed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.socket.connected && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}
