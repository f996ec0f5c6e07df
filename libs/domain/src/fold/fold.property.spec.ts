import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { StoredEvent } from '../events/events';
import { GameEventSchema } from '../events/events';
import type { LedgerEntry } from '../scoring/ledger';
import { standings } from '../scoring/standings';
import { expectedSalesCapability, unitScores } from '../scoring/units';
import { renumber } from '../testing-support/events';
import { foldWithLedger } from '../testing-support/fold';
import { randomGameArb } from '../testing-support/random-game';
import { foldEvents } from './fold';
import type { GameState, TeamState } from './state';
import { TRUST_SCALE } from './state';

/**
 * Properties of the fold over random but valid logs (testing-support/random-game.ts). Run counts
 * are moderate so that the file stays within a few seconds.
 */
const RUNS = { numRuns: 30 };

describe('fold properties', () => {
  it('runs on valid logs: schema-valid payloads, consecutive seqs, unique keys, game time never going back', () => {
    fc.assert(
      fc.property(randomGameArb, ({ events }) => {
        const invalid = events.filter(
          (e, i) =>
            !GameEventSchema.safeParse({ type: e.type, v: e.v, data: e.data }).success ||
            e.seq !== i + 1 ||
            (i > 0 && e.gameMs < events[i - 1].gameMs),
        );
        expect(invalid).toEqual([]);
        expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
      }),
      { numRuns: 20 },
    );
  });

  it('(a) is deterministic: the same log gives the same state and the same ledger', () => {
    fc.assert(
      fc.property(randomGameArb, ({ events }) => {
        const first = foldWithLedger(events);
        const second = foldWithLedger(events);
        expectSame(second.state, first.state);
        expectSame(second.ledger, first.ledger);
      }),
      RUNS,
    );
  });

  it('(b) folding in one go equals folding a prefix, snapshotting, and folding the rest onto it', () => {
    fc.assert(
      fc.property(
        randomGameArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        ({ events }, cuts, viaJson) => {
          const whole = foldWithLedger(events);
          const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
          let state: GameState | undefined;
          const ledger: LedgerEntry[] = [];
          let from = 0;
          for (const to of [...points, events.length]) {
            const part = foldWithLedger(events.slice(from, to), state);
            // Snapshots are stored as JSON: a JSON round trip must not change what follows.
            state = viaJson ? (JSON.parse(JSON.stringify(part.state)) as GameState) : part.state;
            ledger.push(...part.ledger);
            from = to;
          }
          expectSame(JSON.parse(JSON.stringify(state)), JSON.parse(JSON.stringify(whole.state)));
          expectSame(ledger, whole.ledger);
          // Folding events the snapshot already holds again changes nothing (snapshot overlap).
          const overlap = foldWithLedger(events.slice(Math.max(0, events.length - 5)), whole.state);
          expect(overlap.ledger).toEqual([]);
          expectSame(overlap.state, whole.state);
        },
      ),
      RUNS,
    );
  });

  it('(c) pausing and resuming the clock anywhere changes no score, team state or ledger entry', () => {
    fc.assert(
      fc.property(
        randomGameArb,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.nat({ max: 3_600_000 }),
        ({ events }, picks, pauseWallMs) => {
          const started = events.findIndex((e) => e.type === 'clock.started');
          const span = events.length - started; // insert before any event after clock.started, or at the end
          const positions = [...new Set(picks.map((p) => started + 1 + (p % span)))].sort((a, b) => a - b);
          if (positions.length % 2 === 1) positions.push(events.length);
          const { events: paused, originalSeq } = insertPauses(events, positions, pauseWallMs);

          const plain = foldWithLedger(events);
          const withPauses = foldWithLedger(paused);
          expectSame(standings(withPauses.state), standings(plain.state));
          expectSame(withPauses.state.teams, plain.state.teams);
          expectSame(withPauses.state.ticker, plain.state.ticker);
          const mapped = withPauses.ledger.map((e) => ({ ...e, seq: originalSeq.get(e.seq) }));
          expectSame(mapped, plain.ledger);
        },
      ),
      RUNS,
    );
  });

  it('(d) every component is the sum of its ledger entries, and each entry carries the running sum', () => {
    fc.assert(
      fc.property(randomGameArb, ({ events }) => {
        const { state, ledger } = foldWithLedger(events);
        const sums = new Map<string, number>();
        const wrong: LedgerEntry[] = [];
        for (const entry of ledger) {
          const key = `${entry.teamId}/${entry.component}/${entry.unit ?? ''}`;
          const sum = (sums.get(key) ?? 0) + entry.amount;
          sums.set(key, sum);
          const explained = entry.seq > 0 && entry.cause.text.ja.length > 0 && entry.cause.text.en.length > 0;
          if (entry.value !== sum || !explained) wrong.push(entry);
        }
        expect(wrong).toEqual([]);
        const sum = (teamId: string, component: string, unit = '') => sums.get(`${teamId}/${component}/${unit}`) ?? 0;
        for (const team of Object.values(state.teams)) {
          const id = team.teamId;
          expect(sum(id, 'cash')).toBe(team.cashYen);
          expect(sum(id, 'revenue')).toBe(team.revenueYen);
          expect(sum(id, 'reference')).toBe(team.referenceYen);
          expect(sum(id, 'trust')).toBe(team.trustMicro);
          expect(sum(id, 'downtime')).toBe(team.downtimeMinutes);
          expect(sum(id, 'attacksFaced')).toBe(team.attacksFaced);
          expect(sum(id, 'attacksBlocked')).toBe(team.attacksBlocked);
          expect(sum(id, 'adjustment')).toBe(team.escAdjustYen);
          for (const unit of Object.keys(team.units) as (keyof TeamState['units'])[]) {
            expect(sum(id, 'earned', unit)).toBe(team.units[unit].earnedMilli);
            expect(sum(id, 'offered', unit)).toBe(team.units[unit].offeredMilli);
            expect(sum(id, 'adjustment', unit)).toBe(team.unitAdjust[unit] ?? 0);
          }
          // Revenue and the cash it brought in are posted together (§4: cash includes revenue).
          const ordersCash = ledger
            .filter((e) => e.teamId === id && e.component === 'cash' && e.cause.kind === 'orders')
            .reduce((s, e) => s + e.amount, 0);
          expect(ordersCash).toBe(team.revenueYen);
        }
        expect(ledger.every((e) => state.teams[e.teamId] !== undefined)).toBe(true);
      }),
      RUNS,
    );
  });

  it('(e) keeps trust within [0, 1] after every change', () => {
    fc.assert(
      fc.property(randomGameArb, ({ events }) => {
        const { state, ledger } = foldWithLedger(events);
        const outside = ledger.filter(
          (e) => e.component === 'trust' && !(Number.isInteger(e.value) && e.value >= 0 && e.value <= TRUST_SCALE),
        );
        expect(outside).toEqual([]);
        for (const team of Object.values(state.teams)) {
          expect(team.trustMicro).toBeGreaterThanOrEqual(0);
          expect(team.trustMicro).toBeLessThanOrEqual(TRUST_SCALE);
        }
      }),
      RUNS,
    );
  });

  it('(f) never modifies the state or the events it is given', () => {
    fc.assert(
      fc.property(randomGameArb, fc.nat(), ({ events }, cut) => {
        const at = cut % (events.length + 1);
        const before = foldEvents(undefined, events.slice(0, at));
        const rest = events.slice(at);
        const stateCopy = structuredClone(before);
        const eventsCopy = structuredClone(rest);
        deepFreeze(before);
        rest.forEach(deepFreeze);
        // A frozen input makes any write throw (strict mode); the copies catch silent replacement.
        const after = foldEvents(before, rest, { ledger: () => undefined });
        expectSame(before, stateCopy);
        expectSame(rest, eventsCopy);
        if (rest.length > 0) expect(after).not.toBe(before);
      }),
      RUNS,
    );
  });

  it('keeps scores consistent with their definitions (§6, §9)', () => {
    fc.assert(
      fc.property(randomGameArb, ({ scenario, events }) => {
        const { state, ledger } = foldWithLedger(events);
        for (const team of Object.values(state.teams)) {
          expect(team.escYen).toBe(expectedSalesCapability(scenario, team));
          for (const score of Object.values(unitScores(scenario, team))) {
            if (score !== null) {
              expect(score).toBeGreaterThanOrEqual(0);
              expect(score).toBeLessThanOrEqual(100);
            }
          }
          // Each inject's points are offered once, and it never earns more than it offers.
          for (const item of Object.values(team.inbox)) {
            const offered = ledger.filter(
              (e) => e.teamId === team.teamId && e.component === 'offered' && e.cause.ref === item.injectId,
            );
            expect(offered.length).toBe(item.counted ? 1 : 0);
            if (item.counted) {
              expect(offered[0].amount).toBe(item.pointsMilli);
              expect(item.counted.earnedMilli).toBeGreaterThanOrEqual(0);
              expect(item.counted.earnedMilli).toBeLessThanOrEqual(item.pointsMilli ?? 0);
            }
            // A window that closed (or a grade) means the points were offered.
            if (item.closesMinute !== undefined && (item.grade || state.tick >= item.closesMinute)) {
              expect(item.counted).toBeDefined();
            }
          }
        }
        const rows = standings(state);
        for (let i = 1; i < rows.length; i++) {
          expect(rows[i].esc).toBeLessThanOrEqual(rows[i - 1].esc);
          expect(rows[i].rank).toBeGreaterThanOrEqual(rows[i - 1].rank);
        }
      }),
      RUNS,
    );
  });
});

