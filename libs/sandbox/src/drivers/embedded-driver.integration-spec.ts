import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Scenario } from '@mamoru/domain';
import { compileScenario, ScenarioFileSchema } from '@mamoru/domain';
import { runAttack } from '../attacks/attack-runner';
import { crawlTeam } from '../crawler/crawler';
import { ShopHttpClient } from '../http/shop-http';
import { ShopOpsClient } from '../ops/shop-ops-client';
import { testCrowd, testGameState, testScenario, withTrust } from '../testing/test-game';
import { EmbeddedDriver } from './embedded-driver';

/**
 * The embedded driver with the real bundled shop (`apps/sandbox-shop`): two shops provisioned,
 * crawled, one killed with SIGKILL. The other keeps serving; the killed one stays down until
 * `restart`. Then the classic scenario's attacks, run by the attack runner, succeed against an
 * unpatched shop and are blocked once the team applied the fixes through the ops client.
 * Without the shop's entry point this says so loudly and checks nothing.
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SHOP_MAIN = path.join(REPO_ROOT, 'apps', 'sandbox-shop', 'src', 'main.ts');
const TEAMS = ['team-1', 'team-2'];

if (!existsSync(SHOP_MAIN)) {
  it('needs the bundled shop', () => {
    console.warn(
      `\n!!! SKIPPED: embedded-driver.integration-spec.ts found no bundled shop at ${SHOP_MAIN}.\n` +
        '!!! The embedded driver was NOT tested against the real shop.\n',
    );
  });
} else {
  describe('EmbeddedDriver with the bundled shop', () => {
    const http = new ShopHttpClient();
    let dataDir: string;
    let shops: EmbeddedDriver;
    const state = TEAMS.reduce((s, teamId) => withTrust(s, teamId, 1), testGameState({ teamIds: TEAMS }));

    const crawl = (teamId: string, tick: number) =>
      crawlTeam({
        state,
        teamId,
        tick,
        crowd: testCrowd(tick, ['apple', 'pear', 'apple']),
        endpoint: shops.endpoint(teamId),
        journeyTimeoutMs: 5000,
        probeTimeoutMs: 2000,
        concurrency: 3,
        http,
      });

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'mamoru-shops-'));
      shops = new EmbeddedDriver();
      await shops.provision({
        gameId: 'integration',
        scenario: testScenario({ vulnerabilities: ['default-admin-password'] }),
        seed: 3,
        teams: TEAMS.map((teamId, i) => ({ teamId, name: `Team ${i + 1}` })),
        dataDir,
      });
    });

    afterAll(async () => {
      await shops?.stop();
      http.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('serves real journeys on both shops', async () => {
      for (const teamId of TEAMS) {
        const observation = await crawl(teamId, 1);
        expect(observation).toMatchObject({ teamId, probe: 'ok', potential: 3, outcomes: { ok: 3 } });
        expect(observation.orders).toEqual([
          { productId: 'apple', quantity: 1, chargedYen: 1000, priceYen: 1000 },
          { productId: 'pear', quantity: 1, chargedYen: 2000, priceYen: 2000 },
          { productId: 'apple', quantity: 1, chargedYen: 1000, priceYen: 1000 },
        ]);
      }
    });

    it('keeps a killed shop down until restart, and the other shop serving', async () => {
      process.kill(shops.status('team-1').pid!, 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while (shops.isRunning('team-1') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(shops.isRunning('team-1')).toBe(false);

      expect(await crawl('team-2', 2)).toMatchObject({ probe: 'ok', outcomes: { ok: 3 } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(shops.isRunning('team-1')).toBe(false);
      expect(await crawl('team-1', 2)).toMatchObject({ probe: 'down', outcomes: { down: 3 }, orders: [] });

      await shops.restart('team-1');
      expect(shops.isRunning('team-1')).toBe(true);
      expect(await crawl('team-1', 3)).toMatchObject({ probe: 'ok', outcomes: { ok: 3 } });
    });
  });

  describe('the classic attacks against the bundled shop', () => {
    const http = new ShopHttpClient();
    let dataDir: string;
    let shops: EmbeddedDriver;
    let scenario: Scenario;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'mamoru-attacks-'));
      scenario = classicShopAndAttacks();
      shops = new EmbeddedDriver();
      await shops.provision({
        gameId: 'attacks',
        scenario,
        seed: 1,
        teams: [
          { teamId: 'open', name: 'Unpatched' },
          { teamId: 'patched', name: 'Patched' },
        ],
        dataDir,
      });
    });

    afterAll(async () => {
      await shops?.stop();
      http.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('succeed against an unpatched shop and are blocked by the fixes', async () => {
      const ops = new ShopOpsClient(shops.endpoint('patched'), { http });
      await ops.updateSettings({ searchSafeQueries: true, priceApiRequireAuth: true, backupExposed: false });
      await ops.setAdminPassword('a much better password');

      for (const attack of scenario.attacks) {
        const open = await runAttack(attack, shops.endpoint('open'), { timeoutMs: 5000, http });
        expect({ attack: attack.id, outcome: open.outcome, reason: open.reason }).toEqual({
          attack: attack.id,
          outcome: 'succeeded',
          reason: undefined,
        });
        expect(open.effects).toEqual(attack.effects);
        const patched = await runAttack(attack, shops.endpoint('patched'), { timeoutMs: 5000, http });
        expect({ attack: attack.id, outcome: patched.outcome }).toEqual({ attack: attack.id, outcome: 'blocked' });
      }

      // What customers see afterwards: the open shop is defaced, the patched one sells at its prices.
      const state = ['open', 'patched'].reduce(
        (s, teamId) => withTrust(s, teamId, 1),
        testGameState({ scenario, teamIds: ['open', 'patched'] }),
      );
      const crawl = (teamId: string) =>
        crawlTeam({
          state,
          teamId,
          tick: 1,
          crowd: { tick: 1, wants: ['sencha', 'matcha'], referenceYen: 4000 },
          endpoint: shops.endpoint(teamId),
          journeyTimeoutMs: 5000,
          probeTimeoutMs: 2000,
          http,
        });
      expect(await crawl('open')).toMatchObject({ probe: 'defaced', outcomes: { defaced: 2 }, orders: [] });
      expect(await crawl('patched')).toMatchObject({
        probe: 'ok',
        outcomes: { ok: 2 },
        orders: [
          { productId: 'sencha', chargedYen: 1200, priceYen: 1200 },
          { productId: 'matcha', chargedYen: 2800, priceYen: 2800 },
        ],
      });
    });

    it('are possible again after a reset, which also undoes what they did', async () => {
      // After the test above: `open` is defaced, its prices tampered; `patched` has every fix.
      const before = { open: shops.endpoint('open'), patched: shops.endpoint('patched') };
      await Promise.all([shops.reset('open'), shops.reset('patched')]);
      expect(shops.endpoint('open')).toEqual(before.open); // same URL and tokens: workers keep reaching it
      expect(shops.endpoint('patched')).toEqual(before.patched);

      const state = ['open', 'patched'].reduce(
        (s, teamId) => withTrust(s, teamId, 1),
        testGameState({ scenario, teamIds: ['open', 'patched'] }),
      );
      const crawled = await crawlTeam({
        state,
        teamId: 'open',
        tick: 2,
        crowd: { tick: 2, wants: ['sencha', 'matcha'], referenceYen: 4000 },
        endpoint: shops.endpoint('open'),
        journeyTimeoutMs: 5000,
        probeTimeoutMs: 2000,
        http,
      });
      expect(crawled).toMatchObject({
        probe: 'ok',
        outcomes: { ok: 2 },
        orders: [
          { productId: 'sencha', chargedYen: 1200, priceYen: 1200 },
          { productId: 'matcha', chargedYen: 2800, priceYen: 2800 },
        ],
      });
      for (const attack of scenario.attacks) {
        const result = await runAttack(attack, shops.endpoint('patched'), { timeoutMs: 5000, http });
        expect({ attack: attack.id, outcome: result.outcome }).toEqual({ attack: attack.id, outcome: 'succeeded' });
      }
    });
  });
}

/**
 * The attacks of `scenarios/classic.yaml` against the bundled shop's four vulnerabilities, kept
 * here as data so that this test does not depend on the rest of that file being valid.
 */
