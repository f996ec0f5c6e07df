import type { NewEvent, StoredEvent } from '@mamoru/domain';
import { openPglite, openPostgres, type Backend, type Logger } from './backend';
import { connectError, errorMessage, EventStoreError, isNulInJsonError, type EventStoreErrorCode } from './errors';
import { migrate } from './migrations';

export interface AppendResult {
  /** The events written by this call, in seq order, as `read` would return them. */
  appended: StoredEvent[];
  /** Events left out because their key was already in the log (or earlier in the same batch). */
  skipped: number;
  /** The game's last seq after this call (unchanged when nothing was appended). */
  lastSeq: number;
}

export interface ReadRange {
  /** Exclusive lower bound (default 0: from the start). */
  afterSeq?: number;
  /** Inclusive upper bound (default: to the end). */
  toSeq?: number;
  /** At most this many events (default: all). */
  limit?: number;
}

export interface Snapshot {
  seq: number;
  state: unknown;
}

export interface EventStore {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Atomic batch append: in ONE transaction, events whose key already exists for the game are
   * skipped, the rest get consecutive per-game seqs (1, 2, 3... no gaps) and are written; wallMs
   * defaults to Date.now(). Concurrent appends to one game serialise on a row lock on the game's
   * counter row; unique (game_id, key) and (game_id, seq) indexes are the backstop.
   */
  append(gameId: string, events: NewEvent[]): Promise<AppendResult>;
  /** Events in seq order with afterSeq < seq <= toSeq, at most limit (default all). */
  read(gameId: string, range?: ReadRange): Promise<StoredEvent[]>;
  lastSeq(gameId: string): Promise<number>;
  hasKey(gameId: string, key: string): Promise<boolean>;
  /** Upsert by (game, seq); keeps only the latest SNAPSHOTS_KEPT (by seq) per game. */
  saveSnapshot(gameId: string, seq: number, state: unknown): Promise<void>;
  /** The snapshot with the highest seq (at or before `atOrBeforeSeq` when given), or null. */
  loadSnapshot(gameId: string, atOrBeforeSeq?: number): Promise<Snapshot | null>;
  /** Every game that has had an append, by game id. */
  listGames(): Promise<{ gameId: string; lastSeq: number }[]>;
  /** Removes the game's events, snapshots and counter. */
  deleteGame(gameId: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenEventStoreOptions {
  /** `postgres://…`: PostgreSQL. Otherwise the embedded PGlite. */
  databaseUrl?: string;
  /** PGlite only: a persistent data dir (created when missing). Without it PGlite runs in memory. */
  dataDir?: string;
  logger?: (msg: string) => void;
}

/** Snapshots kept per game; older ones are pruned on save. */
export const SNAPSHOTS_KEPT = 5;
/** Rows per INSERT statement in an append. */
export const APPEND_CHUNK_ROWS = 1000;

export async function openEventStore(options: OpenEventStoreOptions = {}): Promise<EventStore> {
  const logger: Logger = options.logger ?? (() => undefined);
  const { databaseUrl } = options;
  let backend: Backend;
  if (databaseUrl !== undefined && databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
      throw new EventStoreError(
        'CONNECT',
        `DATABASE_URL must be a postgres:// or postgresql:// URL (got "${databaseUrl.split(':')[0]}:…"): ` +
          `fix it, or unset it to use the embedded PGlite store.`,
      );
    }
    backend = await openPostgres(databaseUrl, logger);
  } else {
    backend = await openPglite(options.dataDir, logger);
  }
  try {
    await migrate(backend, logger);
  } catch (error) {
    await backend.close().catch(() => undefined);
    throw error;
  }
  return new SqlEventStore(backend, databaseUrl);
}

interface EventRow {
  game_id: string;
  seq: number | string;
  key: string;
  type: string;
  v: number;
  game_ms: number | string;
  wall_ms: number | string;
  data: string;
}

const EVENT_COLUMNS = 'game_id, seq, key, type, v, game_ms, wall_ms, data';

/** bigint columns arrive as strings from pg and as numbers from PGlite: both become numbers. */
function toStored(row: EventRow): StoredEvent {
  return {
    type: row.type,
    v: row.v,
    data: JSON.parse(row.data) as unknown,
    key: row.key,
    gameMs: Number(row.game_ms),
    wallMs: Number(row.wall_ms),
    gameId: row.game_id,
    seq: Number(row.seq),
  } as StoredEvent;
}

/** An event checked and serialised, ready for the INSERT. */
interface Prepared {
  event: NewEvent;
  json: string;
}

class SqlEventStore implements EventStore {
  private closed = false;

