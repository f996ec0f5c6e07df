import { pointMinute, RevenueSeries } from './revenue-series';
import { testView } from './test-views';

describe('revenue over time', () => {
  it('starts at 0 and adds one point per tick seen, for every team', () => {
    const series = new RevenueSeries();
    expect(series.add(testView(10, 5, { a: 500, b: 300 }))).toBe(true);
    expect(series.add(testView(11, 6, { a: 800, b: 300 }))).toBe(true);
    expect(series.data()).toEqual([
      [0, 5, 6],
      [0, 500, 800],
      [0, 300, 300],
    ]);
    expect(series.teams.map((t) => t.teamId)).toEqual(['a', 'b']);
  });

  it('fills in the ticks closed before the board opened from the history, never over live points', () => {
    const series = new RevenueSeries();
    const live = testView(40, 30, { a: 3000, b: 1000 });
    series.add(live);
    const history = {
      teams: [{ teamId: 'a' }, { teamId: 'b' }],
      ticks: [10, 20, 30],
      revenueYen: [
        [1000, 2000, 2999],
        [500, 700, 999],
      ],
    };
    expect(series.seed(history, live.standings)).toBe(true);
    expect(series.data()).toEqual([
      [0, 10, 20, 30],
      [0, 1000, 2000, 3000],
      [0, 500, 700, 1000],
    ]);
    expect(series.seed(history, live.standings)).toBe(false);
  });

  it('keeps teams in team-number order whatever their rank', () => {
    const series = new RevenueSeries();
    series.add(testView(1, 1, { a: 100, b: 900 }));
    expect(series.teams.map((t) => t.number)).toEqual([1, 2]);
    expect(series.data()[2]).toEqual([0, 900]);
  });

  it('updates the point of a tick seen again, and reports no change when nothing moved', () => {
    const series = new RevenueSeries();
    series.add(testView(1, 3, { a: 100 }));
    const version = series.version;
    expect(series.add(testView(2, 3, { a: 100 }))).toBe(false);
    expect(series.version).toBe(version);
    expect(series.add(testView(3, 3, { a: 150 }))).toBe(true);
    expect(series.data()).toEqual([
      [0, 3],
      [0, 150],
    ]);
  });

  it('puts a late point in its place', () => {
    const series = new RevenueSeries();
    series.add(testView(1, 10, { a: 1000 }));
    series.add(testView(2, 4, { a: 400 }));
    expect(series.xs).toEqual([0, 4, 10]);
    expect(series.ys[0]).toEqual([0, 400, 1000]);
  });

  it('draws frozen figures at the freeze minute only, not as a flat line afterwards', () => {
    const series = new RevenueSeries();
    series.add(testView(1, 100, { a: 1000 }));
    const frozen = { frozen: { atMinute: 101 } };
    series.add(testView(2, 101, { a: 1100 }, frozen));
    series.add(testView(3, 102, { a: 1100 }, frozen));
    series.add(testView(4, 140, { a: 1100 }, frozen));
    expect(series.xs).toEqual([0, 100, 101]);
    expect(pointMinute(testView(5, 140, { a: 0 }, frozen))).toBe(101);
    series.add(testView(5, 141, { a: 5000 }));
    expect(series.xs).toEqual([0, 100, 101, 141]);
  });

  it('adds a team seen later with no points before it (0 at the start)', () => {
    const series = new RevenueSeries();
    series.add(testView(1, 1, { a: 10 }));
    const teamsVersion = series.teamsVersion;
    series.add(testView(2, 2, { a: 20, b: 5 }));
    expect(series.teamsVersion).toBeGreaterThan(teamsVersion);
    expect(series.data()).toEqual([
      [0, 1, 2],
      [0, 10, 20],
      [0, null, 5],
    ]);
  });

  it('keeps a whole day of 20 teams cheaply', () => {
    const series = new RevenueSeries();
    const teams = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const started = performance.now();
    for (let tick = 0; tick <= 480; tick++) {
      series.add(testView(tick + 1, tick, Object.fromEntries(teams.map((t, i) => [t, tick * (i + 1) * 100]))));
    }
    expect(series.length).toBe(481);
    expect(series.ys).toHaveLength(20);
    expect(series.ys[19][480]).toBe(480 * 20 * 100);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
