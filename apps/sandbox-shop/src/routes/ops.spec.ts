import { INTEGRITY_TOKEN, OPS_TOKEN, TestShop } from '../testing/test-shop';

const DEFACED = '<h1>pwned</h1>';

describe('ops API', () => {
  let shop: TestShop;

  beforeEach(async () => {
    shop = await TestShop.start();
  });
  afterEach(async () => {
    await shop.destroy();
  });

  it('refuses every ops path without the right bearer token, even unknown ones', async () => {
    const attempts: [string, Record<string, string>][] = [
      ['/_ops/health', {}],
      ['/_ops/settings', { authorization: 'Bearer wrong' }],
      ['/_ops/settings', { authorization: `Bearer ${OPS_TOKEN}x` }],
      ['/_ops/settings', { authorization: OPS_TOKEN }],
      ['/_ops/logs', { authorization: `Basic ${OPS_TOKEN}` }],
      ['/_ops/does-not-exist', {}],
      ['/_ops', {}],
    ];
    for (const [path, headers] of attempts) {
      const response = await shop.get(path, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect((await shop.ops('GET', '/_ops/does-not-exist')).status).toBe(404);
    expect((await shop.ops('POST', '/_ops/restart')).status).toBe(202);
  });

  it('reports health', async () => {
    const health = await shop.opsJson('GET', '/_ops/health');
    expect(health).toEqual({ ok: true, teamId: 'team-1', uptimeMs: expect.any(Number) });
  });

  it('updates settings partially and strictly', async () => {
    expect(await shop.opsJson('PUT', '/_ops/settings', { searchSafeQueries: true })).toEqual({
      searchSafeQueries: true,
      priceApiRequireAuth: false,
      backupExposed: true,
    });
    for (const body of [{ searchSafeQuery: true }, { backupExposed: 'no' }, [], null]) {
      const response = await shop.ops('PUT', '/_ops/settings', body);
      expect(response.status).toBe(400);
    }
    expect(await shop.opsJson('GET', '/_ops/settings')).toMatchObject({ searchSafeQueries: true });
  });

  it('returns the latest log lines, most recent last', async () => {
    await shop.get('/products/tea');
    await shop.get('/search?q=first');
    await shop.get('/search?q=second');
    const { lines } = await shop.opsJson<{ lines: string[] }>('GET', '/_ops/logs?limit=2');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z GET \/search\?q=first 200 \S+$/);
    expect(lines[1]).toContain('/search?q=second');
    expect((await shop.ops('GET', '/_ops/logs?limit=-1')).status).toBe(400);
    expect((await shop.ops('GET', '/_ops/logs?limit=abc')).status).toBe(400);
  });

  it('restores content, accounts and settings from the latest backup, but not prices or stock', async () => {
    // The attack: default password → defacement; tampered price; vulnerable settings changed.
    const cookie = (await shop.loginAsAdmin('admin')) ?? '';
    await shop.postForm('/admin/pages/home', { html: DEFACED }, { cookie });
    expect(await (await shop.get('/')).text()).toBe(DEFACED);
    await shop.opsJson('POST', '/_ops/admin-password', { password: 'a-new-password' });
    await shop.opsJson('PUT', '/_ops/settings', { backupExposed: false });
    await shop.postJson('/api/products/tea/price', { priceYen: 5 });
    await shop.buy('sencha');

    const restored = await shop.opsJson<{ restored: { backupId: string } }>('POST', '/_ops/restore');
    expect(restored.restored.backupId).toMatch(/^snapshot-\d{6}$/);

    const home = await (await shop.get('/')).text();
    expect(home).toContain(INTEGRITY_TOKEN);
    // The first-start snapshot holds the first-start account and settings.
    expect(await shop.loginAsAdmin('admin')).not.toBeNull();
    expect(await shop.loginAsAdmin('a-new-password')).toBeNull();
    expect(await shop.opsJson('GET', '/_ops/settings')).toMatchObject({ backupExposed: true });
    // The platform owns prices and stock: untouched.
    const products = shop.query<{ id: string; price_yen: number; stock: number }>(
      `SELECT id, price_yen, stock FROM products ORDER BY id`,
    );
    expect(products).toEqual([
      { id: 'sencha', price_yen: 2500, stock: 2 },
      { id: 'tea', price_yen: 5, stock: 200 },
    ]);
  });

  it('restores the snapshot taken after the fixes, and logs admins out', async () => {
    await shop.opsJson('POST', '/_ops/admin-password', { password: 'a-new-password' });
    await shop.opsJson('PUT', '/_ops/settings', { searchSafeQueries: true, priceApiRequireAuth: true });
    const backup = await shop.ops('POST', '/_ops/backup');
    expect(backup.status).toBe(201);
    expect(await backup.json()).toEqual({ backupId: 'snapshot-000002', takenAt: expect.any(String) });

    const cookie = (await shop.loginAsAdmin('a-new-password')) ?? '';
    await shop.postForm('/admin/pages/home', { html: DEFACED }, { cookie });
    await shop.opsJson('PUT', '/_ops/settings', { searchSafeQueries: false });
    await shop.opsJson('POST', '/_ops/restore');

    expect(await (await shop.get('/')).text()).toContain(INTEGRITY_TOKEN);
    expect((await shop.get('/admin', { cookie })).status).toBe(401);
    expect(await shop.loginAsAdmin('admin')).toBeNull();
    expect(await shop.loginAsAdmin('a-new-password')).not.toBeNull();
    expect(await shop.opsJson('GET', '/_ops/settings')).toEqual({
      searchSafeQueries: true,
      priceApiRequireAuth: true,
      backupExposed: true,
    });
  });

  it('lets the admin go back to the built-in home page with an empty replacement', async () => {
    const cookie = (await shop.loginAsAdmin('admin')) ?? '';
    await shop.postForm('/admin/pages/home', { html: DEFACED }, { cookie });
    await shop.postForm('/admin/pages/home', { html: '  ' }, { cookie });
    expect(await (await shop.get('/')).text()).toContain(INTEGRITY_TOKEN);
  });

  it('syncs the catalog, which repairs a tampered price', async () => {
    await shop.postJson('/api/products/tea/price', { priceYen: 1 });
    const synced = await shop.opsJson<{ products: { id: string; priceYen: number; stock: number }[] }>(
      'PUT',
      '/_ops/catalog',
      { products: [{ id: 'tea', priceYen: 1200, stock: 150 }] },
    );
    expect(synced.products.find((product) => product.id === 'tea')).toMatchObject({ priceYen: 1200, stock: 150 });
    const order = (await (await shop.buy('tea')).json()) as { unitPriceYen: number };
    expect(order.unitPriceYen).toBe(1200);
    expect(await (await shop.get('/')).text()).toContain('Stock: 149');
  });

  it('refuses a catalog with unknown products as a whole', async () => {
    const response = await shop.ops('PUT', '/_ops/catalog', {
      products: [
        { id: 'tea', priceYen: 1, stock: 1 },
        { id: 'ghost', priceYen: 1, stock: 1 },
      ],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unknown_product' });
    expect(shop.query<{ price_yen: number }>(`SELECT price_yen FROM products WHERE id = 'tea'`)[0]?.price_yen).toBe(
      1200,
    );
    expect((await shop.ops('PUT', '/_ops/catalog', { products: [{ id: 'tea', priceYen: 1 }] })).status).toBe(400);
    expect((await shop.ops('PUT', '/_ops/catalog', { products: [], extra: 1 })).status).toBe(400);
  });

  it('validates notices', async () => {
    expect((await shop.ops('PUT', '/_ops/notices', { notices: [{ atMinute: -1, text: 'x' }] })).status).toBe(400);
    expect((await shop.ops('PUT', '/_ops/notices', { notices: [{ atMinute: 1, text: '' }] })).status).toBe(400);
    expect((await shop.ops('PUT', '/_ops/notices', { notices: [{ atMinute: 1, text: 'x', y: 1 }] })).status).toBe(400);
  });

  it('answers a restart with 202 and then asks to restart', async () => {
    const response = await shop.ops('POST', '/_ops/restart');
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ restarting: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(shop.restartRequests).toBe(1);
  });

  it('keeps its database across a restart', async () => {
    await shop.buy('tea');
    await shop.opsJson('PUT', '/_ops/settings', { backupExposed: false });
    await shop.opsJson('POST', '/_ops/admin-password', { password: 'kept-password' });
    await shop.restart();
    expect(shop.query(`SELECT * FROM orders`)).toHaveLength(1);
    expect(shop.query(`SELECT * FROM customers`)).toHaveLength(20);
    expect(await shop.opsJson('GET', '/_ops/settings')).toMatchObject({ backupExposed: false });
    expect(await shop.loginAsAdmin('kept-password')).not.toBeNull();
    expect(await (await shop.get('/')).text()).toContain('Stock: 199');
  });

  it('adds products that a restarted config gained, keeping the existing ones', async () => {
    await shop.postJson('/api/products/tea/price', { priceYen: 1 });
    await shop.restart({
      products: [
        ...shop.config.products,
        { id: 'matcha', name: { ja: '抹茶', en: 'Matcha' }, priceYen: 3000, stock: 5 },
      ],
    });
    const html = await (await shop.get('/')).text();
    expect(html).toContain('Matcha');
    expect(shop.query<{ price_yen: number }>(`SELECT price_yen FROM products WHERE id = 'tea'`)[0]?.price_yen).toBe(1);
  });
});
