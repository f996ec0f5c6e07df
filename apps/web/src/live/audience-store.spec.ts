import { message, testView } from '../board/test-views';
import { AudienceBoardStore } from './audience-store';

describe('the audience board store', () => {
  let now = 0;
  const clocks = { monotonic: () => now, wall: () => now };
  beforeEach(() => {
    now = 0;
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('keeps the highest-seq view and notifies on change only', () => {
    const store = new AudienceBoardStore('day-1', clocks);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getState().seq ?? -1));
    expect(store.getState()).toMatchObject({ connection: 'connecting', view: null, seq: null });

    store.receive('snapshot', message(testView(10, 1, { a: 100, b: 50 })));
    store.receive('update', message(testView(9, 1, { a: 0, b: 0 }), 8));
    store.receive('update', message(testView(11, 2, { a: 200, b: 50 }), 10));
    expect(seen).toEqual([10, 11]);
    expect(store.getState()).toMatchObject({ connection: 'connected', seq: 11 });
    expect(store.getState().view?.standings[0].revenueYen).toBe(200);
    expect(store.getState().series.data()).toEqual([
      [0, 1, 2],
      [0, 100, 200],
      [0, 50, 50],
    ]);
  });

  it('asks for a resync when an update follows one it never got', () => {
    const store = new AudienceBoardStore('day-1', clocks);
    store.receive('snapshot', message(testView(10, 1, { a: 1 })));
    expect(store.receive('update', message(testView(14, 2, { a: 2 }), 12))).toEqual({ resync: true });
    expect(store.getState().seq).toBe(14);
  });

  it('marks rank changes and drops the markers when they expire', () => {
    const store = new AudienceBoardStore('day-1', clocks);
    store.receive('snapshot', message(testView(1, 1, { a: 100, b: 50 })));
    expect(store.getState().rankMarkers.size).toBe(0);
    store.receive('update', message(testView(2, 2, { a: 100, b: 150 }), 1));
    expect(store.getState().rankMarkers.get('b')).toMatchObject({ direction: 'up', by: 1 });
    expect(store.getState().rankMarkers.get('a')).toMatchObject({ direction: 'down', by: 1 });
    now = 60_000;
    jest.runOnlyPendingTimers();
    expect(store.getState().rankMarkers.size).toBe(0);
    store.dispose();
  });

  it('keeps the view through a reconnect and knows a refusal', () => {
    const store = new AudienceBoardStore('day-1', clocks);
    store.receive('snapshot', message(testView(3, 1, { a: 1 })));
    store.setConnection('reconnecting');
    expect(store.getState()).toMatchObject({ connection: 'reconnecting', seq: 3 });
    store.receive('snapshot', message(testView(3, 1, { a: 1 })));
    store.receive('snapshot', message(testView(5, 2, { a: 2 })));
    expect(store.getState()).toMatchObject({ connection: 'connected', seq: 5 });
    const refused = new AudienceBoardStore('nope', clocks);
    refused.setConnection('refused', { code: 'NOT_FOUND', message: 'no game nope' });
    expect(refused.getState()).toMatchObject({ connection: 'refused', refusal: { code: 'NOT_FOUND' } });
  });

  it('estimates the server clock from every message, shown or not', () => {
    const store = new AudienceBoardStore('day-1', clocks);
    now = 5000;
    store.receive('snapshot', message(testView(3, 1, { a: 1 })));
    expect(store.getState().serverClock.serverNow(5000)).toBe(1_000_003);
  });
});
