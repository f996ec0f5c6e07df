import type { LedgerEntry, StoredEvent } from '@mamoru/domain';
import { foldEvents, LedgerCollector } from '@mamoru/domain';
import { readArchive } from '@mamoru/engine';
import { makeTempDir, runMamoru } from '@mamoru/testing';
import { join } from 'node:path';

/**
 * Whole games through the real parts: the CLI process, Redis + BullMQ, the PGlite event log and
 * one bundled shop per team over HTTP, with mixed bots (team 1 fixes early, 2 late, 3 never).
 */
const SCENARIO = 'test/fixtures/mini.yaml';

interface Run {
  standings: {
    gameTime: string;
    teams: { team: string; rank: number; esc: number; units: Record<string, number | null> }[];
  };
  events: StoredEvent[];
  ledger: LedgerEntry[];
}

async function runGame(dataDir: string, game: string): Promise<Run> {
  const out = join(dataDir, `${game}.ndjson.gz`);
  const result = await runMamoru(
    [
      'run',
      '--scenario',
      SCENARIO,
      '--game',
      game,
      '--teams',
      '3',
      '--bots',
      'mixed',
      '--fast',
      '--json',
      '--out',
      out,
    ],
    { env: { MAMORU_DATA_DIR: dataDir, DATABASE_URL: '' } },
  );
  if (result.code !== 0) throw new Error(`mamoru run failed (${result.code}):\n${result.stderr}`);
  const { events } = await readArchive(out);
  const ledger = new LedgerCollector();
  foldEvents(undefined, events, ledger);
  return { standings: JSON.parse(result.stdout), events, ledger: ledger.entries };
}

/**
 * Events equal apart from wall-clock timestamps and generated ids (seq, game id). Attacks of one
 * minute run concurrently on every team (fairness), so their facts may be appended in any order:
 * facts are compared in (game time, key) order.
 */
function comparable(events: StoredEvent[]): unknown[] {
  return [...events]
    .sort((a, b) => a.gameMs - b.gameMs || a.key.localeCompare(b.key))
    .map(({ wallMs: _w, gameId: _g, seq: _s, ...rest }) =>
      rest.type === 'game.created' ? { ...rest, data: { ...rest.data, gameId: '' } } : rest,
    );
}

/** Each team's ledger in order, without the seq of the causing event. */
function ledgersByTeam(ledger: LedgerEntry[]): Record<string, unknown[]> {
  const byTeam: Record<string, unknown[]> = {};
  for (const { seq: _s, ...entry } of ledger) (byTeam[entry.teamId] ??= []).push(entry);
  return byTeam;
}

describe('a headless game, end to end', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let first: Run;
  let second: Run;

  beforeAll(async () => {
    dir = await makeTempDir();
    first = await runGame(dir.path, 'determinism-a');
    second = await runGame(dir.path, 'determinism-b');
  }, 600_000);

  afterAll(async () => {
    await dir?.remove();
  });

  it('repeats exactly: same scenario, seed and bots give the same standings, facts and ledgers', () => {
    expect(first.standings.gameTime).toBe('00:40');
    expect(first.standings.teams).toHaveLength(3);
    expect(second.standings).toEqual(first.standings);
    expect(comparable(second.events)).toEqual(comparable(first.events));
    expect(ledgersByTeam(second.ledger)).toEqual(ledgersByTeam(first.ledger));
  });

  it('replays the archive to the run’s final standings, and to earlier times', async () => {
    const out = join(dir.path, 'determinism-a.ndjson.gz');
    const replay = await runMamoru(['replay', out, '--json']);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toEqual(first.standings);
    const early = await runMamoru(['replay', out, '--at', '00:05', '--json']);
    expect(JSON.parse(early.stdout).gameTime).toBe('00:05');
    expect(JSON.parse(early.stdout).teams[0].esc).toBeLessThan(first.standings.teams[0].esc);
  });

  it('a team that fixed before the attacks blocks them and keeps its trust; one that never fixed is hit', () => {
    const attacks = (teamId: string) =>
      first.events.filter(
        (e): e is Extract<StoredEvent, { type: 'attack.finished' }> =>
          e.type === 'attack.finished' && e.data.teamId === teamId,
      );
    const early = attacks('team-1');
    const never = attacks('team-3');
    expect(early.map((e) => e.data.outcome)).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
    expect(never.map((e) => e.data.outcome)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);

    const state = foldEvents(undefined, first.events);
    const fixer = state.teams['team-1'];
    const victim = state.teams['team-3'];
    expect(fixer.attacksBlocked).toBe(4);
    expect(victim.attacksBlocked).toBe(0);
    expect(fixer.downtimeMinutes).toBe(0);
    expect(victim.downtimeMinutes).toBeGreaterThan(10); // defaced from 00:10 on
    expect(fixer.trustMicro).toBeGreaterThan(victim.trustMicro + 300_000); // two leaks and defacement
    expect(fixer.revenueYen).toBeGreaterThan(victim.revenueYen);

    const causes = (teamId: string) =>
      new Set(first.ledger.filter((e) => e.teamId === teamId).map((e) => e.cause.kind));
    expect(causes('team-3').has('leak')).toBe(true);
    expect(causes('team-3').has('defaced')).toBe(true);
    expect(causes('team-1').has('leak')).toBe(false);
    const victimOrders = first.events.filter(
      (e): e is Extract<StoredEvent, { type: 'crawl.observed' }> =>
        e.type === 'crawl.observed' && e.data.teamId === 'team-3',
    );
    // Defaced from 00:10: customers stop buying there, so the tampered prices only matter if it sells.
    expect(victimOrders.filter((e) => e.data.tick > 12).every((e) => e.data.probe === 'defaced')).toBe(true);
  });

  it('ranks the team that defended first', () => {
    expect(first.standings.teams[0].team).toBe('team-1');
    expect(first.standings.teams[first.standings.teams.length - 1].team).toBe('team-3');
  });
});
