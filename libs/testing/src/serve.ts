import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeTempDir, REPO_ROOT } from './mamoru-cli';
import { TEST_REDIS_URL } from './services';

export interface RunningServe {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything it printed, stdout and stderr (`stderr: ` prefixed). */
  lines: string[];
  adminPassword: string;
  /** SIGTERM, then SIGKILL after 15 s; removes its data dir. Resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `mamoru serve` as an organiser starts it on event day (`node bin/mamoru serve`): its own process,
 * embedded PGlite in a fresh data dir, this machine's Redis, the built web app; resolves once it
 * prints where it serves. The admin password is set through MAMORU_ADMIN_PASSWORD.
 */
export async function startMamoruServe(
  options: { args?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunningServe> {
  const dir = await makeTempDir('mamoru-serve-');
  const adminPassword = 'admin-password-for-tests';
  // Embedded PGlite, as `npm start` runs it, whatever this shell points DATABASE_URL at.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  void _ignored;
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'mamoru'), 'serve', '--port', '0', ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: {
        ...inherited,
        MAMORU_DATA_DIR: dir.path,
        REDIS_URL: TEST_REDIS_URL,
        MAMORU_ADMIN_PASSWORD: adminPassword,
        // Sign-ins are throttled per IP across every server on this Redis; tests all come from 127.0.0.1.
        MAMORU_LOGIN_LIMIT_PER_MINUTE: '1000',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(`stderr: ${line}`));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await dir.remove();
    return child.exitCode;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const serving = lines.map((l) => /serving at (http:\/\/\S+)/.exec(l)).find(Boolean);
    if (serving) return { url: serving[1].replace(/\/$/, ''), lines, adminPassword, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`mamoru serve did not start:\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
