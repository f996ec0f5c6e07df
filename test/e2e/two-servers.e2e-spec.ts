import type { EventStore } from '@mamoru/event-store';
import { openAccountStore, openEventStore, postgresReachable } from '@mamoru/event-store';
import type { SpawnedProcess } from '@mamoru/testing';
import { makeTempDir, REPO_ROOT, spawnReady, TEST_DATABASE_URL, TEST_REDIS_URL, warnSkipped } from '@mamoru/testing';
import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

/**
 * Two game-server processes of one deployment on one Redis and one PostgreSQL: a board client on
 * each receives the same updates in the same order, whichever process leads the game's clock.
 */
const MINI = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'mini.yaml'), 'utf8');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

interface Received {
  kind: string;
  seq: number;
  tick: number;
  standings: string;
}

function watch(url: string, gameId: string): { socket: Socket; received: Received[] } {
  const socket = io(`${url}/audience`, { auth: { gameId }, transports: ['websocket'], forceNew: true });
  const received: Received[] = [];
  for (const kind of ['snapshot', 'update']) {
    socket.on(kind, (m: { seq: number; view: { clock: { tick: number }; standings: unknown } }) => {
      received.push({ kind, seq: m.seq, tick: m.view.clock.tick, standings: JSON.stringify(m.view.standings) });
    });
  }
  return { socket, received };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let pgAvailable = false;
beforeAll(async () => {
  pgAvailable = await postgresReachable(TEST_DATABASE_URL);
  if (!pgAvailable)
    warnSkipped(
      'two game-server processes (PostgreSQL)',
      `PostgreSQL does not answer at ${new URL(TEST_DATABASE_URL).host}`,
    );
});

describe('two game-server processes on one Redis', () => {
  const servers: SpawnedProcess[] = [];
  const sockets: Socket[] = [];
  let store: EventStore | undefined;
  let dir: Awaited<ReturnType<typeof makeTempDir>> | undefined;
  let gameId: string | undefined;

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    if (gameId) await store?.deleteGame(gameId);
    await store?.close();
    await dir?.remove();
  });

  it('gives a client on each process the same updates in the same order', async () => {
    if (!pgAvailable) return;
    dir = await makeTempDir('mamoru-two-servers-');
    store = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
    const organiser = { login: `two-${randomUUID().slice(0, 8)}`, password: 'two-servers-password' };
    await openAccountStore(store).create({
      login: organiser.login,
      role: 'organiser',
      passwordHash: await argon2.hash(organiser.password, { type: argon2.argon2id }),
    });
    const shared = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      MAMORU_DATA_DIR: dir.path,
      MAMORU_JWT_SECRET: 'two-servers-secret-two-servers-secret-0123',
      MAMORU_SOCKET_STREAM: `two-servers-${randomUUID().slice(0, 8)}`,
      MAMORU_REDIS_KEY_PREFIX: `two-${randomUUID().slice(0, 8)}`,
      MAMORU_LOG_LEVEL: 'warn',
      // The test database is shared with other tests: open only this test's game.
      MAMORU_RESUME_GAMES: 'false',
      HOST: '127.0.0.1',
    };
    const [portA, portB] = [await freePort(), await freePort()];
    const entry = join('apps', 'game-server', 'src', 'main.ts');
    // A starts the shops and runs the workers; B serves from the same log and the shops' file.
    servers.push(await spawnReady(entry, { ...shared, PORT: String(portA), MAMORU_NODE_ID: 'node-a' }, 60_000));
    servers.push(
      await spawnReady(
        entry,
        {
          ...shared,
          PORT: String(portB),
          MAMORU_NODE_ID: 'node-b',
          MAMORU_SHOPS: 'shared',
          MAMORU_WORKERS: 'external',
        },
        60_000,
      ),
    );
    const [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    const post = async (url: string, path: string, body: unknown, token?: string) => {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
      return answer;
    };
    // Signed in on B, acting on A: one deployment, one secret.
    const { accessToken } = (await post(urlB, '/api/auth/login', organiser)) as { accessToken: string };
    gameId = `two-${randomUUID().slice(0, 8)}`;
    await post(
      urlA,
      '/api/games',
      { scenarioYaml: MINI, gameId, teams: [{ name: 'East' }, { name: 'West' }] },
      accessToken,
    );
    const onA = watch(urlA, gameId);
    const onB = watch(urlB, gameId);
    sockets.push(onA.socket, onB.socket);
    await until(() => onA.received.length > 0 && onB.received.length > 0, 20_000, 'both snapshots');
    await post(urlA, `/api/games/${gameId}/start`, { speed: 120 }, accessToken);
    await until(
      () => [onA, onB].every((c) => c.received.some((m) => m.kind === 'update' && m.tick >= 6)),
      90_000,
      'six ticks on both',
    );
    await post(urlB, `/api/games/${gameId}/announcements`, { text: 'from B' }, accessToken);
    await post(urlB, `/api/games/${gameId}/stop`, {}, accessToken);
    await until(
      () => [onA, onB].every((c) => c.received.some((m) => m.kind === 'update' && m.seq >= 0 && m.tick >= 6)),
      10_000,
      'stop',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const updates = (c: { received: Received[] }) => c.received.filter((m) => m.kind === 'update');
    const seqsA = updates(onA).map((m) => m.seq);
    const seqsB = updates(onB).map((m) => m.seq);
    // After the snapshot each client saw the leader's updates: the same, each once, in order.
    const firstCommon = Math.max(seqsA[0], seqsB[0]);
    const fromA = updates(onA).filter((m) => m.seq >= firstCommon);
    const fromB = updates(onB).filter((m) => m.seq >= firstCommon);
    expect(fromA.length).toBeGreaterThan(5);
    expect(fromB).toEqual(fromA);
    expect(seqsA).toEqual([...new Set(seqsA)].sort((a, b) => a - b));
  }, 180_000);
});
