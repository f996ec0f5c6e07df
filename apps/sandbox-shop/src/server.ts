import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AccessLog } from './access-log';
import type { AdminAccounts } from './admin-accounts';
import { hasOpsToken } from './auth';
import type { Backups } from './backups';
import type { Catalog } from './catalog';
import type { ShopStartConfig } from './config';
import type { ShopDatabase } from './database';
import type { Notices } from './notices';
import type { Orders } from './orders';
import type { Pages } from './pages';
import { declaresOversizedBody } from './request';
import { HttpError, sendHtml, sendJson } from './response';
import type { ProductSearch } from './search';
import type { SettingsStore } from './settings';
import { renderMessagePage } from './views';

/**
 * The HTTP server: routing, the ops gate, error answers and the access log. Routes stay thin; what
 * they need is handed to them as `ShopServices`.
 */

export interface ShopServices {
  config: ShopStartConfig;
  db: ShopDatabase;
  catalog: Catalog;
  orders: Orders;
  accounts: AdminAccounts;
  settings: SettingsStore;
  pages: Pages;
  notices: Notices;
  backups: Backups;
  search: ProductSearch;
  accessLog: AccessLog;
  startedAtMs: number;
  now(): Date;
  /** Called once the 202 of `POST /_ops/restart` has been sent. */
  requestRestart(): void;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  shop: ShopServices;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** A path such as `/products/:id`; a `:name` segment matches one non-empty segment. */
  path: string;
  /** How errors on this route are answered: a small HTML page or the JSON error shape. */
  answers: 'html' | 'json';
  handle(context: RequestContext): void | Promise<void>;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

/** Matches a request; a parameter that is not valid percent-encoding simply does not match. */
function findRoute(
  routes: readonly CompiledRoute[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | undefined {
  // HEAD is answered like GET; Node leaves the body out.
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const compiled of routes) {
    if (compiled.route.method !== wanted) continue;
    const match = compiled.pattern.exec(pathname);
    if (!match) continue;
    try {
      const params = Object.fromEntries(
        compiled.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
      );
      return { route: compiled.route, params };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const OPS_PREFIX = '/_ops';

function isOpsPath(pathname: string): boolean {
  return pathname === OPS_PREFIX || pathname.startsWith(`${OPS_PREFIX}/`);
}

function answerError(context: Omit<RequestContext, 'params'>, answers: Route['answers'], error: HttpError): void {
  const { res, shop } = context;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // After a 413 the rest of the body is not worth reading: close instead of draining it.
  const headers: Record<string, string> = error.status === 413 ? { Connection: 'close' } : {};
  if (error.status === 401 && answers === 'json') headers['WWW-Authenticate'] = 'Bearer';
  if (answers === 'json') {
    sendJson(
      res,
      error.status,
      { error: error.code, message: error.message, ...(error.errors ? { errors: error.errors } : {}) },
      headers,
    );
  } else {
    const frame = { teamName: shop.config.teamName, integrityToken: shop.config.integrityToken };
    sendHtml(res, error.status, renderMessagePage(frame, `Error ${error.status}`, error.message), headers);
  }
}

export function createShopServer(shop: ShopServices, routes: readonly Route[]): Server {
  const compiled = routes.map(compile);

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://shop.invalid');
    } catch {
      const base = { req, res, url: new URL('http://shop.invalid/'), shop };
      answerError(base, 'html', new HttpError(400, 'bad_request', 'the request target is not a valid URL'));
      return;
    }
    const base = { req, res, url, shop };
    const found = findRoute(compiled, method, url.pathname);
    const answers = found?.route.answers ?? (isOpsPath(url.pathname) ? 'json' : 'html');
    try {
      // The ops surface tells nothing to a caller without the token, not even which paths exist.
      if (isOpsPath(url.pathname) && !hasOpsToken(req, shop.config.opsToken)) {
        throw new HttpError(401, 'unauthorized', 'the ops API needs the bearer token');
      }
      if (declaresOversizedBody(req)) {
        throw new HttpError(413, 'payload_too_large', 'request bodies are limited to 1 MB');
      }
      if (!found) throw new HttpError(404, 'not_found', 'there is nothing here');
      await found.route.handle({ ...base, params: found.params });
    } catch (error) {
      if (error instanceof HttpError) {
        answerError(base, answers, error);
      } else {
        process.stderr.write(
          `sandbox-shop: ${method} ${url.pathname} failed: ${(error as Error)?.stack ?? String(error)}\n`,
        );
        answerError(base, answers, new HttpError(500, 'internal_error', 'something went wrong'));
      }
    }
  };

  return createServer((req, res) => {
    const startedAt = shop.now();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      shop.accessLog.append({
        at: startedAt,
        method: req.method ?? '?',
        target: req.url ?? '/',
        status: res.writableFinished ? res.statusCode : 0,
        remoteAddress: req.socket.remoteAddress ?? '-',
      });
    };
    res.on('finish', log);
    res.on('close', log);
    handleRequest(req, res).catch((error: unknown) => {
      process.stderr.write(`sandbox-shop: unexpected failure: ${String(error)}\n`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
}
