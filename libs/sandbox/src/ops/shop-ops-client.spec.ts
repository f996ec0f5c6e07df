import { ShopHttpClient } from '../http/shop-http';
import type { FakeShop } from '../testing/fake-shop';
import { startFakeShop } from '../testing/fake-shop';
import { ShopOpsClient, ShopOpsError } from './shop-ops-client';

const http = new ShopHttpClient();
let shop: FakeShop;
let restarts = 0;
let ops: ShopOpsClient;

beforeAll(async () => {
  shop = await startFakeShop({ onRestart: () => restarts++ });
  ops = new ShopOpsClient(shop.endpoint, { http, timeoutMs: 1000 });
});

afterAll(async () => {
  await shop.close();
  http.close();
});

it('reads and changes settings', async () => {
  expect(await ops.getSettings()).toEqual({
    searchSafeQueries: false,
    priceApiRequireAuth: false,
    backupExposed: true,
  });
  expect(await ops.updateSettings({ backupExposed: false })).toEqual({
    searchSafeQueries: false,
    priceApiRequireAuth: false,
    backupExposed: false,
  });
  expect(shop.settings.backupExposed).toBe(false);
});

it('sets the admin password, reads logs, backs up and restores', async () => {
  await ops.setAdminPassword('correct horse battery');
  expect(shop.adminPassword).toBe('correct horse battery');
  expect(await ops.health()).toEqual({ ok: true, teamId: 'team-1' });
  const lines = await ops.logs(2);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('GET /_ops/logs?limit=2');
  await expect(ops.backup()).resolves.toEqual({ ok: true, backupId: 'backup-1' });
  await expect(ops.restore()).resolves.toEqual({ ok: true });
});

it('pushes catalog and notices', async () => {
  await ops.syncCatalog([{ id: 'apple', priceYen: 900, stock: 3 }]);
  expect(shop.products.get('apple')).toEqual({ priceYen: 900, stock: 3 });
  await ops.syncNotices([{ atMinute: 30, text: 'We were attacked; details follow.' }]);
  expect(shop.notices).toEqual([{ atMinute: 30, text: 'We were attacked; details follow.' }]);
});

it('asks the shop to restart', async () => {
  await ops.restart();
  await new Promise((resolve) => setImmediate(resolve));
  expect(restarts).toBe(1);
});

it('throws a typed error with the status and the shop’s message', async () => {
  const error = await ops.setAdminPassword('short').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ShopOpsError);
  expect(error).toMatchObject({ code: 'http', status: 400, teamId: 'team-1', operation: 'set admin password' });
  expect((error as Error).message).toContain('password too short');

  const wrongToken = new ShopOpsClient({ ...shop.endpoint, opsToken: 'guess' }, { http });
  await expect(wrongToken.getSettings()).rejects.toMatchObject({ code: 'http', status: 401 });
});

it('throws for an answer of the wrong shape and for an unreachable shop', async () => {
  shop.route('GET', '/_ops/settings', () => ({ body: { searchSafeQueries: 'yes' } }));
  await expect(ops.getSettings()).rejects.toMatchObject({ code: 'invalid-response', status: 200 });

  const dead = await startFakeShop();
  await dead.refuseConnections();
  const error = await new ShopOpsClient(dead.endpoint, { http }).health().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ShopOpsError);
  expect(error).toMatchObject({ code: 'transport', status: undefined });
  expect((error as Error).message).toContain('shop unreachable: connection refused');
});
