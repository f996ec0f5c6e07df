import type { GameState, TeamState } from '../fold/state';
import { TRUST_SCALE } from '../fold/state';
import { derivedRandom, nextUnit, poisson, weightedIndex } from '../random/derived';
import type { Scenario } from '../scenario/scenario';

/**
 * The simulated customers (game-model §4). The crowd of a tick is drawn from (seed, tick) alone,
 * so every shop is offered the same customers wanting the same products; whether one of them buys
 * is drawn from (seed, team, tick, customer).
 */
export interface Crowd {
  tick: number;
  /** The product each potential customer wants, in arrival order. */
  wants: string[];
  /** Revenue if every customer bought at list price. */
  referenceYen: number;
}

/** Customers per tick at a game minute: piecewise linear between the scenario's points. */
export function demandAt(scenario: Scenario, minute: number): number {
  const points = scenario.demand;
  if (minute <= points[0].atMinute) return points[0].customersPerTick;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (minute <= b.atMinute) {
      const t = (minute - a.atMinute) / (b.atMinute - a.atMinute);
      return a.customersPerTick + t * (b.customersPerTick - a.customersPerTick);
    }
  }
  return points[points.length - 1].customersPerTick;
}

export function drawCrowd(scenario: Scenario, seed: number, tick: number): Crowd {
  const rng = derivedRandom(seed, 'crowd', tick);
  const count = poisson(rng, demandAt(scenario, tick - 1));
  const weights = scenario.products.map((p) => p.popularity);
  const wants: string[] = [];
  let referenceYen = 0;
  for (let i = 0; i < count; i++) {
    const product = scenario.products[weightedIndex(rng, weights)];
    wants.push(product.id);
    referenceYen += product.listPriceYen;
  }
  return { tick, wants, referenceYen };
}

/** p = trust × priceFactor × adBoost, capped at 1; priceFactor = (list / price)^elasticity. */
export function conversionProbability(
  trust: number,
  listPriceYen: number,
  priceYen: number,
  elasticity: number,
  adBoost: number,
): number {
  if (priceYen <= 0) return Math.min(1, trust * adBoost);
  const priceFactor = Math.pow(listPriceYen / priceYen, elasticity);
  return Math.max(0, Math.min(1, trust * priceFactor * adBoost));
}

export function adBoostAt(team: TeamState, minute: number): number {
  let boost = 1;
  for (const ad of team.ads) if (ad.fromMinute <= minute && minute < ad.untilMinute) boost = Math.max(boost, ad.boost);
  return boost;
}

/** Whether customer `index` of `tick` is willing to buy at `teamId` (before the shop is tried). */
export function customerWillBuy(
  state: GameState,
  teamId: string,
  tick: number,
  index: number,
  productId: string,
): boolean {
  const scenario = state.scenario;
  const team = state.teams[teamId];
  if (!scenario || !team) return false;
  const product = scenario.products.find((p) => p.id === productId);
  if (!product) return false;
  const p = conversionProbability(
    team.trustMicro / TRUST_SCALE,
    product.listPriceYen,
    team.pricesYen[productId] ?? product.listPriceYen,
    scenario.economy.elasticity,
    adBoostAt(team, tick - 1),
  );
  return nextUnit(derivedRandom(state.seed, 'buy', teamId, tick, index)) < p;
}