  constructor(
    private readonly backend: Backend,
    private readonly databaseUrl: string | undefined,
  ) {}

  get kind(): 'pglite' | 'postgres' {
    return this.backend.kind;
  }

  async append(gameId: string, events: NewEvent[]): Promise<AppendResult> {
    this.assertOpen();
    checkGameId(gameId);
    if (!Array.isArray(events)) throw new EventStoreError('INVALID', 'append: events must be an array of NewEvent.');
    if (events.length === 0) return { appended: [], skipped: 0, lastSeq: await this.lastSeq(gameId) };

    // Check and serialise everything before touching the database: a bad event fails the batch
    // without holding the game's lock.
    const wallNow = Date.now();
    const batch: Prepared[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    events.forEach((event, index) => {
      const prepared = prepare(event, index);
      if (seen.has(event.key)) {
        skipped++;
        return;
      }
      seen.add(event.key);
      batch.push(prepared);
    });

    return this.run('APPEND', `append ${events.length} event(s) to game "${gameId}"`, () =>
      this.backend.transaction(async (sql) => {
        // Lock the game's counter row (creating it on the first append): concurrent appends to
        // this game wait here, so the key check below and the seqs we hand out are exclusive.
        const [counter] = await sql.query<{ last_seq: number | string }>(
          `INSERT INTO game_seq AS g (game_id, last_seq) VALUES ($1, 0)
           ON CONFLICT (game_id) DO UPDATE SET last_seq = g.last_seq
           RETURNING last_seq`,
          [gameId],
        );
        let seq = Number(counter.last_seq);

        const existing = await sql.query<{ key: string }>(
          `SELECT key FROM events WHERE game_id = $1 AND key = ANY($2::text[])`,
          [gameId, batch.map((p) => p.event.key)],
        );
        const known = new Set(existing.map((r) => r.key));
        const fresh = known.size === 0 ? batch : batch.filter((p) => !known.has(p.event.key));
        skipped += batch.length - fresh.length;
        if (fresh.length === 0) return { appended: [], skipped, lastSeq: seq };

        const appended: StoredEvent[] = [];
        for (let start = 0; start < fresh.length; start += APPEND_CHUNK_ROWS) {
          const chunk = fresh.slice(start, start + APPEND_CHUNK_ROWS);
          const seqs: number[] = [];
          const keys: string[] = [];
          const types: string[] = [];
          const versions: number[] = [];
          const gameMs: number[] = [];
          const wallMs: number[] = [];
          const data: string[] = [];
          for (const { event, json } of chunk) {
            seq++;
            const wall = event.wallMs ?? wallNow;
            seqs.push(seq);
            keys.push(event.key);
            types.push(event.type);
            versions.push(event.v);
            gameMs.push(event.gameMs);
            wallMs.push(wall);
            data.push(json);
            appended.push({
              type: event.type,
              v: event.v,
              data: event.data,
              key: event.key,
              gameMs: event.gameMs,
              wallMs: wall,
              gameId,
              seq,
            } as StoredEvent);
          }
          await sql.query(
            `INSERT INTO events (${EVENT_COLUMNS})
             SELECT $1, t.* FROM unnest($2::bigint[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::jsonb[])
               AS t(seq, key, type, v, game_ms, wall_ms, data)`,
            [gameId, seqs, keys, types, versions, gameMs, wallMs, data],
          );
        }
        await sql.query(`UPDATE game_seq SET last_seq = $2 WHERE game_id = $1`, [gameId, seq]);
        return { appended, skipped, lastSeq: seq };
      }),
    );
  }

  async read(gameId: string, range: ReadRange = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    checkGameId(gameId);
    const afterSeq = range.afterSeq ?? 0;
    checkInteger('read: afterSeq', afterSeq, 0);
    if (range.toSeq !== undefined) checkInteger('read: toSeq', range.toSeq, 0);
    if (range.limit !== undefined) checkInteger('read: limit', range.limit, 0);
    if (range.limit === 0 || (range.toSeq !== undefined && range.toSeq <= afterSeq)) return [];

    const params: unknown[] = [gameId, afterSeq];
    let text = `SELECT ${EVENT_COLUMNS} FROM events WHERE game_id = $1 AND seq > $2`;
    if (range.toSeq !== undefined) {
      params.push(range.toSeq);
      text += ` AND seq <= $${params.length}`;
    }
    text += ' ORDER BY seq';
    if (range.limit !== undefined) {
      params.push(range.limit);
      text += ` LIMIT $${params.length}`;
    }
    const rows = await this.run('QUERY', `read game "${gameId}"`, () =>
      this.backend.query<EventRow & Record<string, unknown>>(text, params),
    );
    return rows.map(toStored);
  }

  async lastSeq(gameId: string): Promise<number> {
    this.assertOpen();
    checkGameId(gameId);
    const rows = await this.run('QUERY', `read the last seq of game "${gameId}"`, () =>
      this.backend.query<{ last_seq: number | string }>(`SELECT last_seq FROM game_seq WHERE game_id = $1`, [gameId]),
    );
    return rows.length === 0 ? 0 : Number(rows[0].last_seq);
  }

  async hasKey(gameId: string, key: string): Promise<boolean> {
    this.assertOpen();
    checkGameId(gameId);
    if (typeof key !== 'string') throw new EventStoreError('INVALID', 'hasKey: key must be a string.');
    const rows = await this.run('QUERY', `look up key "${key}" in game "${gameId}"`, () =>
      this.backend.query(`SELECT 1 AS found FROM events WHERE game_id = $1 AND key = $2`, [gameId, key]),
    );
    return rows.length > 0;
  }

  async saveSnapshot(gameId: string, seq: number, state: unknown): Promise<void> {
    this.assertOpen();
    checkGameId(gameId);
    checkInteger('saveSnapshot: seq', seq, 0);
    const json = serialise(state, `the snapshot of game "${gameId}" at seq ${seq}`);
    await this.run('QUERY', `save the snapshot of game "${gameId}" at seq ${seq}`, () =>
      this.backend.transaction(async (sql) => {
        await sql.query(
          `INSERT INTO snapshots (game_id, seq, state) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (game_id, seq) DO UPDATE SET state = EXCLUDED.state, created_at = now()`,
          [gameId, seq, json],
        );
        await sql.query(
          `DELETE FROM snapshots WHERE game_id = $1 AND seq < (
             SELECT min(seq) FROM (
               SELECT seq FROM snapshots WHERE game_id = $1 ORDER BY seq DESC LIMIT $2
             ) AS kept
           )`,
          [gameId, SNAPSHOTS_KEPT],
        );
      }),
    );
  }

  async loadSnapshot(gameId: string, atOrBeforeSeq?: number): Promise<Snapshot | null> {
    this.assertOpen();
    checkGameId(gameId);
    if (atOrBeforeSeq !== undefined) checkInteger('loadSnapshot: atOrBeforeSeq', atOrBeforeSeq, 0);
    const rows = await this.run('QUERY', `load a snapshot of game "${gameId}"`, () =>
      atOrBeforeSeq === undefined
        ? this.backend.query<{ seq: number | string; state: string }>(
            `SELECT seq, state FROM snapshots WHERE game_id = $1 ORDER BY seq DESC LIMIT 1`,
            [gameId],
          )
        : this.backend.query<{ seq: number | string; state: string }>(
            `SELECT seq, state FROM snapshots WHERE game_id = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1`,
            [gameId, atOrBeforeSeq],
          ),
    );
    return rows.length === 0 ? null : { seq: Number(rows[0].seq), state: JSON.parse(rows[0].state) as unknown };
  }

  async listGames(): Promise<{ gameId: string; lastSeq: number }[]> {
    this.assertOpen();
    const rows = await this.run('QUERY', 'list games', () =>
      this.backend.query<{ game_id: string; last_seq: number | string }>(
        `SELECT game_id, last_seq FROM game_seq ORDER BY game_id`,
      ),
    );
    return rows.map((r) => ({ gameId: r.game_id, lastSeq: Number(r.last_seq) }));
  }

  async deleteGame(gameId: string): Promise<void> {
    this.assertOpen();
    checkGameId(gameId);
    await this.run('QUERY', `delete game "${gameId}"`, () =>
      this.backend.transaction(async (sql) => {
        // The counter row first: this waits for an append in flight, like another append would.
        await sql.query(`DELETE FROM game_seq WHERE game_id = $1`, [gameId]);
        await sql.query(`DELETE FROM events WHERE game_id = $1`, [gameId]);
        await sql.query(`DELETE FROM snapshots WHERE game_id = $1`, [gameId]);
      }),
    );
  }

  /** Runs `fn` on this store's database with the store's error handling (see `storeDatabase`). */
  runOnDatabase<T>(what: string, fn: (sql: Backend) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.run('QUERY', what, () => fn(this.backend));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.backend.close();
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new EventStoreError('CLOSED', 'This event store is closed: open a new one with openEventStore().');
    }
  }

