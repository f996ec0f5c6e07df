import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { TestShop } from './testing/test-shop';

/** Sends a raw request, streaming `bodyBytes` in 64 KiB chunks without a Content-Length. */
function streamBody(url: string, path: string, bodyBytes: number): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('reset'));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const writeMore = () => {
      while (sent < bodyBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

/** Declares a body of `bodyBytes` but sends none: the shop must refuse before reading it. */
function declareBody(url: string, path: string, bodyBytes: number): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { method: 'PUT', headers: { 'content-length': String(bodyBytes) } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => resolve('reset'));
    req.flushHeaders();
  });
}

describe('hostile input', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await TestShop.start(
      {
        products: [
          { id: 'tea', name: { ja: '緑茶', en: 'Green tea' }, priceYen: 1200, stock: 200 },
          {
            id: 'xss',
            name: { ja: '<script>alert(1)</script>', en: '"><img src=x onerror=alert(2)>' },
            priceYen: 1,
            stock: 1,
          },
        ],
      },
      { searchTimeoutMs: 1000 },
    );
  });
  afterAll(async () => {
    await shop.destroy();
  });

  const search = (q: string) => shop.get(`/search?q=${encodeURIComponent(q)}`);
  const productCount = () => shop.query<{ n: number }>(`SELECT count(*) AS n FROM products`)[0]?.n;
  const teaPrice = () =>
    shop.query<{ price_yen: number }>(`SELECT price_yen FROM products WHERE id = 'tea'`)[0]?.price_yen;

  describe('through the injectable search', () => {
    it('cannot stack a DROP TABLE', async () => {
      const response = await search(`'; DROP TABLE products;--`);
      expect(response.status).toBe(500);
      expect(productCount()).toBe(2);
      expect((await shop.get('/products/tea')).status).toBe(200);
    });

    it('cannot ATTACH a database file', async () => {
      const evil = join(shop.config.dataDir, 'evil.db');
      for (const payload of [
        `' UNION SELECT 1, 2; ATTACH DATABASE '${evil}' AS evil;--`,
        `' UNION SELECT 1, 2--'; ATTACH '${evil}' AS evil`,
        `'; ATTACH DATABASE '${evil}' AS evil; CREATE TABLE evil.x (a);--`,
      ]) {
        const response = await search(payload);
        const html = await response.text();
        expect([200, 500]).toContain(response.status);
        if (response.status === 200) expect(html).not.toMatch(/<li class="result">[^<]*evil/);
      }
      expect(existsSync(evil)).toBe(false);
    });

    it('cannot write, load extensions or read files', async () => {
      for (const payload of [
        `'; UPDATE products SET price_yen = 1;--`,
        `'; INSERT INTO customers (name, email, card_number) VALUES ('x', 'y', 'z');--`,
        `' UNION SELECT load_extension('/tmp/evil.so'), 1--`,
        `' UNION SELECT readfile('/etc/passwd'), 1--`,
        `' UNION SELECT writefile('${join(shop.config.dataDir, 'x.txt')}', 'x'), 1--`,
        `'; PRAGMA writable_schema = 1;--`,
        `'; VACUUM INTO '/tmp/stolen.db';--`,
      ]) {
        expect((await search(payload)).status).toBe(500);
      }
      expect(teaPrice()).toBe(1200);
      expect(shop.query(`SELECT * FROM customers`)).toHaveLength(20);
      expect(existsSync(join(shop.config.dataDir, 'x.txt'))).toBe(false);
    });

    it('escapes whatever an injection selects', async () => {
      const html = await (await search(`' UNION SELECT '<script>alert(3)</script>', '<b>x</b>'--`)).text();
      expect(html).not.toContain('<script>alert(3)');
      expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt; — &lt;b&gt;x&lt;/b&gt;');
    });

    it('survives a query that never ends, and the next search works', async () => {
      const started = Date.now();
      const endless = `' UNION SELECT x, 1 FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS x FROM c)--`;
      const response = await search(endless);
      expect(response.status).toBe(500);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await shop.ops('GET', '/_ops/health')).status).toBe(200);
      const html = await (await search('tea')).text();
      expect(html).toContain('Green tea — ¥1,200');
    });

    it('refuses overly long search text', async () => {
      expect((await search('x'.repeat(501))).status).toBe(400);
    });
  });

  it('escapes product names, notices and the search text', async () => {
    await shop.opsJson('PUT', '/_ops/notices', { notices: [{ atMinute: 1, text: '<script>alert(4)</script>' }] });
    const home = await (await shop.get('/')).text();
    const product = await (await shop.get('/products/xss')).text();
    for (const html of [home, product]) {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(home).toContain('&lt;script&gt;alert(4)&lt;/script&gt;');
    await shop.opsJson('PUT', '/_ops/settings', { searchSafeQueries: true });
    const reflected = await (await search('"><script>alert(5)</script>')).text();
    expect(reflected).not.toContain('<script>alert(5)');
    await shop.opsJson('PUT', '/_ops/settings', { searchSafeQueries: false });
    await shop.opsJson('PUT', '/_ops/notices', { notices: [] });
  });

  it('escapes the stored home page in the admin form', async () => {
    const cookie = (await shop.loginAsAdmin('admin')) ?? '';
    await shop.postForm('/admin/pages/home', { html: '</textarea><script>alert(6)</script>' }, { cookie });
    const admin = await (await shop.get('/admin', { cookie })).text();
    expect(admin).not.toContain('<script>alert(6)');
    await shop.postForm('/admin/pages/home', { html: '' }, { cookie });
  });

  it('answers malformed JSON with 400', async () => {
    for (const body of ['{', '{"productId": "tea", ', 'null', '"tea"', '', '\u0000']) {
      const response = await shop.fetch('/cart', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: expect.stringMatching(/^(malformed_json|invalid_body)$/) });
    }
    const ops = await shop.fetch('/_ops/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${shop.config.opsToken}`, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(ops.status).toBe(400);
  });

  it('answers wrong content types with 415', async () => {
    const form = await shop.postForm('/cart', { productId: 'tea', quantity: '1' });
    expect(form.status).toBe(415);
    const xml = await shop.fetch('/cart', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
    const jsonLogin = await shop.postJson('/admin/login', { username: 'admin', password: 'admin' });
    expect(jsonLogin.status).toBe(415);
    // A bare string body (fetch's default text/plain) is read as JSON.
    const plain = await shop.fetch('/cart', {
      method: 'POST',
      body: JSON.stringify({ productId: 'tea', quantity: 1 }),
    });
    expect(plain.status).toBe(200);
  });

  it('answers bodies over 1 MB with 413 and stays up', async () => {
    const declared = await shop.fetch('/cart', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(declared.status).toBe(413);
    const streamed = await streamBody(shop.url, '/cart', 3 * 1024 * 1024);
    expect([413, 'reset']).toContain(streamed);
    expect(await declareBody(shop.url, '/', 5 * 1024 * 1024)).toBe(413);
    expect((await shop.ops('GET', '/_ops/health')).status).toBe(200);
  });

  it('serves no files: traversal attempts are 404', async () => {
    for (const path of [
      '/backup/../shop.db',
      '/backup/%2e%2e/shop.db',
      '/backup/..%2fshop.db',
      '/backup/shop-backup.sql/../../config.json',
      '/backup/shop-backup.sql%00.txt',
      '/../../../etc/passwd',
      '/products/..%2F..%2Fconfig.json',
      '/products/%',
    ]) {
      const response = await shop.get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('opsToken');
    }
  });

  it('never leaks a stack trace and stays up after garbage', async () => {
    const responses = await Promise.all([
      shop.fetch('/checkout', { method: 'POST', body: JSON.stringify({ cartId: { $ne: 1 }, customer: [] }) }),
      shop.fetch('/api/products/%FF/price', { method: 'POST', body: '{"priceYen": 1e400}' }),
      shop.fetch('/api/products/tea/price', { method: 'POST', body: '{"priceYen": 1, "__proto__": {"x": 1}}' }),
      shop.get('/search?q=%FF%FE'),
      shop.get(`/products/${'a'.repeat(5000)}`),
    ]);
    for (const response of responses) {
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toMatch(/\.ts:\d+|Error:/);
    }
    expect((await shop.ops('GET', '/_ops/health')).status).toBe(200);
  });
});
