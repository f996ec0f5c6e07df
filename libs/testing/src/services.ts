import { Socket } from 'node:net';

/** Test services: the URLs the tests use, and whether they answer (tests say loudly when not). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function portAnswers(url: string, defaultPort: number): Promise<boolean> {
  const parsed = new URL(url);
  const port = parsed.port ? Number(parsed.port) : defaultPort;
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, parsed.hostname || '127.0.0.1', () => done(true));
  });
}

export function warnSkipped(what: string, why: string): void {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! ${what} SKIPPED: ${why}\n${bar}\n`);
}
