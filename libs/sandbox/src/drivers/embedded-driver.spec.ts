import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ShopHttpClient } from '../http/shop-http';
import { ShopOpsClient } from '../ops/shop-ops-client';
import { testScenario } from '../testing/test-game';
import type { ShopConfig, ShopLifecycleEvent } from './embedded-driver';
import { EmbeddedDriver, readyPort } from './embedded-driver';

/**
 * The driver's supervision, tested against the fake shop run as a process the way the bundled
 * shop is run (`testing/fake-shop-main.ts`). The real shop is exercised by the integration spec.
 */

const FAKE_SHOP_MAIN = path.join(__dirname, '..', 'testing', 'fake-shop-main.ts');
const http = new ShopHttpClient();
const drivers: EmbeddedDriver[] = [];
let dataDir: string;

function driver(options: ConstructorParameters<typeof EmbeddedDriver>[0] = {}): EmbeddedDriver {
  const created = new EmbeddedDriver({ shopEntry: FAKE_SHOP_MAIN, stopGraceMs: 1000, ...options });
  drivers.push(created);
  return created;
}

const game = (teamIds: string[], dir = dataDir) => ({
  gameId: 'g',
  scenario: testScenario({ vulnerabilities: ['default-admin-password', 'exposed-backup'] }),
  seed: 42,
  teams: teamIds.map((teamId, i) => ({ teamId, name: `Team ${i + 1}` })),
  dataDir: dir,
});

async function homeStatus(baseUrl: string): Promise<number | string> {
  const result = await http.request({ url: `${baseUrl}/`, timeoutMs: 1000 });
  return result.kind === 'response' ? result.status : result.failure;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'mamoru-embedded-'));
});

afterAll(async () => {
  await Promise.all(drivers.map((d) => d.stop()));
  http.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('EmbeddedDriver', () => {
  let shops: EmbeddedDriver;
  const events: ShopLifecycleEvent[] = [];

  beforeAll(async () => {
    shops = driver({ onLifecycle: (event) => events.push(event) });
    await shops.provision(game(['team-1', 'team-2', 'team-3']));
  });

  it('writes each team’s config and starts its shop', async () => {
    const config = JSON.parse(
      await readFile(path.join(dataDir, 'shops', 'team-2', 'config.json'), 'utf8'),
    ) as ShopConfig;
    expect(config).toEqual({
      teamId: 'team-2',
      teamName: 'Team 2',
      // pinned to the port the shop got, so that a restart keeps the URL
      port: Number(new URL(shops.endpoint('team-2').baseUrl).port),
      host: '127.0.0.1',
      opsToken: expect.stringMatching(/^[0-9a-f]{48}$/),
      integrityToken: expect.stringMatching(/^[0-9a-f]{32}$/),
      vulnerabilities: ['default-admin-password', 'exposed-backup'],
      products: [
        { id: 'apple', name: { ja: 'りんご', en: 'Apple' }, priceYen: 1000, stock: 100 },
        { id: 'pear', name: { ja: '梨', en: 'Pear' }, priceYen: 2000, stock: 100 },
      ],
      customers: 5,
      seed: 42,
    });
    expect(shops.endpoint('team-2')).toMatchObject({ teamId: 'team-2', opsToken: config.opsToken });
    for (const teamId of ['team-1', 'team-2', 'team-3']) {
      expect(shops.isRunning(teamId)).toBe(true);
      expect(await homeStatus(shops.endpoint(teamId).baseUrl)).toBe(200);
    }
    expect(events.filter((e) => e.kind === 'ready')).toHaveLength(3);
  });

  it('starts a shop again at once when it exits 75 (a restart asked through its ops API)', async () => {
    const before = shops.status('team-1');
    await new ShopOpsClient(shops.endpoint('team-1'), { http }).restart();
    await until(() => shops.status('team-1').restarts === 1 && shops.isRunning('team-1'));
    const after = shops.status('team-1');
    expect(after.pid).not.toBe(before.pid);
    expect(after.baseUrl).toBe(before.baseUrl); // same port: workers elsewhere keep reaching it
    expect(after.lastExit).toMatchObject({ code: 75 });
    expect(await homeStatus(shops.endpoint('team-1').baseUrl)).toBe(200);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'exited', teamId: 'team-1', code: 75, willRestart: true }),
    );
  });

  it('leaves a crashed shop down until restart, without touching the others', async () => {
    const crashed = shops.endpoint('team-2');
    process.kill(shops.status('team-2').pid!, 'SIGKILL');
    await until(() => !shops.isRunning('team-2'));
    await new Promise((resolve) => setTimeout(resolve, 300)); // no restart sneaks in
    expect(shops.isRunning('team-2')).toBe(false);
    expect(shops.status('team-2')).toMatchObject({ state: 'exited', lastExit: { code: null, signal: 'SIGKILL' } });
    expect(await homeStatus(crashed.baseUrl)).toBe('refused');
    expect(await homeStatus(shops.endpoint('team-3').baseUrl)).toBe(200);

    await shops.restart('team-2');
    expect(shops.isRunning('team-2')).toBe(true);
    expect(shops.endpoint('team-2').opsToken).toBe(crashed.opsToken);
    expect(await homeStatus(shops.endpoint('team-2').baseUrl)).toBe(200);
  });

  it('restarts a running shop on request', async () => {
    const pid = shops.status('team-3').pid;
    await shops.restart('team-3');
    expect(shops.status('team-3').pid).not.toBe(pid);
    expect(await homeStatus(shops.endpoint('team-3').baseUrl)).toBe(200);
  });

  it('resets a shop: its folder emptied but for its config, started again at the same URL and tokens', async () => {
    const before = shops.endpoint('team-3');
    const pid = shops.status('team-3').pid;
    const shopDir = path.join(dataDir, 'shops', 'team-3');
    await writeFile(path.join(shopDir, 'shop.db'), 'orders, defacements, fixes');
    await mkdir(path.join(shopDir, 'backups'), { recursive: true });
    await writeFile(path.join(shopDir, 'backups', 'one.json'), '{}');

    await shops.reset('team-3');
    expect(await readdir(shopDir)).toEqual(['config.json']); // the fake shop writes no data of its own
    expect(shops.status('team-3').pid).not.toBe(pid);
    expect(shops.endpoint('team-3')).toEqual(before);
    expect(await homeStatus(before.baseUrl)).toBe(200);
    const written = JSON.parse(await readFile(path.join(dataDir, 'sandboxes.json'), 'utf8')) as { teams: unknown[] };
    expect(written.teams).toContainEqual(before);
  });

  it('keeps the tokens when a game is provisioned again', async () => {
    const tokens = shops.endpoint('team-1');
    const again = driver();
    const [endpoint] = await again.provision(game(['team-1']));
    expect(endpoint).toMatchObject({ opsToken: tokens.opsToken, integrityToken: tokens.integrityToken });
    await again.stop();
  });

  it('stops every shop, idempotently', async () => {
    const pids = ['team-1', 'team-2', 'team-3'].map((teamId) => shops.status(teamId).pid!);
    await Promise.all([shops.stop(), shops.stop()]);
    await shops.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(shops.isRunning('team-1')).toBe(false);
    await expect(shops.restart('team-1')).rejects.toThrow(/stopped/);
    await expect(shops.reset('team-1')).rejects.toThrow(/stopped/);
  });
});

