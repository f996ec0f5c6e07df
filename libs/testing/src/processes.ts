import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './mamoru-cli';

export interface SpawnedProcess {
  child: ChildProcess;
  stderr: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a TypeScript entry point of the repo as its own process and waits for its JSON ready
 * line on stdout (`{"ready":true,...}`), failing with its stderr when it exits or times out.
 */
export function spawnReady(entry: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<SpawnedProcess> {
  const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'tools', 'register.js'), join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const handle: SpawnedProcess = {
    child,
    stderr,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} was not ready in ${timeoutMs} ms:\n${stderr.join('\n')}`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"ready":true')) {
        clearTimeout(timer);
        resolve(handle);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${stderr.join('\n')}`));
    });
  });
}
