import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';

/**
 * Redis for embedded runs (architecture "real components"): REDIS_URL if set; else the server on
 * 127.0.0.1:6379 if one answers; else `redis-server` from PATH on a free port with its data under
 * the data dir; else a clear message on how to install it.
 */
export interface RedisHandle {
  url: string;
  started: boolean;
  stop(): Promise<void>;
}

export async function ensureRedis(redisUrl: string | undefined, dataDir: string): Promise<RedisHandle> {
  if (redisUrl) return { url: redisUrl, started: false, stop: async () => undefined };
  if (await answersPing('127.0.0.1', 6379))
    return { url: 'redis://127.0.0.1:6379', started: false, stop: async () => undefined };
  const port = await freePort();
  const dir = join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  let child: ChildProcess;
  try {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    await new Promise<void>((resolveSpawn, reject) => {
      child.once('spawn', resolveSpawn);
      child.once('error', reject);
    });
  } catch {
    throw new Error(
      'Redis is needed and none was found: set REDIS_URL, start redis-server on 127.0.0.1:6379, or install it (Debian/Ubuntu: sudo apt-get install -y redis-server).',
    );
  }
  for (let i = 0; i < 100 && !(await answersPing('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 50));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', () => child.kill('SIGKILL'));
  return { url: `redis://127.0.0.1:${port}`, started: true, stop };
}

function answersPing(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePing) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}
