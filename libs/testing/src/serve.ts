import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeTempDir, REPO_ROOT } from './mamoru-cli';

export interface RunningServe {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything it printed, stdout and stderr (`stderr: ` prefixed). */
  lines: string[];
  adminPassword: string;
  /** The first line printed so far or within `timeoutMs` that matches; throws with the last lines otherwise. */
  line(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after 15 s; removes its data dir. Resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `mamoru serve` as an organiser starts it on event day (`node bin/mamoru serve`): its own process,
 * embedded PGlite in a fresh data dir, Redis as `npm start` finds it (REDIS_URL, else 127.0.0.1:6379,
 * else a redis-server it starts), the built web app; resolves once it
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

  const line = async (pattern: RegExp, timeoutMs: number): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.find((l) => pattern.test(l));
      if (found) return found;
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`mamoru serve printed no line matching ${pattern}:\n${lines.slice(-40).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  try {
    const serving = await line(/serving at http/, options.timeoutMs ?? 60_000);
    const url = /serving at (http:\/\/\S+)/.exec(serving)![1].replace(/\/$/, '');
    return { url, lines, adminPassword, line, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
