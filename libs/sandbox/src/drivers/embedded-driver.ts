import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Scenario } from '@mamoru/domain';
import { mapBounded } from '../concurrency/map-bounded';
import type { ProvisionRequest, SandboxDriver, ShopEndpoint } from './sandbox-driver';

/**
 * The embedded sandbox driver: Mamoru's bundled shop, one child process per team on loopback
 * (game-model §7). It writes each team's config, starts the shops, and supervises them:
 *
 * - exit code 75 is the shop restarting itself (`POST /_ops/restart`): started again at once;
 * - any other exit is a crash: the shop stays down until `restart(teamId)`, because downtime is
 *   the team's to notice and fix; other teams' shops are never touched;
 * - `reset(teamId)` stops the shop, deletes its data (everything in its folder but the config) and
 *   starts it again: a fresh shop as the scenario describes it, at the same URL and tokens;
 * - `stop()` (and the parent process exiting) ends every child.
 *
 * A shop first listens on a port the OS picks; that port is then written into its config, so a
 * restart keeps the same `baseUrl` and a scoring worker in another process (which reads
 * `<dataDir>/sandboxes.json`) keeps reaching it. Should a shop still come back elsewhere, that file
 * is written again. Callers still ask `endpoint(teamId)` each time.
 */

/** The exit code with which a shop asks its supervisor to start it again. */
export const SHOP_RESTART_EXIT_CODE = 75;

/** The config file the bundled shop reads (`--config`); written by this driver only. */
export interface ShopConfig {
  teamId: string;
  teamName: string;
  port: number;
  host: string;
  opsToken: string;
  integrityToken: string;
  vulnerabilities: string[];
  products: { id: string; name: { ja: string; en: string }; priceYen: number; stock: number }[];
  customers: number;
  seed: number;
}

export type ShopLifecycleEvent =
  | { kind: 'ready'; teamId: string; pid: number; baseUrl: string }
  | { kind: 'exited'; teamId: string; code: number | null; signal: string | null; willRestart: boolean }
  | { kind: 'start-failed'; teamId: string; message: string };

export interface EmbeddedDriverOptions {
  /** Repository root (holds `tools/register.js`); found from this file's location by default. */
  repoRoot?: string;
  /** The shop's entry point; default `<repoRoot>/apps/sandbox-shop/src/main.ts`. */
  shopEntry?: string;
  /** How long a shop may take to print its ready line (default 30 s). */
  readyTimeoutMs?: number;
  /** Shops started at once by `provision` (default 4). */
  startConcurrency?: number;
  /** Between SIGTERM and SIGKILL when stopping a shop (default 3 s). */
  stopGraceMs?: number;
  /** Lines of each shop's stderr kept for diagnostics (default 50). */
  stderrLines?: number;
  /** Extra environment for the shop processes. */
  env?: Record<string, string>;
  /** Told when a shop becomes ready, exits, or fails to start (for logs and the control room). */
  onLifecycle?: (event: ShopLifecycleEvent) => void;
}

export type ShopProcessState = 'starting' | 'running' | 'exited' | 'stopped';

export interface ShopProcessStatus {
  teamId: string;
  state: ShopProcessState;
  pid?: number;
  baseUrl: string;
  /** Restarts so far (by the team's shop itself or through `restart`). */
  restarts: number;
  lastExit?: { code: number | null; signal: string | null; atMs: number };
  stderrTail: string[];
}

interface ShopProcess {
  teamId: string;
  teamName: string;
  shopDir: string;
  configPath: string;
  endpoint: ShopEndpoint;
  child?: ChildProcess;
  state: ShopProcessState;
  /** Set while this driver itself is ending the child, so its exit is not taken for a crash. */
  terminating: boolean;
  restarts: number;
  lastExit?: ShopProcessStatus['lastExit'];
  stderr: string[];
  /** Starts and restarts of one shop run one after another. */
  queue: Promise<void>;
}

