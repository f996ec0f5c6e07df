import type { GameState, NewEvent } from '@mamoru/domain';
import { GameStateProjection, RedisTickPublisher, redisOptionsFromUrl } from '@mamoru/engine';
import type { EventStore } from '@mamoru/event-store';
import { openEventStore } from '@mamoru/event-store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchOutcome, Row } from './bench-kit';
import {
  boundedLoop,
  DATABASE_URL,
  errorText,
  fmtMs,
  fmtRatio,
  progress,
  QUICK,
  REDIS_URL,
  stats,
  uniqueSuffix,
} from './bench-kit';
import type { RawInserter } from './raw-insert';
import { rawPglite, rawPostgres } from './raw-insert';
import type { SyntheticGame } from './synthetic-game';
import { loadScenario, syntheticGame, tickEvents } from './synthetic-game';

/**
 * Figure 3: closing a tick at 20 teams, given the crawler's observations: append the 20 facts +
 * `tick.closed`, fold them onto the projection, save the snapshot, publish `{game, tick, seq}` to
 * Redis. This is `TickScorer.scoreTick` after its crawl, line for line, with the same parts
 * (`EventStore.append`, `GameStateProjection.advance`, `EventStore.saveSnapshot`,
 * `RedisTickPublisher.publish`): `scoreTick` crawls real shops itself and has no seam to take
 * precomputed observations, so the few lines after the crawl are repeated here (`closeTick`).
 *
 * The game is filled with the first ticks of a synthetic 8-hour game (untimed), then the last
 * ticks are measured: the state is at its largest there. Before each measured tick the minute's
 * other events are appended and the projection read, as the runner and `scoreTick` do (untimed).
 */
const TEAMS = 20;
const AIM_P99_MS = 50;

interface Phases {
  append: number;
  fold: number;
  snapshot: number;
  publish: number;
}

/** What `TickScorer.scoreTick` does once it has the observations (see its source). */
async function closeTick(
  store: EventStore,
  projection: GameStateProjection,
  publisher: RedisTickPublisher,
  gameId: string,
  tick: number,
  events: NewEvent[],
): Promise<{ state: GameState; phases: Phases }> {
  const t0 = performance.now();
  const result = await store.append(gameId, events);
  const t1 = performance.now();
  const next = result.appended.length === events.length ? projection.advance(result.appended) : undefined;
  const folded = next ?? (await projection.current());
  const t2 = performance.now();
  await store.saveSnapshot(gameId, folded.seq, folded);
  const t3 = performance.now();
  await publisher.publish({ gameId, tick, seq: folded.seq });
  const t4 = performance.now();
  return { state: folded, phases: { append: t1 - t0, fold: t2 - t1, snapshot: t3 - t2, publish: t4 - t3 } };
}

