import type { NewEvent } from '@mamoru/domain';
import type { EventStore } from '@mamoru/event-store';
import { openEventStore } from '@mamoru/event-store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchOutcome, Row } from './bench-kit';
import {
  DATABASE_URL,
  errorText,
  fmtMs,
  fmtRate,
  fmtRatio,
  median,
  progress,
  QUICK,
  stats,
  uniqueSuffix,
} from './bench-kit';
import type { RawInserter } from './raw-insert';
import { rawPglite, rawPostgres } from './raw-insert';
import { loadScenario, newEvents, syntheticGame, tickEvents } from './synthetic-game';

/**
 * Figure 2: `EventStore.append` against raw batched inserts of the same rows on the same kind of
 * database, batches of 21 events (one tick at 20 teams: 20 crawl facts + tick.closed) and of 500
 * (a slice of the whole log). Each round appends the batches one after another; store and raw
 * rounds alternate; events/s is the median over rounds.
 */
const AIM = 0.5;
const TEAMS = 20;

interface Plan {
  size: number;
  batches: NewEvent[][];
}

export async function appendBench(): Promise<BenchOutcome> {
  const scenario = loadScenario('scenarios/classic.yaml');
  const game = syntheticGame({ scenario, teams: TEAMS, ticks: scenario.durationMinutes });
  const all = newEvents(game);
  const tickBatches = game.minutes.map(tickEvents);
  const bigBatches: NewEvent[][] = [];
  for (let i = 0; i + 500 <= all.length; i += 500) bigBatches.push(all.slice(i, i + 500));
  const plans: Plan[] = [
    { size: 21, batches: tickBatches.slice(0, QUICK ? 40 : 240) },
    { size: 500, batches: bigBatches.slice(0, QUICK ? 4 : 16) },
  ];

  const rows: Row[] = [];
  const notes: string[] = [];
  const suffix = uniqueSuffix().replace(/-/g, '_');

  // PostgreSQL: the production store.
  {
    let store: EventStore | undefined;
    let raw: RawInserter | undefined;
    try {
      store = await openEventStore({ databaseUrl: DATABASE_URL });
      raw = await rawPostgres(DATABASE_URL, `bench_scratch_events_${suffix}`);
      await measure('PostgreSQL', store, raw, plans, rows, notes);
    } catch (error) {
      rows.push(failedRow('2. Append, PostgreSQL', error));
    } finally {
      await raw?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
    }
  }
  // PGlite: the embedded store (`mamoru run` without DATABASE_URL), with a data dir as there.
  {
    let store: EventStore | undefined;
    let raw: RawInserter | undefined;
    const dir = await mkdtemp(join(tmpdir(), 'mamoru-bench-pglite-store-'));
    try {
      const opening = performance.now();
      store = await openEventStore({ dataDir: dir });
      const openMs = performance.now() - opening;
      raw = await rawPglite(`bench_scratch_events`);
      notes.push(
        `Opening the PGlite store on a fresh data dir (initdb + migration) took ${fmtMs(openMs)}; not in any figure.`,
      );
      await measure('PGlite', store, raw, plans, rows, notes);
    } catch (error) {
      rows.push(failedRow('2. Append, PGlite', error));
    } finally {
      await raw?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }
  notes.push(
    `The store's append does per batch: BEGIN, upsert-and-lock the game's counter row, look up the batch's keys ` +
      `(idempotency), one unnest INSERT, update the counter, COMMIT: six round trips. The raw baseline is BEGIN, the same ` +
      `unnest INSERT of the same rows (same columns, primary key and unique index: the table is made from the store's own ` +
      `migration), COMMIT: three. Both serialise the payloads to JSON inside the timing. Each store round writes a new ` +
      `game id, and each raw round starts from an empty scratch table; both are removed afterwards.`,
  );
  return { title: 'Append', rows, notes };
}

async function measure(
  label: string,
  store: EventStore,
  raw: RawInserter,
  plans: Plan[],
  rows: Row[],
  notes: string[],
): Promise<void> {
  const rounds = QUICK ? 2 : 3;
  for (const plan of plans) {
    const events = plan.batches.reduce((n, b) => n + b.length, 0);
    progress(`append ${label}: ${plan.batches.length} batches of ${plan.size} × ${rounds} rounds`);
    const storeRates: number[] = [];
    const rawRates: number[] = [];
    const storeLatency: number[] = [];
    const rawLatency: number[] = [];
    const maxRoundMs = QUICK ? 10_000 : 20_000;
    // One warm-up round each, not counted.
    for (let round = -1; round < rounds; round++) {
      const gameId = `bench-append-${uniqueSuffix()}-${plan.size}-${round + 1}`;
      try {
        const s = await runRound(plan.batches, maxRoundMs, async (batch) => {
          const result = await store.append(gameId, batch);
          if (result.skipped !== 0) throw new Error(`the store skipped ${result.skipped} events of a fresh game`);
        });
        const r = await runRound(plan.batches, maxRoundMs, (batch) => raw.insert(gameId, batch));
        if (round >= 0) {
          storeRates.push(s.events / (s.ms / 1000));
          rawRates.push(r.events / (r.ms / 1000));
          storeLatency.push(...s.latencies);
          rawLatency.push(...r.latencies);
        }
      } finally {
        await store.deleteGame(gameId);
        await raw.clear();
      }
    }
    const measured = median(storeRates);
    const baseline = median(rawRates);
    rows.push({
      figure: `2${String.fromCharCode(97 + rows.length)}. Append, ${label}, batches of ${plan.size}`,
      measured: fmtRate(measured, 'events'),
      baseline: fmtRate(baseline, 'events'),
      ratio: fmtRatio(measured / baseline),
      aim: `≥ ${AIM}×`,
      pass: measured / baseline >= AIM,
      headroom: measured / baseline / AIM,
      why:
        `six statements per batch against the baseline's three (counter row, key lookup, counter update): ` +
        `p50 ${fmtMs(stats(storeLatency).p50)} against ${fmtMs(stats(rawLatency).p50)} a batch`,
    });
    const sl = stats(storeLatency);
    const rl = stats(rawLatency);
    notes.push(
      `${label}, batches of ${plan.size} (${events} events a round, ${rounds} rounds): per batch, store p50 ` +
        `${fmtMs(sl.p50)} / p99 ${fmtMs(sl.p99)}, raw p50 ${fmtMs(rl.p50)} / p99 ${fmtMs(rl.p99)}.`,
    );
  }
}

async function runRound(
  batches: NewEvent[][],
  maxMs: number,
  write: (batch: NewEvent[]) => Promise<void>,
): Promise<{ events: number; ms: number; latencies: number[] }> {
  const started = performance.now();
  const latencies: number[] = [];
  let events = 0;
  for (const batch of batches) {
    if (latencies.length > 0 && performance.now() - started > maxMs) break;
    const t0 = performance.now();
    await write(batch);
    latencies.push(performance.now() - t0);
    events += batch.length;
  }
  return { events, ms: performance.now() - started, latencies };
}

function failedRow(figure: string, error: unknown): Row {
  return { figure, measured: `error: ${errorText(error)}`, baseline: '', ratio: '', aim: `≥ ${AIM}×`, pass: false };
}
