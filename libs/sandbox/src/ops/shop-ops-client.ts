import { z } from 'zod';
import type { ShopEndpoint } from '../drivers/sandbox-driver';
import type { ShopHttpClient } from '../http/shop-http';
import { sharedShopHttp, shopUrl } from '../http/shop-http';

/**
 * Typed client of a shop's ops API (`/_ops/*`, bearer `opsToken`): what a team's ops console and
 * the platform (catalog and notice sync, restarts) ask of the shop. Every failure, an HTTP error
 * status as much as an unreachable shop or an answer of the wrong shape, is a `ShopOpsError`.
 */

export const ShopSettingsSchema = z.object({
  searchSafeQueries: z.boolean(),
  priceApiRequireAuth: z.boolean(),
  backupExposed: z.boolean(),
});
export type ShopSettings = z.infer<typeof ShopSettingsSchema>;

export interface CatalogEntry {
  id: string;
  priceYen: number;
  stock: number;
}

export interface ShopNotice {
  atMinute: number;
  text: string;
}

export type ShopOpsErrorCode = 'http' | 'transport' | 'invalid-response';

export class ShopOpsError extends Error {
  constructor(
    readonly code: ShopOpsErrorCode,
    readonly teamId: string,
    readonly operation: string,
    message: string,
    /** The shop's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(`shop of team ${teamId}: ${operation} failed: ${message}`);
    this.name = 'ShopOpsError';
  }
}

export interface ShopOpsClientOptions {
  timeoutMs?: number;
  http?: ShopHttpClient;
}

const LogsSchema = z.object({ lines: z.array(z.string()) });

export class ShopOpsClient {
  private readonly http: ShopHttpClient;
  private readonly timeoutMs: number;

  constructor(
    private readonly endpoint: ShopEndpoint,
    options: ShopOpsClientOptions = {},
  ) {
    this.http = options.http ?? sharedShopHttp();
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** The shop's own health report (its shape is the shop's). */
  async health(): Promise<Record<string, unknown>> {
    return this.call('health', 'GET', '/_ops/health', undefined, z.record(z.string(), z.unknown()));
  }

  async getSettings(): Promise<ShopSettings> {
    return this.call('get settings', 'GET', '/_ops/settings', undefined, ShopSettingsSchema);
  }

  /** Changes some settings; resolves with all settings as the shop now has them. */
  async updateSettings(changes: Partial<ShopSettings>): Promise<ShopSettings> {
    const answer = await this.call('update settings', 'PUT', '/_ops/settings', changes, z.unknown());
    const parsed = ShopSettingsSchema.safeParse(answer);
    return parsed.success ? parsed.data : this.getSettings();
  }

  async setAdminPassword(password: string): Promise<void> {
    await this.call('set admin password', 'POST', '/_ops/admin-password', { password }, z.unknown());
  }

  /** The latest `limit` lines of the shop's access log. */
  async logs(limit = 200): Promise<string[]> {
    const path = `/_ops/logs?limit=${encodeURIComponent(String(limit))}`;
    return (await this.call('read logs', 'GET', path, undefined, LogsSchema)).lines;
  }

  async backup(): Promise<unknown> {
    return this.call('backup', 'POST', '/_ops/backup', {}, z.unknown());
  }

  async restore(): Promise<unknown> {
    return this.call('restore', 'POST', '/_ops/restore', {}, z.unknown());
  }

  /** Pushes the log's prices and stock to the shop's own copy (game-model §4 "who owns what"). */
  async syncCatalog(products: CatalogEntry[]): Promise<void> {
    await this.call('sync catalog', 'PUT', '/_ops/catalog', { products }, z.unknown());
  }

  async syncNotices(notices: ShopNotice[]): Promise<void> {
    await this.call('sync notices', 'PUT', '/_ops/notices', { notices }, z.unknown());
  }

  /** Asks the shop to restart itself (it answers 202, then exits for its supervisor to start it). */
  async restart(): Promise<void> {
    await this.call('restart', 'POST', '/_ops/restart', {}, z.unknown());
  }

  private async call<T>(
    operation: string,
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const { teamId } = this.endpoint;
    let result;
    try {
      result = await this.http.request({
        method,
        url: shopUrl(this.endpoint.baseUrl, path),
        headers: {
          authorization: `Bearer ${this.endpoint.opsToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      throw new ShopOpsError('transport', teamId, operation, error instanceof Error ? error.message : String(error));
    }
    if (result.kind === 'transport') {
      throw new ShopOpsError('transport', teamId, operation, `shop unreachable: ${result.message}`);
    }
    if (result.status < 200 || result.status >= 300) {
      throw new ShopOpsError(
        'http',
        teamId,
        operation,
        `HTTP ${result.status}${errorDetail(result.body)}`,
        result.status,
      );
    }
    let json: unknown = undefined;
    if (result.body.trim() !== '') {
      try {
        json = JSON.parse(result.body);
      } catch {
        json = result.body;
      }
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ShopOpsError(
        'invalid-response',
        teamId,
        operation,
        `unexpected answer: ${parsed.error.message}`,
        result.status,
      );
    }
    return parsed.data;
  }
}

/** The shop's own error message, if its error body has one (`{error}` or `{message}`). */
function errorDetail(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const { error, message } = parsed as { error?: unknown; message?: unknown };
      const text = typeof message === 'string' ? message : typeof error === 'string' ? error : undefined;
      if (text) return `: ${text.slice(0, 200)}`;
    }
  } catch {
    // not JSON: the status says enough
  }
  return '';
}
