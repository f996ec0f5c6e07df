/**
 * The behaviour every EventStore backend must show. The spec files call `eventStoreContract`
 * inside their own describe with a shared store; each test uses game ids of its own (deleted
 * afterwards), so the suites can run in parallel against one database.
 */
import { randomUUID } from 'node:crypto';
import { newEvent, type NewEvent, type StoredEvent } from '@mamoru/domain';
import { EventStoreError, SNAPSHOTS_KEPT, type EventStore } from './index';

/** A game id no other test (or parallel run) uses. */
export function uniqueGameId(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** An event of a type the store does not know or care about: the store does not validate payloads. */
export function rawEvent(key: string, data: unknown = { key }, gameMs = 0, extra: Partial<NewEvent> = {}): NewEvent {
  return { type: 'test.event', v: 1, data, key, gameMs, ...extra } as unknown as NewEvent;
}

export function tickEvents(from: number, count: number, prefix = 'tick'): NewEvent[] {
  return Array.from({ length: count }, (_, i) =>
    newEvent('tick.closed', { tick: from + i }, `${prefix}-${from + i}`, (from + i) * 60_000),
  );
}

export function expectConsecutive(events: StoredEvent[], from = 1): void {
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => from + i));
}

/** Data that stresses JSON/array escaping on the way in and out. */
export const TRICKY_DATA = {
  text: 'quotes " and \' backslash \\ braces {} [] comma , NULL null \n newline \t tab',
  unicode: '衛る 日本語 🛡️ é',
  numbers: [0, -1, 0.1, 1.5e-7, 2 ** 53 - 1, -(2 ** 53 - 1), 123456.789],
  nested: { a: { b: { c: [true, false, null, [], {}] } } },
  empty: '',
  'key with spaces "and quotes"': 'x',
};

