import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInThisContext } from 'node:vm';
import type { PGlite } from '@electric-sql/pglite';
import { Pool, types as pgTypes } from 'pg';
import { connectError, errorMessage, EventStoreError, redactDatabaseUrl } from './errors';

export type Row = Record<string, unknown>;

/**
 * One connection's worth of SQL: a single statement with `$n` parameters. json/jsonb columns come
 * back as JSON text (the caller parses them), bigint columns as numbers (PGlite) or strings (pg).
 */
export interface Sql {
  query<R extends Row = Row>(text: string, params?: unknown[]): Promise<R[]>;
}

/** The two databases behind one interface; the store's SQL is the same for both. */
export interface Backend extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction (BEGIN ... COMMIT, ROLLBACK when it throws). */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Logger = (msg: string) => void;

/** json and jsonb type oids: both backends hand these columns out as text, the store parses them. */
const JSON_OID = 114;
const JSONB_OID = 3802;
const asText = (value: string): string => value;

// ---------------------------------------------------------------------------------------------
// PostgreSQL through a pg Pool

export async function openPostgres(databaseUrl: string, logger: Logger): Promise<Backend> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 5,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'mamoru-event-store',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === JSON_OID || oid === JSONB_OID
          ? asText
          : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
    },
  });
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on('error', (error) => logger(`event-store: idle PostgreSQL connection failed: ${errorMessage(error)}`));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(databaseUrl, error);
  }
  logger(`event-store: connected to PostgreSQL at ${redactDatabaseUrl(databaseUrl)}`);
  return new PostgresBackend(pool);
}

class PostgresBackend implements Backend {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: Pool) {}

  async query<R extends Row = Row>(text: string, params?: unknown[]): Promise<R[]> {
    const result = await this.pool.query(text, params);
    return result.rows as R[];
  }

  async transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const sql: Sql = {
      query: async <R extends Row = Row>(text: string, params?: unknown[]) =>
        (await client.query(text, params)).rows as R[],
    };
    try {
      await client.query('BEGIN');
      const result = await fn(sql);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch (rollbackError) {
        // The connection is broken: destroy it rather than hand it to the next caller.
        client.release(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite: one embedded connection, so every operation goes through one promise queue and
// concurrent callers never interleave statements of different transactions.

type PgliteModule = typeof import('@electric-sql/pglite');

/**
 * PGlite itself. Under jest it is loaded through Node's own module loader, outside the test
 * sandbox: the sandbox cannot run the dynamic `import()`s of Node built-ins that PGlite makes while
 * starting (jest would need --experimental-vm-modules), and jest's `module` built-in is its own, so
 * the real one is fetched from Node's main context. Objects PGlite returns then come from another
 * realm: the store only hands out objects it builds itself (JSON is parsed here, see JSON_AS_TEXT).
 * In plain Node this is an ordinary require.
 */
function loadPglite(): PgliteModule {
  if (process.env.JEST_WORKER_ID !== undefined) {
    const realModule = runInThisContext('process.getBuiltinModule?.("node:module")') as
      typeof import('node:module') | undefined;
    if (realModule)
      return realModule.createRequire(__filename)(require.resolve('@electric-sql/pglite')) as PgliteModule;
  }
  return require('@electric-sql/pglite') as PgliteModule;
}

const LOCK_FILE = 'mamoru-event-store.lock';
/** Data dirs this process has open (a lock file holding our own pid is stale otherwise). */
const openDirs = new Set<string>();

export async function openPglite(dataDir: string | undefined, logger: Logger): Promise<Backend> {
  let dir: string | undefined;
  let releaseLock = (): void => undefined;
  if (dataDir !== undefined) {
    dir = path.resolve(dataDir);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new EventStoreError(
        'CONNECT',
        `Cannot create the PGlite data dir ${dir} (${errorMessage(error)}): choose a writable directory.`,
        { cause: error },
      );
    }
    releaseLock = lockDataDir(dir);
  }
  const started = Date.now();
  let db: PGlite;
  try {
    db = await loadPglite().PGlite.create(dir, { parsers: { [JSON_OID]: asText, [JSONB_OID]: asText } });
  } catch (error) {
    releaseLock();
    throw new EventStoreError(
      'CONNECT',
      dir === undefined
        ? `Cannot start the in-memory PGlite database (${errorMessage(error)}).`
        : `Cannot open the PGlite database in ${dir} (${errorMessage(error)}): if the directory is damaged, ` +
            `move it away (or rerun with --fresh) and start again.`,
      { cause: error },
    );
  }
  logger(`event-store: PGlite ${dir === undefined ? 'in memory' : `in ${dir}`} ready in ${Date.now() - started} ms`);
  return new PgliteBackend(db, releaseLock);
}

function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  if (openDirs.has(dir)) {
    throw new EventStoreError(
      'LOCKED',
      `The PGlite data dir ${dir} is already open in this process: share that EventStore, or close it first.`,
    );
  }
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        throw new EventStoreError('LOCKED', `Cannot lock the PGlite data dir ${dir} (${errorMessage(error)}).`, {
          cause: error,
        });
      }
      const holder = readLockPid(file);
      if (holder !== undefined && holder !== process.pid && processAlive(holder)) {
        throw new EventStoreError(
          'LOCKED',
          `The PGlite data dir ${dir} is in use by process ${holder}: PGlite serves one process only. Stop that ` +
            `process, use another data dir, or run every process against PostgreSQL (DATABASE_URL).`,
        );
      }
      // Stale: left by a process that died (or by an earlier process that had our pid).
      fs.rmSync(file, { force: true });
    }
  }
  openDirs.add(dir);
  return () => {
    openDirs.delete(dir);
    fs.rmSync(file, { force: true });
  };
}

function readLockPid(file: string): number | undefined {
  try {
    const pid = (JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

class PgliteBackend implements Backend {
  readonly kind = 'pglite' as const;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: PGlite,
    private readonly releaseLock: () => void,
  ) {}

  /** Runs `fn` after everything queued before it has settled. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  query<R extends Row = Row>(text: string, params?: unknown[]): Promise<R[]> {
    return this.enqueue(async () => (await this.db.query<R>(text, params)).rows);
  }

  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.enqueue(() =>
      this.db.transaction((tx) =>
        fn({
          query: async <R extends Row = Row>(text: string, params?: unknown[]) =>
            (await tx.query<R>(text, params)).rows,
        }),
      ),
    );
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      try {
        await this.db.close();
      } finally {
        this.releaseLock();
      }
    });
  }
}
