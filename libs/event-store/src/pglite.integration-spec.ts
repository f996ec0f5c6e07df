import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventStoreContract, rawEvent, tickEvents, uniqueGameId } from './event-store.contract';
import { EventStoreError, openEventStore, type EventStore } from './index';

// Opening a database takes seconds; jest's root `projects` run ignores the preset's testTimeout.
jest.setTimeout(60_000);

// Opening PGlite costs seconds: one shared in-memory store for the contract, one data dir reopened.
describe('event store on PGlite (in memory)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await openEventStore({});
  });
  afterAll(async () => {
    await store?.close();
  });

  it('is the pglite backend', () => {
    expect(store.kind).toBe('pglite');
  });

  eventStoreContract(() => store);

  it('never interleaves concurrent transactions on its single connection', async () => {
    const g = uniqueGameId();
    try {
      // Appends, reads, snapshots and lookups all in flight at once.
      const ops = Array.from({ length: 30 }, (_, i) => {
        switch (i % 5) {
          case 0:
            return store.append(g, tickEvents(i * 10, 10));
          case 1:
            return store.saveSnapshot(g, i, { i });
          case 2:
            return store.read(g, { limit: 5 });
          case 3:
            return store
              .append(g, [...tickEvents(i * 10, 3), rawEvent(`bad-${i}`, { s: '\u0000' })])
              .catch((e: unknown) => e);
          default:
            return store.hasKey(g, `tick-${i}`);
        }
      });
      const results = await Promise.all(ops);
      for (let i = 3; i < 30; i += 5) expect(results[i]).toBeInstanceOf(EventStoreError);
      const all = await store.read(g);
      expect(all).toHaveLength(60);
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    } finally {
      await store.deleteGame(g);
    }
  });
});

describe('event store on PGlite (data dir)', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-es-')), 'nested', 'pglite');
  });
  afterAll(() => {
    fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  });

  it('creates the dir, refuses a second opener, persists across reopen', async () => {
    const g = uniqueGameId();
    const first = await openEventStore({ dataDir: dir });
    let firstClosed = false;
    try {
      expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
      await first.append(g, tickEvents(1, 500));
      await first.saveSnapshot(g, 500, { at: 500 });

      // PGlite serves one process: a second store on the same dir is refused, not corrupting it.
      const error = await openEventStore({ dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreError);
      expect((error as EventStoreError).code).toBe('LOCKED');

      await first.close();
      firstClosed = true;
      await expect(first.read(g)).rejects.toMatchObject({ code: 'CLOSED' });
    } finally {
      if (!firstClosed) await first.close();
    }

    const logs: string[] = [];
    const reopened = await openEventStore({ dataDir: dir, logger: (m) => logs.push(m) });
    try {
      expect(logs.some((m) => m.includes('applied migration'))).toBe(false); // already migrated
      expect(await reopened.lastSeq(g)).toBe(500);
      const events = await reopened.read(g);
      expect(events).toHaveLength(500);
      expect(events[499]).toMatchObject({ seq: 500, key: 'tick-500', type: 'tick.closed', data: { tick: 500 } });
      expect(await reopened.loadSnapshot(g)).toEqual({ seq: 500, state: { at: 500 } });
      expect((await reopened.append(g, tickEvents(500, 2))).appended.map((e) => e.seq)).toEqual([501]);
      expect(await reopened.listGames()).toEqual([{ gameId: g, lastSeq: 501 }]);
    } finally {
      await reopened.close();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    // pid 2^22+1 is above Linux' default pid_max, so no process has it.
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'mamoru-event-store.lock'), JSON.stringify({ pid: 4194305 }));
    const store = await openEventStore({ dataDir: dir });
    await store.close();
    expect(fs.existsSync(path.join(dir, 'mamoru-event-store.lock'))).toBe(false);
  });
});
