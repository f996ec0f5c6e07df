import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ShopHttpClient } from '../http/shop-http';
import { startFakeShop } from '../testing/fake-shop';
import { testScenario } from '../testing/test-game';
import { ExternalDriver } from './external-driver';

let dir: string;
const http = new ShopHttpClient();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mamoru-external-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  http.close();
});

async function configFile(content: unknown): Promise<string> {
  const file = path.join(dir, `sandboxes-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const game = (teamIds: string[]) => ({
  gameId: 'g',
  scenario: testScenario(),
  seed: 1,
  teams: teamIds.map((teamId) => ({ teamId, name: teamId })),
  dataDir: dir,
});

const entry = (teamId: string, baseUrl = `https://${teamId}.shops.example/`) => ({
  teamId,
  baseUrl,
  opsToken: `ops-${teamId}`,
  integrityToken: `int-${teamId}`,
});

it('maps registered teams to the configured shops', async () => {
  const driver = new ExternalDriver(await configFile({ teams: [entry('team-2'), entry('team-1'), entry('spare')] }));
  const endpoints = await driver.provision(game(['team-1', 'team-2']));
  expect(endpoints).toEqual([
    { teamId: 'team-1', baseUrl: 'https://team-1.shops.example', opsToken: 'ops-team-1', integrityToken: 'int-team-1' },
    { teamId: 'team-2', baseUrl: 'https://team-2.shops.example', opsToken: 'ops-team-2', integrityToken: 'int-team-2' },
  ]);
  expect(driver.endpoint('team-2')).toEqual(endpoints[1]);
  expect(driver.isRunning('team-1')).toBe(true);
  expect(() => driver.endpoint('team-9')).toThrow(/no shop for team team-9/);
  await driver.stop();
});

it('names the teams missing from the file', async () => {
  const driver = new ExternalDriver({ configPath: await configFile({ teams: [entry('team-1')] }) });
  await expect(driver.provision(game(['team-1', 'team-2', 'team-3']))).rejects.toThrow(
    /has no shop for team\(s\) team-2, team-3 \(it lists team-1\)/,
  );
});

it('rejects a bad file with clear errors', async () => {
  const notJson = new ExternalDriver(await configFile('{ teams: '));
  await expect(notJson.provision(game(['team-1']))).rejects.toThrow(/is not valid JSON/);
  const invalid = new ExternalDriver(
    await configFile({ teams: [{ teamId: 'team-1', baseUrl: 'ftp://x', opsToken: '' }] }),
  );
  await expect(invalid.provision(game(['team-1']))).rejects.toThrow(/invalid:\n.*teams\.0\.baseUrl: must be an http/s);
  const twice = new ExternalDriver(await configFile({ teams: [entry('team-1'), entry('team-1')] }));
  await expect(twice.provision(game(['team-1']))).rejects.toThrow(/lists team team-1 twice/);
  const missing = new ExternalDriver(path.join(dir, 'nope.json'));
  await expect(missing.provision(game(['team-1']))).rejects.toThrow(/cannot read external sandbox config/);
});

it('reads the file on first use when it was not provisioned (a worker process)', async () => {
  const driver = new ExternalDriver(await configFile({ teams: [entry('team-1')] }));
  expect(driver.endpoint('team-1').baseUrl).toBe('https://team-1.shops.example');
});

it('restarts a shop through its ops API', async () => {
  let restarted = 0;
  const shop = await startFakeShop({ teamId: 'team-1', onRestart: () => restarted++ });
  const driver = new ExternalDriver({
    configPath: await configFile({ teams: [{ ...shop.endpoint, baseUrl: shop.baseUrl }] }),
    http,
  });
  await driver.provision(game(['team-1']));
  await driver.restart('team-1');
  await new Promise((resolve) => setImmediate(resolve));
  expect(restarted).toBe(1);
  await shop.close();
});

it('reads the file again when it changes, if asked to follow it, and keeps the last good one', async () => {
  const file = await configFile({ teams: [entry('team-1')] });
  const following = new ExternalDriver({ configPath: file, followFile: true });
  const once = new ExternalDriver(file);
  expect(following.endpoint('team-1').baseUrl).toBe('https://team-1.shops.example');
  expect(once.endpoint('team-1').baseUrl).toBe('https://team-1.shops.example');

  // A reset or a rerun moved the shop: the file is written anew and renamed into place.
  await writeFile(`${file}.tmp`, JSON.stringify({ teams: [entry('team-1', 'http://127.0.0.1:4100')] }));
  await rename(`${file}.tmp`, file);
  expect(following.endpoint('team-1').baseUrl).toBe('http://127.0.0.1:4100');
  expect(once.endpoint('team-1').baseUrl).toBe('https://team-1.shops.example');

  await writeFile(file, '{ "teams": [');
  expect(following.endpoint('team-1').baseUrl).toBe('http://127.0.0.1:4100');
});

it('refuses to reset an external shop: its operator does', async () => {
  const driver = new ExternalDriver(await configFile({ teams: [entry('team-1')] }));
  await expect(driver.reset('team-1')).rejects.toThrow(
    /team-1 \(https:\/\/team-1\.shops\.example\) is an external sandbox: external sandboxes are reset by their operator/,
  );
});
