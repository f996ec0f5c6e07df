import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * Derived generators (game-model §4): every random draw comes from a generator keyed by what it
 * is for, e.g. (seed, 'crowd', tick) or (seed, 'buy', team, tick, customer). Generators are
 * derived, never consumed in order, so a retried or re-run step draws the same numbers and one
 * team's draws never shift another's.
 */
export function derivedRandom(seed: number, ...keys: (string | number)[]): RandomGenerator {
  return xoroshiro128plus(hashKey(seed, keys));
}

/** A float in [0, 1) from a derived generator. */
export function nextUnit(rng: RandomGenerator): number {
  return uniformFloat64(rng);
}

/** cyrb53-style 32-bit mix of the seed and the keys; stable across platforms and runs. */
export function hashKey(seed: number, keys: readonly (string | number)[]): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  const text = keys.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) | 0;
}

/** Poisson draw (Knuth) for small means, normal approximation above 50. */
export function poisson(rng: RandomGenerator, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) {
    const u1 = Math.max(nextUnit(rng), Number.EPSILON);
    const u2 = nextUnit(rng);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = nextUnit(rng);
  while (p > limit) {
    k++;
    p *= nextUnit(rng);
  }
  return k;
}

/** Index drawn with the given non-negative weights. */
export function weightedIndex(rng: RandomGenerator, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let pick = nextUnit(rng) * total;
  for (let i = 0; i < weights.length; i++) {
    pick -= weights[i];
    if (pick < 0) return i;
  }
  return weights.length - 1;
}

export type { RandomGenerator };
