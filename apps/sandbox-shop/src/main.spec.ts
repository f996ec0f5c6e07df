import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { makeDataDir, OPS_TOKEN, testShopConfig } from './testing/test-shop';

/** Starts the shop the way the platform does and waits for its one ready line. */

const REPO_ROOT = resolve(__dirname, '../../..');

interface ShopProcess {
  child: ChildProcess;
  port: number;
  stdoutLines: string[];
  exited: Promise<number | null>;
}

function spawnShop(configPath: string): ShopProcess & { ready: Promise<number> } {
  const child = spawn(
    process.execPath,
    ['-r', join(REPO_ROOT, 'tools/register.js'), 'apps/sandbox-shop/src/main.ts', '--config', configPath],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stdoutLines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const ready = new Promise<number>((resolveReady, rejectReady) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdoutLines.push(line);
      const message = JSON.parse(line) as { ready: boolean; port: number };
      if (message.ready) resolveReady(message.port);
    });
    void exited.then((code) => rejectReady(new Error(`shop exited with ${code} before ready: ${stderr}`)));
  });
  const shop = { child, port: 0, stdoutLines, exited, ready };
  void ready.then((port) => (shop.port = port)).catch(() => undefined);
  return shop;
}

describe('main.ts as the platform runs it', () => {
  const dataDir = makeDataDir();
  const configPath = join(dataDir, 'config.json');
  const running: ChildProcess[] = [];

  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one ready line, exits 75 on a restart request and keeps its database on the next start', async () => {
    writeFileSync(configPath, JSON.stringify({ ...testShopConfig(), customers: 50 }));
    const first = spawnShop(configPath);
    running.push(first.child);
    const port = await first.ready;
    expect(first.stdoutLines).toEqual([JSON.stringify({ ready: true, port })]);
    const base = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${OPS_TOKEN}` };

    expect(await (await fetch(`${base}/`)).text()).toContain('Green tea');
    const tampered = await fetch(`${base}/api/products/tea/price`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ priceYen: 7 }),
    });
    expect(tampered.status).toBe(200);
    // The injectable search starts its sandbox process; a restart must take it down too.
    const leak = await fetch(
      `${base}/search?q=${encodeURIComponent(`' UNION SELECT email, card_number FROM customers--`)}`,
    );
    expect(await leak.text()).toContain('@example.jp');

    const restart = await fetch(`${base}/_ops/restart`, { method: 'POST', headers: auth });
    expect(restart.status).toBe(202);
    expect(await first.exited).toBe(75);

    const second = spawnShop(configPath);
    running.push(second.child);
    const secondPort = await second.ready;
    const again = `http://127.0.0.1:${secondPort}`;
    expect(await (await fetch(`${again}/products/tea`)).text()).toContain('¥7<');
    const dump = await (await fetch(`${again}/backup/shop-backup.sql`)).text();
    expect(dump.match(/INSERT INTO customers/g)).toHaveLength(50);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('exits 2 with a clear message on a bad config', async () => {
    writeFileSync(configPath, JSON.stringify({ ...testShopConfig(), vulnerabilities: ['nope'] }));
    const child = spawn(
      process.execPath,
      ['-r', join(REPO_ROOT, 'tools/register.js'), 'apps/sandbox-shop/src/main.ts', '--config', configPath],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolveExit) => child.on('exit', resolveExit));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('vulnerabilities.0');
  });
});
