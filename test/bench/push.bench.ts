import type { AudienceView, GameState } from '@mamoru/domain';
import { audienceView, controlView, teamView } from '@mamoru/domain';
import type { EventStore } from '@mamoru/event-store';
import { openEventStore, postgresReachable } from '@mamoru/event-store';
import type { GameServer, LiveGame } from '@mamoru/server';
import { startLiveServer } from '@mamoru/server';
import Redis from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntervalHistogram } from 'node:perf_hooks';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import type { BenchOutcome, Row, Stats } from './bench-kit';
import {
  boundedLoop,
  cpuSeconds,
  DATABASE_URL,
  errorText,
  fmtMs,
  fmtRatio,
  median,
  progress,
  QUICK,
  REDIS_URL,
  stats,
  uniqueSuffix,
} from './bench-kit';
import type { CollectReply, HttpReply } from './push-kit';
import { cpuPressureUs, histogramTotals, LoadClient, nowMs, openFileLimit } from './push-kit';
import { benchServerConfig, closeTick, createBenchGame, getJson, removeBenchGame, Ticks, waitFor } from './live-kit';

/**
 * Figure 7: push latency, from a tick's facts committed to the `update` received by every
 * audience socket, at 1,000 and 5,000 sockets (QUICK: 200 and 500), beside a raw Socket.IO
 * broadcast of the same board measured in the same run; and the team dashboard read under that
 * load beside the same read on the idle server.
 *
 * The bench process runs only the servers (and the worker's append and notice): the real game
 * server (`startLiveServer`: NestJS, the Redis streams adapter, the game's leader pushing) and a
 * plain `socket.io` Server (no NestJS, no adapter) on another loopback port. The sockets live in a child process
 * (`socket-load-client.ts`), the API requests in a second one. A Mamoru round does what the
 * scoring worker does when a tick closes: append one `crawl.observed` per team + `tick.closed` in
 * one append, then publish the tick-closed notice with `closedAtMs` = the commit time; the leader
 * folds, builds the views and pushes, and each client records receipt − `tickClosedAtMs`. A raw
 * round emits `{seq, sentAtMs, view}` to one room, with `view` the board the game server serves
 * (`GET /board`, the audience view of the same game); each client records receipt − `sentAtMs`.
 * Raw and Mamoru rounds alternate, both pools of sockets connected at once; a round ends when every
 * socket has it (or after 10 s), and rounds start at most once a second.
 */
const TEAMS = 20;
const AIM_RATIO = 1.5;
const AIM_API_P99_MS = 100;
const SIZES = QUICK ? [200, 500] : [1000, 5000];
const ROUNDS = QUICK ? 5 : 30;
const WARMUP_ROUNDS = 2;
const ROUND_MS = 1000;
const ROUND_TIMEOUT_MS = 10_000;
const API_REQUESTS = QUICK ? 200 : 2000;
const API_WARMUP_REQUESTS = QUICK ? 50 : 200;
const API_CONCURRENCY = 16;
const CONNECT_BATCH = 50;
/** File descriptors a process needs besides its sockets (modules, database, Redis, listeners). */
const FD_SLACK = 512;
const RAW_ROOM = 'board';

interface RawServer {
  io: Server;
  url: string;
  close(): Promise<void>;
}

