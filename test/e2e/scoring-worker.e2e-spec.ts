import { tickJobId } from '@mamoru/contracts';
import type { StoredEvent } from '@mamoru/domain';
import { loadScenarioOrThrow, newEvent } from '@mamoru/domain';
import { gameCreationEvents, GameQueues, redisOptionsFromUrl } from '@mamoru/engine';
import type { EventStore } from '@mamoru/event-store';
import { openEventStore, postgresReachable } from '@mamoru/event-store';
import { EmbeddedDriver } from '@mamoru/sandbox';
import type { SpawnedProcess } from '@mamoru/testing';
import {
  makeTempDir,
  portAnswers,
  REPO_ROOT,
  runMamoru,
  spawnReady,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  warnSkipped,
} from '@mamoru/testing';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The scoring worker as its own process against PostgreSQL: killed in the middle of a tick, the
 * tick is retried by another worker and counted exactly once.
 */
const pgAvailable = postgresReachable(TEST_DATABASE_URL);
if (!pgAvailable)
  warnSkipped(
    'scoring-worker process tests (PostgreSQL)',
    `PostgreSQL does not answer at ${new URL(TEST_DATABASE_URL).host}`,
  );
const describeWithPostgres = pgAvailable ? describe : describe.skip;

describeWithPostgres('the scoring worker as a separate process', () => {
  const gameId = `worker-kill-${process.pid}-${Date.now() % 100_000}`;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: EventStore;
  let driver: EmbeddedDriver;
  let queues: GameQueues;
  const workers: SpawnedProcess[] = [];

  const startWorker = () =>
    spawnReady('apps/scoring-worker/src/main.ts', {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      MAMORU_GAME: gameId,
      MAMORU_DATA_DIR: dir.path,
      MAMORU_LOCK_DURATION_MS: '2000',
      MAMORU_STALLED_INTERVAL_MS: '1000',
    }).then((w) => {
      workers.push(w);
      return w;
    });

  beforeAll(async () => {
    expect(await portAnswers(TEST_REDIS_URL, 6379)).toBe(true);
    dir = await makeTempDir();
    const scenario = loadScenarioOrThrow(readFileSync(join(REPO_ROOT, 'test/fixtures/mini.yaml'), 'utf8'), 'mini.yaml');
    store = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
    await store.deleteGame(gameId);
    const teams = [
      { teamId: 'team-1', name: 'Team 1' },
      { teamId: 'team-2', name: 'Team 2' },
    ];
    await store.append(gameId, [
      ...gameCreationEvents(gameId, scenario, 7, teams),
      newEvent('clock.started', { speed: 1 }, 'clock.started', 0),
    ]);
    driver = new EmbeddedDriver();
    await driver.provision({ gameId, scenario, seed: 7, teams, dataDir: join(dir.path, 'games', gameId) });
    queues = new GameQueues(gameId, redisOptionsFromUrl(TEST_REDIS_URL));
    await queues.obliterate();
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.kill();
    await queues?.obliterate().catch(() => undefined);
    await queues?.close();
    await driver?.stop();
    await store?.deleteGame(gameId);
    await store?.close();
    await dir?.remove();
  });

  const tickEvents = async (tick: number) =>
    (await store.read(gameId)).filter(
      (e: StoredEvent) =>
        (e.type === 'tick.closed' && e.data.tick === tick) || (e.type === 'crawl.observed' && e.data.tick === tick),
    );

  it('scores ticks enqueued by another process', async () => {
    await startWorker();
    await queues.run('tick.score', { gameId, tick: 1 }, tickJobId(gameId, 1), 60_000);
    expect((await tickEvents(1)).map((e) => e.type).sort()).toEqual([
      'crawl.observed',
      'crawl.observed',
      'tick.closed',
    ]);
  }, 90_000);

  it('counts a tick once when its worker is killed mid-tick and another retries it', async () => {
    // Freeze team 2's shop so the crawl of tick 2 hangs on it, then kill the worker inside the tick.
    const frozenPid = driver.status('team-2').pid;
    expect(frozenPid).toBeDefined();
    process.kill(frozenPid!, 'SIGSTOP');
    const job = queues.run('tick.score', { gameId, tick: 2 }, tickJobId(gameId, 2), 90_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await tickEvents(2)).toHaveLength(0); // still crawling
    await workers[0].kill('SIGKILL');
    process.kill(frozenPid!, 'SIGCONT');

    await startWorker(); // picks the stalled job up once its lock expires
    await job;
    const events = await tickEvents(2);
    expect(events.filter((e) => e.type === 'tick.closed')).toHaveLength(1);
    expect(
      events
        .filter((e) => e.type === 'crawl.observed')
        .map((e) => (e.type === 'crawl.observed' ? e.data.teamId : ''))
        .sort(),
    ).toEqual(['team-1', 'team-2']);

    // Running the same tick again (a duplicate job) appends nothing.
    await queues.run('tick.score', { gameId, tick: 2 }, `${tickJobId(gameId, 2)}-again`, 60_000);
    expect(await tickEvents(2)).toHaveLength(3);
    const seqs = (await store.read(gameId)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }, 120_000);
});

describeWithPostgres('a whole game with the scoring done by two separate worker processes', () => {
  const gameId = `split-${process.pid}-${Date.now() % 100_000}`;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const workers: SpawnedProcess[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
  });

  afterAll(async () => {
    for (const w of workers) await w.kill();
    const store = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
    await store.deleteGame(gameId);
    await store.close();
    const queues = new GameQueues(gameId, redisOptionsFromUrl(TEST_REDIS_URL));
    await queues.obliterate();
    await queues.close();
    await dir?.remove();
  });

  it('plays to the same standings as the embedded, single-process run of the golden game', async () => {
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      MAMORU_GAME: gameId,
      MAMORU_DATA_DIR: dir.path,
    };
    for (let i = 0; i < 2; i++) workers.push(await spawnReady('apps/scoring-worker/src/main.ts', env));
    const run = await runMamoru(
      [
        'run',
        '--scenario',
        'test/fixtures/mini.yaml',
        '--game',
        gameId,
        '--teams',
        '3',
        '--bots',
        'mixed',
        '--fast',
        '--json',
        '--external-workers',
      ],
      { env },
    );
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toBe(readFileSync(join(REPO_ROOT, 'test/golden/mini-3-mixed.standings.json'), 'utf8'));
  }, 300_000);
});

