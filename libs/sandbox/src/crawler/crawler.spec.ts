import type { Crowd, GameState } from '@mamoru/domain';
import { customerWillBuy } from '@mamoru/domain';
import { ShopHttpClient } from '../http/shop-http';
import type { FakeShop, FakeShopOptions } from '../testing/fake-shop';
import { startFakeShop } from '../testing/fake-shop';
import { testCrowd, testGameState, withTrust } from '../testing/test-game';
import type { CrawlTeamInput } from './crawler';
import { crawlTeam, crawlTeams } from './crawler';

const TEAM = 'team-1';
const http = new ShopHttpClient();
const shops: FakeShop[] = [];

async function shop(options: FakeShopOptions = {}): Promise<FakeShop> {
  const started = await startFakeShop({ teamId: TEAM, ...options });
  shops.push(started);
  return started;
}

function input(fake: FakeShop, state: GameState, crowd: Crowd, extra: Partial<CrawlTeamInput> = {}): CrawlTeamInput {
  return {
    state,
    teamId: TEAM,
    tick: crowd.tick,
    crowd,
    endpoint: fake.endpoint,
    journeyTimeoutMs: 2000,
    probeTimeoutMs: 1000,
    concurrency: 4,
    http,
    ...extra,
  };
}

const buyer = () => withTrust(testGameState(), TEAM, 1);
const browser = () => withTrust(testGameState(), TEAM, 0);

afterAll(async () => {
  await Promise.all(shops.map((s) => s.close()));
  http.close();
});

describe('probe', () => {
  it('is ok when the home page answers 200 with the integrity marker', async () => {
    const fake = await shop();
    const observation = await crawlTeam(input(fake, browser(), testCrowd(1, [])));
    expect(observation).toEqual({
      tick: 1,
      teamId: TEAM,
      potential: 0,
      referenceYen: 0,
      outcomes: {},
      orders: [],
      probe: 'ok',
    });
  });

  it('retries once: a single failure is forgiven', async () => {
    const fake = await shop({ behaviour: { failNext: { home: 1 } } });
    const observation = await crawlTeam(input(fake, browser(), testCrowd(1, ['apple'])));
    expect(observation.probe).toBe('ok');
    expect(observation.outcomes).toEqual({ ok: 1 });
    expect(fake.requests.filter((r) => r.path === '/')).toHaveLength(3); // two probes, one journey
  });

  it('is error when the home page fails twice, and journeys still run', async () => {
    const fake = await shop({ behaviour: { status: { home: 503 } } });
    const observation = await crawlTeam(input(fake, buyer(), testCrowd(1, ['apple', 'pear'])));
    expect(observation.probe).toBe('error');
    expect(observation.outcomes).toEqual({ error: 2 });
    expect(observation.orders).toEqual([]);
  });

  it('is defaced without the marker, and nobody buys from a defaced shop', async () => {
    const fake = await shop({ behaviour: { defaced: true } });
    const observation = await crawlTeam(input(fake, buyer(), testCrowd(1, ['apple', 'pear', 'apple'])));
    expect(observation).toMatchObject({ probe: 'defaced', potential: 3, referenceYen: 4000, outcomes: { defaced: 3 } });
    expect(observation.orders).toEqual([]);
    expect(fake.requests.filter((r) => r.path !== '/')).toEqual([]); // no journeys were made
  });

  it('is defaced when the marker carries another token than the team’s', async () => {
    const fake = await shop({ integrityToken: 'someone-elses-token' });
    const endpoint = { ...fake.endpoint, integrityToken: 'the-teams-token' };
    const observation = await crawlTeam({ ...input(fake, buyer(), testCrowd(1, ['apple'])), endpoint });
    expect(observation).toMatchObject({ probe: 'defaced', outcomes: { defaced: 1 } });
  });
});

