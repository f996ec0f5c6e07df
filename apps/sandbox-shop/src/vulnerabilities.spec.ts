import { INTEGRITY_TOKEN, OPS_TOKEN, TestShop } from './testing/test-shop';
import { openHoles } from './vulnerabilities';

const LEAK_CUSTOMERS = `' UNION SELECT email, card_number FROM customers--`;
const DEFACED = '<html><body><h1>HACKED by red team</h1></body></html>';

function leaksCustomers(html: string): boolean {
  return /<li class="result">[^<]+@example\.jp — 4\d{3}-\d{4}-\d{4}-\d{4}<\/li>/.test(html);
}

async function tamperPrice(shop: TestShop, priceYen: number, headers: Record<string, string> = {}): Promise<number> {
  const response = await shop.postJson('/api/products/tea/price', { priceYen }, headers);
  await response.arrayBuffer();
  return response.status;
}

describe('openHoles', () => {
  it('opens a hole only when it is placed and not fixed', () => {
    const vulnerable = { searchSafeQueries: false, priceApiRequireAuth: false, backupExposed: true };
    expect(openHoles([], vulnerable)).toEqual({
      injectableSearch: false,
      unauthenticatedPriceApi: false,
      exposedBackup: false,
    });
    expect(openHoles(['sqli-search', 'price-api-unauth', 'exposed-backup'], vulnerable)).toEqual({
      injectableSearch: true,
      unauthenticatedPriceApi: true,
      exposedBackup: true,
    });
    const fixed = { searchSafeQueries: true, priceApiRequireAuth: true, backupExposed: false };
    expect(openHoles(['sqli-search', 'price-api-unauth', 'exposed-backup'], fixed)).toEqual({
      injectableSearch: false,
      unauthenticatedPriceApi: false,
      exposedBackup: false,
    });
  });
});

