import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShopEndpoint } from '../drivers/sandbox-driver';

/**
 * A small stand-in for the bundled shop, for tests: it speaks the shop's HTTP contract (integrity
 * marker, product pages, cart, checkout, the ops API) and lets a test misbehave it on purpose:
 * deface it, tamper with prices, fail or slow down a route, or refuse connections altogether.
 * Extra routes (`route`) let attack-runner tests add the vulnerable endpoints they need.
 */

export type FakeShopRoute = 'home' | 'product' | 'cart' | 'checkout';

export interface FakeShopProduct {
  priceYen: number;
  stock: number;
  name?: string;
}

export interface FakeShopBehaviour {
  /** Serve the home page without the integrity marker. */
  defaced: boolean;
  /** Answer this status (with an error body) on a route, every time. */
  status: Partial<Record<FakeShopRoute, number>>;
  /** Answer 500 to the next N requests of a route. */
  failNext: Partial<Record<FakeShopRoute, number>>;
  /** Wait this long before answering a route. */
  delayMs: Partial<Record<FakeShopRoute, number>>;
  /** Decides per request: a status to answer instead (with an error body), or undefined. */
  fail?: (route: FakeShopRoute, request: FakeRequest) => number | undefined;
  /** Charge this instead of the shop's price (a tampered price list). */
  chargeYen?: (productId: string, priceYen: number) => number;
}

export interface FakeShopOptions {
  teamId?: string;
  host?: string;
  port?: number;
  integrityToken?: string;
  opsToken?: string;
  products?: Record<string, FakeShopProduct>;
  behaviour?: Partial<FakeShopBehaviour>;
  /** Called after `POST /_ops/restart` was answered (202). */
  onRestart?: () => void;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON or as a form, when it is one. */
  json?: unknown;
  form?: URLSearchParams;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string | string[]>;
  /** A string is sent as text/html, anything else as JSON. */
  body?: unknown;
}

export type FakeRouteHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOrder {
  orderId: string;
  productId: string;
  quantity: number;
  unitPriceYen: number;
  totalYen: number;
  customer: unknown;
}

export interface FakeShop {
  port: number;
  baseUrl: string;
  endpoint: ShopEndpoint;
  products: Map<string, FakeShopProduct>;
  behaviour: FakeShopBehaviour;
  orders: FakeOrder[];
  /** Every request seen, in arrival order. */
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  settings: { searchSafeQueries: boolean; priceApiRequireAuth: boolean; backupExposed: boolean };
  notices: { atMinute: number; text: string }[];
  adminPassword: string;
  /** Adds (or replaces) a route; it wins over the built-in ones. */
  route(method: string, path: string, handler: FakeRouteHandler): void;
  /** Stops listening and drops open connections: from now on the port refuses connections. */
  refuseConnections(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeShop(options: FakeShopOptions = {}): Promise<FakeShop> {
  const teamId = options.teamId ?? 'team-1';
  const integrityToken = options.integrityToken ?? 'integrity-token';
  const opsToken = options.opsToken ?? 'ops-token';
  const products = new Map(
    Object.entries(options.products ?? { apple: { priceYen: 1000, stock: 100 }, pear: { priceYen: 2000, stock: 100 } }),
  );
  const behaviour: FakeShopBehaviour = { defaced: false, status: {}, failNext: {}, delayMs: {}, ...options.behaviour };
  const routes = new Map<string, FakeRouteHandler>();
  const carts = new Map<string, { productId: string; quantity: number }>();
  const idempotent = new Map<string, FakeReply>();
  let nextId = 1;

  const shop = {
    products,
    behaviour,
    orders: [] as FakeOrder[],
    requests: [] as FakeShop['requests'],
    settings: { searchSafeQueries: false, priceApiRequireAuth: false, backupExposed: true },
    notices: [] as FakeShop['notices'],
    adminPassword: 'admin',
  };

  const builtIn = async (request: FakeRequest): Promise<FakeReply> => {
    const { method, path } = request;
    if (path.startsWith('/_ops/')) return ops(request);
    const productMatch = /^\/products\/([^/]+)$/.exec(path);
    const route: FakeShopRoute | undefined =
      method === 'GET' && path === '/'
        ? 'home'
        : method === 'GET' && productMatch
          ? 'product'
          : method === 'POST' && path === '/cart'
            ? 'cart'
            : method === 'POST' && path === '/checkout'
              ? 'checkout'
              : undefined;
    if (!route) return { status: 404, body: { error: 'not_found' } };
    const delay = behaviour.delayMs[route];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay).unref()); // never holds a test run open
    const forced = behaviour.status[route] ?? behaviour.fail?.(route, request);
    if (forced) return { status: forced, body: { error: 'forced' } };
    if ((behaviour.failNext[route] ?? 0) > 0) {
      behaviour.failNext[route]!--;
      return { status: 500, body: { error: 'failing' } };
    }
    switch (route) {
      case 'home':
        return { body: homePage(integrityToken, behaviour.defaced, products, shop.notices) };
      case 'product': {
        const id = decodeURIComponent(productMatch![1]);
        const product = products.get(id);
        if (!product) return { status: 404, body: '<h1>not found</h1>' };
        return {
          body: `<html><body><h1>${id}</h1><p>¥${product.priceYen}</p><p>stock ${product.stock}</p></body></html>`,
        };
      }
      case 'cart': {
        const { productId, quantity } = (request.json ?? {}) as { productId?: unknown; quantity?: unknown };
        if (typeof productId !== 'string' || !products.has(productId))
          return { status: 400, body: { error: 'bad_product' } };
        const cartId = `cart-${nextId++}`;
        carts.set(cartId, { productId, quantity: typeof quantity === 'number' ? quantity : 1 });
        return { status: 201, body: { cartId } };
      }
      case 'checkout': {
        const { cartId, customer } = (request.json ?? {}) as { cartId?: unknown; customer?: unknown };
        const cart = typeof cartId === 'string' ? carts.get(cartId) : undefined;
        if (!cart) return { status: 400, body: { error: 'bad_cart' } };
        const product = products.get(cart.productId)!;
        if (product.stock < cart.quantity) return { status: 409, body: { error: 'out_of_stock' } };
        product.stock -= cart.quantity;
        carts.delete(cartId as string);
        const unitPriceYen = behaviour.chargeYen
          ? behaviour.chargeYen(cart.productId, product.priceYen)
          : product.priceYen;
        const order: FakeOrder = {
          orderId: `order-${nextId++}`,
          productId: cart.productId,
          quantity: cart.quantity,
          unitPriceYen,
          totalYen: unitPriceYen * cart.quantity,
          customer,
        };
        shop.orders.push(order);
        const { customer: _customer, ...receipt } = order;
        return { status: 201, body: receipt };
      }
    }
  };