function classicShopAndAttacks(): Scenario {
  const product = (id: string, listPriceYen: number) => ({
    id,
    name: { ja: id, en: id },
    listPriceYen,
    unitCostYen: Math.round(listPriceYen / 2),
    initialStock: 50,
  });
  return compileScenario(
    ScenarioFileSchema.parse({
      id: 'classic-attacks',
      title: { ja: '攻撃', en: 'Attacks' },
      shop: {
        vulnerabilities: ['default-admin-password', 'sqli-search', 'price-api-unauth', 'exposed-backup'],
        customers: 60,
      },
      products: [product('sencha', 1200), product('matcha', 2800)],
      demand: [{ at: '00:00', customersPerTick: 1 }],
      attacks: [
        {
          id: 'deface-admin',
          name: { ja: '改ざん', en: 'Admin login with the default password, then defacement' },
          exploits: 'default-admin-password',
          steps: [
            {
              request: { method: 'POST', path: '/admin/login', form: { username: 'admin', password: 'admin' } },
              expect: { status: 302, headers: { 'set-cookie': { contains: 'admin_session=' } } },
              extract: { session: { from: 'header', header: 'set-cookie', regex: 'admin_session=([^;]+)' } },
            },
            {
              request: {
                method: 'POST',
                path: '/admin/pages/home',
                headers: { cookie: 'admin_session={{session}}' },
                form: { html: '<h1>Hacked by Kuromame6</h1>' },
              },
              expect: { status: [200, 302] },
            },
          ],
          effects: [{ kind: 'deface' }],
        },
        {
          id: 'sqli-search',
          name: { ja: 'SQL インジェクション', en: 'SQL injection in search' },
          steps: [
            {
              request: { path: '/search?q=%27%20UNION%20SELECT%20email%2C%20card_number%20FROM%20customers--%20' },
              expect: { status: 200, body: { matches: '[A-Za-z0-9._%+-]+@example\\.jp' } },
            },
          ],
          effects: [{ kind: 'leak', records: 60 }],
        },
        {
          id: 'price-tamper',
          name: { ja: '価格改ざん', en: 'Price tampering' },
          steps: [
            {
              request: { method: 'POST', path: '/api/products/sencha/price', json: { priceYen: 1 } },
              expect: { status: 200 },
            },
            {
              request: { method: 'POST', path: '/api/products/matcha/price', json: { priceYen: 1 } },
              expect: { status: 200 },
            },
          ],
          effects: [{ kind: 'tamper' }],
        },
        {
          id: 'backup-leak',
          name: { ja: 'バックアップ漏えい', en: 'Exposed backup' },
          steps: [
            {
              request: { path: '/backup/shop-backup.sql' },
              expect: { status: 200, body: { contains: 'INSERT INTO customers' } },
            },
          ],
          effects: [{ kind: 'leak', records: 60 }],
        },
      ],
    }),
  );
}
