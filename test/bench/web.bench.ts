import type { EventStore } from '@mamoru/event-store';
import { openEventStore, postgresReachable } from '@mamoru/event-store';
import type { GameServer } from '@mamoru/server';
import { startLiveServer } from '@mamoru/server';
import { chromiumAvailable, launchChromium } from '@mamoru/testing';
import Redis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { BenchOutcome, Row } from './bench-kit';
import {
  DATABASE_URL,
  errorText,
  fmtMs,
  fmtRatio,
  progress,
  QUICK,
  REDIS_URL,
  REPO_ROOT,
  stats,
  uniqueSuffix,
} from './bench-kit';
import { benchServerConfig, closeTick, createBenchGame, removeBenchGame, Ticks, waitFor } from './live-kit';

/**
 * Figure 8: the web app. 8a the built bundle (apps/web/dist/assets, raw and gzip) beside React and
 * ReactDOM's own production builds; 8b the board's first paint in Debian's Chromium (navigation →
 * all 20 standing rows in the DOM, and the browser's first-contentful-paint) beside the first
 * contentful paint of a static page of about the same text served by a plain `node:http` server;
 * 8c the board's update cost: a tick's commit → the new seq in the board's DOM, beside commit → the
 * `update` event received by a plain socket.io-client in this process for the same pushes.
 *
 * The game server is the real one (`startLiveServer`, serving apps/web/dist), with a game of 20
 * teams created through the API; a tick is what the scoring worker does: append one
 * `crawl.observed` per team + `tick.closed`, then publish the tick-closed notice.
 */
const TEAMS = 20;
const PAINT_RUNS = QUICK ? 2 : 5;
const UPDATE_TICKS = QUICK ? 5 : 30;
const UPDATE_EVERY_MS = 500;
const UPDATE_TIMEOUT_MS = 5000;
const WARMUP_TICKS = 5;
const AIM_ROWS_MS = 1000;
const VIEWPORT = { width: 1920, height: 1080 };

/** Page-side probes: when the 20 standing rows first are all in the DOM, and when each seq reaches it. */
const INIT_SCRIPT = `(() => {
  const w = window;
  w.__benchRowsAt = null;
  w.__benchSeqAt = {};
  const check = () => {
    if (w.__benchRowsAt === null && document.querySelectorAll('[data-testid="standing-row"]').length >= ${TEAMS}) {
      w.__benchRowsAt = performance.now();
    }
    const board = document.querySelector('[data-testid="board"]');
    const seq = board && board.getAttribute('data-seq');
    if (seq && !(seq in w.__benchSeqAt)) w.__benchSeqAt[seq] = Date.now();
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-seq'],
  });
})();`;

