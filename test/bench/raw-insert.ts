import type { NewEvent } from '@mamoru/domain';
import { MIGRATIONS } from '@mamoru/event-store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The raw driver baseline: the same rows the event store would write, into a scratch table built
 * from the store's own migration (same columns, types, primary key and unique index), with one
 * `INSERT ... SELECT FROM unnest(...)` per batch inside BEGIN/COMMIT, straight on the driver.
 * No key check, no counter row, no seq lookup: what the database gives for these rows.
 */
export interface RawInserter {
  readonly kind: 'postgres' | 'pglite';
  /** Writes the events with seqs following the previous call, in one transaction. */
  insert(gameId: string, events: readonly NewEvent[]): Promise<void>;
  /** Empties the scratch table (between rounds; not timed). */
  clear(): Promise<void>;
  /** Drops the scratch table and closes the connection. */
  close(): Promise<void>;
}

interface Sql {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

function scratchDdl(table: string): string {
  const ddl = MIGRATIONS[0].statements.find((s) => /CREATE TABLE events\b/.test(s));
  if (!ddl) throw new Error('the event store migration no longer creates the events table');
  return ddl
    .replace(/CREATE TABLE events\b/, `CREATE TABLE ${table}`)
    .replace(/events_game_id_key_unique/g, `${table}_key`);
}

class Raw implements RawInserter {
  private seq = 0;

  constructor(
    readonly kind: 'postgres' | 'pglite',
    private readonly table: string,
    private readonly sql: Sql,
    private readonly transaction: (fn: (sql: Sql) => Promise<void>) => Promise<void>,
    private readonly end: () => Promise<void>,
  ) {}

  async insert(gameId: string, events: readonly NewEvent[]): Promise<void> {
    const wall = Date.now();
    const seqs: number[] = [];
    const keys: string[] = [];
    const types: string[] = [];
    const versions: number[] = [];
    const gameMs: number[] = [];
    const wallMs: number[] = [];
    const data: string[] = [];
    for (const event of events) {
      seqs.push(++this.seq);
      keys.push(event.key);
      types.push(event.type);
      versions.push(event.v);
      gameMs.push(event.gameMs);
      wallMs.push(event.wallMs ?? wall);
      data.push(JSON.stringify(event.data));
    }
    await this.transaction(async (sql) => {
      await sql.query(
        `INSERT INTO ${this.table} (game_id, seq, key, type, v, game_ms, wall_ms, data)
         SELECT $1, t.* FROM unnest($2::bigint[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::jsonb[])
           AS t(seq, key, type, v, game_ms, wall_ms, data)`,
        [gameId, seqs, keys, types, versions, gameMs, wallMs, data],
      );
    });
  }

  async clear(): Promise<void> {
    await this.sql.query(`TRUNCATE ${this.table}`);
    this.seq = 0;
  }

  async close(): Promise<void> {
    try {
      await this.sql.query(`DROP TABLE IF EXISTS ${this.table}`);
    } finally {
      await this.end();
    }
  }
}

/** A scratch table in the PostgreSQL database at `url`, on one plain `pg` connection. */
export async function rawPostgres(url: string, table: string): Promise<RawInserter> {
  const client = new Client({ connectionString: url, application_name: 'mamoru-bench-raw' });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(scratchDdl(table));
  } catch (error) {
    await client.end();
    throw error;
  }
  return new Raw(
    'postgres',
    table,
    client,
    async (fn) => {
      await client.query('BEGIN');
      try {
        await fn(client);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    () => client.end(),
  );
}

/** A PGlite database of its own in a temporary data dir (as the embedded store uses), with the scratch table. */
export async function rawPglite(table: string): Promise<RawInserter> {
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const dir = await mkdtemp(join(tmpdir(), 'mamoru-bench-pglite-raw-'));
  const db = await PGlite.create(dir);
  await db.query(scratchDdl(table));
  return new Raw(
    'pglite',
    table,
    db,
    async (fn) => {
      await db.transaction(async (tx) => {
        await fn(tx);
      });
    },
    async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  );
}
