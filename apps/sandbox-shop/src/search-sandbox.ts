import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * Runs the injectable search (`sqli-search`) in a child process. better-sqlite3 is synchronous and
 * cannot interrupt a query, so a hostile SELECT (an endless recursive CTE, a huge `randomblob`)
 * would freeze the whole shop if it ran in-process. Here it can only freeze the child: the shop
 * kills it after a timeout, answers 500 and starts a fresh one on the next search.
 */

export type SearchCell = string | number | null;

export class SearchSandboxError extends Error {
  override readonly name = 'SearchSandboxError';
}

/** The child is TypeScript too; it needs the same SWC hook the shop runs under. */
const REGISTER_HOOK = resolve(__dirname, '../../../tools/register.js');
const CHILD_MODULE = join(__dirname, 'search-sandbox.child.ts');
const START_TIMEOUT_MS = 15_000;

interface PendingQuery {
  resolve: (rows: SearchCell[][]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

type ChildMessage = { ready: true } | { id: number; rows: SearchCell[][] } | { id: number; failed: true };

export class SearchSandbox {
  private child: ChildProcess | undefined;
  private starting: Promise<ChildProcess> | undefined;
  private readonly pending = new Map<number, PendingQuery>();
  private nextQueryId = 1;
  private closed = false;

  constructor(
    private readonly databaseFile: string,
    private readonly queryTimeoutMs: number,
  ) {}

  /** Runs one SELECT read-only; rejects on SQL errors, timeouts and a dead child alike. */
  async select(sql: string): Promise<SearchCell[][]> {
    const child = await this.start();
    return new Promise((resolvePromise, rejectPromise) => {
      const id = this.nextQueryId++;
      const timer = setTimeout(() => this.stop(new SearchSandboxError('search query timed out')), this.queryTimeoutMs);
      this.pending.set(id, { resolve: resolvePromise, reject: rejectPromise, timer });
      child.send({ id, sql }, (error) => {
        if (error) this.settle(id, new SearchSandboxError(`search sandbox unreachable: ${error.message}`));
      });
    });
  }

  close(): void {
    this.closed = true;
    this.stop(new SearchSandboxError('shop is closing'));
  }

  private start(): Promise<ChildProcess> {
    if (this.closed) return Promise.reject(new SearchSandboxError('shop is closing'));
    if (this.starting) return this.starting;
    const starting = new Promise<ChildProcess>((resolveChild, rejectChild) => {
      const child = fork(CHILD_MODULE, [this.databaseFile], {
        execArgv: ['-r', REGISTER_HOOK],
        // Never let the child write to the shop's stdout: the platform reads the ready line there.
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        serialization: 'json',
      });
      this.child = child;
      const startTimer = setTimeout(() => {
        rejectChild(new SearchSandboxError('search sandbox did not start'));
        this.stop(new SearchSandboxError('search sandbox did not start'));
      }, START_TIMEOUT_MS);
      child.on('message', (message: ChildMessage) => {
        if ('ready' in message) {
          clearTimeout(startTimer);
          resolveChild(child);
        } else if ('rows' in message) {
          this.settle(message.id, undefined, message.rows);
        } else {
          this.settle(message.id, new SearchSandboxError('search query failed'));
        }
      });
      const onGone = (reason: string) => {
        clearTimeout(startTimer);
        rejectChild(new SearchSandboxError(reason));
        // Only the current child's death concerns the pending queries; an old one killed by stop() does not.
        if (this.child === child) this.stop(new SearchSandboxError(reason));
      };
      child.on('exit', () => onGone('search sandbox exited'));
      child.on('error', (error) => onGone(`search sandbox failed: ${error.message}`));
    });
    this.starting = starting;
    starting.catch(() => {
      if (this.starting === starting) this.starting = undefined;
    });
    return starting;
  }

  /** Kills the current child and fails whatever it was running; the next search starts a new one. */
  private stop(reason: Error): void {
    const child = this.child;
    this.child = undefined;
    this.starting = undefined;
    for (const id of [...this.pending.keys()]) this.settle(id, reason);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private settle(id: number, error: Error | undefined, rows?: SearchCell[][]): void {
    const query = this.pending.get(id);
    if (!query) return;
    this.pending.delete(id);
    clearTimeout(query.timer);
    if (error) query.reject(error);
    else query.resolve(rows ?? []);
  }
}