describe('the four vulnerabilities, placed', () => {
  let shop: TestShop;

  beforeEach(async () => {
    shop = await TestShop.start();
  });
  afterEach(async () => {
    await shop.destroy();
  });

  it('starts with the vulnerable settings', async () => {
    expect(await shop.opsJson('GET', '/_ops/settings')).toEqual({
      searchSafeQueries: false,
      priceApiRequireAuth: false,
      backupExposed: true,
    });
  });

  describe('sqli-search', () => {
    it('leaks customers through a UNION injection', async () => {
      const response = await shop.get(`/search?q=${encodeURIComponent(LEAK_CUSTOMERS)}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(leaksCustomers(html)).toBe(true);
      const customers = shop.query<{ email: string }>(`SELECT email FROM customers`);
      expect(customers).toHaveLength(20);
      for (const { email } of customers) expect(html).toContain(email);
    });

    it('still works as a search for honest customers', async () => {
      const html = await (await shop.get('/search?q=tea')).text();
      expect(html).toContain('<li class="result">緑茶 / Green tea — ¥1,200</li>');
    });

    it('is blocked by searchSafeQueries', async () => {
      await shop.opsJson('PUT', '/_ops/settings', { searchSafeQueries: true });
      const response = await shop.get(`/search?q=${encodeURIComponent(LEAK_CUSTOMERS)}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(leaksCustomers(html)).toBe(false);
      expect(html).not.toContain('class="result"');
    });

    it('answers a broken query with a generic 500 and no SQL detail', async () => {
      const response = await shop.get(`/search?q=${encodeURIComponent("' AND (")}`);
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(html).toContain('the search failed');
      expect(html).not.toMatch(/syntax|SQLITE|unrecognized|at .*\.ts/i);
    });
  });

  describe('default-admin-password', () => {
    it('lets anyone log in as admin/admin and deface the home page', async () => {
      const login = await shop.postForm('/admin/login', { username: 'admin', password: 'admin' });
      expect(login.status).toBe(302);
      expect(login.headers.get('location')).toBe('/admin');
      const setCookie = login.headers.getSetCookie()[0] ?? '';
      expect(setCookie).toMatch(/^admin_session=[A-Za-z0-9_-]{20,}; HttpOnly; Path=\/$/);
      const cookie = setCookie.split(';')[0] ?? '';

      const admin = await shop.get('/admin', { cookie });
      expect(admin.status).toBe(200);
      expect(await admin.text()).toContain('/admin/pages/home');

      const deface = await shop.postForm('/admin/pages/home', { html: DEFACED }, { cookie });
      expect(deface.status).toBe(200);
      const home = await (await shop.get('/')).text();
      expect(home).toBe(DEFACED);
      expect(home).not.toContain(INTEGRITY_TOKEN);
    });

    it('is fixed by a new admin password, which also ends existing sessions', async () => {
      const cookie = await shop.loginAsAdmin('admin');
      expect(cookie).not.toBeNull();
      const change = await shop.ops('POST', '/_ops/admin-password', { password: 'correct horse battery' });
      expect(change.status).toBe(200);

      expect(await shop.loginAsAdmin('admin')).toBeNull();
      expect((await shop.get('/admin', { cookie: cookie ?? '' })).status).toBe(401);
      expect((await shop.postForm('/admin/pages/home', { html: DEFACED }, { cookie: cookie ?? '' })).status).toBe(401);
      expect(await (await shop.get('/')).text()).toContain(INTEGRITY_TOKEN);

      const newCookie = await shop.loginAsAdmin('correct horse battery');
      expect((await shop.get('/admin', { cookie: newCookie ?? '' })).status).toBe(200);
    });

    it('refuses wrong credentials and anonymous admin requests with 401', async () => {
      const wrong = await shop.postForm('/admin/login', { username: 'admin', password: 'nope' });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.getSetCookie()).toEqual([]);
      expect((await shop.postForm('/admin/login', { username: 'root', password: 'admin' })).status).toBe(401);
      expect((await shop.get('/admin')).status).toBe(401);
      expect((await shop.get('/admin', { cookie: 'admin_session=forged' })).status).toBe(401);
      expect((await shop.postForm('/admin/pages/home', { html: DEFACED })).status).toBe(401);
      expect(await (await shop.get('/')).text()).toContain(INTEGRITY_TOKEN);
    });

    it('refuses passwords outside 8-200 characters', async () => {
      expect((await shop.ops('POST', '/_ops/admin-password', { password: 'short' })).status).toBe(400);
      expect((await shop.ops('POST', '/_ops/admin-password', { password: 'x'.repeat(201) })).status).toBe(400);
      expect(await shop.loginAsAdmin('admin')).not.toBeNull();
    });
  });

  describe('price-api-unauth', () => {
    it('lets anyone change a price, and checkout charges it', async () => {
      expect(await tamperPrice(shop, 1)).toBe(200);
      const order = (await (await shop.buy('tea')).json()) as { unitPriceYen: number };
      expect(order.unitPriceYen).toBe(1);
      expect(await (await shop.get('/products/tea')).text()).toContain('¥1<');
    });

    it('is blocked by priceApiRequireAuth, which still lets the admin and the ops token in', async () => {
      await shop.opsJson('PUT', '/_ops/settings', { priceApiRequireAuth: true });
      expect(await tamperPrice(shop, 1)).toBe(401);
      expect(shop.query<{ price_yen: number }>(`SELECT price_yen FROM products WHERE id = 'tea'`)[0]?.price_yen).toBe(
        1200,
      );
      expect(await tamperPrice(shop, 1300, { authorization: `Bearer ${OPS_TOKEN}` })).toBe(200);
      expect(await tamperPrice(shop, 1, { authorization: 'Bearer wrong-token' })).toBe(401);
      const cookie = (await shop.loginAsAdmin('admin')) ?? '';
      expect(await tamperPrice(shop, 1400, { cookie })).toBe(200);
      expect(shop.query<{ price_yen: number }>(`SELECT price_yen FROM products WHERE id = 'tea'`)[0]?.price_yen).toBe(
        1400,
      );
    });

    it('answers 404 for unknown products and 400 for bad prices', async () => {
      expect((await shop.postJson('/api/products/nope/price', { priceYen: 1 })).status).toBe(404);
      expect(await tamperPrice(shop, -1)).toBe(400);
      expect((await shop.postJson('/api/products/tea/price', { priceYen: '1' })).status).toBe(400);
    });
  });

  describe('exposed-backup', () => {
    it('serves a SQL dump with the customers', async () => {
      const response = await shop.get('/backup/shop-backup.sql');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const dump = await response.text();
      expect(dump).toContain('INSERT INTO customers');
      expect(dump).toMatch(/'[^']+@example\.jp', '4\d{3}-\d{4}-\d{4}-\d{4}'/);
      expect(dump).toContain('INSERT INTO admin_accounts');
    });

    it('is blocked by backupExposed: false', async () => {
      await shop.opsJson('PUT', '/_ops/settings', { backupExposed: false });
      expect((await shop.get('/backup/shop-backup.sql')).status).toBe(404);
    });
  });
});

describe('the four vulnerabilities, not placed', () => {
  let shop: TestShop;

  beforeEach(async () => {
    shop = await TestShop.start({ vulnerabilities: [] });
  });
  afterEach(async () => {
    await shop.destroy();
  });

  it('starts with the safe settings', async () => {
    expect(await shop.opsJson('GET', '/_ops/settings')).toEqual({
      searchSafeQueries: true,
      priceApiRequireAuth: true,
      backupExposed: false,
    });
  });

  it('none is exploitable, even with the settings flipped to vulnerable', async () => {
    await shop.opsJson('PUT', '/_ops/settings', {
      searchSafeQueries: false,
      priceApiRequireAuth: false,
      backupExposed: true,
    });
    expect(leaksCustomers(await (await shop.get(`/search?q=${encodeURIComponent(LEAK_CUSTOMERS)}`)).text())).toBe(
      false,
    );
    expect(await shop.loginAsAdmin('admin')).toBeNull();
    expect(await tamperPrice(shop, 1)).toBe(401);
    expect((await shop.get('/backup/shop-backup.sql')).status).toBe(404);
  });

  it('gives the admin a random password that a team sets through ops', async () => {
    const hashes = shop.query<{ password_hash: string }>(`SELECT password_hash FROM admin_accounts`);
    expect(hashes).toHaveLength(1);
    expect(hashes[0]?.password_hash).toMatch(/^scrypt\$/);
    await shop.opsJson('POST', '/_ops/admin-password', { password: 'team-chosen-password' });
    expect(await shop.loginAsAdmin('team-chosen-password')).not.toBeNull();
  });
});