const TEAM_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class EmbeddedDriver implements SandboxDriver {
  private readonly shops = new Map<string, ShopProcess>();
  private readonly repoRoot: string;
  private readonly shopEntry: string;
  private readonly readyTimeoutMs: number;
  private readonly stopGraceMs: number;
  private readonly stderrLines: number;
  private stopping: Promise<void> | undefined;
  /** The game's data directory, where `sandboxes.json` is written (set by `provision`). */
  private gameDir: string | undefined;
  /** Teams in the order they were provisioned (shops start in any order). */
  private teamOrder: string[] = [];
  /** Writes of `sandboxes.json`, one after another, so the last one holds the latest endpoints. */
  private endpointsWrites: Promise<void> = Promise.resolve();
  private readonly killAllOnExit = () => {
    for (const shop of this.shops.values()) if (isAlive(shop.child)) shop.child!.kill('SIGKILL');
  };

  constructor(private readonly options: EmbeddedDriverOptions = {}) {
    this.repoRoot = options.repoRoot ?? findRepoRoot(__dirname);
    this.shopEntry = options.shopEntry ?? path.join(this.repoRoot, 'apps', 'sandbox-shop', 'src', 'main.ts');
    this.readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
    this.stopGraceMs = options.stopGraceMs ?? 3000;
    this.stderrLines = options.stderrLines ?? 50;
    process.on('exit', this.killAllOnExit);
  }

  async provision(game: ProvisionRequest): Promise<ShopEndpoint[]> {
    if (this.stopping) throw new Error('the embedded sandbox driver was stopped');
    if (!existsSync(this.shopEntry)) throw new Error(`the bundled shop is missing: ${this.shopEntry} does not exist`);
    for (const team of game.teams) {
      if (!TEAM_ID.test(team.teamId)) throw new Error(`team id ${JSON.stringify(team.teamId)} is not a valid team id`);
    }
    this.gameDir = game.dataDir;
    this.teamOrder = [...new Set([...this.teamOrder, ...game.teams.map((t) => t.teamId)])];
    const results = await mapBounded(game.teams, this.options.startConcurrency ?? 4, async (team) => {
      try {
        const shop = await this.prepareShop(game, team);
        if (!isAlive(shop.child)) await this.enqueue(shop, () => this.startShop(shop));
        return { endpoint: { ...shop.endpoint } };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    });
    const failures = results.flatMap((r) => ('error' in r ? [r.error] : []));
    if (failures.length > 0) {
      // Shops that did start keep running: the caller decides (usually `stop()`).
      throw new Error(`${failures.length} of ${game.teams.length} shops failed to start:\n${failures.join('\n')}`);
    }
    await this.writeEndpointsFile();
    return game.teams.map((team) => this.endpoint(team.teamId));
  }

  endpoint(teamId: string): ShopEndpoint {
    return { ...this.shop(teamId).endpoint };
  }

  isRunning(teamId: string): boolean {
    const shop = this.shops.get(teamId);
    return !!shop && shop.state === 'running' && isAlive(shop.child);
  }

  async restart(teamId: string): Promise<void> {
    const shop = this.shop(teamId);
    await this.enqueue(shop, async () => {
      await this.terminate(shop);
      await this.startShop(shop);
      shop.restarts++;
    });
  }

  async reset(teamId: string): Promise<void> {
    const shop = this.shop(teamId);
    await this.enqueue(shop, async () => {
      await this.terminate(shop);
      // The shop fills a missing database from its config (scenario catalog, vulnerabilities, accounts).
      for (const entry of await readdir(shop.shopDir)) {
        if (entry !== path.basename(shop.configPath))
          await rm(path.join(shop.shopDir, entry), { recursive: true, force: true });
      }
      await this.startShop(shop);
      shop.restarts++;
    });
  }

  status(teamId: string): ShopProcessStatus {
    const shop = this.shop(teamId);
    return {
      teamId,
      state: shop.state,
      pid: isAlive(shop.child) ? shop.child!.pid : undefined,
      baseUrl: shop.endpoint.baseUrl,
      restarts: shop.restarts,
      lastExit: shop.lastExit,
      stderrTail: [...shop.stderr],
    };
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all([...this.shops.values()].map((shop) => this.terminate(shop)));
      for (const shop of this.shops.values()) shop.state = 'stopped';
      process.removeListener('exit', this.killAllOnExit);
    })();
    return this.stopping;
  }

  // ----- config -----

  private async prepareShop(game: ProvisionRequest, team: { teamId: string; name: string }): Promise<ShopProcess> {
    const existing = this.shops.get(team.teamId);
    if (existing) return existing;
    const shopDir = path.join(game.dataDir, 'shops', team.teamId);
    const configPath = path.join(shopDir, 'config.json');
    await mkdir(shopDir, { recursive: true });
    const config = await writeShopConfig(configPath, team, game.scenario, game.seed);
    const shop: ShopProcess = {
      teamId: team.teamId,
      teamName: team.name,
      shopDir,
      configPath,
      endpoint: { teamId: team.teamId, baseUrl: '', opsToken: config.opsToken, integrityToken: config.integrityToken },
      state: 'exited',
      terminating: false,
      restarts: 0,
      stderr: [],
      queue: Promise.resolve(),
    };
    this.shops.set(team.teamId, shop);
    return shop;
  }

  /**
   * Every shop's endpoint and secrets in `<gameDir>/sandboxes.json` (ExternalDriver format), where
   * a scoring worker in another process reads them. Written whole and renamed into place, so a
   * reader never sees half a file.
   */
  private writeEndpointsFile(): Promise<void> {
    const gameDir = this.gameDir;
    if (!gameDir) return Promise.resolve();
    const write = async () => {
      const teams = this.teamOrder.flatMap((teamId) => {
        const shop = this.shops.get(teamId);
        return shop?.endpoint.baseUrl ? [shop.endpoint] : []; // a shop that never started has no URL yet
      });
      const file = path.join(gameDir, 'sandboxes.json');
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ teams }, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, file);
    };
    const run = this.endpointsWrites.then(write);
    this.endpointsWrites = run.catch(() => undefined);
    return run;
  }

  // ----- processes -----

  private shop(teamId: string): ShopProcess {
    const shop = this.shops.get(teamId);
    if (!shop) throw new Error(`no shop was provisioned for team ${teamId}`);
    return shop;
  }

  private enqueue(shop: ShopProcess, task: () => Promise<void>): Promise<void> {
    const run = shop.queue.then(task);
    shop.queue = run.catch(() => undefined);
    return run;
  }

  /** Spawns the shop and resolves once it printed its ready line. */
  private startShop(shop: ShopProcess): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('the embedded sandbox driver was stopped'));
    const registerScript = path.join(this.repoRoot, 'tools', 'register.js');
    const child = spawn(process.execPath, ['-r', registerScript, this.shopEntry, '--config', shop.configPath], {
      cwd: shop.shopDir,
      env: { ...process.env, ...this.options.env },
      // The IPC channel is never used for messages: its closing tells the shop that we are gone.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: a Ctrl-C in the terminal stops the platform, which then stops the
      // shops itself, rather than killing every shop before the last tick has been scored.
      detached: true,
    });
    shop.child = child;
    shop.state = 'starting';
    shop.stderr = [];

    createInterface({ input: child.stderr! }).on('line', (line) => {
      shop.stderr.push(line);
      if (shop.stderr.length > this.stderrLines) shop.stderr.shift();
    });

    return new Promise<void>((resolve, reject) => {
      let ready = false;
      let failed = false;
      const fail = (message: string) => {
        if (ready || failed) return;
        failed = true;
        clearTimeout(timer);
        if (shop.child === child) shop.state = 'exited';
        const full = `shop of team ${shop.teamId} (${shop.teamName}) ${message}${this.stderrTail(shop)}`;
        this.options.onLifecycle?.({ kind: 'start-failed', teamId: shop.teamId, message: full });
        reject(new Error(full));
      };
      const timer = setTimeout(() => {
        fail(`was not ready within ${this.readyTimeoutMs / 1000} s`);
        child.kill('SIGKILL');
      }, this.readyTimeoutMs);

      // stdout carries the ready line; everything else on it is drained and dropped.
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (ready || failed) return;
        const port = readyPort(line);
        if (port === undefined) return;
        ready = true;
        clearTimeout(timer);
        const previousUrl = shop.endpoint.baseUrl;
        shop.endpoint = { ...shop.endpoint, baseUrl: `http://127.0.0.1:${port}` };
        shop.state = 'running';

        this.options.onLifecycle?.({
          kind: 'ready',
          teamId: shop.teamId,
          pid: child.pid!,
          baseUrl: shop.endpoint.baseUrl,
        });
        // A restart keeps the URL workers know; if it moved all the same, they are told.
        const moved = previousUrl !== '' && previousUrl !== shop.endpoint.baseUrl;
        void pinShopPort(shop.configPath, port)
          .then(() => (moved ? this.writeEndpointsFile() : undefined))
          .catch(() => undefined)
          .then(() => resolve());
      });
      child.on('error', (error) => fail(`could not be started: ${error.message}`));
      child.on('exit', (code, signal) => {
        shop.lastExit = { code, signal, atMs: Date.now() };
        if (!ready) {
          // Give stderr a moment to flush so the message shows why it died.
          const why = `exited with ${signal ? `signal ${signal}` : `code ${code}`} before it was ready`;
          const flushed = new Promise((done) => child.once('close', done));
          void Promise.race([flushed, delay(250)]).then(() => fail(why));
          return;
        }
        this.onExit(shop, child, code, signal);
      });
    });
  }

  private onExit(shop: ShopProcess, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (shop.child !== child) return;
    if (this.stopping || shop.terminating) {
      shop.state = this.stopping ? 'stopped' : 'exited';
      return;
    }
    const willRestart = code === SHOP_RESTART_EXIT_CODE;
    this.options.onLifecycle?.({ kind: 'exited', teamId: shop.teamId, code, signal, willRestart });
    if (!willRestart) {
      shop.state = 'exited'; // a crash: down until someone restarts it
      return;
    }
    shop.state = 'starting';
    this.enqueue(shop, async () => {
      await this.startShop(shop);
      shop.restarts++;
    }).catch(() => {
      // already reported through onLifecycle; the shop stays down until `restart`
    });
  }

  /** Ends the shop's process: SIGTERM, then SIGKILL after the grace period. */
  private async terminate(shop: ShopProcess): Promise<void> {
    const child = shop.child;
    if (!child || !isAlive(child)) return;
    shop.terminating = true;
    try {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (isAlive(child)) child.kill('SIGKILL');
      }, this.stopGraceMs);
      await exited;
      clearTimeout(timer);
    } finally {
      shop.terminating = false;
    }
  }

  private stderrTail(shop: ShopProcess): string {
    if (shop.stderr.length === 0) return ' (no stderr output)';
    return `; last stderr lines:\n  ${shop.stderr.slice(-20).join('\n  ')}`;
  }
}