export async function tickCloseBench(): Promise<BenchOutcome> {
  const scenario = loadScenario('scenarios/classic.yaml');
  const game = syntheticGame({ scenario, teams: TEAMS, ticks: scenario.durationMinutes });
  const measuredTicks = QUICK ? 20 : 120;
  const rows: Row[] = [];
  const notes: string[] = [];
  const suffix = uniqueSuffix().replace(/-/g, '_');

  for (const kind of ['postgres', 'pglite'] as const) {
    const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
    let store: EventStore | undefined;
    let raw: RawInserter | undefined;
    let publisher: RedisTickPublisher | undefined;
    const dir = kind === 'pglite' ? await mkdtemp(join(tmpdir(), 'mamoru-bench-tick-')) : undefined;
    const gameId = `bench-tick-${uniqueSuffix()}`;
    try {
      store = await openEventStore(kind === 'postgres' ? { databaseUrl: DATABASE_URL } : { dataDir: dir });
      raw =
        kind === 'postgres'
          ? await rawPostgres(DATABASE_URL, `bench_scratch_tick_${suffix}`)
          : await rawPglite('bench_scratch_tick');
      publisher = new RedisTickPublisher(redisOptionsFromUrl(REDIS_URL));
      const result = await measure(label, store, raw, publisher, game, gameId, measuredTicks);
      rows.push(result.row);
      notes.push(...result.notes);
    } catch (error) {
      rows.push({
        figure: `3${label === 'PostgreSQL' ? 'a' : 'b'}. Tick close, ${TEAMS} teams, ${label}`,
        measured: `error: ${errorText(error)}`,
        baseline: '',
        ratio: '',
        aim: `p99 ≤ ${AIM_P99_MS} ms`,
        pass: false,
      });
    } finally {
      await store?.deleteGame(gameId).catch(() => undefined);
      await raw?.close().catch(() => undefined);
      await publisher?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }
  notes.push(
    `Baseline per tick: the raw driver insert of the same ${TEAMS + 1} rows in one transaction (figure 2's baseline) ` +
      `plus \`JSON.stringify\` of the new state: the least a tick close could cost on this database. Measured and baseline ` +
      `alternate tick by tick. Ratio: measured p99 over baseline p99.`,
  );
  return { title: 'Tick close', rows, notes };
}

async function measure(
  label: string,
  store: EventStore,
  raw: RawInserter,
  publisher: RedisTickPublisher,
  game: SyntheticGame,
  gameId: string,
  measuredTicks: number,
): Promise<{ row: Row; notes: string[] }> {
  const first = game.minutes.length - measuredTicks + 1;
  progress(`tick close ${label}: filling ticks 1-${first - 1}, then measuring ticks ${first}-${game.minutes.length}`);
  await store.deleteGame(gameId);
  const creation = game.creation.map((e) =>
    e.type === 'game.created' ? ({ ...e, data: { ...e.data, gameId } } as NewEvent) : e,
  );
  const fill: NewEvent[] = [...creation];
  for (const minute of game.minutes.slice(0, first - 1)) fill.push(...minute.before, ...tickEvents(minute));
  for (let i = 0; i < fill.length; i += 1000) await store.append(gameId, fill.slice(i, i + 1000));
  const projection = new GameStateProjection(store, gameId);
  const start = await projection.current();
  if (start.tick !== first - 1) throw new Error(`the filled game is at tick ${start.tick}, not ${first - 1}`);

  const totals: number[] = [];
  const baselines: number[] = [];
  const reads: number[] = [];
  const phases: Phases[] = [];
  let stateBytes = 0;
  await boundedLoop({ count: measuredTicks, maxMs: QUICK ? 20_000 : 60_000, minCount: 5 }, async (i) => {
    const minute = game.minutes[first - 1 + i];
    // Untimed: the minute's injects, attacks and actions, then scoreTick's reads before its crawl.
    if (minute.before.length > 0) await store.append(gameId, minute.before);
    const r0 = performance.now();
    if (await store.hasKey(gameId, `tick:${minute.tick}`)) throw new Error(`tick ${minute.tick} is already closed`);
    await projection.current();
    reads.push(performance.now() - r0);

    const events = tickEvents(minute);
    const t0 = performance.now();
    const { state, phases: p } = await closeTick(store, projection, publisher, gameId, minute.tick, events);
    totals.push(performance.now() - t0);
    phases.push(p);
    if (state.tick !== minute.tick) throw new Error(`tick ${minute.tick} did not close (state at ${state.tick})`);

    const b0 = performance.now();
    await raw.insert(gameId, events);
    stateBytes = JSON.stringify(state).length;
    baselines.push(performance.now() - b0);
  });

  const m = stats(totals);
  const b = stats(baselines);
  const phase = (k: keyof Phases) => fmtMs(stats(phases.map((p) => p[k])).p50);
  const phase99 = (k: keyof Phases) => fmtMs(stats(phases.map((p) => p[k])).p99);
  return {
    row: {
      figure: `3${label === 'PostgreSQL' ? 'a' : 'b'}. Tick close, ${TEAMS} teams, ${label} (facts → fold → snapshot → publish)`,
      measured: `p50 ${fmtMs(m.p50)} / p99 ${fmtMs(m.p99)} / max ${fmtMs(m.max)}`,
      baseline: `p50 ${fmtMs(b.p50)} / p99 ${fmtMs(b.p99)}`,
      ratio: fmtRatio(m.p99 / b.p99),
      aim: `p99 ≤ ${AIM_P99_MS} ms`,
      pass: m.p99 <= AIM_P99_MS,
      headroom: AIM_P99_MS / m.p99,
      why:
        `the snapshot (the whole state, ${(stateBytes / 1024).toFixed(0)} KB of jsonb, every tick) takes ` +
        `${phase('snapshot')} of the ${fmtMs(m.p50)} at p50 and ${phase99('snapshot')} at p99; append ` +
        `${phase('append')}, fold ${phase('fold')} (p99 ${phase99('fold')})`,
    },
    notes: [
      `${label}: ${m.n} ticks (${first}-${first + m.n - 1} of ${game.minutes.length}); phases at p50 (p99): append ` +
        `${phase('append')} (${phase99('append')}), fold ${phase('fold')} (${phase99('fold')}), snapshot ` +
        `${phase('snapshot')} (${phase99('snapshot')}, ${(stateBytes / 1024).toFixed(0)} KB of JSON), publish ` +
        `${phase('publish')} (${phase99('publish')}). Not in the figure: \`scoreTick\`'s reads before its crawl ` +
        `(\`hasKey\` + \`projection.current()\`, which folds the minute's other events) p50 ${fmtMs(stats(reads).p50)}, ` +
        `p99 ${fmtMs(stats(reads).p99)}.`,
    ],
  };
}