export async function webBench(): Promise<BenchOutcome> {
  const rows: Row[] = [];
  const notes: string[] = [];

  // ----- 8a: the built bundle -----
  try {
    progress('web: building the web app if needed (tools/ensure-web-build.js)');
    execFileSync(process.execPath, [join(REPO_ROOT, 'tools', 'ensure-web-build.js')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
    const assets = join(REPO_ROOT, 'apps', 'web', 'dist', 'assets');
    const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
    const sizes = files.map((f) => {
      const bytes = readFileSync(join(assets, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
    const raw = sizes.reduce((s, f) => s + f.raw, 0);
    const gzip = sizes.reduce((s, f) => s + f.gzip, 0);
    const react = reactBaseline();
    rows.push({
      figure: '8a. Web bundle (apps/web/dist/assets, JS + CSS)',
      measured: `${kb(gzip)} gzip (${kb(raw)} raw)`,
      baseline: react ? `${kb(react.gzip)} gzip (${kb(react.raw)} raw): react + react-dom production alone` : '',
      ratio: react ? fmtRatio(gzip / react.gzip) : '',
      aim: 'reported',
      pass: null,
      why: `${files.length} files: ${sizes.map((f) => `${f.file} ${kb(f.gzip)} gzip`).join(', ')}`,
    });
    // What a board (or any first visit) loads: the entry chunk and its CSS; the team dashboard and
    // the control room come on demand in their own chunks.
    const entry = sizes.filter((f) => f.file.startsWith('index-'));
    const entryGzip = entry.reduce((s, f) => s + f.gzip, 0);
    rows.push({
      figure: "8a'. What the board loads (entry chunk, JS + CSS)",
      measured: `${kb(entryGzip)} gzip (${kb(entry.reduce((s, f) => s + f.raw, 0))} raw)`,
      baseline: react ? `${kb(react.gzip)} gzip: react + react-dom production alone` : '',
      ratio: react ? fmtRatio(entryGzip / react.gzip) : '',
      aim: 'reported',
      pass: null,
      why: `${entry.map((f) => f.file).join(', ')}; the rest loads with /team or /control`,
    });
    notes.push(
      `Bundle: ${sizes.map((f) => `\`${f.file}\` ${kb(f.raw)} raw / ${kb(f.gzip)} gzip`).join('; ')} ` +
        `(gzip: \`zlib.gzipSync\` at its default level, source maps not counted). Baseline: ` +
        (react
          ? `\`react/cjs/react.production.js\` + \`react-dom/cjs/react-dom-client.production.js\`, the same gzip.`
          : 'none (React production builds not found).'),
    );
  } catch (error) {
    rows.push(errorRow('8a. Web bundle (apps/web/dist/assets, JS + CSS)', error, 'reported'));
  }

  if (!chromiumAvailable()) {
    for (const figure of ['8b. Board first paint', '8c. Board update, commit → DOM']) {
      rows.push({ figure, measured: 'skipped: no chromium', baseline: '', ratio: '', aim: '', pass: null });
    }
    notes.push('Figures 8b and 8c need Debian Chromium (`/usr/bin/chromium` or CHROMIUM_PATH); none here.');
    return { title: 'Web app', rows, notes };
  }

  // ----- 8b and 8c: the board in Chromium -----
  const suffix = uniqueSuffix();
  const gameId = `bench-web-${suffix}`;
  const keyPrefix = `bench-web-${suffix}:`;
  const socketStream = `bench-web-socket-${suffix}`;
  const organiser = { login: `bench-web-org-${suffix}`, password: 'bench-organiser-password-1' };
  const dir = await mkdtemp(join(tmpdir(), 'mamoru-bench-web-'));
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let store: EventStore | undefined;
  let server: GameServer | undefined;
  let browser: Browser | undefined;
  let staticServer: HttpServer | undefined;
  let socket: Socket | undefined;
  try {
    const usePostgres = postgresReachable(DATABASE_URL);
    store = usePostgres ? await openEventStore({ databaseUrl: DATABASE_URL }) : await openEventStore({});
    const config = benchServerConfig({
      name: 'web',
      redisUrl: REDIS_URL,
      dataDir: dir,
      keyPrefix,
      socketStream,
    });
    progress(`web: starting the game server (${usePostgres ? 'PostgreSQL' : 'PGlite'}) and Chromium`);
    server = await startLiveServer({
      config,
      store,
      logger: false,
      live: { sandboxes: 'shared', withWorkers: false, resumeGames: false },
    });
    const { game } = await createBenchGame(server, gameId, organiser, { teams: TEAMS, members: false });
    const ticks = new Ticks(TEAMS, WARMUP_TICKS + UPDATE_TICKS + 10);
    for (let i = 0; i < WARMUP_TICKS; i++) await closeTick({ store, redis, gameId, ticks }, Date.now);
    await waitFor(
      async () => (await game.state()).tick >= WARMUP_TICKS,
      10_000,
      'the game server to fold the first ticks',
    );
    browser = await launchChromium();
    const boardUrl = `${server.url}/board/${gameId}`;

    // 8b: first paint, a fresh context (cold cache) per run; one unmeasured load first.
    let boardText = '';
    const paint = { rows: [] as number[], fcp: [] as number[] };
    const staticFcp: number[] = [];
    try {
      progress(`web: board first paint, ${PAINT_RUNS} runs`);
      await withPage(browser, async (page) => {
        await page.goto(boardUrl);
        await page.waitForFunction(pageRowsAt, undefined, { timeout: 15_000 });
        boardText = await page.evaluate<string>('document.body.innerText');
      });
      for (let i = 0; i < PAINT_RUNS; i++) {
        await withPage(browser, async (page) => {
          await page.goto(boardUrl);
          const rowsAt = await page.waitForFunction(pageRowsAt, undefined, { timeout: 15_000 });
          paint.rows.push((await rowsAt.jsonValue()) as number);
          paint.fcp.push(await fcpOf(page));
        });
      }
      staticServer = await startStaticServer(staticPage(boardText));
      const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
      for (let i = 0; i < PAINT_RUNS + 1; i++) {
        await withPage(browser, async (page) => {
          await page.goto(staticUrl);
          const fcp = await fcpOf(page);
          if (i > 0) staticFcp.push(fcp);
        });
      }
      const r = stats(paint.rows);
      const f = stats(paint.fcp);
      const s = stats(staticFcp);
      rows.push({
        figure: `8b. Board first paint, ${TEAMS} standing rows in the DOM (FCP)`,
        measured: `p50 ${fmtMs(r.p50)} / max ${fmtMs(r.max)} (FCP p50 ${fmtMs(f.p50)} / max ${fmtMs(f.max)})`,
        baseline: `FCP p50 ${fmtMs(s.p50)} / max ${fmtMs(s.max)}: static page, same text, node:http`,
        ratio: fmtRatio(r.p50 / s.p50),
        aim: `rows ≤ ${AIM_ROWS_MS} ms`,
        pass: r.max <= AIM_ROWS_MS,
        headroom: AIM_ROWS_MS / r.max,
        why:
          `${r.n} cold loads at ${VIEWPORT.width}×${VIEWPORT.height}: navigation → ${TEAMS} rows p50 ${fmtMs(r.p50)}, ` +
          `of which FCP p50 ${fmtMs(f.p50)}; a static page of the same ${boardText.length} characters paints at ` +
          `${fmtMs(s.p50)}`,
      });
      notes.push(
        `First paint: ${PAINT_RUNS} loads of \`/board/:gameId\` (after one unmeasured load), each in a fresh ` +
          `browser context (no cache) at ${VIEWPORT.width}×${VIEWPORT.height}. "Rows" is \`performance.now()\` ` +
          `(from navigation start) when a MutationObserver installed by an init script first sees ${TEAMS} ` +
          `\`[data-testid="standing-row"]\`: it includes the HTML, the bundle, the Socket.IO connection and the ` +
          `snapshot. FCP is the browser's \`first-contentful-paint\` entry. Rows per run: ` +
          `${paint.rows.map((v) => fmtMs(v)).join(', ')}; FCP: ${paint.fcp.map((v) => fmtMs(v)).join(', ')}. ` +
          `Baseline: the board's own text (${boardText.length} characters of \`innerText\`) as a static HTML ` +
          `table served by a plain \`node:http\` server on loopback, FCP per run ${staticFcp.map((v) => fmtMs(v)).join(', ')}.`,
      );
    } catch (error) {
      rows.push(errorRow(`8b. Board first paint`, error, `rows ≤ ${AIM_ROWS_MS} ms`));
    }

    // 8c: update cost, with the board open and a plain socket in this process.
    try {
      progress(`web: board updates, ${UPDATE_TICKS} ticks one per ${UPDATE_EVERY_MS} ms`);
      const received = new Map<string, number>();
      socket = io(`${server.url}/audience`, { auth: { gameId }, transports: ['websocket'], forceNew: true });
      socket.on('update', (message: { seq?: unknown }) => {
        const at = Date.now();
        if (typeof message.seq === 'number' && !received.has(String(message.seq)))
          received.set(String(message.seq), at);
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the audience socket got no snapshot in 10 s')), 10_000);
        socket!.once('snapshot', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const result = await withPage(browser, async (page) => {
        await page.goto(boardUrl);
        await page.waitForFunction(pageRowsAt, undefined, { timeout: 15_000 });
        const sent: { key: string; commitMs: number }[] = [];
        const missing = { dom: 0, socket: 0 };
        for (let i = 0; i < UPDATE_TICKS; i++) {
          const started = performance.now();
          const { key, closedAtMs: commitMs } = await closeTick({ store: store!, redis, gameId, ticks }, Date.now);
          sent.push({ key, commitMs });
          const seen = async () =>
            received.has(key) && (await page.evaluate<boolean>(`${JSON.stringify(key)} in window.__benchSeqAt`));
          await waitFor(seen, UPDATE_TIMEOUT_MS, `tick ${key}`).catch(() => undefined);
          const left = UPDATE_EVERY_MS - (performance.now() - started);
          if (left > 0) await new Promise((r) => setTimeout(r, left));
        }
        const domAt = await page.evaluate<Record<string, number>>('window.__benchSeqAt');
        const dom: number[] = [];
        const sock: number[] = [];
        for (const { key, commitMs } of sent) {
          if (domAt[key] === undefined) missing.dom++;
          else dom.push(domAt[key] - commitMs);
          const at = received.get(key);
          if (at === undefined) missing.socket++;
          else sock.push(at - commitMs);
        }
        return { dom, sock, missing, sent: sent.length };
      });
      const d = stats(result.dom);
      const s = stats(result.sock);
      rows.push({
        figure: `8c. Board update, commit → new seq in the DOM (${TEAMS} teams)`,
        measured: `p50 ${fmtMs(d.p50)} / p99 ${fmtMs(d.p99)}`,
        baseline: `p50 ${fmtMs(s.p50)} / p99 ${fmtMs(s.p99)}: commit → \`update\` in a plain socket.io-client`,
        ratio: fmtRatio(d.p99 / s.p99),
        aim: 'reported',
        pass: null,
        why:
          `${result.sent} ticks, ${d.n} seen in the DOM and ${s.n} by the plain socket; the board adds ` +
          `${fmtMs(d.p50 - s.p50)} at p50 over the socket's receipt (the browser's receipt, parse, store and React render)`,
      });
      notes.push(
        `Board updates: ${result.sent} ticks, one every ${UPDATE_EVERY_MS} ms (each waits for both receipts, at most ` +
          `${UPDATE_TIMEOUT_MS / 1000} s). The commit time is \`Date.now()\` right after the append returns; the DOM ` +
          `time is \`Date.now()\` in the page when a MutationObserver sees \`data-seq\` of \`[data-testid="board"]\` ` +
          `take the new seq (the DOM commit, before the browser paints); the baseline is \`Date.now()\` in the ` +
          `\`update\` handler of one socket.io-client (websocket) connected to \`/audience\` in the bench process. ` +
          `Same machine, same clock. Not seen within the time: DOM ${result.missing.dom}, socket ${result.missing.socket}. ` +
          `Means: DOM ${fmtMs(d.mean)}, socket ${fmtMs(s.mean)}; max: DOM ${fmtMs(d.max)}, socket ${fmtMs(s.max)}.`,
      );
    } catch (error) {
      rows.push(errorRow(`8c. Board update, commit → DOM`, error, 'reported'));
    }
  } catch (error) {
    rows.push(errorRow('8b. Board first paint and update', error, `rows ≤ ${AIM_ROWS_MS} ms`));
  } finally {
    socket?.disconnect();
    await browser?.close().catch(() => undefined);
    if (staticServer) await new Promise<void>((resolve) => staticServer!.close(() => resolve()));
    await server?.close().catch(() => undefined);
    await removeBenchGame(store, redis, { gameId, organiserLogin: organiser.login, keyPrefix, socketStream });
    await redis.quit().catch(() => redis.disconnect());
    await rm(dir, { recursive: true, force: true });
  }
  return { title: 'Web app', rows, notes };
}

// ----- helpers -----

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function errorRow(figure: string, error: unknown, aim: string): Row {
  return { figure, measured: `error: ${errorText(error)}`, baseline: '', ratio: '', aim, pass: false };
}

function reactBaseline(): { raw: number; gzip: number } | undefined {
  try {
    const files = [
      join(REPO_ROOT, 'node_modules', 'react', 'cjs', 'react.production.js'),
      join(REPO_ROOT, 'node_modules', 'react-dom', 'cjs', 'react-dom-client.production.js'),
    ];
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      raw += bytes.length;
      gzip += gzipSync(bytes).length;
    }
    return { raw, gzip };
  } catch {
    return undefined;
  }
}

/** In the page (a function, not a string: the app's CSP forbids eval): when the rows were all seen. */
function pageRowsAt(): number | null {
  return (globalThis as unknown as { __benchRowsAt: number | null }).__benchRowsAt;
}

async function withPage<T>(browser: Browser, fn: (page: Page) => Promise<T>): Promise<T> {
  const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(INIT_SCRIPT);
    return await fn(await context.newPage());
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function fcpOf(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => globalThis.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    undefined,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as number;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The board's text, one line per table row, as a plain static page. */
function staticPage(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return (
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>static</title></head><body><table>' +
    lines.map((l) => `<tr><td>${escapeHtml(l)}</td></tr>`).join('') +
    '</table></body></html>'
  );
}

async function startStaticServer(html: string): Promise<HttpServer> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}
