import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventStoreContract, expectConsecutive, rawEvent, tickEvents, uniqueGameId } from './event-store.contract';
import { EventStoreError, MIGRATIONS, openEventStore, type EventStore } from './index';
import { postgresReachable } from './postgres-available';

/** The database these tests use (the same default as libs/testing's). */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Opening a database takes seconds; jest's root `projects` run ignores the preset's testTimeout.
jest.setTimeout(60_000);

const pgAvailable = postgresReachable(TEST_DATABASE_URL);
if (!pgAvailable) {
  const line = '!'.repeat(100);
  console.warn(
    `${line}\n!!! PostgreSQL not reachable at ${new URL(TEST_DATABASE_URL).host}: the Postgres event-store tests are SKIPPED.\n` +
      `!!! Start PostgreSQL there or set TEST_DATABASE_URL=postgres://user@host:port/db to run them.\n${line}`,
  );
}
const describeIfPg = pgAvailable ? describe : describe.skip;

describeIfPg('event store on PostgreSQL', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('is the postgres backend', () => {
    expect(store.kind).toBe('postgres');
  });

  eventStoreContract(() => store);

  it('serialises appends from two store instances (two pools) to one game', async () => {
    const other = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
    const g = uniqueGameId();
    try {
      const batches = Array.from({ length: 16 }, (_, w) =>
        Array.from({ length: 30 }, (_, i) => rawEvent(`k-${w * 25 + i}`, { w, i })),
      );
      const results = await Promise.all(batches.map((batch, w) => (w % 2 === 0 ? store : other).append(g, batch)));
      const distinct = new Set(batches.flat().map((e) => e.key)).size;
      expect(results.flatMap((r) => r.appended)).toHaveLength(distinct);
      for (const r of results) if (r.appended.length > 0) expectConsecutive(r.appended, r.appended[0].seq);
      const all = await other.read(g);
      expectConsecutive(all, 1);
      expect(new Set(all.map((e) => e.key)).size).toBe(distinct);
    } finally {
      await store.deleteGame(g);
      await other.close();
    }
  });

  it('persists across close and reopen', async () => {
    const g = uniqueGameId();
    const first = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
    try {
      await first.append(g, tickEvents(1, 7));
      await first.saveSnapshot(g, 7, { at: 7 });
    } finally {
      await first.close();
    }
    await expect(first.lastSeq(g)).rejects.toMatchObject({ code: 'CLOSED' });
    const reopened = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
    try {
      expect(await reopened.lastSeq(g)).toBe(7);
      expect(await reopened.read(g, { afterSeq: 5 })).toMatchObject([{ seq: 6 }, { seq: 7, key: 'tick-7' }]);
      expect(await reopened.loadSnapshot(g)).toEqual({ seq: 7, state: { at: 7 } });
    } finally {
      await reopened.deleteGame(g);
      await reopened.close();
    }
  });

  it('migrates a fresh database once when several processes open it at the same time', async () => {
    const dbName = `mamoru_es_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${dbName}`);
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${dbName}`;
      const logs: string[] = [];
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openEventStore({ databaseUrl: url.toString(), logger: (m) => logs.push(m) })),
      );
      try {
        expect(logs.filter((m) => m.includes('applied migration 1 '))).toHaveLength(1);
        const check = new Client({ connectionString: url.toString() });
        await check.connect();
        try {
          const { rows } = await check.query<{ version: number }>(
            'SELECT version FROM schema_migrations ORDER BY version',
          );
          expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
        } finally {
          await check.end();
        }
        const g = uniqueGameId();
        await Promise.all(stores.map((s, i) => s.append(g, [rawEvent(`from-${i}`)])));
        expectConsecutive(await stores[0].read(g), 1);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
      await admin.end();
    }
  });

  it('refuses a database whose schema is newer than this build', async () => {
    const dbName = `mamoru_es_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${dbName}`);
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${dbName}`;
      const fresh = await openEventStore({ databaseUrl: url.toString() });
      await fresh.close();
      const raw = new Client({ connectionString: url.toString() });
      await raw.connect();
      await raw.query('INSERT INTO schema_migrations (version) VALUES (999)');
      await raw.end();
      const error = await openEventStore({ databaseUrl: url.toString() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreError);
      expect((error as EventStoreError).code).toBe('MIGRATE');
      expect((error as EventStoreError).message).toMatch(/version 999/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
      await admin.end();
    }
  });

  it('names the database when it does not exist', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/mamoru_es_does_not_exist';
    const error = await openEventStore({ databaseUrl: url.toString() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONNECT' });
    expect((error as Error).message).toMatch(/mamoru_es_does_not_exist/);
    expect((error as Error).message).toMatch(/createdb/);
  });
});

describe('event store connection errors', () => {
  it('says where it could not connect, without the password, and what to do', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await openEventStore({ databaseUrl: 'postgres://mamoru:s3cret-pw@127.0.0.1:1/mamoru' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventStoreError);
    expect((error as EventStoreError).code).toBe('CONNECT');
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1\/mamoru/);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).message).toMatch(/start PostgreSQL/);
    expect((error as Error).message).not.toMatch(/s3cret-pw/);
  });

  it('rejects a URL that is not postgres://', async () => {
    await expect(openEventStore({ databaseUrl: 'mysql://root:pw@localhost/db' })).rejects.toMatchObject({
      code: 'CONNECT',
      message: expect.not.stringContaining('pw'),
    });
  });
});
