import type { Scenario } from '@mamoru/domain';
import { compileScenario, ScenarioFileSchema } from '@mamoru/domain';
import type { EventStore } from '@mamoru/event-store';
import { openEventStore } from '@mamoru/event-store';
import type { FakeShop, SandboxDriver, ShopEndpoint } from '@mamoru/sandbox';
import { startFakeShop } from '@mamoru/sandbox';
import type { GameContext } from '../game/game-context';
import { gameCreationEvents } from '../runner/game-runner';
import { GameStateProjection } from '../state/game-state-projection';

/** A small game on an in-memory event log with fake shops, for the engine's own tests. */
export function engineTestScenario(overrides: Record<string, unknown> = {}): Scenario {
  return compileScenario(
    ScenarioFileSchema.parse({
      id: 'engine-test',
      title: { ja: 'テスト', en: 'Test' },
      duration: '00:30',
      seed: 5,
      economy: { startingCashYen: 100_000, loanLimitYen: 50_000 },
      shop: { vulnerabilities: ['default-admin-password', 'sqli-search'] },
      products: [
        { id: 'apple', name: { ja: 'りんご', en: 'Apple' }, listPriceYen: 1000, unitCostYen: 400, initialStock: 10 },
        { id: 'pear', name: { ja: '梨', en: 'Pear' }, listPriceYen: 2000, unitCostYen: 900, initialStock: 5 },
      ],
      demand: [{ at: '00:00', customersPerTick: 4 }],
      timeline: [
        {
          id: 'ask',
          at: '00:01',
          kind: 'inquiry',
          subject: { ja: '質問', en: 'Question' },
          body: { ja: '本文', en: 'Body' },
          response: {
            points: 10,
            deadlineMinutes: 5,
            rubric: [{ id: 'a', text: { ja: 'a', en: 'a' }, keywords: ['delivery'] }],
          },
        },
        {
          id: 'note',
          at: '00:01',
          kind: 'notice',
          subject: { ja: 'お知らせ', en: 'Notice' },
          body: { ja: '本文', en: 'Body' },
        },
      ],
      ...overrides,
    }),
  );
}

/** Fake shops behind the SandboxDriver interface. */
export class FakeShopsDriver implements SandboxDriver {
  restarts: string[] = [];
  resets: string[] = [];

  constructor(readonly shops: Map<string, FakeShop>) {}

  async provision(): Promise<ShopEndpoint[]> {
    return [...this.shops.values()].map((s) => s.endpoint);
  }

  endpoint(teamId: string): ShopEndpoint {
    const shop = this.shops.get(teamId);
    if (!shop) throw new Error(`no shop for ${teamId}`);
    return shop.endpoint;
  }

  async restart(teamId: string): Promise<void> {
    this.restarts.push(teamId);
  }

  async reset(teamId: string): Promise<void> {
    this.resets.push(teamId);
  }

  isRunning(teamId: string): boolean {
    return this.shops.has(teamId);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.shops.values()].map((s) => s.close()));
  }
}

export interface EngineFixture {
  ctx: GameContext;
  store: EventStore;
  shops: Map<string, FakeShop>;
  driver: FakeShopsDriver;
  close(): Promise<void>;
}

let shared: Promise<EventStore> | undefined;

/** One in-memory PGlite per test file (opening one costs seconds); games are told apart by id. */
export async function engineFixture(
  gameId: string,
  teamCount = 2,
  scenario = engineTestScenario(),
): Promise<EngineFixture> {
  shared ??= openEventStore({});
  const store = await shared;
  const shops = new Map<string, FakeShop>();
  const teams = Array.from({ length: teamCount }, (_, i) => ({ teamId: `team-${i + 1}`, name: `Team ${i + 1}` }));
  for (const team of teams) {
    shops.set(
      team.teamId,
      await startFakeShop({
        teamId: team.teamId,
        opsToken: 'ops-token-for-tests-0123',
        products: Object.fromEntries(
          scenario.products.map((p) => [p.id, { priceYen: p.listPriceYen, stock: p.initialStock }]),
        ),
      }),
    );
  }
  await store.append(gameId, gameCreationEvents(gameId, scenario, scenario.seed, teams));
  const driver = new FakeShopsDriver(shops);
  const ctx: GameContext = { gameId, store, sandboxes: driver, projection: new GameStateProjection(store, gameId) };
  return {
    ctx,
    store,
    shops,
    driver,
    async close() {
      await driver.stop();
      await store.deleteGame(gameId);
    },
  };
}

export async function closeSharedStore(): Promise<void> {
  if (shared) await (await shared).close();
  shared = undefined;
}