export function eventStoreContract(getStore: () => EventStore): void {
  const games: string[] = [];
  const game = (): string => {
    const id = uniqueGameId();
    games.push(id);
    return id;
  };

  afterEach(async () => {
    const store = getStore();
    await Promise.all(games.splice(0).map((id) => store.deleteGame(id)));
  });

  it('gives consecutive seqs from 1 and reads back exactly what was appended', async () => {
    const store = getStore();
    const g = game();
    expect(await store.lastSeq(g)).toBe(0);
    expect(await store.read(g)).toEqual([]);

    const before = Date.now();
    const first = await store.append(g, [
      newEvent('clock.started', { speed: 60 }, 'clock-start', 0),
      newEvent('notice.published', { teamId: 'team-1', text: 'hello "world"', atMinute: 3 }, 'notice-1', 180_000),
      rawEvent('tricky \' " \\ , {} key', TRICKY_DATA, 240_000),
    ]);
    const after = Date.now();
    expect(first.skipped).toBe(0);
    expect(first.lastSeq).toBe(3);
    expectConsecutive(first.appended, 1);
    for (const e of first.appended) {
      expect(e.gameId).toBe(g);
      expect(e.wallMs).toBeGreaterThanOrEqual(before);
      expect(e.wallMs).toBeLessThanOrEqual(after);
    }

    const second = await store.append(g, [
      ...tickEvents(1, 2),
      rawEvent('explicit-wall', [1, 'two'], 5, { wallMs: 1234 }),
    ]);
    expectConsecutive(second.appended, 4);
    expect(second.lastSeq).toBe(6);
    expect(second.appended[2].wallMs).toBe(1234);

    const all = await store.read(g);
    expectConsecutive(all, 1);
    expect(all).toEqual([...first.appended, ...second.appended]);
    expect(all[2]).toEqual({
      type: 'test.event',
      v: 1,
      data: TRICKY_DATA,
      key: 'tricky \' " \\ , {} key',
      gameMs: 240_000,
      wallMs: first.appended[2].wallMs,
      gameId: g,
      seq: 3,
    });
    expect(typeof all[0].seq).toBe('number');
    expect(typeof all[0].gameMs).toBe('number');
    expect(typeof all[0].wallMs).toBe('number');
    expect(await store.lastSeq(g)).toBe(6);
  });

  it('appends an empty batch as a no-op', async () => {
    const store = getStore();
    const g = game();
    expect(await store.append(g, [])).toEqual({ appended: [], skipped: 0, lastSeq: 0 });
    await store.append(g, tickEvents(1, 2));
    expect(await store.append(g, [])).toEqual({ appended: [], skipped: 0, lastSeq: 2 });
  });

  it('appends each key at most once: repeated batches and repeated keys are skipped', async () => {
    const store = getStore();
    const g = game();
    const batch = tickEvents(1, 5);
    const first = await store.append(g, batch);
    expect(first.appended).toHaveLength(5);

    const again = await store.append(g, batch);
    expect(again).toEqual({ appended: [], skipped: 5, lastSeq: 5 });

    // Some old, some new, and a key repeated inside the batch: only the new ones, no seq gaps.
    const mixed = await store.append(g, [
      ...tickEvents(4, 4), // 4, 5 old; 6, 7 new
      rawEvent('dup-in-batch', { n: 1 }),
      rawEvent('dup-in-batch', { n: 2 }),
    ]);
    expect(mixed.skipped).toBe(3);
    expect(mixed.appended.map((e) => [e.seq, e.key])).toEqual([
      [6, 'tick-6'],
      [7, 'tick-7'],
      [8, 'dup-in-batch'],
    ]);
    expect(mixed.lastSeq).toBe(8);
    const all = await store.read(g);
    expectConsecutive(all, 1);
    expect(all[7].data).toEqual({ n: 1 }); // the first of the repeated key wins
    expect(await store.hasKey(g, 'tick-3')).toBe(true);
    expect(await store.hasKey(g, 'dup-in-batch')).toBe(true);
    expect(await store.hasKey(g, 'tick-99')).toBe(false);
  });

  it('appends big batches in several statements with consecutive seqs', async () => {
    const store = getStore();
    const g = game();
    const result = await store.append(g, tickEvents(1, 2345));
    expect(result.appended).toHaveLength(2345);
    expect(result.lastSeq).toBe(2345);
    const all = await store.read(g);
    expectConsecutive(all, 1);
    expect(all[2344].key).toBe('tick-2345');
  });

  it('is atomic: a batch that fails in the database midway leaves nothing behind', async () => {
    const store = getStore();
    const g = game();
    await store.append(g, tickEvents(1, 3));
    // The NUL character is valid JSON but PostgreSQL jsonb rejects it, in the second INSERT chunk.
    const batch = [...tickEvents(4, 1200), rawEvent('poison', { text: 'bad \u0000 byte' }), ...tickEvents(1204, 10)];
    const error = await store.append(g, batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreError);
    expect((error as EventStoreError).code).toBe('APPEND');
    expect((error as EventStoreError).message).toMatch(/rolled back/);
    expect((error as EventStoreError).message).toMatch(/\\u0000/);

    expect(await store.lastSeq(g)).toBe(3);
    expect(await store.read(g)).toHaveLength(3);
    expect(await store.hasKey(g, 'tick-4')).toBe(false);

    // The game goes on with no gap.
    const next = await store.append(g, tickEvents(4, 2));
    expectConsecutive(next.appended, 4);
  });

  it('rejects a batch with unserialisable or malformed events before writing anything', async () => {
    const store = getStore();
    const g = game();
    await store.append(g, tickEvents(1, 1));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const bad: NewEvent[][] = [
      [...tickEvents(2, 3), rawEvent('big', { n: BigInt(1) })],
      [...tickEvents(2, 3), rawEvent('circular', circular)],
      [...tickEvents(2, 3), { ...rawEvent('undefined-data'), data: undefined } as unknown as NewEvent],
      [...tickEvents(2, 3), { ...rawEvent('function-data'), data: () => 1 } as unknown as NewEvent],
      [...tickEvents(2, 3), rawEvent('fraction', {}, 1.5)],
      [...tickEvents(2, 3), rawEvent('', {})],
    ];
    for (const batch of bad) {
      const error = await store.append(g, batch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreError);
      expect((error as EventStoreError).code).toBe('INVALID');
    }
    expect(await store.lastSeq(g)).toBe(1);
    expect(await store.read(g)).toHaveLength(1);
  });

  it('serialises concurrent appends to one game: unique consecutive seqs, each key once', async () => {
    const store = getStore();
    const g = game();
    // 12 writers, 25 events each; writers overlap pairwise on 5 keys.
    const writers = Array.from({ length: 12 }, (_, w) =>
      Array.from({ length: 25 }, (_, i) => rawEvent(`k-${w * 20 + i}`, { w, i })),
    );
    const results = await Promise.all(writers.map((batch) => store.append(g, batch)));
    const distinctKeys = new Set(writers.flat().map((e) => e.key)).size;
    const appended = results.flatMap((r) => r.appended);
    expect(appended).toHaveLength(distinctKeys);
    expect(results.reduce((n, r) => n + r.skipped, 0)).toBe(12 * 25 - distinctKeys);
    // Every call's own events are consecutive (one transaction each).
    for (const r of results) {
      if (r.appended.length === 0) continue;
      expectConsecutive(r.appended, r.appended[0].seq);
      expect(r.lastSeq).toBe(r.appended[r.appended.length - 1].seq);
    }
    const all = await store.read(g);
    expectConsecutive(all, 1);
    expect(new Set(all.map((e) => e.key)).size).toBe(distinctKeys);
    expect(await store.lastSeq(g)).toBe(distinctKeys);
  });

  it('reads ranges: afterSeq < seq <= toSeq, at most limit', async () => {
    const store = getStore();
    const g = game();
    await store.append(g, tickEvents(1, 20));
    const seqs = async (range: Parameters<EventStore['read']>[1]) => (await store.read(g, range)).map((e) => e.seq);
    expect(await seqs({ afterSeq: 15 })).toEqual([16, 17, 18, 19, 20]);
    expect(await seqs({ toSeq: 3 })).toEqual([1, 2, 3]);
    expect(await seqs({ afterSeq: 5, toSeq: 8 })).toEqual([6, 7, 8]);
    expect(await seqs({ afterSeq: 5, limit: 2 })).toEqual([6, 7]);
    expect(await seqs({ afterSeq: 5, toSeq: 7, limit: 10 })).toEqual([6, 7]);
    expect(await seqs({ limit: 0 })).toEqual([]);
    expect(await seqs({ afterSeq: 20 })).toEqual([]);
    expect(await seqs({ afterSeq: 8, toSeq: 8 })).toEqual([]);
    expect(await seqs({ afterSeq: 8, toSeq: 3 })).toEqual([]);
    expect(await seqs({ toSeq: 100 })).toHaveLength(20);
    await expect(store.read(g, { afterSeq: -1 })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(store.read(g, { limit: 1.5 })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('saves and loads snapshots: latest, latest at or before a seq, upsert, pruning', async () => {
    const store = getStore();
    const g = game();
    expect(await store.loadSnapshot(g)).toBeNull();

    const state = (seq: number) => ({
      seq,
      teams: { 'team-1': { esc: seq * 1000, name: '衛 "one"' } },
      list: [seq, null],
    });
    await store.saveSnapshot(g, 10, state(10));
    await store.saveSnapshot(g, 20, state(20));
    expect(await store.loadSnapshot(g)).toEqual({ seq: 20, state: state(20) });
    expect(await store.loadSnapshot(g, 19)).toEqual({ seq: 10, state: state(10) });
    expect(await store.loadSnapshot(g, 20)).toEqual({ seq: 20, state: state(20) });
    expect(await store.loadSnapshot(g, 9)).toBeNull();

    // Upsert: the same seq again replaces the state.
    await store.saveSnapshot(g, 20, { replaced: true });
    expect(await store.loadSnapshot(g)).toEqual({ seq: 20, state: { replaced: true } });

    // Only the latest SNAPSHOTS_KEPT (by seq) survive.
    for (let seq = 30; seq <= 80; seq += 10) await store.saveSnapshot(g, seq, state(seq));
    expect(SNAPSHOTS_KEPT).toBe(5);
    expect(await store.loadSnapshot(g, 35)).toBeNull();
    expect(await store.loadSnapshot(g, 45)).toEqual({ seq: 40, state: state(40) });
    expect(await store.loadSnapshot(g)).toEqual({ seq: 80, state: state(80) });
    // An older snapshot than the kept ones is pruned at once.
    await store.saveSnapshot(g, 5, state(5));
    expect(await store.loadSnapshot(g, 39)).toBeNull();

    await expect(store.saveSnapshot(g, 90, undefined)).rejects.toMatchObject({ code: 'INVALID' });
    await expect(store.saveSnapshot(g, -1, {})).rejects.toMatchObject({ code: 'INVALID' });
    // Scalars and arrays are JSON too.
    await store.saveSnapshot(g, 100, [1, 'two']);
    expect(await store.loadSnapshot(g)).toEqual({ seq: 100, state: [1, 'two'] });
  });

  it('keeps games apart: seqs, keys, snapshots, listGames and deleteGame', async () => {
    const store = getStore();
    const a = game();
    const b = game();
    await store.append(a, tickEvents(1, 3));
    const inB = await store.append(b, tickEvents(1, 2)); // the same keys in another game
    expect(inB.skipped).toBe(0);
    expectConsecutive(inB.appended, 1);
    await store.saveSnapshot(a, 3, { game: 'a' });
    await store.saveSnapshot(b, 2, { game: 'b' });

    const listed = await store.listGames();
    expect(listed).toEqual(
      expect.arrayContaining([
        { gameId: a, lastSeq: 3 },
        { gameId: b, lastSeq: 2 },
      ]),
    );
    expect((await store.read(a)).every((e) => e.gameId === a)).toBe(true);

    await store.deleteGame(a);
    expect(await store.read(a)).toEqual([]);
    expect(await store.lastSeq(a)).toBe(0);
    expect(await store.loadSnapshot(a)).toBeNull();
    expect(await store.hasKey(a, 'tick-1')).toBe(false);
    expect((await store.listGames()).some((x) => x.gameId === a)).toBe(false);

    expect(await store.read(b)).toHaveLength(2);
    expect(await store.loadSnapshot(b)).toEqual({ seq: 2, state: { game: 'b' } });

    // A deleted game starts again from seq 1 (what `--fresh` reruns rely on).
    expectConsecutive((await store.append(a, tickEvents(1, 2))).appended, 1);
  });
}