describe('EmbeddedDriver start failures', () => {
  it('names the team and shows the last stderr lines when a shop dies before it is ready', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mamoru-embedded-crash-'));
    const shops = driver({ env: { FAKE_SHOP_CRASH_ON_START: '1' } });
    await expect(shops.provision(game(['team-7'], dir))).rejects.toThrow(
      /shop of team team-7 \(Team 1\) exited with code 3 before it was ready; last stderr lines:\n.*cannot open database/,
    );
    expect(shops.isRunning('team-7')).toBe(false);
    await shops.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives up on a shop that never says it is ready', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mamoru-embedded-hang-'));
    const shops = driver({ env: { FAKE_SHOP_NEVER_READY: '1' }, readyTimeoutMs: 6000 });
    await expect(shops.provision(game(['team-8'], dir))).rejects.toThrow(
      /shop of team team-8 \(Team 1\) was not ready within 6 s; last stderr lines:\n.*hanging before ready/,
    );
    await shops.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a missing shop entry point and bad team ids clearly', async () => {
    await expect(driver({ shopEntry: '/nowhere/main.ts' }).provision(game(['team-1']))).rejects.toThrow(
      /bundled shop is missing: \/nowhere\/main.ts/,
    );
    await expect(driver().provision(game(['../etc']))).rejects.toThrow(/not a valid team id/);
  });
});

describe('readyPort', () => {
  it.each([
    ['{"ready":true,"port":4000}', 4000],
    ['  {"ready": true, "port": 1}  ', 1],
    ['{"ready":false,"port":4000}', undefined],
    ['{"ready":true,"port":0}', undefined],
    ['{"level":30,"msg":"listening"}', undefined],
    ['listening on 4000', undefined],
  ])('%s → %s', (line, port) => expect(readyPort(line)).toBe(port));
});
