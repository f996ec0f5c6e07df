import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ShopConfig, ShopStartConfig } from '../config';
import { shopDatabasePath } from '../database';
import { startShop, type RunningShop, type ShopOptions } from '../shop';

/**
 * Starts shops in-process on throw-away data directories for the specs, and speaks HTTP to them
 * the way the crawler, the attack runner and the ops console do.
 */

export const OPS_TOKEN = 'test-ops-token-0123456789';
export const INTEGRITY_TOKEN = 'integrity-token-abcdef';
export const ALL_VULNERABILITIES: ShopConfig['vulnerabilities'] = [
  'default-admin-password',
  'sqli-search',
  'price-api-unauth',
  'exposed-backup',
];

export function testShopConfig(overrides: Partial<ShopConfig> = {}): ShopConfig {
  return {
    teamId: 'team-1',
    teamName: 'Team 1',
    port: 0,
    host: '127.0.0.1',
    opsToken: OPS_TOKEN,
    integrityToken: INTEGRITY_TOKEN,
    vulnerabilities: ALL_VULNERABILITIES,
    products: [
      { id: 'tea', name: { ja: '緑茶', en: 'Green tea' }, priceYen: 1200, stock: 200 },
      { id: 'sencha', name: { ja: '煎茶', en: 'Sencha' }, priceYen: 2500, stock: 3 },
    ],
    customers: 20,
    seed: 1,
    ...overrides,
  };
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'mamoru-shop-'));
}

export class TestShop {
  private constructor(
    readonly config: ShopStartConfig,
    private running: RunningShop,
    private readonly options: ShopOptions,
    private readonly restarts: { requested: number },
  ) {}

  /** How often `POST /_ops/restart` asked for a restart (in-process, nothing exits). */
  get restartRequests(): number {
    return this.restarts.requested;
  }

  static async start(
    overrides: Partial<ShopConfig> = {},
    options: ShopOptions = {},
    dataDir = makeDataDir(),
  ): Promise<TestShop> {
    const config = { ...testShopConfig(overrides), dataDir };
    const restarts = { requested: 0 };
    const running = await startShop(config, {
      searchTimeoutMs: 2000,
      ...options,
      onRestartRequested: () => restarts.requested++,
    });
    return new TestShop(config, running, options, restarts);
  }

  get url(): string {
    return `http://127.0.0.1:${this.running.port}`;
  }

  /** Stops and starts again on the same data directory, like the platform's supervisor. */
  async restart(overrides: Partial<ShopConfig> = {}): Promise<void> {
    await this.running.close();
    const config = { ...this.config, ...overrides };
    this.running = await startShop(config, {
      searchTimeoutMs: 2000,
      ...this.options,
      onRestartRequested: () => this.restarts.requested++,
    });
  }

  async close(): Promise<void> {
    await this.running.close();
  }

  /** Closes the shop and deletes its data directory. */
  async destroy(): Promise<void> {
    await this.running.close();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }

  /** A read-only look into the shop's database, for checks the HTTP API does not show. */
  query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(shopDatabasePath(this.config.dataDir), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, { redirect: 'manual', ...init });
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, { headers });
  }

  postJson(path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Response> {
    return this.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Calls the ops API with the bearer token. */
  ops(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${OPS_TOKEN}` };
    if (body === undefined) return this.fetch(path, { method, headers });
    return this.postJson(path, body, headers, method);
  }

  async opsJson<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.ops(method, path, body);
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Logs in as admin; returns the `Cookie` header value, or null when refused. */
  async loginAsAdmin(password: string): Promise<string | null> {
    const response = await this.postForm('/admin/login', { username: 'admin', password });
    await response.arrayBuffer();
    if (response.status !== 302) return null;
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('admin_session='));
    return cookie ? (cookie.split(';')[0] ?? null) : null;
  }

  /** Buys through the same steps as the crawler's journey. */
  async buy(productId: string, quantity = 1): Promise<Response> {
    const cart = await this.postJson('/cart', { productId, quantity });
    if (cart.status !== 200) return cart;
    const { cartId } = (await cart.json()) as { cartId: string };
    return this.postJson('/checkout', { cartId, customer: { name: '山田 太郎', email: 'taro@example.jp' } });
  }
}