  const ops = (request: FakeRequest): FakeReply => {
    if (request.headers.authorization !== `Bearer ${opsToken}`) return { status: 401, body: { error: 'unauthorized' } };
    const body = (request.json ?? {}) as Record<string, unknown>;
    switch (`${request.method} ${request.path}`) {
      case 'GET /_ops/health':
        return { body: { ok: true, teamId } };
      case 'GET /_ops/settings':
        return { body: shop.settings };
      case 'PUT /_ops/settings':
        for (const key of Object.keys(shop.settings) as (keyof FakeShop['settings'])[]) {
          if (typeof body[key] === 'boolean') shop.settings[key] = body[key];
        }
        return { body: shop.settings };
      case 'POST /_ops/admin-password':
        if (typeof body.password !== 'string' || body.password.length < 8) {
          return { status: 400, body: { error: 'password too short' } };
        }
        shop.adminPassword = body.password;
        return { status: 204 };
      case 'GET /_ops/logs': {
        const limit = Number(request.query.get('limit') ?? 100);
        return { body: { lines: shop.requests.slice(-limit).map((r) => `${r.method} ${r.path}`) } };
      }
      case 'POST /_ops/backup':
        return { body: { ok: true, backupId: 'backup-1' } };
      case 'POST /_ops/restore':
        return { body: { ok: true } };
      case 'PUT /_ops/catalog':
        for (const entry of (body.products ?? []) as { id: string; priceYen: number; stock: number }[]) {
          const product = products.get(entry.id);
          if (product) Object.assign(product, { priceYen: entry.priceYen, stock: entry.stock });
        }
        return { body: { ok: true } };
      case 'PUT /_ops/notices':
        shop.notices = (body.notices ?? []) as FakeShop['notices'];
        return { body: { ok: true } };
      case 'POST /_ops/restart':
        setImmediate(() => options.onRestart?.());
        return { status: 202, body: { restarting: true } };
      default:
        return { status: 404, body: { error: 'not_found' } };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake.shop');
        const method = req.method ?? 'GET';
        shop.requests.push({ method, path: url.pathname + url.search, headers: req.headers });
        const text = Buffer.concat(chunks).toString('utf8');
        const request: FakeRequest = {
          method,
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: text,
          ...parseBody(req.headers['content-type'], text),
        };
        const key = req.headers['idempotency-key'];
        const remembered = typeof key === 'string' ? idempotent.get(key) : undefined;
        let reply: FakeReply;
        try {
          reply = remembered ?? (await (routes.get(`${method} ${url.pathname}`) ?? builtIn)(request));
        } catch (error) {
          reply = { status: 500, body: { error: String(error) } };
        }
        if (typeof key === 'string' && !remembered) idempotent.set(key, reply);
        send(res, reply);
      })();
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  const refuseConnections = () => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  };

  return Object.assign(shop, {
    port,
    baseUrl,
    endpoint: { teamId, baseUrl, opsToken, integrityToken },
    route: (method: string, path: string, handler: FakeRouteHandler) => {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    refuseConnections,
    close: refuseConnections,
  });
}

function homePage(
  integrityToken: string,
  defaced: boolean,
  products: Map<string, FakeShopProduct>,
  notices: { text: string }[],
): string {
  const marker = defaced ? '' : `<meta name="mamoru-integrity" content="${integrityToken}">`;
  const heading = defaced ? '<h1>HACKED BY RED TEAM</h1>' : '<h1>Fake Shop</h1>';
  const list = [...products.keys()].map((id) => `<li><a href="/products/${id}">${id}</a></li>`).join('');
  const news = notices.map((n) => `<p class="notice">${n.text}</p>`).join('');
  return `<!doctype html><html><head><title>Fake Shop</title>${marker}</head><body>${heading}${news}<ul>${list}</ul></body></html>`;
}

function parseBody(contentType: string | undefined, text: string): { json?: unknown; form?: URLSearchParams } {
  if (contentType?.includes('application/json')) {
    try {
      return { json: JSON.parse(text) };
    } catch {
      return {};
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) return { form: new URLSearchParams(text) };
  return {};
}

function send(res: http.ServerResponse, reply: FakeReply): void {
  const status = reply.status ?? 200;
  const headers: Record<string, string | string[]> = { ...reply.headers };
  let body = '';
  if (reply.body !== undefined && status !== 204) {
    const isText = typeof reply.body === 'string';
    body = isText ? (reply.body as string) : JSON.stringify(reply.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = isText ? 'text/html; charset=utf-8' : 'application/json';
    }
  }
  res.writeHead(status, headers);
  res.end(body);
}
