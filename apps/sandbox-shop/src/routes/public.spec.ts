import { INTEGRITY_TOKEN, TestShop } from '../testing/test-shop';

describe('storefront (the crawler journey)', () => {
  let shop: TestShop;

  beforeEach(async () => {
    shop = await TestShop.start();
  });
  afterEach(async () => {
    await shop.destroy();
  });

  it('serves the home page with the integrity marker, the products and prices', async () => {
    const response = await shop.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain(`<meta name="mamoru-integrity" content="${INTEGRITY_TOKEN}">`);
    expect(html).toContain('緑茶');
    expect(html).toContain('Green tea');
    expect(html).toContain('¥1,200');
    expect(html).toContain('¥2,500');
    expect(html).toContain('Stock: 200');
  });

  it('serves product pages and 404 for unknown products', async () => {
    const page = await shop.get('/products/tea');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(INTEGRITY_TOKEN);
    expect(html).toContain('Green tea');
    expect(html).toContain('¥1,200');
    expect((await shop.get('/products/nope')).status).toBe(404);
    expect((await shop.get('/products/%E0%A4%A')).status).toBe(404);
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await shop.fetch('/', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('sells through cart and checkout at the current price and decrements stock', async () => {
    const cart = await shop.postJson('/cart', { productId: 'tea', quantity: 2 });
    expect(cart.status).toBe(200);
    const { cartId } = (await cart.json()) as { cartId: string };
    expect(typeof cartId).toBe('string');

    const checkout = await shop.postJson('/checkout', {
      cartId,
      customer: { name: '山田 太郎', email: 'taro@example.jp' },
    });
    expect(checkout.status).toBe(200);
    const order = (await checkout.json()) as Record<string, unknown>;
    expect(order).toEqual({
      orderId: expect.any(String),
      productId: 'tea',
      quantity: 2,
      unitPriceYen: 1200,
      totalYen: 2400,
    });
    expect(shop.query<{ stock: number }>(`SELECT stock FROM products WHERE id = 'tea'`)[0]?.stock).toBe(198);
    expect(shop.query(`SELECT * FROM orders`)).toHaveLength(1);

    // A cart is paid once.
    const again = await shop.postJson('/checkout', { cartId, customer: { name: 'x', email: 'x@example.jp' } });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: 'unknown_cart' });
  });

  it('charges the price current at checkout, not at cart time', async () => {
    const cart = await shop.postJson('/cart', { productId: 'tea', quantity: 1 });
    const { cartId } = (await cart.json()) as { cartId: string };
    await shop.opsJson('PUT', '/_ops/catalog', { products: [{ id: 'tea', priceYen: 999, stock: 10 }] });
    const checkout = await shop.postJson('/checkout', { cartId, customer: { name: 'A', email: 'a@example.jp' } });
    expect(await checkout.json()).toMatchObject({ unitPriceYen: 999, totalYen: 999 });
  });

  it('answers 409 out_of_stock when its own stock runs out', async () => {
    for (let i = 0; i < 3; i++) expect((await shop.buy('sencha')).status).toBe(200);
    const sold = await shop.buy('sencha');
    expect(sold.status).toBe(409);
    expect(await sold.json()).toMatchObject({ error: 'out_of_stock' });
    expect(shop.query<{ stock: number }>(`SELECT stock FROM products WHERE id = 'sencha'`)[0]?.stock).toBe(0);
    // More than what is left is out of stock as well.
    await shop.opsJson('PUT', '/_ops/catalog', { products: [{ id: 'sencha', priceYen: 2500, stock: 1 }] });
    expect((await shop.buy('sencha', 2)).status).toBe(409);
    expect((await shop.buy('sencha', 1)).status).toBe(200);
  });

  it('honours idempotency keys: a retried checkout returns the first order, even after a restart', async () => {
    const customer = { name: '佐藤 花子', email: 'hanako@example.jp' };
    const checkout = async (key: string, who = customer) => {
      const cart = await shop.postJson('/cart', { productId: 'tea', quantity: 1 });
      const { cartId } = (await cart.json()) as { cartId: string };
      const response = await shop.postJson('/checkout', { cartId, customer: who }, { 'idempotency-key': key });
      expect(response.status).toBe(200);
      return (await response.json()) as { orderId: string };
    };
    const first = await checkout('team-1-t5-c0-checkout');
    expect(await checkout('team-1-t5-c0-checkout')).toEqual(first);
    await shop.restart();
    expect(await checkout('team-1-t5-c0-checkout')).toEqual(first);
    expect(shop.query(`SELECT * FROM orders`)).toHaveLength(1);
    expect(shop.query<{ stock: number }>(`SELECT stock FROM products WHERE id = 'tea'`)[0]?.stock).toBe(199);
    // Someone else using the same key buys for themselves.
    const other = await checkout('team-1-t5-c0-checkout', { name: 'B', email: 'b@example.jp' });
    expect(other.orderId).not.toBe(first.orderId);
    expect(shop.query(`SELECT * FROM orders`)).toHaveLength(2);
    const tooLong = await shop.postJson('/checkout', { cartId: 'x', customer }, { 'idempotency-key': 'k'.repeat(201) });
    expect(tooLong.status).toBe(400);
  });

  it('refuses bad carts and checkouts', async () => {
    expect((await shop.postJson('/cart', { productId: 'nope', quantity: 1 })).status).toBe(404);
    expect((await shop.postJson('/cart', { productId: 'tea', quantity: 0 })).status).toBe(400);
    expect((await shop.postJson('/cart', { productId: 'tea', quantity: 1.5 })).status).toBe(400);
    expect((await shop.postJson('/cart', { productId: 'tea' })).status).toBe(400);
    expect((await shop.postJson('/cart', [])).status).toBe(400);
    const unknownCart = await shop.postJson('/checkout', {
      cartId: 'no-such-cart',
      customer: { name: 'A', email: 'a@example.jp' },
    });
    expect(unknownCart.status).toBe(404);
    const badEmail = await shop.postJson('/checkout', { cartId: 'x', customer: { name: 'A', email: 'not-an-email' } });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.json()).toMatchObject({ error: 'invalid_body', errors: expect.any(Array) });
  });

  it('searches products with safe queries when the hole is closed', async () => {
    await shop.opsJson('PUT', '/_ops/settings', { searchSafeQueries: true });
    const html = await (await shop.get('/search?q=tea')).text();
    expect(html).toContain('<li class="result">緑茶 / Green tea — ¥1,200</li>');
    expect(html).not.toContain('Sencha —');
    const japanese = await (await shop.get(`/search?q=${encodeURIComponent('煎茶')}`)).text();
    expect(japanese).toContain('<li class="result">煎茶 / Sencha — ¥2,500</li>');
    // LIKE wildcards in the text are literal.
    const wildcard = await (await shop.get('/search?q=%25')).text();
    expect(wildcard).not.toContain('class="result"');
  });

  it('shows the public notices, newest first', async () => {
    await shop.opsJson('PUT', '/_ops/notices', {
      notices: [
        { atMinute: 5, text: 'お詫び: 一時的に障害が発生しました' },
        { atMinute: 30, text: 'Service restored' },
      ],
    });
    const html = await (await shop.get('/')).text();
    expect(html).toContain('お詫び: 一時的に障害が発生しました');
    expect(html.indexOf('Service restored')).toBeLessThan(html.indexOf('お詫び'));
    await shop.opsJson('PUT', '/_ops/notices', { notices: [] });
    expect(await (await shop.get('/')).text()).not.toContain('Service restored');
  });

  it('answers 404 for anything else, including other files', async () => {
    for (const path of [
      '/nope',
      '/backup/',
      '/backup/shop.db',
      '/shop.db',
      '/config.json',
      '/access.log',
      '/admin/x',
    ]) {
      expect((await shop.get(path)).status).toBe(404);
    }
    expect((await shop.fetch('/products/tea', { method: 'DELETE' })).status).toBe(404);
  });

  it('logs every request', async () => {
    await shop.get('/products/tea?ref=test');
    await shop.get('/nope');
    const { lines } = await shop.opsJson<{ lines: string[] }>('GET', '/_ops/logs?limit=10');
    expect(lines.some((line) => / GET \/products\/tea\?ref=test 200 /.test(line))).toBe(true);
    expect(lines.some((line) => / GET \/nope 404 /.test(line))).toBe(true);
  });
});
