import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GameEventSchema } from '../events/events';
import { ScenarioFileSchema } from '../scenario/schema';
import type { LedgerEntry } from '../scoring/ledger';
import { awards, standings } from '../scoring/standings';
import { foldWithLedger } from '../testing-support/fold';
import { GOLDEN_SCENARIO, goldenLog, HAND_EXPECTED, TEAM_AKANE, TEAM_BOTAN, TEAM_CHIDORI } from './golden/hand-log';
import type { TeamState } from './state';

/**
 * The golden game (golden/hand-log.ts): a hand-written log whose final figures were worked out by
 * hand from game-model.md. `golden/hand-standings.json` is the byte-for-byte regression guard; it
 * is written by a person after checking the numbers, never by this test.
 */
const GOLDEN_STANDINGS_FILE = join(__dirname, 'golden', 'hand-standings.json');

describe('golden game (hand-computed)', () => {
  const events = goldenLog();
  const { state, ledger } = foldWithLedger(events);

  it('uses the default rule values of game-model.md, as schema.ts defines them', () => {
    const defaults = ScenarioFileSchema.parse({
      id: 'defaults',
      title: { ja: 'x', en: 'x' },
      products: [{ id: 'p', name: { ja: 'p', en: 'p' }, listPriceYen: 1, unitCostYen: 1, initialStock: 0 }],
      demand: [{ at: '00:00', customersPerTick: 0 }],
    });
    expect(GOLDEN_SCENARIO.economy).toEqual(defaults.economy);
    expect(GOLDEN_SCENARIO.trust).toEqual(defaults.trust);
    expect(GOLDEN_SCENARIO.scoring).toEqual(defaults.scoring);
  });

  it('is a valid log: every payload passes the event schema, seqs are consecutive, game time never goes back', () => {
    events.forEach((event, index) => {
      expect(() => GameEventSchema.parse({ type: event.type, v: event.v, data: event.data })).not.toThrow();
      expect(event.seq).toBe(index + 1);
      if (index > 0) expect(event.gameMs).toBeGreaterThanOrEqual(events[index - 1].gameMs);
    });
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
    expect(state.tick).toBe(65);
    expect(state.ended).toBe(true);
  });

  it('ranks the teams as computed by hand, Chidori before Akane on fewer downtime minutes', () => {
    expect(standings(state)).toEqual(HAND_EXPECTED.standings);
  });

  it.each([TEAM_AKANE, TEAM_BOTAN, TEAM_CHIDORI] as const)('has the hand-computed state for %s', (teamId) => {
    const expected = HAND_EXPECTED.teams[teamId];
    const team = state.teams[teamId];
    const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, team[key as keyof TeamState]]));
    expect(actual).toEqual(expected);
  });

  it('gives the awards computed by hand', () => {
    expect(awards(state)).toEqual(HAND_EXPECTED.awards);
  });

  it('explains the worked example in the ledger, entry by entry', () => {
    const entry = (teamId: string, component: LedgerEntry['component'], kind: string, atMinute: number) =>
      ledger.filter(
        (e) => e.teamId === teamId && e.component === component && e.cause.kind === kind && e.atMinute === atMinute,
      );
    const amounts = (entries: LedgerEntry[]) => entries.map((e) => e.amount);

    // Trust (§5).
    expect(amounts(entry(TEAM_BOTAN, 'trust', 'leak', 2))).toEqual([-200_000]);
    expect(amounts(entry(TEAM_BOTAN, 'trust', 'defaced', 3))).toEqual([-20_000]);
    expect(amounts(entry(TEAM_BOTAN, 'trust', 'notice', 5))).toEqual([120_000]);
    expect(amounts(entry(TEAM_AKANE, 'trust', 'tampered', 5))).toEqual([-20_000]);
    expect(amounts(entry(TEAM_AKANE, 'trust', 'down', 7))).toEqual([-10_000]);
    expect(entry(TEAM_AKANE, 'trust', 'healthy', 8)).toEqual([]); // platform fault: charged to nobody
    expect(amounts(entry(TEAM_AKANE, 'trust', 'unanswered', 32))).toEqual([-20_000]);
    expect(amounts(entry(TEAM_BOTAN, 'trust', 'unanswered', 32))).toEqual([-20_000]);
    expect(entry(TEAM_CHIDORI, 'trust', 'unanswered', 32)).toEqual([]);
    expect(amounts(entry(TEAM_AKANE, 'trust', 'error', 37))).toEqual([-10_000]);
    expect(amounts(entry(TEAM_AKANE, 'trust', 'notice', 38))).toEqual([15_000]);
    expect(amounts(entry(TEAM_AKANE, 'trust', 'healthy', 41))).toEqual([1_000]); // capped at 1.0
    expect(ledger.filter((e) => e.component === 'trust' && e.cause.kind === 'unanswered')).toHaveLength(2);

    // Money (§4).
    expect(amounts(entry(TEAM_BOTAN, 'cash', 'interest', 60))).toEqual([-5_000]);
    expect(ledger.filter((e) => e.cause.kind === 'interest')).toHaveLength(1);
    expect(amounts(entry(TEAM_CHIDORI, 'cash', 'stock', 2))).toEqual([-30_000]);
    expect(amounts(entry(TEAM_AKANE, 'revenue', 'orders', 5))).toEqual([1_000]);
    expect(ledger.filter((e) => e.teamId === TEAM_AKANE && e.atMinute === 8)).toEqual([]);

    // Responses (§6, §9): offered once, at the grade or the window's close, corrections by delta.
    const responses = (teamId: string) =>
      ledger
        .filter((e) => e.teamId === teamId && (e.component === 'offered' || e.component === 'earned'))
        .map((e) => [e.atMinute, e.unit, e.component, e.amount]);
    expect(responses(TEAM_AKANE)).toEqual([
      [43, 'pr', 'offered', 20_000],
      [43, 'pr', 'earned', 13_500],
      [50, 'pr', 'earned', 4_500],
      [61, 'support', 'offered', 10_000],
      [61, 'support', 'earned', 0],
    ]);
    expect(responses(TEAM_BOTAN)).toEqual([
      [43, 'pr', 'offered', 20_000],
      [43, 'pr', 'earned', 20_000],
      [45, 'support', 'offered', 10_000],
      [45, 'support', 'earned', 6_300],
      [63, 'support', 'earned', -700],
    ]);
    expect(responses(TEAM_CHIDORI)).toEqual([
      [30, 'pr', 'offered', 20_000],
      [30, 'pr', 'earned', 10_000],
      [61, 'support', 'offered', 10_000],
      [61, 'support', 'earned', 8_000],
    ]);
  });

  it('matches golden/hand-standings.json byte for byte', () => {
    if (!existsSync(GOLDEN_STANDINGS_FILE)) {
      throw new Error(
        `${GOLDEN_STANDINGS_FILE} is missing. It is the regression guard: write it by hand from the worked ` +
          'example in golden/hand-log.ts, never from the fold.',
      );
    }
    const golden = readFileSync(GOLDEN_STANDINGS_FILE, 'utf8');
    expect(`${JSON.stringify(standings(state), null, 2)}\n`).toBe(golden);
  });

  it('agrees with the hand figures in the golden file too (the file was not written from a wrong fold)', () => {
    if (!existsSync(GOLDEN_STANDINGS_FILE)) throw new Error(`${GOLDEN_STANDINGS_FILE} is missing`);
    expect(JSON.parse(readFileSync(GOLDEN_STANDINGS_FILE, 'utf8'))).toEqual(HAND_EXPECTED.standings);
  });
});