  /** Runs a database operation, turning its failures into EventStoreErrors that say what failed. */
  private async run<T>(code: EventStoreErrorCode, what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof EventStoreError) throw error;
      if (this.databaseUrl !== undefined && isConnectionError(error)) throw connectError(this.databaseUrl, error);
      const rolledBack = code === 'APPEND' ? ' Nothing was written (the batch was rolled back).' : '';
      let hint = '';
      if (isNulInJsonError(error)) {
        hint =
          ' A string in the data contains the NUL character (\\u0000), which PostgreSQL jsonb cannot store: strip it before appending.';
      } else if (pgErrorCode(error) === '23505') {
        hint =
          ' A unique index rejected a duplicate seq or key: something wrote to the events table without going through the event store.';
      }
      throw new EventStoreError(code, `Cannot ${what}: ${errorMessage(error)}.${rolledBack}${hint}`, { cause: error });
    }
  }
}

/** The database behind a store, for repositories that live in the same database (accounts.ts). */
export interface StoreDatabase {
  /** Runs `fn` on the store's backend; failures become EventStoreErrors (`QUERY`) saying `what` failed. */
  run<T>(what: string, fn: (sql: Backend) => Promise<T>): Promise<T>;
}

/**
 * The database of a store opened by `openEventStore`. Internal to this library (not exported from
 * the package): other repositories build on it so that they share the store's one PGlite
 * connection or PostgreSQL pool, and close with it.
 */
