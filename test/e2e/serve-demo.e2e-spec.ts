import { makeTempDir, REPO_ROOT, TEST_REDIS_URL } from '@mamoru/testing';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * `mamoru serve --demo` as `npm start` runs it (embedded PGlite, shops and workers in one process):
 * it prints where it serves and the credentials it made, its bot teams play through the HTTP API,
 * the ticker and standings move, the public board shows it, and Ctrl-C stops everything.
 */
describe('mamoru serve --demo', () => {
  let child: ChildProcess | undefined;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const lines: string[] = [];

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dir?.remove();
  });

  it('serves a demo game that its bots play through the API, and stops on SIGTERM', async () => {
    dir = await makeTempDir('mamoru-serve-');
    child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'mamoru'), 'serve', '--demo', '--teams', '2', '--speed', '600', '--port', '0'],
      { cwd: REPO_ROOT, env: { ...process.env, MAMORU_DATA_DIR: dir.path, REDIS_URL: TEST_REDIS_URL } },
    );
    createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
    createInterface({ input: child.stderr! }).on('line', (line) => lines.push(`stderr: ${line}`));
    const seen = async (pattern: RegExp, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!lines.some((l) => pattern.test(l))) {
        if (Date.now() > deadline || child!.exitCode !== null)
          throw new Error(`no line matching ${pattern}:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      return lines.find((l) => pattern.test(l))!;
    };
    const url = /serving at (http:\/\/\S+)/.exec(await seen(/serving at http/, 60_000))![1];
    const demo = /demo game\s+(demo-[a-z0-9]+)/.exec(await seen(/demo game/, 60_000))![1];
    await seen(/organiser\s+login "organiser-demo/, 5000);
    await seen(/standings at 02:/, 120_000); // two game hours: the bots have fixed, sold and answered; attacks came

    const board = (await (await fetch(`${url}/api/games/${demo}/board`)).json()) as {
      standings: { revenueYen: number }[];
      ticker: unknown[];
    };
    expect(board.standings).toHaveLength(2);
    expect(board.standings.some((s) => s.revenueYen > 0)).toBe(true);
    expect(board.ticker.length).toBeGreaterThan(0);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 240_000);
});
