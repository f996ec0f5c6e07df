import { niceMax, spreadLabels, timeAxisMax } from './chart-scale';

describe('chart scale', () => {
  it('rounds the top of the revenue axis up to a round number above the leader', () => {
    expect(niceMax(0)).toBe(10_000);
    expect(niceMax(-5)).toBe(10_000);
    expect(niceMax(NaN)).toBe(10_000);
    expect(niceMax(95_000)).toBe(100_000);
    expect(niceMax(100_000)).toBe(120_000);
    expect(niceMax(1_234_567)).toBe(1_500_000);
    expect(niceMax(9_500_000)).toBe(10_000_000);
  });

  it('ends the time axis a little after the latest point, within the game', () => {
    expect(timeAxisMax(0, 480)).toBe(60);
    expect(timeAxisMax(50, 480)).toBe(75);
    expect(timeAxisMax(150, 480)).toBe(240);
    expect(timeAxisMax(400, 480)).toBe(480);
    expect(timeAxisMax(480, 480)).toBe(480);
    expect(timeAxisMax(10, 30)).toBe(30);
  });

  it('moves end labels apart without changing their order', () => {
    const spread = spreadLabels(
      [
        { y: 50, text: 'b' },
        { y: 48, text: 'a' },
        { y: 200, text: 'c' },
      ],
      10,
      0,
      300,
    );
    expect(spread.map((l) => [l.text, l.y])).toEqual([
      ['a', 48],
      ['b', 58],
      ['c', 200],
    ]);
  });

  it('keeps labels pushed past the bottom inside', () => {
    const spread = spreadLabels(
      [
        { y: 95, text: 'a' },
        { y: 96, text: 'b' },
      ],
      10,
      0,
      100,
    );
    expect(spread.map((l) => l.y)).toEqual([90, 100]);
  });
});

describe('end labels that do not all fit', () => {
  it('keeps those of the highest lines', () => {
    const labels = Array.from({ length: 10 }, (_, i) => ({ y: 100 - i, text: `t${i}` }));
    const spread = spreadLabels(labels, 10, 0, 40);
    expect(spread.map((l) => l.text)).toEqual(['t9', 't8', 't7', 't6', 't5']);
    expect(spread.map((l) => l.y)).toEqual([0, 10, 20, 30, 40]);
  });
});
