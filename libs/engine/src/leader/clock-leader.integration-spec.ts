import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '../queues/redis-connection';
import { ClockLeader, clockLeaderKey, watchLeadership } from './clock-leader';

/**
 * Two or more contenders for one game's clock on a real Redis: only one leads; when it releases,
 * dies (its process killed) or loses Redis, another takes over within the ttl. Without Redis this
 * says so loudly and checks nothing.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const TTL_MS = 600;

function redisAnswers(url: string): boolean {
  const script = `
    const Redis = require(process.env.IOREDIS);
    const redis = new Redis(process.env.URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0 });
    redis.on('error', () => undefined);
    redis.connect().then(() => redis.ping()).then(() => process.exit(0), () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, IOREDIS: require.resolve('ioredis'), URL: url },
    timeout: 10_000,
    stdio: 'ignore',
  });
  return result.status === 0;
}

const redisAvailable = redisAnswers(REDIS_URL);
if (!redisAvailable) {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! clock-leader tests (Redis) SKIPPED: Redis does not answer at ${new URL(REDIS_URL).host}\n${bar}\n`,
  );
}
const describeWithRedis = redisAvailable ? describe : describe.skip;

describeWithRedis('the clock leader lock', () => {
  const redisOptions = redisOptionsFromUrl(REDIS_URL);
  let admin: Redis;
  let game = 0;
  let gameId: string;
  const leaders: ClockLeader[] = [];
  const children: ChildProcess[] = [];

  const acquire = async (nodeId: string, ttlMs = TTL_MS) => {
    const leader = await ClockLeader.acquire(redisOptions, gameId, { nodeId, ttlMs });
    if (leader) leaders.push(leader);
    return leader;
  };

  beforeAll(() => {
    admin = new Redis(redisOptions);
  });

  beforeEach(async () => {
    gameId = `leader-${process.pid}-${++game}`;
    await admin.del(clockLeaderKey(gameId));
  });

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await Promise.all(leaders.splice(0).map((l) => l.release()));
    await admin.del(clockLeaderKey(gameId));
  });

  afterAll(async () => {
    await admin.quit();
  });

  it('lets one contender lead, keeps the lead past the ttl, and hands it over on release', async () => {
    const [a, b] = await Promise.all([acquire('node-a'), acquire('node-b')]);
    expect([a, b].filter((l) => l !== null)).toHaveLength(1);
    const leader = (a ?? b)!;
    const other = a ? 'node-b' : 'node-a';
    expect(await admin.get(clockLeaderKey(gameId))).toBe(leader.nodeId);

    await delay(TTL_MS * 3); // renewed all along
    expect(leader.lost.aborted).toBe(false);
    expect(await acquire(other)).toBeNull();

    await leader.release();
    expect(await admin.get(clockLeaderKey(gameId))).toBeNull();
    expect((await acquire(other))?.nodeId).toBe(other);
  });

  it('tells a leader whose lock was taken, and never deletes the new holder’s lock', async () => {
    const leader = (await acquire('node-a'))!;
    await admin.set(clockLeaderKey(gameId), 'node-b', 'PX', 10_000);
    await until(() => leader.lost.aborted, TTL_MS);
    expect(String(leader.lost.reason)).toMatch(/lost: the lock expired or another node holds it/);
    await leader.release();
    expect(await admin.get(clockLeaderKey(gameId))).toBe('node-b');
  });

  it('gives up the lead before the lock can expire when Redis stops answering', async () => {
    const proxy = await tcpProxy(redisOptions);
    const leader = (await ClockLeader.acquire({ ...redisOptions, port: proxy.port }, gameId, {
      nodeId: 'node-a',
      ttlMs: TTL_MS,
    }))!;
    leaders.push(leader);
    await proxy.cut();
    const cutAt = Date.now();
    await until(() => leader.lost.aborted, TTL_MS * 2);
    expect(Date.now() - cutAt).toBeLessThan(TTL_MS); // the lock itself lives until its ttl
    expect(String(leader.lost.reason)).toMatch(/did not confirm/);
  });

  it('lets another node take over within the ttl when the leader’s process dies', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        path.join(REPO_ROOT, 'tools', 'register.js'),
        '-e',
        `require(process.env.LEADER_MODULE)
          .ClockLeader.acquire(JSON.parse(process.env.REDIS_OPTIONS), process.env.GAME, { nodeId: 'child', ttlMs: ${TTL_MS} })
          .then((leader) => { console.log(leader ? 'leading' : 'not leading'); setInterval(() => undefined, 1000); });`,
      ],
      {
        env: {
          ...process.env,
          LEADER_MODULE: path.join(__dirname, 'clock-leader.ts'),
          REDIS_OPTIONS: JSON.stringify(redisOptions),
          GAME: gameId,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    const [line] = await new Promise<string[]>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', (l) => resolve([l])),
    );
    expect(line).toBe('leading');

    let ledAt = 0;
    const watch = watchLeadership(
      redisOptions,
      gameId,
      { nodeId: 'node-b', ttlMs: TTL_MS, retryMs: 50 },
      (_, signal) => {
        ledAt = Date.now();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
      },
    );
    await delay(TTL_MS * 2);
    expect(watch.leading).toBe(false); // the child renews

    child.kill('SIGKILL');
    const diedAt = Date.now();
    await until(() => watch.leading, TTL_MS * 3);
    expect(ledAt - diedAt).toBeLessThanOrEqual(TTL_MS + 200);
    expect(await admin.get(clockLeaderKey(gameId))).toBe('node-b');

    await watch.stop();
    expect(watch.leading).toBe(false);
    expect(await admin.get(clockLeaderKey(gameId))).toBeNull();
  }, 30_000);

  it('watches until the leader’s work is done, then lets go for good', async () => {
    const errors: unknown[] = [];
    let turns = 0;
    const watch = watchLeadership(
      redisOptions,
      gameId,
      { nodeId: 'node-a', ttlMs: TTL_MS, retryMs: 50, onError: (e) => errors.push(e) },
      async () => {
        turns++;
        if (turns === 1) throw new Error('provisioning failed'); // tried again
      },
    );
    await watch.done;
    expect(turns).toBe(2);
    expect(errors.map(String)).toEqual(['Error: provisioning failed']);
    expect(await admin.get(clockLeaderKey(gameId))).toBeNull();
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await delay(10);
  }
}

/** A TCP proxy to Redis whose `cut()` drops every connection and refuses new ones: Redis gone. */
async function tcpProxy(target: { host?: string; port?: number }): Promise<{ port: number; cut: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port ?? 6379, target.host ?? '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
