import { emptyHistory, mergeHistory, readHistory, withPoint } from './team-history';

const point = (tick: number, revenueYen = tick * 100) => ({
  tick,
  revenueYen,
  cashYen: 5_000_000 + revenueYen,
  trust: 1,
  downtimeMinutes: 0,
});

describe('team history', () => {
  it('reads the server answer, and an answer of another shape as empty', () => {
    expect(
      readHistory({
        teamId: 'team-1',
        ticks: [1, 2],
        revenueYen: [1, 2],
        cashYen: [3, 4],
        trust: [1, 1],
        downtimeMinutes: [0, 0],
      }).ticks,
    ).toEqual([1, 2]);
    expect(readHistory(null)).toEqual(emptyHistory());
    expect(readHistory({ message: 'no route', code: 'NOT_FOUND' })).toEqual(emptyHistory());
  });

  it('appends live points after the fetched ones, replaces the same tick and ignores older ones', () => {
    const fetched = readHistory({
      ticks: [1, 2],
      revenueYen: [100, 200],
      cashYen: [1, 2],
      trust: [1, 1],
      downtimeMinutes: [0, 0],
    });
    const merged = mergeHistory(fetched, [point(1, 999), point(2, 250), point(3)]);
    expect(merged.ticks).toEqual([1, 2, 3]);
    expect(merged.revenueYen).toEqual([100, 250, 300]);
    expect(withPoint(merged, point(2)).ticks).toEqual([1, 2, 3]);
    expect(withPoint(emptyHistory(), point(5)).ticks).toEqual([5]);
  });
});
