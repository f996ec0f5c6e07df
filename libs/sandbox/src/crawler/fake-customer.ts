import { derivedRandom, nextUnit } from '@mamoru/domain';

/**
 * The made-up person behind a crawler checkout. Derived from (seed, tick, customer), so a re-run
 * tick sends the same names, and every team's shop sees the same customer at the same minute.
 * The `.invalid` domain (RFC 2606) guarantees that a leaked address reaches nobody.
 */
const FAMILY_NAMES = [
  'Sato',
  'Suzuki',
  'Takahashi',
  'Tanaka',
  'Watanabe',
  'Ito',
  'Yamamoto',
  'Nakamura',
  'Kobayashi',
  'Kato',
];
const GIVEN_NAMES = ['Haruto', 'Yui', 'Sota', 'Hina', 'Yuto', 'Mei', 'Riku', 'Aoi', 'Kaito', 'Sakura'];

export interface FakeCustomer {
  name: string;
  email: string;
}

export function fakeCustomer(seed: number, tick: number, index: number): FakeCustomer {
  const rng = derivedRandom(seed, 'customer', tick, index);
  const family = FAMILY_NAMES[Math.floor(nextUnit(rng) * FAMILY_NAMES.length)];
  const given = GIVEN_NAMES[Math.floor(nextUnit(rng) * GIVEN_NAMES.length)];
  return {
    name: `${family} ${given}`,
    email: `${given}.${family}.t${tick}c${index}@customers.mamoru.invalid`.toLowerCase(),
  };
}
