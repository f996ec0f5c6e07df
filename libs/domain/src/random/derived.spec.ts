import { derivedRandom, hashKey, nextUnit, poisson } from './derived';

describe('derived generators', () => {
  it('draws the same numbers for the same keys and different ones for other keys', () => {
    const a = nextUnit(derivedRandom(7, 'buy', 'team-1', 3, 0));
    expect(nextUnit(derivedRandom(7, 'buy', 'team-1', 3, 0))).toBe(a);
    expect(nextUnit(derivedRandom(7, 'buy', 'team-2', 3, 0))).not.toBe(a);
    expect(nextUnit(derivedRandom(8, 'buy', 'team-1', 3, 0))).not.toBe(a);
  });

  it('does not confuse key boundaries', () => {
    expect(hashKey(1, ['ab', 'c'])).not.toBe(hashKey(1, ['a', 'bc']));
  });

  it('draws Poisson counts around the mean', () => {
    let total = 0;
    for (let i = 0; i < 2000; i++) total += poisson(derivedRandom(1, 'p', i), 6);
    expect(total / 2000).toBeGreaterThan(5.6);
    expect(total / 2000).toBeLessThan(6.4);
  });
});