describeWithPostgres('one scoring worker process serving every running game', () => {
  const prefix = `multi-${process.pid}-${Date.now() % 100_000}`;
  const teams = [
    { teamId: 'team-1', name: 'Team 1' },
    { teamId: 'team-2', name: 'Team 2' },
  ];
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: EventStore;
  let worker: SpawnedProcess | undefined;
  const workerLog: string[] = [];
  const games = new Map<string, { driver: EmbeddedDriver; queues: GameQueues }>();
  const scenario = loadScenarioOrThrow(readFileSync(join(REPO_ROOT, 'test/fixtures/mini.yaml'), 'utf8'), 'mini.yaml');

  /** A game as the live server makes one: its log, then its shops (which write sandboxes.json). */
  async function createGame(gameId: string): Promise<void> {
    await store.deleteGame(gameId);
    await store.append(gameId, [
      ...gameCreationEvents(gameId, scenario, 7, teams),
      newEvent('clock.started', { speed: 1 }, 'clock.started', 0),
    ]);
    const driver = new EmbeddedDriver();
    await driver.provision({ gameId, scenario, seed: 7, teams, dataDir: join(dir.path, 'games', gameId) });
    const queues = new GameQueues(gameId, redisOptionsFromUrl(TEST_REDIS_URL));
    await queues.obliterate();
    games.set(gameId, { driver, queues });
  }

  const scoreTick = (gameId: string, tick: number) =>
    games.get(gameId)!.queues.run('tick.score', { gameId, tick }, tickJobId(gameId, tick), 60_000);

  const probes = async (gameId: string, tick: number) =>
    (await store.read(gameId)).flatMap((e) =>
      e.type === 'crawl.observed' && e.data.tick === tick ? [[e.data.teamId, e.data.probe]] : [],
    );

  beforeAll(async () => {
    expect(await portAnswers(TEST_REDIS_URL, 6379)).toBe(true);
    dir = await makeTempDir();
    store = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
    await createGame(`${prefix}-a`);
    worker = await spawnReady('apps/scoring-worker/src/main.ts', {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      MAMORU_DATA_DIR: dir.path,
      MAMORU_DISCOVERY_INTERVAL_MS: '200',
    });
    createInterface({ input: worker.child.stdout! }).on('line', (line) => workerLog.push(line));
  }, 120_000);

  afterAll(async () => {
    await worker?.kill();
    for (const [gameId, { driver, queues }] of games) {
      await queues.obliterate().catch(() => undefined);
      await queues.close();
      await driver.stop();
      await store.deleteGame(gameId);
    }
    await store?.close();
    await dir?.remove();
  });

  it('scores a game that was there at its start and one created afterwards', async () => {
    await createGame(`${prefix}-b`);
    await Promise.all([scoreTick(`${prefix}-a`, 1), scoreTick(`${prefix}-b`, 1)]);
    const ok = [
      ['team-1', 'ok'],
      ['team-2', 'ok'],
    ];
    expect(await probes(`${prefix}-a`, 1)).toEqual(ok);
    expect(await probes(`${prefix}-b`, 1)).toEqual(ok);
  }, 120_000);

  it('follows a game’s shops when they move (new ports and tokens in its sandboxes.json)', async () => {
    const gameId = `${prefix}-b`;
    const game = games.get(gameId)!;
    const before = game.driver.endpoint('team-1');
    await game.driver.stop();
    await rm(join(dir.path, 'games', gameId, 'shops'), { recursive: true, force: true });
    game.driver = new EmbeddedDriver();
    await game.driver.provision({ gameId, scenario, seed: 7, teams, dataDir: join(dir.path, 'games', gameId) });
    expect(game.driver.endpoint('team-1').opsToken).not.toBe(before.opsToken);

    await scoreTick(gameId, 2);
    expect(await probes(gameId, 2)).toEqual([
      ['team-1', 'ok'],
      ['team-2', 'ok'],
    ]);
  }, 120_000);

  it('lets go of a game once it ended, and goes on serving the others', async () => {
    const ended = `${prefix}-a`;
    await store.append(ended, [newEvent('game.ended', { atMinute: 1, by: 'org' }, 'game.ended', 60_000)]);
    const deadline = Date.now() + 20_000;
    while (!workerLog.some((line) => line.includes(`stopped processing game ${ended}: it ended`))) {
      if (Date.now() > deadline) throw new Error(`the worker did not let go of ${ended}:\n${workerLog.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await games.get(ended)!.queues.add('tick.score', { gameId: ended, tick: 2 }, tickJobId(ended, 2));
    await scoreTick(`${prefix}-b`, 3);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await store.hasKey(ended, 'tick:2')).toBe(false);
    expect((await games.get(ended)!.queues.counts()).ticks).toMatchObject({ waiting: 1, active: 0 });
    expect(await store.hasKey(`${prefix}-b`, 'tick:3')).toBe(true);
  }, 120_000);
});
