import type { Backend, Logger } from './backend';
import { errorMessage, EventStoreError } from './errors';

export interface Migration {
  version: number;
  name: string;
  /** Run in order, one statement each, inside the migration transaction. */
  statements: string[];
}

/**
 * The schema, in order. Never edit a migration that has shipped: append a new one. Versions are
 * consecutive from 1.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, game_seq, snapshots',
    statements: [
      `CREATE TABLE events (
         game_id text   NOT NULL,
         seq     bigint NOT NULL CHECK (seq > 0),
         key     text   NOT NULL,
         type    text   NOT NULL,
         v       int    NOT NULL,
         game_ms bigint NOT NULL,
         wall_ms bigint NOT NULL,
         data    jsonb  NOT NULL,
         PRIMARY KEY (game_id, seq),
         CONSTRAINT events_game_id_key_unique UNIQUE (game_id, key)
       )`,
      `CREATE TABLE game_seq (
         game_id  text   PRIMARY KEY,
         last_seq bigint NOT NULL DEFAULT 0
       )`,
      `CREATE TABLE snapshots (
         game_id    text        NOT NULL,
         seq        bigint      NOT NULL,
         state      jsonb       NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (game_id, seq)
       )`,
    ],
  },
  {
    version: 2,
    name: 'accounts',
    statements: [
      // Logins are stored lower-case (case-insensitive sign-in); a member account belongs to one
      // (game, member). Join codes are looked up by their SHA-256 hash, never stored in clear.
      `CREATE TABLE accounts (
         id             text        PRIMARY KEY,
         login          text        NOT NULL UNIQUE CHECK (login = lower(login)),
         role           text        NOT NULL CHECK (role IN ('organiser', 'grader', 'member')),
         game_id        text,
         team_id        text,
         member_id      text,
         password_hash  text,
         join_code_hash text        UNIQUE,
         token_version  int         NOT NULL DEFAULT 0,
         disabled       boolean     NOT NULL DEFAULT false,
         created_at     timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT accounts_game_member_unique UNIQUE (game_id, member_id)
       )`,
    ],
  },
];

/** Key of the transaction-level advisory lock that serialises migrations across processes. */
export const MIGRATION_LOCK_ID = 0x6d616d6f; // "mamo"

/**
 * Brings the schema up to date in one transaction. Two processes opening one database at once
 * queue on the advisory lock: the second sees the versions the first applied and does nothing.
 */
export async function migrate(
  backend: Backend,
  logger: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  let current = 0;
  let running: Migration | undefined;
  try {
    current = await backend.transaction(async (sql) => {
      await sql.query(`SELECT pg_advisory_xact_lock($1)`, [MIGRATION_LOCK_ID]);
      await sql.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version    int         PRIMARY KEY,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const rows = await sql.query<{ version: number }>(`SELECT version FROM schema_migrations ORDER BY version`);
      const applied = new Set(rows.map((r) => Number(r.version)));
      const newest = Math.max(0, ...applied);
      if (newest > latest) {
        throw new EventStoreError(
          'MIGRATE',
          `The database schema is at version ${newest}, newer than this build of Mamoru knows (${latest}): ` +
            `run a newer Mamoru against it, or point DATABASE_URL / the data dir elsewhere.`,
        );
      }
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        running = migration;
        for (const statement of migration.statements) await sql.query(statement);
        await sql.query(`INSERT INTO schema_migrations (version) VALUES ($1)`, [migration.version]);
        logger(`event-store: applied migration ${migration.version} (${migration.name})`);
        running = undefined;
      }
      return latest;
    });
  } catch (error) {
    if (error instanceof EventStoreError) throw error;
    const which = running ? `migration ${running.version} (${running.name})` : 'the schema check';
    throw new EventStoreError(
      'MIGRATE',
      `Cannot bring the event-store schema up to date: ${which} failed (${errorMessage(error)}). Nothing was ` +
        `changed. If the database holds tables of another application named like ours (events, game_seq, ` +
        `snapshots), use a database of its own.`,
      { cause: error },
    );
  }
  return current;
}
