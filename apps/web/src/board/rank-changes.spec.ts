import { nextRankMarkerExpiry, pruneRankMarkers, ranksOf, updateRankMarkers } from './rank-changes';

const rows = (...teams: string[]) => teams.map((teamId, i) => ({ teamId, rank: i + 1 }));

describe('rank changes', () => {
  it('marks nothing for the first standings', () => {
    expect(updateRankMarkers(null, rows('a', 'b'), new Map(), 0).size).toBe(0);
  });

  it('marks teams that moved, up or down, for a while', () => {
    const markers = updateRankMarkers(ranksOf(rows('a', 'b', 'c')), rows('c', 'a', 'b'), new Map(), 1000, 5000);
    expect(Object.fromEntries(markers)).toEqual({
      c: { direction: 'up', by: 2, untilMs: 6000 },
      a: { direction: 'down', by: 1, untilMs: 6000 },
      b: { direction: 'down', by: 1, untilMs: 6000 },
    });
    expect(nextRankMarkerExpiry(markers)).toBe(6000);
    expect(pruneRankMarkers(markers, 6000).size).toBe(0);
    expect(nextRankMarkerExpiry(new Map())).toBeNull();
  });

  it('adds up moves in the same direction while the marker shows, and replaces it otherwise', () => {
    let markers = updateRankMarkers(ranksOf(rows('a', 'b', 'c')), rows('a', 'c', 'b'), new Map(), 0, 5000);
    markers = updateRankMarkers(ranksOf(rows('a', 'c', 'b')), rows('c', 'a', 'b'), markers, 1000, 5000);
    expect(markers.get('c')).toEqual({ direction: 'up', by: 2, untilMs: 6000 });
    expect(markers.get('a')).toEqual({ direction: 'down', by: 1, untilMs: 6000 });
    expect(markers.get('b')).toEqual({ direction: 'down', by: 1, untilMs: 5000 });
    markers = updateRankMarkers(ranksOf(rows('c', 'a', 'b')), rows('a', 'c', 'b'), markers, 2000, 5000);
    expect(markers.get('a')).toEqual({ direction: 'up', by: 1, untilMs: 7000 });
  });

  it('ignores teams that were not there before and ties that stay ties', () => {
    const before = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    const after = [
      { teamId: 'b', rank: 1 },
      { teamId: 'a', rank: 1 },
      { teamId: 'new', rank: 3 },
    ];
    expect(updateRankMarkers(before, after, new Map(), 0).size).toBe(0);
  });
});
