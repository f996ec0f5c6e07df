import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';

type Next = (error?: unknown) => void;
type Handler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

interface StaticOptions {
  index: false;
  redirect: boolean;
  fallthrough: boolean;
  dotfiles: 'ignore';
  cacheControl: boolean;
  etag: boolean;
  setHeaders(res: ServerResponse, path: string): void;
}

// Express ships no types here (no @types/express): serve-static as Express exports it.
const express = require('express') as { static(root: string, options: StaticOptions): Handler };

/** The built web app of this workspace (`npm run build:web`); MAMORU_WEB_DIR (ServerConfig.webDir) overrides it. */
export function defaultWebDir(): string {
  return resolve(join(__dirname, '..', '..', '..', '..', 'apps', 'web', 'dist'));
}

/** Whether `dir` holds a built web app (its index.html). */
export function webAppBuilt(dir: string = defaultWebDir()): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Paths the server answers itself: the web app never shadows them, even with a file of that name. */
const SERVER_PATHS = /^\/(?:api|health|metrics|socket\.io)(?:[/?.]|$)/;
/** The web app's own pages, answered with index.html (its router takes over in the browser). */
const APP_PAGES = /^\/(?:(?:board|team|control|replay)(?:\/.*)?)?$/;

/** Vite puts content-hashed file names under assets/: they never change, so they are cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always revalidated, so a new build shows at the next load. */
const REVALIDATE = 'no-cache';

/**
 * Pages: scripts and styles from this server only, live updates from this server's Socket.IO,
 * images inline (canvas charts, data URLs). Texts are data (live-server.md): no inline script runs.
 */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface WebAppOptions {
  /** The folder of the built app (index.html, assets/). */
  dir: string;
}

/**
 * The web app as one request handler, to run before the server's routes: GET and HEAD of a file of
 * the built app answer it (hashed assets cached for a year); the app's pages (`/`, `/board/...`,
 * `/team...`, `/control...`, `/replay...`) answer index.html, or a 503 page saying how to build it
 * when it is not built. Everything else, and always /api, /health, /metrics and /socket.io, goes on
 * to the server's routes (unknown ones answer the JSON 404).
 */
export function webAppHandler(options: WebAppOptions): Handler {
  const dir = resolve(options.dir);
  const files = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    dotfiles: 'ignore',
    cacheControl: false,
    etag: true,
    setHeaders(res, path) {
      const hashed = path.startsWith(join(dir, 'assets') + '/');
      res.setHeader('cache-control', hashed ? IMMUTABLE : REVALIDATE);
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
  return (req, res, next) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    if ((method !== 'GET' && method !== 'HEAD') || SERVER_PATHS.test(path)) return next();
    files(req, res, (error) => {
      if (error !== undefined) return next(error);
      if (!APP_PAGES.test(path)) return next();
      sendPage(dir, req, res).catch(next);
    });
  };
}

/** Mounts the web app on the server, in front of its routes (call before the app initialises). */
export function mountWebApp(app: INestApplication, options: WebAppOptions): void {
  app.use(webAppHandler(options));
}

async function sendPage(dir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = join(dir, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return send(req, res, 503, NOT_BUILT, { 'cache-control': 'no-store', 'retry-after': '10' });
  const html = await readFile(file);
  const etag = `"${createHash('sha1').update(html).digest('base64url')}"`;
  const headers = { ...PAGE_HEADERS, 'cache-control': REVALIDATE, etag };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  send(req, res, 200, html, headers);
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length, ...headers });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mamoru: the web app is not built</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em}code{background:#eee;padding:.1em .3em}</style>
</head>
<body>
<h1>The web app is not built</h1>
<p>This server serves the board, the team dashboard and the control room from <code>apps/web/dist</code>,
which does not exist yet. Build it with <code>npm run build:web</code> (<code>npm start</code> does it for you),
then reload this page. The API (<code>/api</code>, <code>/api/docs</code>) works meanwhile.</p>
<p lang="ja">Web アプリがまだビルドされていません。<code>npm run build:web</code> を実行してから、このページを再読み込みしてください。</p>
</body>
</html>
`;