describe('dead shop', () => {
  it('counts every customer down, bounded by the probe timeouts rather than per customer', async () => {
    const fake = await shop();
    await fake.refuseConnections();
    const crowd = testCrowd(
      1,
      Array.from({ length: 40 }, (_, i) => (i % 2 ? 'apple' : 'pear')),
    );
    const started = Date.now();
    const observation = await crawlTeam(input(fake, buyer(), crowd, { journeyTimeoutMs: 5000, concurrency: 1 }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(observation).toMatchObject({ probe: 'down', potential: 40, outcomes: { down: 40 }, orders: [] });
    expect(observation.platformFault).toBeUndefined();
  });

  it('a hanging shop costs two probe timeouts, not one journey timeout per customer', async () => {
    const fake = await shop({ behaviour: { delayMs: { home: 10_000 } } });
    const crowd = testCrowd(
      1,
      Array.from({ length: 20 }, () => 'apple'),
    );
    const started = Date.now();
    const observation = await crawlTeam(
      input(fake, buyer(), crowd, { probeTimeoutMs: 200, journeyTimeoutMs: 5000, concurrency: 1 }),
    );
    const elapsed = Date.now() - started;
    expect(observation).toMatchObject({ probe: 'down', outcomes: { down: 20 } });
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('journeys', () => {
  it('a willing customer buys at the team price; an unwilling one only browses', async () => {
    const fake = await shop();
    const crowd = testCrowd(3, ['apple', 'pear']);
    const bought = await crawlTeam(input(fake, buyer(), crowd));
    expect(bought).toEqual({
      tick: 3,
      teamId: TEAM,
      potential: 2,
      referenceYen: 3000,
      outcomes: { ok: 2 },
      orders: [
        { productId: 'apple', quantity: 1, chargedYen: 1000, priceYen: 1000 },
        { productId: 'pear', quantity: 1, chargedYen: 2000, priceYen: 2000 },
      ],
      probe: 'ok',
    });
    expect(fake.orders.map((o) => o.customer)).toEqual([
      expect.objectContaining({ email: expect.stringMatching(/@customers\.mamoru\.invalid$/) }),
      expect.objectContaining({ name: expect.any(String) }),
    ]);

    const other = await shop();
    const browsed = await crawlTeam(input(other, browser(), crowd));
    expect(browsed).toMatchObject({ outcomes: { ok: 2 }, orders: [], probe: 'ok' });
    expect(other.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      ['GET /', 'GET /', 'GET /', 'GET /products/apple', 'GET /products/pear'].sort(),
    );
  });

  it('follows customerWillBuy customer by customer', async () => {
    const fake = await shop();
    const state = withTrust(testGameState(), TEAM, 0.5);
    const crowd = testCrowd(
      5,
      Array.from({ length: 30 }, (_, i) => (i % 3 ? 'apple' : 'pear')),
    );
    const observation = await crawlTeam(input(fake, state, crowd));
    const expected = crowd.wants.filter((productId, i) => customerWillBuy(state, TEAM, 5, i, productId));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(30);
    expect(observation.orders.map((o) => o.productId)).toEqual(expected);
    expect(observation.outcomes).toEqual({ ok: 30 });
  });

  it('marks a charged price other than the team price as tampered, and still counts the order', async () => {
    const fake = await shop({ behaviour: { chargeYen: (productId) => (productId === 'apple' ? 1 : 2000) } });
    const observation = await crawlTeam(input(fake, buyer(), testCrowd(1, ['apple', 'pear'])));
    expect(observation.outcomes).toEqual({ ok: 1, tampered: 1 });
    expect(observation.orders).toEqual([
      { productId: 'apple', quantity: 1, chargedYen: 1, priceYen: 1000 },
      { productId: 'pear', quantity: 1, chargedYen: 2000, priceYen: 2000 },
    ]);
  });

  it('compares with the team price from the log, not the list price', async () => {
    const fake = await shop(); // the shop still charges ¥1,000 ...
    const state = buyer();
    state.teams[TEAM].pricesYen.apple = 800; // ... while the team set ¥800
    const observation = await crawlTeam(input(fake, state, testCrowd(1, ['apple'])));
    expect(observation.outcomes).toEqual({ tampered: 1 });
    expect(observation.orders).toEqual([{ productId: 'apple', quantity: 1, chargedYen: 1000, priceYen: 800 }]);
  });

  it('sells no more than the log stock, in customer order, without asking for a cart', async () => {
    const fake = await shop();
    const state = buyer();
    state.teams[TEAM].stock.apple = 2;
    state.teams[TEAM].stock.pear = 0;
    const crowd = testCrowd(1, ['apple', 'pear', 'apple', 'apple', 'pear']);
    const observation = await crawlTeam(input(fake, state, crowd));
    expect(observation.outcomes).toEqual({ ok: 2, out_of_stock: 3 });
    expect(observation.orders.map((o) => o.productId)).toEqual(['apple', 'apple']);
    expect(fake.requests.filter((r) => r.path === '/cart')).toHaveLength(2);
  });

  it('treats a 409 from the shop as out of stock', async () => {
    const fake = await shop({ products: { apple: { priceYen: 1000, stock: 1 }, pear: { priceYen: 2000, stock: 5 } } });
    const observation = await crawlTeam(input(fake, buyer(), testCrowd(1, ['apple', 'apple', 'pear'])));
    expect(observation.outcomes).toEqual({ ok: 2, out_of_stock: 1 });
    expect(observation.orders.map((o) => o.productId)).toEqual(['apple', 'pear']);
  });

  it('gives a unit back to the next customer when an earlier purchase fails', async () => {
    const fake = await shop();
    fake.behaviour.failNext.checkout = 1; // the first checkout fails
    const state = buyer();
    state.teams[TEAM].stock.apple = 1;
    const observation = await crawlTeam(
      input(fake, state, testCrowd(1, ['apple', 'apple', 'apple']), { concurrency: 1 }),
    );
    expect(observation.outcomes).toEqual({ ok: 1, error: 1, out_of_stock: 1 });
    expect(observation.orders).toHaveLength(1);
  });

  it('classifies failing pages as error and broken connections as down', async () => {
    const fake = await shop({ behaviour: { status: { product: 500 } } });
    expect((await crawlTeam(input(fake, buyer(), testCrowd(1, ['apple'])))).outcomes).toEqual({ error: 1 });
    const missing = await shop();
    expect((await crawlTeam(input(missing, buyer(), testCrowd(1, ['apple'])))).outcomes).toEqual({ ok: 1 });
    missing.behaviour.status.checkout = 502;
    expect((await crawlTeam(input(missing, buyer(), testCrowd(2, ['apple'])))).outcomes).toEqual({ error: 1 });
    const slow = await shop({ behaviour: { delayMs: { checkout: 3000 } } });
    const timedOut = await crawlTeam(input(slow, buyer(), testCrowd(1, ['apple']), { journeyTimeoutMs: 300 }));
    expect(timedOut).toMatchObject({ probe: 'ok', outcomes: { down: 1 }, orders: [] });
  });

  it('counts a defaced home page met during a journey as defaced', async () => {
    const fake = await shop();
    fake.route('GET', '/', () => {
      // the probe's request sees the marker, the customer's does not
      const seen = fake.requests.filter((r) => r.path === '/').length;
      return {
        body:
          seen === 1 ? `<meta name="mamoru-integrity" content="${fake.endpoint.integrityToken}">` : '<h1>pwned</h1>',
      };
    });
    const observation = await crawlTeam(input(fake, buyer(), testCrowd(1, ['apple'])));
    expect(observation).toMatchObject({ probe: 'ok', outcomes: { defaced: 1 }, orders: [] });
  });
});

describe('determinism', () => {
  it('gives the same observation twice and at concurrency 1 and 8', async () => {
    const state = withTrust(testGameState(), TEAM, 0.7);
    state.teams[TEAM].stock.apple = 4;
    state.teams[TEAM].stock.pear = 3;
    const crowd = testCrowd(
      9,
      Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 'pear' : 'apple')),
    );
    const runs = [];
    for (const concurrency of [1, 8, 8, 1]) {
      const fake = await shop({ behaviour: { delayMs: { product: 3, checkout: 5 } } });
      // customer 1's checkout fails, whenever it arrives: its unit goes to a later customer
      fake.behaviour.fail = (route, request) =>
        route === 'checkout' && JSON.stringify(request.json).includes('t9c1@') ? 500 : undefined;
      runs.push(await crawlTeam(input(fake, state, crowd, { concurrency })));
    }
    expect(runs[0].orders).toHaveLength(7);
    expect(runs[0].outcomes.out_of_stock).toBeGreaterThan(0);
    expect(runs[0].outcomes.error).toBe(1);
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
    expect(JSON.stringify(runs[1])).toBe(JSON.stringify(runs[0])); // key order too
  });
});

describe('platform faults', () => {
  it('turns a crawler failure into a platform fault with zero counts instead of throwing', async () => {
    const fake = await shop();
    const faults: unknown[] = [];
    const observation = await crawlTeam({
      ...input(fake, buyer(), testCrowd(1, ['apple'])),
      teamId: 'no-such-team',
      onPlatformFault: (error) => faults.push(error),
    });
    expect(observation).toEqual({
      tick: 1,
      teamId: 'no-such-team',
      potential: 1,
      referenceYen: 1000,
      outcomes: {},
      orders: [],
      probe: 'error',
      platformFault: true,
    });
    expect(faults).toHaveLength(1);
  });

  it('a crowd of another tick is a platform fault', async () => {
    const fake = await shop();
    const observation = await crawlTeam({ ...input(fake, buyer(), testCrowd(1, ['apple'])), tick: 2 });
    expect(observation.platformFault).toBe(true);
  });
});

describe('crawlTeams', () => {
  it('crawls several teams at once, results in input order, one team’s death not touching another', async () => {
    const teams = ['team-a', 'team-b', 'team-c'];
    const state = withTrust(
      withTrust(withTrust(testGameState({ teamIds: teams }), 'team-a', 1), 'team-b', 1),
      'team-c',
      1,
    );
    const fakes = await Promise.all(teams.map((teamId) => startFakeShop({ teamId })));
    shops.push(...fakes);
    await fakes[1].refuseConnections();
    const crowd = testCrowd(1, ['apple', 'pear']);
    const observations = await crawlTeams(
      teams.map((teamId, i) => ({ ...input(fakes[i], state, crowd), teamId, endpoint: fakes[i].endpoint })),
      { concurrency: 3 },
    );
    expect(observations.map((o) => [o.teamId, o.probe, o.orders.length])).toEqual([
      ['team-a', 'ok', 2],
      ['team-b', 'down', 0],
      ['team-c', 'ok', 2],
    ]);
  });
});