export function storeDatabase(store: EventStore): StoreDatabase {
  if (!(store instanceof SqlEventStore)) {
    throw new EventStoreError('INVALID', 'This EventStore was not opened by openEventStore(): it has no database.');
  }
  return { run: (what, fn) => store.runOnDatabase(what, fn) };
}

function pgErrorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function isConnectionError(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code !== undefined && /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|57P0|08)/.test(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    errorMessage(error),
  );
}

function checkGameId(gameId: unknown): asserts gameId is string {
  if (typeof gameId !== 'string' || gameId.length === 0 || gameId.length > 200) {
    throw new EventStoreError(
      'INVALID',
      `The game id must be a non-empty string of at most 200 characters (got ${JSON.stringify(gameId)}).`,
    );
  }
}

function checkInteger(what: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new EventStoreError('INVALID', `${what} must be an integer >= ${min} (got ${String(value)}).`);
  }
}

function serialise(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new EventStoreError(
      'INVALID',
      `Cannot store ${what}: it is not JSON-serialisable (${errorMessage(error)}).`,
      { cause: error },
    );
  }
  if (json === undefined) {
    throw new EventStoreError('INVALID', `Cannot store ${what}: it is ${typeof value}, not a JSON value.`);
  }
  return json;
}

function prepare(event: NewEvent, index: number): Prepared {
  const where = () => `event #${index}${event && typeof event.key === 'string' ? ` (key "${event.key}")` : ''}`;
  if (typeof event !== 'object' || event === null) {
    throw new EventStoreError('INVALID', `${where()} is not an object.`);
  }
  if (typeof event.key !== 'string' || event.key.length === 0) {
    throw new EventStoreError('INVALID', `${where()}: key must be a non-empty string (the natural idempotency key).`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0) {
    throw new EventStoreError('INVALID', `${where()}: type must be a non-empty string.`);
  }
  if (!Number.isInteger(event.v) || event.v < 0 || event.v > 2 ** 31 - 1) {
    throw new EventStoreError('INVALID', `${where()}: v must be a non-negative integer (got ${String(event.v)}).`);
  }
  if (!Number.isSafeInteger(event.gameMs)) {
    throw new EventStoreError(
      'INVALID',
      `${where()}: gameMs must be an integer number of milliseconds (got ${String(event.gameMs)}); round it before appending.`,
    );
  }
  if (event.wallMs !== undefined && !Number.isSafeInteger(event.wallMs)) {
    throw new EventStoreError(
      'INVALID',
      `${where()}: wallMs must be an integer number of milliseconds (got ${String(event.wallMs)}).`,
    );
  }
  return { event, json: serialise(event.data, `the data of ${where()}, type ${event.type}`) };
}