async function startRawServer(): Promise<RawServer> {
  const httpServer = createServer();
  // The game server's own options where they matter (no client bundle, 64 KB packets).
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.on('connection', (socket) => {
    void socket.join(RAW_ROOM);
    socket.emit('ready', {});
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    io,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

interface Setup {
  server: GameServer;
  store: EventStore;
  redis: Redis;
  gameId: string;
  game: LiveGame;
  members: { teamId: string; token: string }[];
  ticks: Ticks;
  raw: RawServer;
  board: AudienceView;
  sockets: LoadClient;
  api: LoadClient;
  lag: IntervalHistogram;
}

interface SizeResult {
  n: number;
  mamoru: Stats;
  raw: Stats;
  /** The median over rounds of each round's p99: less swayed by one slow round on a shared machine. */
  roundP99: { mamoru: number; raw: number };
  /** Sockets × rounds sent that never arrived (by collection, after the last round). */
  lost: { mamoru: number; raw: number; expected: number };
  rounds: number;
  incomplete: { mamoru: number; raw: number };
  gaps: number;
  disconnects: string;
  connectMs: { mamoru: number; raw: number };
  /** Per round: the server process's worst event-loop delay and its CPU time (both in ms). */
  perRound: { mamoru: RoundRecord; raw: RoundRecord };
  /** Share of the measured time in which some task of the machine waited for a CPU (PSI), if known. */
  cpuPressure?: number;
  /** The game server's own push metric: commit → every view of the push handed to Socket.IO, mean. */
  pipelineMeanMs: number;
  cpu: { serverS: number; clientS: number; wallS: number };
}

export async function pushBench(): Promise<BenchOutcome> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const suffix = uniqueSuffix();
  const gameId = `bench-push-${suffix}`;
  const keyPrefix = `bench-push-${suffix}:`;
  const socketStream = `bench-push-socket-${suffix}`;
  const dir = await mkdtemp(join(tmpdir(), 'mamoru-bench-push-'));
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  let store: EventStore | undefined;
  let server: GameServer | undefined;
  let raw: RawServer | undefined;
  let sockets: LoadClient | undefined;
  let api: LoadClient | undefined;
  const organiser = { login: `bench-org-${suffix}`, password: 'bench-organiser-password-1' };
  try {
    const fdLimit = openFileLimit();
    const usePostgres = postgresReachable(DATABASE_URL);
    store = usePostgres ? await openEventStore({ databaseUrl: DATABASE_URL }) : await openEventStore({});
    const config = benchServerConfig({
      name: 'push',
      redisUrl: REDIS_URL,
      dataDir: dir,
      keyPrefix,
      socketStream,
    });
    progress(`push: starting the game server (${usePostgres ? 'PostgreSQL' : 'PGlite'}) and the raw Socket.IO server`);
    server = await startLiveServer({
      config,
      store,
      logger: false,
      live: { sandboxes: 'shared', withWorkers: false, resumeGames: false },
    });
    raw = await startRawServer();
    const { game, members } = await createBenchGame(server, gameId, organiser, { teams: TEAMS, members: true });
    const ticks = new Ticks(TEAMS, 300);
    // A few ticks first, so that the board has figures and a ticker, and the code paths are warm.
    for (let i = 0; i < 5; i++) await closeTick({ store, redis, gameId, ticks }, nowMs);
    await waitFor(async () => (await game.state()).tick >= 5, 10_000, 'the game server to fold the first ticks');
    const board = await getJson<AudienceView>(`${server.url}/api/games/${gameId}/board`);
    sockets = await LoadClient.start('sockets');
    api = await LoadClient.start('api');
    const setup: Setup = { server, store, redis, gameId, game, members, ticks, raw, board, sockets, api, lag };

    progress(`push: API baseline, ${API_REQUESTS} team dashboard reads on the idle server`);
    await apiLoad(setup, API_WARMUP_REQUESTS);
    const idleCpu = process.cpuUsage();
    const idlePressure = cpuPressureUs();
    const idle = await apiLoad(setup, API_REQUESTS);
    const idleUsed = process.cpuUsage(idleCpu);
    const idleCpuMs = (idleUsed.user + idleUsed.system) / 1000;
    const idleShare = pressureShare(idlePressure, idle.ms);

    const results: SizeResult[] = [];
    let loaded: LoadedApi | undefined;
    for (const n of SIZES) {
      const need = 2 * n + FD_SLACK;
      const childLimit = sockets.pid === undefined ? undefined : openFileLimit(sockets.pid);
      const short = [fdLimit, childLimit].find((limit) => limit !== undefined && limit < need);
      if (short !== undefined) {
        rows.push(
          pushErrorRow(
            n,
            `too few file descriptors: ${n.toLocaleString('en-US')} sockets per pool need about ` +
              `${need.toLocaleString('en-US')} per process, \`ulimit -n\` is ${short} (raise it, e.g. ulimit -n 65536)`,
          ),
        );
        continue;
      }
      try {
        const result = await measureSize(setup, n);
        results.push(result);
        rows.push(pushRow(result));
        if (n === SIZES[SIZES.length - 1]) loaded = await apiUnderPushes(setup, n);
      } catch (error) {
        rows.push(pushErrorRow(n, errorText(error)));
      }
    }
    if (results.length > 0) rows.push(lostRow(results));
    rows.push(
      apiRow(
        idle,
        loaded,
        results.find((r) => r.n === loaded?.n),
        idleCpuMs / Math.max(1, idle.samples.length),
      ),
    );

    // Where the time of a push goes, measured here on the same state.
    const state = await game.state();
    const views = viewCosts(state);
    const streamLength = await redis.xlen(socketStream);
    const streamBytes = Number(await redis.call('MEMORY', 'USAGE', socketStream, 'SAMPLES', '0')) || 0;

    notes.push(
      `Measured: ${ROUNDS} rounds per size after ${WARMUP_ROUNDS} warm-up rounds, raw and Mamoru alternating; ` +
        `${TEAMS} teams, the classic scenario, a tick's facts taken from the synthetic game of the other figures. ` +
        `Store: ${usePostgres ? 'PostgreSQL' : 'PGlite (PostgreSQL did not answer)'}. Latency is receipt − stamp ` +
        `on one clock (\`performance.timeOrigin + performance.now()\` in both processes), in the client process's ` +
        `\`update\`/\`raw\` handler, so it includes the client's own parse of the message: with thousands of sockets ` +
        `in one client process the last socket's receipt waits for the client to parse all the others, in both ` +
        `figures alike.`,
      `What a Mamoru round covers that a raw one does not: the notice's hop through Redis pub/sub, the leader ` +
        `reading the new events from the store and folding them, building the audience, control and ${TEAMS} team ` +
        `views, and the streams adapter's XADD of each packet before Socket.IO writes it to the local sockets ` +
        `(\`ClusterAdapter.broadcast\` awaits the XADD). The scoring worker's own fold and snapshot (figure 3) come ` +
        `before its notice in a real tick and are not in this figure: the notice here follows the commit directly.`,
      `Building the views of one push on this state (in the bench process, median of 20): audience ` +
        `${fmtMs(views.audience)} (${kb(views.audienceBytes)} of JSON), control ${fmtMs(views.control)} ` +
        `(${kb(views.controlBytes)}), ${TEAMS} team views ${fmtMs(views.teams)} (${kb(views.teamBytes)} in all). ` +
        `The raw payload is the board served by \`GET /api/games/:id/board\` (${kb(JSON.stringify(board).length)}).`,
      ...results.map((r) => sizeNote(r)),
      `The Socket.IO stream \`${socketStream}\` held ${streamLength.toLocaleString('en-US')} entries ` +
        `(${kb(streamBytes)} in Redis) after the run: every push writes all ${TEAMS + 2} views to it ` +
        `(the adapter caps it at about 10,000 entries by default).`,
      `API: ${API_REQUESTS} \`GET /api/games/:id/teams/:teamId\` with the members' tokens (cycling through the ` +
        `${TEAMS} teams), ${API_CONCURRENCY} in flight, from the second child process; baseline: the same requests ` +
        `on the idle server (no sockets, no pushes) before the sockets connected, after ${API_WARMUP_REQUESTS} ` +
        `warm-up requests (under load too). With ${API_CONCURRENCY} requests in flight the server is kept busy, ` +
        `so a request's latency is mostly its wait behind the others: ${API_CONCURRENCY} × the time per request. ` +
        `${apiNote(idle, 'idle', idleShare)} The game server's CPU per request when idle: ` +
        `${fmtMs(idleCpuMs / Math.max(1, idle.samples.length))}.` +
        (loaded
          ? ` ${apiNote(loaded.reply, 'under load', loaded.pressure)} ${loadedNote(loaded, stats(idle.samples).p99)}`
          : ''),
      `File descriptors: \`ulimit -n\` ${fdLimit ?? 'unknown'} (each process holds ${SIZES[SIZES.length - 1] * 2} ` +
        `sockets at the largest size, both pools at once).`,
    );
  } catch (error) {
    rows.push({
      figure: '7. Push latency and API under load',
      measured: `error: ${errorText(error)}`,
      baseline: '',
      ratio: '',
      aim: `p99 ≤ ${AIM_RATIO}× raw`,
      pass: false,
    });
  } finally {
    lag.disable();
    await sockets?.stop().catch(() => undefined);
    await api?.stop().catch(() => undefined);
    await raw?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await removeBenchGame(store, redis, { gameId, organiserLogin: organiser.login, keyPrefix, socketStream });
    await redis.quit().catch(() => redis.disconnect());
    await rm(dir, { recursive: true, force: true });
  }
  return { title: 'Push latency', rows, notes };
}

// ----- setup -----

// ----- rounds -----

interface RoundOutcome {
  key: string;
  complete: boolean;
  /** When the round started (the commit for Mamoru, the emit for raw), `nowMs()`. */
  atMs: number;
  /** Raw: how long the synchronous `emit` to every socket of the room took. */
  emitMs?: number;
}

/** One Mamoru round; resolves with its key and whether every socket got it in time. */
async function mamoruRound(setup: Setup): Promise<RoundOutcome> {
  // The key (the seq after the append) is known only after the append: the client keeps a round
  // that completed before the parent waited for it, so waiting after the publish loses nothing.
  const { key, closedAtMs } = await closeTick(setup, nowMs);
  const received = await setup.sockets.waitRound('mamoru', key, ROUND_TIMEOUT_MS);
  return { key, complete: received !== undefined, atMs: closedAtMs };
}

let rawSeq = 0;

async function rawRound(setup: Setup): Promise<RoundOutcome> {
  const seq = ++rawSeq;
  const key = String(seq);
  const waiting = setup.sockets.waitRound('raw', key, ROUND_TIMEOUT_MS);
  const sentAtMs = nowMs();
  setup.raw.io.to(RAW_ROOM).emit('raw', { seq, sentAtMs, view: setup.board });
  const emitMs = nowMs() - sentAtMs;
  return { key, complete: (await waiting) !== undefined, atMs: sentAtMs, emitMs };
}

/** Runs a round, records the server's worst event-loop delay during it, then waits out the pace. */
interface RoundRecord {
  lagMs: number[];
  cpuMs: number[];
  emitMs: number[];
}

function roundRecord(): RoundRecord {
  return { lagMs: [], cpuMs: [], emitMs: [] };
}

/**
 * Runs a round, records the bench process's worst event-loop delay and CPU time during it (the
 * servers run here: CPU time is robust to other work on the machine, wall time is not), then waits
 * out the pace.
 */
async function paced(
  setup: Setup,
  round: (setup: Setup) => Promise<RoundOutcome>,
  record?: RoundRecord,
): Promise<RoundOutcome> {
  const started = performance.now();
  // After a reset the histogram records from its next sample on: let one pass before the round, or
  // a block at the very start of the round (a raw broadcast) would go unseen.
  setup.lag.reset();
  await new Promise((r) => setTimeout(r, 5));
  const cpu = process.cpuUsage();
  const outcome = await round(setup);
  if (record) {
    const used = process.cpuUsage(cpu);
    record.cpuMs.push((used.user + used.system) / 1000);
    record.lagMs.push(setup.lag.max / 1e6);
    if (outcome.emitMs !== undefined) record.emitMs.push(outcome.emitMs);
  }
  const left = ROUND_MS - (performance.now() - started);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
  return outcome;
}

function lostOf(reply: CollectReply, sent: readonly string[], n: number): number {
  return sent.reduce((lost, key) => lost + Math.max(0, n - (reply.rounds[key]?.length ?? 0)), 0);
}

function samplesOf(reply: CollectReply, sent: readonly string[]): number[] {
  return sent.flatMap((key) => reply.rounds[key] ?? []);
}

async function connectPools(setup: Setup, n: number): Promise<{ mamoru: number; raw: number }> {
  const timeoutMs = QUICK ? 60_000 : 180_000;
  const rawReply = await setup.sockets.connect({
    op: 'connect',
    pool: 'raw',
    url: setup.raw.url,
    total: n,
    batch: CONNECT_BATCH,
    readyEvent: 'ready',
    event: 'raw',
    stampField: 'sentAtMs',
    timeoutMs,
  });
  if (rawReply.connected < n)
    throw new Error(`raw: ${rawReply.connected} of ${n} sockets connected (${rawReply.firstError ?? 'timeout'})`);
  const mamoruReply = await setup.sockets.connect({
    op: 'connect',
    pool: 'mamoru',
    url: `${setup.server.url}/audience`,
    auth: { gameId: setup.gameId },
    total: n,
    batch: CONNECT_BATCH,
    readyEvent: 'snapshot',
    event: 'update',
    stampField: 'tickClosedAtMs',
    timeoutMs,
  });
  if (mamoruReply.connected < n)
    throw new Error(
      `Mamoru: ${mamoruReply.connected} of ${n} audience sockets admitted ` +
        `(${mamoruReply.refused} refused, ${mamoruReply.failed} failed: ${mamoruReply.firstError ?? 'timeout'})`,
    );
  return { mamoru: mamoruReply.ms, raw: rawReply.ms };
}

async function measureSize(setup: Setup, n: number): Promise<SizeResult> {
  progress(`push: ${n.toLocaleString('en-US')} sockets per pool: connecting`);
  const connectMs = await connectPools(setup, n);
  progress(
    `push: ${n.toLocaleString('en-US')} sockets connected (raw ${fmtMs(connectMs.raw)}, Mamoru ` +
      `${fmtMs(connectMs.mamoru)}); ${WARMUP_ROUNDS} warm-up and ${ROUNDS} measured rounds each`,
  );
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    await paced(setup, rawRound);
    await paced(setup, mamoruRound);
  }
  await setup.sockets.collect('raw');
  await setup.sockets.collect('mamoru');

  const sent = { mamoru: [] as string[], raw: [] as string[] };
  const incomplete = { mamoru: 0, raw: 0 };
  const perRound = { mamoru: roundRecord(), raw: roundRecord() };
  const pressureBefore = cpuPressureUs();
  const metricsBefore = await pushMetric(setup);
  const cpuBefore = { server: process.cpuUsage(), client: cpuSeconds(setup.sockets.pid ?? 0) ?? 0 };
  const wallStart = performance.now();
  const rounds = await boundedLoop({ count: ROUNDS, maxMs: QUICK ? 40_000 : 180_000, minCount: 3 }, async () => {
    const r = await paced(setup, rawRound, perRound.raw);
    sent.raw.push(r.key);
    if (!r.complete) incomplete.raw++;
    const m = await paced(setup, mamoruRound, perRound.mamoru);
    sent.mamoru.push(m.key);
    if (!m.complete) incomplete.mamoru++;
  });
  const serverCpu = process.cpuUsage(cpuBefore.server);
  const clientCpu = (cpuSeconds(setup.sockets.pid ?? 0) ?? 0) - cpuBefore.client;
  const wallS = (performance.now() - wallStart) / 1000;
  const pressureAfter = cpuPressureUs();
  const metricsAfter = await pushMetric(setup);
  // Late receipts (after a round's timeout) still count as received, with their latency.
  const rawReply = await setup.sockets.collect('raw');
  const mamoruReply = await setup.sockets.collect('mamoru');
  const reasons = Object.entries({ ...rawReply.disconnectReasons, ...mamoruReply.disconnectReasons })
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  return {
    n,
    mamoru: stats(samplesOf(mamoruReply, sent.mamoru)),
    raw: stats(samplesOf(rawReply, sent.raw)),
    roundP99: {
      mamoru: median(sent.mamoru.map((key) => stats(mamoruReply.rounds[key] ?? []).p99).filter(Number.isFinite)),
      raw: median(sent.raw.map((key) => stats(rawReply.rounds[key] ?? []).p99).filter(Number.isFinite)),
    },
    lost: {
      mamoru: lostOf(mamoruReply, sent.mamoru, n),
      raw: lostOf(rawReply, sent.raw, n),
      expected: n * rounds,
    },
    rounds,
    incomplete,
    gaps: mamoruReply.gaps,
    disconnects: reasons || 'none',
    connectMs,
    perRound,
    cpuPressure:
      pressureBefore !== undefined && pressureAfter !== undefined
        ? (pressureAfter - pressureBefore) / 1000 / (wallS * 1000)
        : undefined,
    pipelineMeanMs:
      metricsAfter.count > metricsBefore.count
        ? ((metricsAfter.sum - metricsBefore.sum) / (metricsAfter.count - metricsBefore.count)) * 1000
        : NaN,
    cpu: { serverS: (serverCpu.user + serverCpu.system) / 1e6, clientS: clientCpu, wallS },
  };
}

async function pushMetric(setup: Setup): Promise<{ sum: number; count: number }> {
  const response = await fetch(`${setup.server.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
  return histogramTotals(await response.text(), 'mamoru_push_latency_seconds', 'namespace="audience"');
}

// ----- API -----

function apiLoad(setup: Setup, count: number): Promise<HttpReply> {
  return setup.api.http({
    op: 'http',
    baseUrl: setup.server.url,
    requests: setup.members.map((m) => ({ path: `/api/games/${setup.gameId}/teams/${m.teamId}`, token: m.token })),
    count,
    concurrency: API_CONCURRENCY,
    maxMs: QUICK ? 30_000 : 90_000,
  });
}

interface LoadedApi {
  reply: HttpReply;
  /** The pushes during the run: what the sockets received, the keys sent and their commit times. */
  pushes: CollectReply;
  sent: string[];
  pushAtMs: number[];
  n: number;
  /** Share of the run in which some task waited for a CPU (PSI), if known. */
  pressure?: number;
}

/** Share of the last `wallMs` in which some task waited for a CPU, from a PSI total read at its start. */
function pressureShare(before: number | undefined, wallMs: number): number | undefined {
  const after = cpuPressureUs();
  return before === undefined || after === undefined ? undefined : (after - before) / 1000 / wallMs;
}

/**
 * The API run while the `n` sockets of each pool stay connected and a tick is pushed every second
 * (the same warm-up first as on the idle server, also under the pushes).
 */
async function apiUnderPushes(setup: Setup, n: number): Promise<LoadedApi> {
  progress(`push: ${API_REQUESTS} team dashboard reads while ${n.toLocaleString('en-US')} sockets get a push a second`);
  let finished = false;
  const run = (async () => {
    await apiLoad(setup, API_WARMUP_REQUESTS);
    return apiLoad(setup, API_REQUESTS);
  })().finally(() => {
    finished = true;
  });
  run.catch(() => undefined);
  const sent: string[] = [];
  const pushAtMs: number[] = [];
  const started = performance.now();
  const pressureBefore = cpuPressureUs();
  const maxMs = 2 * (QUICK ? 30_000 : 90_000) + ROUND_TIMEOUT_MS;
  for (let i = 0; i < 200 && !finished && performance.now() - started < maxMs; i++) {
    const round = await paced(setup, mamoruRound);
    sent.push(round.key);
    pushAtMs.push(round.atMs);
  }
  const reply = await run;
  const pressure = pressureShare(pressureBefore, performance.now() - started);
  return { reply, pushes: await setup.sockets.collect('mamoru'), sent, pushAtMs, n, pressure };
}

/** Of the requests slower than `thresholdMs`, how many were in flight within `windowMs` after a commit. */
function slowNearPushes(loaded: LoadedApi, thresholdMs: number, windowMs: number) {
  const { samples, sentAtMs } = loaded.reply;
  let slow = 0;
  let near = 0;
  for (let i = 0; i < samples.length; i++) {
    if (samples[i] <= thresholdMs) continue;
    slow++;
    const start = sentAtMs[i];
    const end = start + samples[i];
    if (loaded.pushAtMs.some((at) => start < at + windowMs && end > at)) near++;
  }
  const first = Math.min(...sentAtMs);
  const last = Math.max(...sentAtMs.map((at, i) => at + samples[i]));
  const covered = loaded.pushAtMs.reduce(
    (sum, at) => sum + Math.max(0, Math.min(last, at + windowMs) - Math.max(first, at)),
    0,
  );
  return { slow, near, share: Math.min(1, covered / Math.max(1, last - first)) };
}

// ----- breakdown -----

function viewCosts(state: GameState) {
  const time = (fn: () => unknown) =>
    median(
      Array.from({ length: 20 }, () => {
        const t0 = performance.now();
        fn();
        return performance.now() - t0;
      }),
    );
  const now = Date.now();
  return {
    audience: time(() => JSON.stringify(audienceView(state, null, now))),
    control: time(() => JSON.stringify(controlView(state, now))),
    teams: time(() => state.teamOrder.map((id) => JSON.stringify(teamView(state, id, now)))),
    audienceBytes: JSON.stringify(audienceView(state, null, now)).length,
    controlBytes: JSON.stringify(controlView(state, now)).length,
    teamBytes: state.teamOrder.reduce((sum, id) => sum + JSON.stringify(teamView(state, id, now)).length, 0),
  };
}

// ----- rows and notes -----

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function fmtStats(s: Stats): string {
  return `p50 ${fmtMs(s.p50)} / p99 ${fmtMs(s.p99)} / max ${fmtMs(s.max)}`;
}

function pushFigure(n: number): string {
  const letter = SIZES.indexOf(n) === 0 ? 'a' : 'b';
  return `7${letter}. Push, tick committed → \`update\` received, ${n.toLocaleString('en-US')} audience sockets`;
}

function pushRow(r: SizeResult): Row {
  const ratio = r.mamoru.p99 / r.raw.p99;
  return {
    figure: pushFigure(r.n),
    measured: fmtStats(r.mamoru),
    baseline: `${fmtStats(r.raw)} (raw Socket.IO broadcast)`,
    ratio: fmtRatio(ratio),
    aim: `p99 ≤ ${AIM_RATIO}× raw`,
    pass: ratio <= AIM_RATIO,
    headroom: AIM_RATIO / ratio,
    why:
      `at ${r.n.toLocaleString('en-US')} sockets a Mamoru round costs the server process ` +
      `${fmtMs(median(r.perRound.mamoru.cpuMs))} of CPU at p50 against ${fmtMs(median(r.perRound.raw.cpuMs))} for a ` +
      `raw broadcast, and ${fmtMs(r.pipelineMeanMs)} pass on average from the commit to all ${TEAMS + 2} views of ` +
      `the push handed to Socket.IO (its push metric); the client process spends ` +
      `${fmtMs((r.cpu.clientS * 1000) / Math.max(1, r.rounds * 2))} of CPU per round receiving` +
      (r.cpuPressure === undefined ? '' : `; tasks waited for a CPU ${pct(r.cpuPressure)} of the time`),
  };
}

function pct(share: number): string {
  return `${(share * 100).toFixed(0)} %`;
}

function pushErrorRow(n: number, message: string): Row {
  return {
    figure: pushFigure(n),
    measured: `error: ${message}`,
    baseline: '',
    ratio: '',
    aim: `p99 ≤ ${AIM_RATIO}× raw`,
    pass: false,
  };
}

function lostRow(results: SizeResult[]): Row {
  const text = (pick: (r: SizeResult) => number) =>
    results
      .map((r) => `${pick(r)} of ${r.lost.expected.toLocaleString('en-US')} @${r.n.toLocaleString('en-US')}`)
      .join('; ');
  const lost = results.reduce((sum, r) => sum + r.lost.mamoru, 0);
  return {
    figure: '7c. Pushes lost (sockets × rounds never received)',
    measured: text((r) => r.lost.mamoru),
    baseline: `${text((r) => r.lost.raw)} (raw)`,
    ratio: '',
    aim: '0',
    pass: lost === 0,
    why:
      lost === 0
        ? undefined
        : results
            .map(
              (r) =>
                `@${r.n}: ${r.lost.mamoru} lost, ${r.incomplete.mamoru} of ${r.rounds} rounds incomplete at ` +
                `${ROUND_TIMEOUT_MS / 1000} s, ${r.gaps} seq gaps seen by clients, disconnects: ${r.disconnects}`,
            )
            .join('; '),
  };
}

function apiRow(
  idle: HttpReply,
  loadedRun: LoadedApi | undefined,
  size: SizeResult | undefined,
  idleCpuMsPerRequest: number,
): Row {
  const loaded = loadedRun?.reply;
  const n = loadedRun?.n ?? SIZES[SIZES.length - 1];
  const figure =
    `7d. API, team dashboard read (\`GET /api/games/:id/teams/:teamId\`) under ` +
    `${n.toLocaleString('en-US')} audience sockets and a push a second`;
  const b = stats(idle.samples);
  if (!loadedRun || !loaded || loaded.samples.length === 0) {
    return {
      figure,
      measured: `error: ${loaded ? `no answer (${loaded.firstError ?? 'no requests'})` : 'not measured (see the rows above)'}`,
      baseline: `p50 ${fmtMs(b.p50)} / p99 ${fmtMs(b.p99)} (idle server)`,
      ratio: '',
      aim: `p99 ≤ ${AIM_API_P99_MS} ms`,
      pass: false,
    };
  }
  const m = stats(loaded.samples);
  const failed = loaded.errors + Object.entries(loaded.statuses).reduce((s, [k, v]) => s + (k === '200' ? 0 : v), 0);
  const near = slowNearPushes(loadedRun, b.p99, 250);
  return {
    figure,
    measured: `p50 ${fmtMs(m.p50)} / p99 ${fmtMs(m.p99)} / max ${fmtMs(m.max)}`,
    baseline: `p50 ${fmtMs(b.p50)} / p99 ${fmtMs(b.p99)} (idle server)`,
    ratio: fmtRatio(m.p99 / b.p99),
    aim: `p99 ≤ ${AIM_API_P99_MS} ms`,
    pass: m.p99 <= AIM_API_P99_MS && failed === 0,
    headroom: AIM_API_P99_MS / m.p99,
    why:
      `${m.n} requests, ${failed} not 200; a broadcast to ${n.toLocaleString('en-US')} sockets holds the ` +
      `server's event loop for ${size ? fmtMs(median(size.perRound.raw.emitMs)) : 'n/a'} at p50 (Socket.IO's ` +
      `synchronous write loop, the raw \`emit\` timed), and ${near.near} of the ${near.slow} requests slower than ` +
      `the idle p99 were in flight within 250 ms after a tick's commit, a window covering ${pct(near.share)} of ` +
      `the run; each request costs the server ${fmtMs(idleCpuMsPerRequest)} of CPU when idle, so ` +
      `${API_CONCURRENCY} in flight queue for about ${fmtMs(idleCpuMsPerRequest * API_CONCURRENCY)}`,
  };
}

function apiNote(reply: HttpReply, label: string, pressure: number | undefined): string {
  const s = stats(reply.samples);
  const statuses = Object.entries(reply.statuses)
    .map(([status, count]) => `${count}× ${status}`)
    .join(', ');
  return (
    `${label[0].toUpperCase()}${label.slice(1)}: ${s.n} answers in ${fmtMs(reply.ms)} ` +
    `(${((s.n / reply.ms) * 1000).toFixed(0)} req/s; ${statuses || 'none'}` +
    `${reply.errors > 0 ? `; ${reply.errors} errors, first: ${reply.firstError}` : ''}` +
    `${pressure === undefined ? '' : `; tasks waited for a CPU ${pct(pressure)} of the time`}), ` +
    `p50 ${fmtMs(s.p50)}, p99 ${fmtMs(s.p99)}, max ${fmtMs(s.max)}.`
  );
}

function loadedNote(loaded: LoadedApi, idleP99: number): string {
  const windowMs = 250;
  const near = slowNearPushes(loaded, idleP99, windowMs);
  return (
    `During the loaded run ${loaded.sent.length === 1 ? '1 tick was' : `${loaded.sent.length} ticks were`} ` +
    `pushed to ${loaded.n.toLocaleString('en-US')} ` +
    `sockets (push p99 ${fmtMs(stats(samplesOf(loaded.pushes, loaded.sent)).p99)}, ` +
    `${lostOf(loaded.pushes, loaded.sent, loaded.n)} updates lost). Of the ${near.slow} requests slower than the ` +
    `idle p99, ${near.near} were in flight within ${windowMs} ms after a tick's commit, a window that covers ` +
    `${(near.share * 100).toFixed(0)} % of the run.`
  );
}

function sizeNote(r: SizeResult): string {
  const n = r.n.toLocaleString('en-US');
  const cpuShare = (s: number) => `${((s / r.cpu.wallS) * 100).toFixed(0)} %`;
  return (
    `${n} sockets per pool: connected in ${fmtMs(r.connectMs.raw)} (raw) and ${fmtMs(r.connectMs.mamoru)} ` +
    `(Mamoru, each admitted with a snapshot), ${CONNECT_BATCH} at a time; ${r.rounds} rounds each, ` +
    `${(r.rounds * r.n).toLocaleString('en-US')} receipts expected per figure, ${r.mamoru.n.toLocaleString('en-US')} ` +
    `Mamoru and ${r.raw.n.toLocaleString('en-US')} raw received. Rounds not complete within ` +
    `${ROUND_TIMEOUT_MS / 1000} s: ${r.incomplete.mamoru} Mamoru, ${r.incomplete.raw} raw; seq gaps seen by ` +
    `clients ${r.gaps}; disconnects ${r.disconnects}. Mean: Mamoru ${fmtMs(r.mamoru.mean)}, raw ` +
    `${fmtMs(r.raw.mean)}. Median over rounds of the round's p99: Mamoru ${fmtMs(r.roundP99.mamoru)}, raw ` +
    `${fmtMs(r.roundP99.raw)} (${fmtRatio(r.roundP99.mamoru / r.roundP99.raw)}). Server push metric (commit → views handed to Socket.IO, mean) ` +
    `${fmtMs(r.pipelineMeanMs)}. Bench process (the servers and the worker's append) per round, p50 / max: CPU ` +
    `Mamoru ${fmtMs(median(r.perRound.mamoru.cpuMs))} / ${fmtMs(Math.max(...r.perRound.mamoru.cpuMs))}, raw ` +
    `${fmtMs(median(r.perRound.raw.cpuMs))} / ${fmtMs(Math.max(...r.perRound.raw.cpuMs))}; worst event-loop ` +
    `delay Mamoru ${fmtMs(median(r.perRound.mamoru.lagMs))} / ${fmtMs(Math.max(...r.perRound.mamoru.lagMs))}, raw ` +
    `${fmtMs(median(r.perRound.raw.lagMs))} / ${fmtMs(Math.max(...r.perRound.raw.lagMs))}; the raw \`emit\` ` +
    `itself (synchronous: Socket.IO writes to every socket of the room before it returns) ` +
    `${fmtMs(median(r.perRound.raw.emitMs))} / ${fmtMs(Math.max(...r.perRound.raw.emitMs))}. ` +
    (r.cpuPressure === undefined
      ? ''
      : `Some task of the machine waited for a CPU ${pct(r.cpuPressure)} of the measured time ` +
        `(/proc/pressure/cpu; this bench's own processes count too). `) +
    `CPU over the measured rounds ` +
    `(${r.cpu.wallS.toFixed(0)} s): server process ${cpuShare(r.cpu.serverS)} of a core, client process ` +
    `${cpuShare(r.cpu.clientS)}, i.e. ${((r.cpu.clientS * 1e6) / Math.max(1, r.mamoru.n + r.raw.n)).toFixed(0)} µs ` +
    `of client CPU per message received: the last of ${n} sockets gets its message at least ${n} times that ` +
    `after the first, whatever the server does.`
  );
}
