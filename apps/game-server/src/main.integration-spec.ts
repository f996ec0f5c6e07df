import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { makeTempDir, REPO_ROOT, spawnReady, TEST_REDIS_URL, type SpawnedProcess } from '@mamoru/testing';

// The server as its own process, as operators run it: PGlite on disk, a generated JWT secret.
jest.setTimeout(90_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('apps/game-server/src/main.ts', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let running: SpawnedProcess | undefined;

  beforeAll(async () => {
    dir = await makeTempDir('mamoru-gs-main-');
  });
  afterAll(async () => {
    await running?.kill();
    await dir?.remove();
  });

  const start = async () => {
    const port = await freePort();
    running = await spawnReady('apps/game-server/src/main.ts', {
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      MAMORU_DATA_DIR: dir.path,
      MAMORU_LOG_LEVEL: 'warn',
      MAMORU_REDIS_KEY_PREFIX: `test-main-${process.pid}:`,
      DATABASE_URL: '',
      MAMORU_JWT_SECRET: '',
      MAMORU_ADMIN_PASSWORD: '',
    });
    return { url: `http://127.0.0.1:${port}`, process: running };
  };

  /** SIGTERM: Nest closes everything, then re-raises the signal (so the exit is by signal, not code). */
  const stop = async (server: SpawnedProcess) => {
    const exited = new Promise<string>((resolve) =>
      server.child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
    );
    server.child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    // The PGlite store was closed: its lock file is gone.
    expect(fs.existsSync(path.join(dir.path, 'server', 'events', 'mamoru-event-store.lock'))).toBe(false);
  };

  it('prints the generated admin password once, keeps the secret and the accounts across restarts', async () => {
    const first = await start();
    const banner = first.process.stderr.join('\n');
    const password = /organiser account "admin" with password (\S+)/.exec(banner)?.[1];
    expect(password).toHaveLength(20);
    const signIn = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    expect((await fetch(`${first.url}/health`)).status).toBe(200);

    const secretFile = path.join(dir.path, 'server', 'jwt-secret');
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dir.path, 'server', 'events', 'PG_VERSION'))).toBe(true);
    await stop(first.process);

    const second = await start();
    expect(second.process.stderr.join('\n')).not.toContain('password');
    // Same secret, same database: the token of the first run is still good.
    const me = await fetch(`${second.url}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    await stop(second.process);
    running = undefined;
  });

  it('stops with exit code 1 and a message naming a bad variable', () => {
    const result = spawnSync(process.execPath, ['-r', './tools/register.js', 'apps/game-server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, MAMORU_DATA_DIR: dir.path, PORT: 'eighty', MAMORU_LOG_LEVEL: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT: /);
    expect(result.stderr).toMatch(/MAMORU_LOG_LEVEL: /);
  });
});