/** Inserts `clock.paused` before events[positions[0]], `clock.resumed` before events[positions[1]], … */
function insertPauses(
  events: readonly StoredEvent[],
  positions: number[],
  pauseWallMs: number,
): { events: StoredEvent[]; originalSeq: Map<number, number> } {
  const out: StoredEvent[] = [];
  const originalOf: (number | undefined)[] = [];
  let shiftMs = 0;
  let p = 0;
  for (let i = 0; i <= events.length; i++) {
    while (p < positions.length && positions[p] === i) {
      const previous = out[out.length - 1];
      const type = p % 2 === 0 ? 'clock.paused' : 'clock.resumed';
      if (type === 'clock.resumed') shiftMs += pauseWallMs + 1;
      out.push({
        type,
        v: 1,
        data: {},
        gameId: previous.gameId,
        seq: 0,
        key: `${type}:${p}`,
        gameMs: previous.gameMs,
        wallMs: previous.wallMs + (type === 'clock.resumed' ? pauseWallMs + 1 : 0),
      } as StoredEvent);
      originalOf.push(undefined);
      p++;
    }
    if (i < events.length) {
      out.push({ ...events[i], wallMs: events[i].wallMs + shiftMs });
      originalOf.push(events[i].seq);
    }
  }
  const renumbered = renumber(out);
  const originalSeq = new Map<number, number>();
  renumbered.forEach((event, index) => {
    const original = originalOf[index];
    if (original !== undefined) originalSeq.set(event.seq, original);
  });
  return { events: renumbered, originalSeq };
}

/** Deep strict equality, fast; jest's diff only when it fails. */
function expectSame(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toStrictEqual(expected);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
