import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Redis from 'ioredis';
import { REPO_ROOT } from './bench-kit';

/**
 * The parent's side of `socket-load-client.ts` (figure 7): the IPC protocol between the bench
 * process (which runs the servers being measured) and the child processes that hold the client
 * sockets and send the API requests, so that the server process is measured alone. The child
 * imports only the types of this file.
 */

/** A wall-clock instant with sub-millisecond resolution, comparable across processes of one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ConnectCommand {
  op: 'connect';
  /** A pool of sockets: `raw` (the baseline) or `mamoru`. */
  pool: string;
  /** Server URL with the namespace (`http://127.0.0.1:4000/audience`). */
  url: string;
  auth?: Record<string, unknown>;
  /** Open sockets until the pool holds this many. */
  total: number;
  /** Sockets being opened at once. */
  batch: number;
  /** The event whose receipt marks a socket as admitted (`snapshot` for Mamoru, `ready` for raw). */
  readyEvent: string;
  /** The measured event (`update`, `raw`) and its send-time field (`tickClosedAtMs`, `sentAtMs`). */
  event: string;
  stampField: string;
  timeoutMs: number;
}

export interface ConnectReply {
  connected: number;
  failed: number;
  refused: number;
  firstError?: string;
  ms: number;
}

export interface HttpCommand {
  op: 'http';
  baseUrl: string;
  requests: { path: string; token: string }[];
  /** Requests to send (cycling through `requests`) and how many are in flight at once. */
  count: number;
  concurrency: number;
  maxMs: number;
}

export interface HttpReply {
  samples: number[];
  /** When each request of `samples` was sent (`nowMs()` of the child), in the same order. */
  sentAtMs: number[];
  statuses: Record<string, number>;
  errors: number;
  firstError?: string;
  ms: number;
}

export interface CollectReply {
  /** Per round key (the message's seq), the latency of every receipt in ms (receipt − send stamp). */
  rounds: Record<string, number[]>;
  /** Sockets of the pool connected now. */
  connected: number;
  /** Messages of the measured event without a numeric send stamp (pushes not caused by a tick). */
  unstamped: number;
  /** Updates whose prevSeq is newer than the last seq the socket had seen: updates it never got. */
  gaps: number;
  disconnects: number;
  disconnectReasons: Record<string, number>;
}

export type ParentCommand =
  | (ConnectCommand & { id: number })
  | { op: 'collect'; id: number; pool: string }
  | { op: 'close'; id: number; pool: string }
  | (HttpCommand & { id: number })
  | { op: 'exit' };

export type ChildMessage =
  | { op: 'reply'; id: number; ok: true; value: unknown }
  | { op: 'reply'; id: number; ok: false; error: string }
  /** Every connected socket of the pool has received round `key`. */
  | { op: 'round'; pool: string; key: string; received: number };

const CLIENT_SCRIPT = join(__dirname, 'socket-load-client.ts');

/** One load-client child process: requests answered over IPC, and per-round completion notices. */
export class LoadClient {
  private nextId = 1;
  private readonly replies = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly rounds = new Map<string, number>();
  private readonly roundWaiters = new Map<string, (received: number) => void>();
  private exited = false;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: ChildMessage) => this.onMessage(message));
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      const error = new Error(`load client exited (${signal ?? code}): ${this.stderr.trim().split('\n').pop() ?? ''}`);
      for (const { reject } of this.replies.values()) reject(error);
      this.replies.clear();
    });
  }

  static async start(name: string): Promise<LoadClient> {
    const child = fork(CLIENT_SCRIPT, [name], {
      cwd: REPO_ROOT,
      execArgv: ['-r', join(REPO_ROOT, 'tools', 'register.js')],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const client = new LoadClient(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`load client ${name} did not start in 30 s`)), 30_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`load client ${name} exited at start (${code}): ${client.stderr.trim()}`));
      });
    });
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  connect(command: ConnectCommand): Promise<ConnectReply> {
    return this.request<ConnectReply>(command, command.timeoutMs + 30_000);
  }

  collect(pool: string): Promise<CollectReply> {
    return this.request<CollectReply>({ op: 'collect', pool }, 60_000);
  }

  closePool(pool: string): Promise<void> {
    return this.request<void>({ op: 'close', pool }, 60_000);
  }

  http(command: HttpCommand): Promise<HttpReply> {
    return this.request<HttpReply>(command, command.maxMs + 30_000);
  }

  /**
   * Resolves with how many sockets of `pool` received round `key` once all of them did, or with
   * undefined after `timeoutMs`. Call it before the round is sent (a notice that came first is kept).
   */
  waitRound(pool: string, key: string, timeoutMs: number): Promise<number | undefined> {
    const id = `${pool}:${key}`;
    const done = this.rounds.get(id);
    if (done !== undefined) return Promise.resolve(done);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.roundWaiters.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.roundWaiters.set(id, (received) => {
        clearTimeout(timer);
        resolve(received);
      });
    });
  }

  /** Asks the child to exit; kills it after 10 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      this.child.send({ op: 'exit' } satisfies ParentCommand);
    } catch {
      // the channel is gone already
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private request<T>(
    command: { op: string; [field: string]: unknown } | ConnectCommand | HttpCommand,
    timeoutMs: number,
  ): Promise<T> {
    if (this.exited) return Promise.reject(new Error('load client has exited'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(id);
        reject(new Error(`load client: no answer to ${String(command.op)} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.replies.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ ...command, id });
    });
  }

  private onMessage(message: ChildMessage): void {
    if (message.op === 'round') {
      const id = `${message.pool}:${message.key}`;
      this.rounds.set(id, message.received);
      const waiter = this.roundWaiters.get(id);
      if (waiter) {
        this.roundWaiters.delete(id);
        waiter(message.received);
      }
      return;
    }
    if (message.op !== 'reply') return;
    const pending = this.replies.get(message.id);
    if (!pending) return;
    this.replies.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error));
  }
}

/** The soft limit on open files of a process (`ulimit -n`), from /proc. */
export function openFileLimit(pid: number | 'self' = 'self'): number | undefined {
  try {
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
    if (!match) return undefined;
    return match[1] === 'unlimited' ? Infinity : Number(match[1]);
  } catch {
    return undefined;
  }
}

/** Deletes the keys matching `pattern` (SCAN, bounded in rounds); returns how many. */
export async function deleteKeys(redis: Redis, pattern: string, maxRounds = 1000): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  for (let round = 0; round < maxRounds; round++) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return deleted;
}

/** Sum and count of a Prometheus histogram series in a text exposition (undefined when absent). */
export function histogramTotals(text: string, name: string, labels: string): { sum: number; count: number } {
  const value = (suffix: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}_${suffix}{${labels}}`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };
  return { sum: value('sum'), count: value('count') };
}

/** Microseconds in which some task of the machine waited for a CPU since boot (Linux PSI), if known. */
export function cpuPressureUs(): number | undefined {
  try {
    const match = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
