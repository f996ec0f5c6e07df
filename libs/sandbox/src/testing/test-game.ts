import type { Crowd, GameEvent, GameState, Scenario, StoredEvent } from '@mamoru/domain';
import { compileScenario, foldEvents, ScenarioFileSchema, TRUST_SCALE } from '@mamoru/domain';

/**
 * A folded game for sandbox tests: one scenario with two products (apple ¥1,000 and pear ¥2,000),
 * the given teams registered, and then whatever the test changes by hand (trust, stock, prices).
 */
export interface TestGameOptions {
  teamIds?: string[];
  seed?: number;
  stock?: Record<string, number>;
  vulnerabilities?: Scenario['shop']['vulnerabilities'];
  /** Another scenario than the two-product one of `testScenario`. */
  scenario?: Scenario;
}

export function testScenario(options: TestGameOptions = {}): Scenario {
  return compileScenario(
    ScenarioFileSchema.parse({
      id: 'sandbox-test',
      title: { ja: 'テスト', en: 'Test' },
      shop: { vulnerabilities: options.vulnerabilities ?? [], customers: 5 },
      products: [
        {
          id: 'apple',
          name: { ja: 'りんご', en: 'Apple' },
          listPriceYen: 1000,
          unitCostYen: 500,
          initialStock: options.stock?.apple ?? 100,
        },
        {
          id: 'pear',
          name: { ja: '梨', en: 'Pear' },
          listPriceYen: 2000,
          unitCostYen: 900,
          initialStock: options.stock?.pear ?? 100,
        },
      ],
      demand: [{ at: '00:00', customersPerTick: 10 }],
    }),
  );
}

export function testGameState(options: TestGameOptions = {}): GameState {
  const scenario = options.scenario ?? testScenario(options);
  const seed = options.seed ?? 7;
  const teamIds = options.teamIds ?? ['team-1'];
  const events: GameEvent[] = [
    { type: 'game.created', v: 1, data: { gameId: 'sandbox-test', seed, scenario } },
    ...teamIds.map((teamId, i): GameEvent => ({
      type: 'team.registered',
      v: 1,
      data: { teamId, name: `Team ${i + 1}`, number: i + 1 },
    })),
  ];
  const stored = events.map((event, i): StoredEvent => ({
    ...event,
    gameId: 'sandbox-test',
    seq: i + 1,
    key: `e${i + 1}`,
    gameMs: 0,
    wallMs: 0,
  }));
  return foldEvents(undefined, stored);
}

/** Sets a team's trust (0.0 to 1.0): 1.0 at list price makes every customer buy, 0.0 none. */
export function withTrust(state: GameState, teamId: string, trust: number): GameState {
  const next = structuredClone(state);
  next.teams[teamId].trustMicro = Math.round(trust * TRUST_SCALE);
  return next;
}

export function testCrowd(tick: number, wants: string[]): Crowd {
  const prices: Record<string, number> = { apple: 1000, pear: 2000 };
  return { tick, wants, referenceYen: wants.reduce((sum, id) => sum + (prices[id] ?? 0), 0) };
}