/** Writes the team's shop config; tokens from an earlier config survive, so a re-provision keeps them. */
export async function writeShopConfig(
  configPath: string,
  team: { teamId: string; name: string },
  scenario: Scenario,
  seed: number,
): Promise<ShopConfig> {
  const previous = await readPreviousTokens(configPath);
  const config: ShopConfig = {
    teamId: team.teamId,
    teamName: team.name,
    port: 0,
    host: '127.0.0.1',
    opsToken: previous?.opsToken ?? randomBytes(24).toString('hex'),
    integrityToken: previous?.integrityToken ?? randomBytes(16).toString('hex'),
    vulnerabilities: [...scenario.shop.vulnerabilities],
    products: scenario.products.map((p) => ({
      id: p.id,
      name: p.name,
      priceYen: p.listPriceYen,
      stock: p.initialStock,
    })),
    customers: scenario.shop.customers,
    seed,
  };
  const temporary = `${configPath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, configPath);
  return config;
}

async function readPreviousTokens(
  configPath: string,
): Promise<{ opsToken: string; integrityToken: string } | undefined> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ShopConfig>;
    if (
      typeof parsed.opsToken === 'string' &&
      parsed.opsToken &&
      typeof parsed.integrityToken === 'string' &&
      parsed.integrityToken
    ) {
      return { opsToken: parsed.opsToken, integrityToken: parsed.integrityToken };
    }
  } catch {
    // an unreadable config is replaced with fresh tokens
  }
  return undefined;
}

/** The port of a `{"ready":true,"port":N}` line, or undefined for any other line. */
export function readyPort(line: string): number | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(trimmed) as { ready?: unknown; port?: unknown };
    if (parsed.ready !== true) return undefined;
    const port = parsed.port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

function findRepoRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'tools', 'register.js'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Mamoru repository root (tools/register.js) above ${from}`);
    dir = parent;
  }
}

function isAlive(child: ChildProcess | undefined): boolean {
  return !!child && child.exitCode === null && child.signalCode === null;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rewrites a shop config that asked for any port with the port it got, so restarts reuse it. */
async function pinShopPort(configPath: string, port: number): Promise<void> {
  try {
    const config = JSON.parse(await readFile(configPath, 'utf8')) as ShopConfig;
    if (config.port === port) return;
    config.port = port;
    const temporary = `${configPath}.${process.pid}.port.tmp`;
    await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, configPath);
  } catch {
    // the shop still runs; only a later restart would pick a new port
  }
}
