import type { EventData, GameEventType, LedgerEntry, StoredEvent } from '@mamoru/domain';
import { compileScenario, foldEvents, LedgerCollector, ScenarioFileSchema } from '@mamoru/domain';
import { LedgerCache, pageOf } from './ledger-cache';

const scenario = compileScenario(
  ScenarioFileSchema.parse({
    id: 'ledger-test',
    title: { ja: '台帳', en: 'Ledger' },
    products: [{ id: 'tea', name: { ja: '茶', en: 'Tea' }, listPriceYen: 2000, unitCostYen: 1000, initialStock: 10 }],
    demand: [{ at: '00:00', customersPerTick: 1 }],
  }),
);

function gameLog() {
  const events: StoredEvent[] = [];
  const add = <T extends GameEventType>(type: T, data: EventData<T>, gameMs = 0) =>
    events.push({
      type,
      v: 1,
      data,
      gameId: 'g1',
      seq: events.length + 1,
      key: `k${events.length + 1}`,
      gameMs,
      wallMs: gameMs,
    } as StoredEvent);
  add('game.created', { gameId: 'g1', seed: 1, scenario });
  add('team.registered', { teamId: 't1', name: 'One', number: 1 });
  add('team.registered', { teamId: 't2', name: 'Two', number: 2 });
  add('clock.started', { speed: 1 });
  return { events, add };
}

function crawlTick(add: ReturnType<typeof gameLog>['add'], tick: number, orders: number) {
  for (const teamId of ['t1', 't2'])
    add(
      'crawl.observed',
      {
        tick,
        teamId,
        potential: orders,
        referenceYen: orders * 2000,
        outcomes: { ok: orders },
        orders: Array.from({ length: orders }, () => ({
          productId: 'tea',
          quantity: 1,
          chargedYen: 2000,
          priceYen: 2000,
        })),
        probe: 'ok',
      },
      tick * 60_000,
    );
  add('tick.closed', { tick }, tick * 60_000);
}

/** A reader over an in-memory log that counts the queries it answers. */
function reader(events: StoredEvent[]) {
  const calls: { afterSeq: number; toSeq: number; limit: number }[] = [];
  const read = async (_gameId: string, range: { afterSeq: number; toSeq: number; limit: number }) => {
    calls.push(range);
    return events.filter((e) => e.seq > range.afterSeq && e.seq <= range.toSeq).slice(0, range.limit);
  };
  return { read, calls };
}

const wholeFold = (events: StoredEvent[], teamId: string): LedgerEntry[] => {
  const collector = new LedgerCollector();
  foldEvents(undefined, events, collector);
  return collector.forTeam(teamId);
};

describe('LedgerCache', () => {
  it('gives each team the entries of a whole fold, and folds nothing again at the same seq', async () => {
    const { events, add } = gameLog();
    add('stock.ordered', { teamId: 't1', productId: 'tea', quantity: 3, unitCostYen: 1000, atMinute: 0 }, 30_000);
    crawlTick(add, 1, 2);
    const { read, calls } = reader(events);
    const cache = new LedgerCache(read);
    const seq = events.length;

    const first = await cache.page('g1', seq, 't1', 0, 1000);
    expect(first.seq).toBe(seq);
    expect(first.entries.length).toBeGreaterThan(2);
    expect(first.entries).toEqual(wholeFold(events, 't1'));
    expect(first.entries.every((e) => e.teamId === 't1')).toBe(true);
    expect(first.nextAfterSeq).toBeUndefined();
    expect((await cache.page('g1', seq, 't2', 0, 1000)).entries).toEqual(wholeFold(events, 't2'));
    await cache.page('g1', seq, 't1', 0, 1000);
    expect(calls).toHaveLength(1);
  });

  it('moves on by the new events only, in chunks, and equals a whole fold', async () => {
    const { events, add } = gameLog();
    crawlTick(add, 1, 1);
    const { read, calls } = reader(events);
    const cache = new LedgerCache(read, { readChunk: 3 });
    await cache.page('g1', events.length, 't1', 0, 1000);
    const before = events.length;
    crawlTick(add, 2, 3);
    add('loan.taken', { teamId: 't1', amountYen: 50_000, atMinute: 2 }, 150_000);
    calls.length = 0;

    const page = await cache.page('g1', events.length, 't1', 0, 1000);
    expect(page.entries).toEqual(wholeFold(events, 't1'));
    expect(calls[0].afterSeq).toBe(before);
    expect(calls.every((c) => c.limit === 3)).toBe(true);
    expect(calls.length).toBe(Math.ceil((events.length - before) / 3));
  });

  it('serves concurrent first reads from one fold', async () => {
    const { events, add } = gameLog();
    crawlTick(add, 1, 1);
    const { read, calls } = reader(events);
    const cache = new LedgerCache(read);
    const pages = await Promise.all([1, 2, 3].map(() => cache.page('g1', events.length, 't1', 0, 1000)));
    expect(calls).toHaveLength(1);
    expect(pages[0].entries).toEqual(pages[2].entries);
  });

  it('keeps at most maxGames games folded', async () => {
    const { events } = gameLog();
    const { read, calls } = reader(events);
    const cache = new LedgerCache(read, { maxGames: 1 });
    await cache.page('a', events.length, 't1', 0, 10);
    await cache.page('b', events.length, 't1', 0, 10);
    await cache.page('a', events.length, 't1', 0, 10);
    expect(calls.map((c) => c.afterSeq)).toEqual([0, 0, 0]);
  });
});

describe('pageOf', () => {
  const entry = (seq: number): LedgerEntry => ({
    teamId: 't1',
    component: 'cash',
    amount: 1,
    value: seq,
    atMinute: 0,
    seq,
    cause: { kind: 'test', text: { ja: '', en: '' } },
  });
  const entries = [1, 2, 2, 2, 5, 7].map(entry);

  it('pages after a seq and never splits the entries of one event', () => {
    const first = pageOf('t1', 9, entries, 0, 2);
    expect(first.entries.map((e) => e.seq)).toEqual([1, 2, 2, 2]);
    expect(first.nextAfterSeq).toBe(2);
    const second = pageOf('t1', 9, entries, first.nextAfterSeq!, 2);
    expect(second.entries.map((e) => e.seq)).toEqual([5, 7]);
    expect(second.nextAfterSeq).toBeUndefined();
    expect(pageOf('t1', 9, entries, 7, 2)).toEqual({ teamId: 't1', seq: 9, entries: [], nextAfterSeq: undefined });
  });
});
