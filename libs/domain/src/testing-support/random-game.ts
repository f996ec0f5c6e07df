import fc from 'fast-check';
import type { AttackOutcome, CrawlOutcome, ProbeOutcome, StoredEvent } from '../events/events';
import { ATTACK_OUTCOMES, CRAWL_OUTCOMES } from '../events/events';
import type { Scenario } from '../scenario/scenario';
import { UNIT_IDS } from '../scenario/schema';
import { logBuilder } from './events';
import { testScenario } from './scenario';

/**
 * Random but valid game logs for property tests: 1-4 teams, up to 30 eventful minutes (sometimes followed by quiet ones past the first hour), each minute's team
 * actions (responses, grades, stock, prices, ads, loans, notices, adjustments, shop operations),
 * the scheduled injects and attacks, then one crawl fact per team and the tick's close. The
 * scenario is `testScenario()` with random deadlines, points and trust rules, so that response
 * windows close and trust hits its bounds within a short game.
 */
export interface RandomGame {
  scenario: Scenario;
  events: StoredEvent[];
}

const ESC_TARGETS = ['esc', ...UNIT_IDS] as const;
const KEYWORDS = [
  'お詫び',
  'apologise',
  '発送',
  'ship',
  '電話',
  'phone',
  'leak',
  'prevent',
  '返金',
  'refund',
  'status',
];

type Action =
  | { kind: 'respond'; team: number; pick: number; words: string[]; compensationYen: number | null }
  | { kind: 'grade'; team: number; pick: number; grade: number }
  | { kind: 'stock'; team: number; product: number; quantity: number; unitCostYen: number }
  | { kind: 'price'; team: number; product: number; priceYen: number }
  | { kind: 'ad'; team: number; costYen: number; boost: number; durationMinutes: number }
  | { kind: 'loan'; team: number; amountYen: number; repay: boolean }
  | { kind: 'notice'; team: number }
  | { kind: 'adjust'; team: number; target: (typeof ESC_TARGETS)[number]; amount: number }
  | { kind: 'shop'; team: number; action: 'settings' | 'admin-password' | 'restart' | 'restore' }
  | { kind: 'attack'; team: number; pick: number; outcome: AttackOutcome };

interface Crawl {
  potential: number;
  referenceYen: number;
  outcomes: Partial<Record<CrawlOutcome, number>>;
  orders: { product: number; quantity: number; chargedYen: number; priceYen: number }[];
  probe: ProbeOutcome;
  platformFault: boolean;
}

interface Minute {
  actions: Action[];
  crawls: Crawl[];
  attackOutcomes: AttackOutcome[];
  /** A scheduled inbox inject of this minute is not delivered to a team when its bit is set. */
  skipDelivery: boolean[];
}

const team = fc.nat({ max: 3 });
const yen = (max: number) => fc.integer({ min: 1, max });

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('respond' as const),
      team,
      pick: fc.nat(),
      words: fc.subarray(KEYWORDS),
      compensationYen: fc.option(fc.integer({ min: 0, max: 50_000 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('grade' as const),
      team,
      pick: fc.nat(),
      grade: fc.integer({ min: 0, max: 20 }).map((g) => g / 20),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stock' as const),
      team,
      product: fc.nat({ max: 1 }),
      quantity: fc.integer({ min: 1, max: 20 }),
      unitCostYen: fc.integer({ min: 0, max: 5000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('price' as const),
      team,
      product: fc.nat({ max: 1 }),
      priceYen: yen(10_000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('ad' as const),
      team,
      costYen: fc.integer({ min: 0, max: 100_000 }),
      boost: fc.integer({ min: 10, max: 30 }).map((b) => b / 10),
      durationMinutes: fc.integer({ min: 1, max: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('loan' as const),
      team,
      amountYen: yen(3_000_000),
      repay: fc.nat({ max: 2 }).map((n) => n === 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('notice' as const), team }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      team,
      target: fc.constantFrom(...ESC_TARGETS),
      amount: fc.integer({ min: -40, max: 40 }).map((a) => a / 2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('shop' as const),
      team,
      action: fc.constantFrom('settings' as const, 'admin-password' as const, 'restart' as const, 'restore' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('attack' as const),
      team,
      pick: fc.nat(),
      outcome: fc.constantFrom(...ATTACK_OUTCOMES),
    }),
  },
);

const crawlArb: fc.Arbitrary<Crawl> = fc.record({
  potential: fc.nat({ max: 8 }),
  referenceYen: fc.nat({ max: 40_000 }),
  outcomes: fc.dictionary(fc.constantFrom(...CRAWL_OUTCOMES), fc.nat({ max: 5 }), {
    maxKeys: 3,
    noNullPrototype: true,
  }),
  orders: fc.array(
    fc.record({
      product: fc.nat({ max: 1 }),
      quantity: fc.integer({ min: 1, max: 3 }),
      chargedYen: fc.nat({ max: 10_000 }),
      priceYen: fc.nat({ max: 10_000 }),
    }),
    { maxLength: 3 },
  ),
  probe: fc.constantFrom<ProbeOutcome>('ok', 'ok', 'ok', 'down', 'error', 'defaced'),
  platformFault: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const minuteArb: fc.Arbitrary<Minute> = fc.record({
  actions: fc.array(actionArb, { maxLength: 4 }),
  crawls: fc.array(crawlArb, { minLength: 4, maxLength: 4 }),
  attackOutcomes: fc.array(fc.constantFrom(...ATTACK_OUTCOMES), { minLength: 4, maxLength: 4 }),
  skipDelivery: fc.array(
    fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    { minLength: 4, maxLength: 4 },
  ),
});

const fraction = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 1000);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    deadlines: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 8, maxLength: 8 }),
    points: fc.array(
      fc.integer({ min: 1, max: 40 }).map((p) => p / 2),
      { minLength: 8, maxLength: 8 },
    ),
    trust: fc.record({
      defacedTick: fraction(100),
      downTick: fraction(100),
      leak: fraction(600),
      unanswered: fraction(100),
      tamperedOrder: fraction(50),
      healthyTick: fraction(20),
      noticeWindowMinutes: fc.integer({ min: 0, max: 20 }),
      noticeGivesBack: fraction(1000),
    }),
    loanInterestPerHour: fc.integer({ min: 1, max: 50 }).map((n) => n / 1000),
  })
  .map(({ deadlines, points, trust, loanInterestPerHour }) => {
    const base = testScenario();
    return {
      ...base,
      economy: { ...base.economy, loanInterestPerHour },
      // fast-check may build records without a prototype; events hold plain objects.
      trust: { ...trust },
      timeline: base.timeline.map((inject, i) =>
        inject.kind !== 'attack' && inject.response
          ? { ...inject, response: { ...inject.response, deadlineMinutes: deadlines[i], points: points[i] } }
          : inject,
      ),
    };
  });

export const randomGameArb: fc.Arbitrary<RandomGame> = fc
  .record({
    scenario: scenarioArb,
    teams: fc.array(fc.option(fc.constantFrom('east', 'west'), { nil: undefined }), { minLength: 1, maxLength: 4 }),
    minutes: fc.array(minuteArb, { minLength: 1, maxLength: 30 }),
    ended: fc.boolean(),
    // Hourly interest needs a game of 60+ minutes; a long tail of quiet minutes gets there cheaply.
    quietTail: fc.oneof(
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) },
      { weight: 2, arbitrary: fc.integer({ min: 40, max: 70 }) },
    ),
  })
  .map(({ scenario, teams, minutes, ended, quietTail }) => ({
    scenario,
    events: buildLog(scenario, teams, minutes, ended, quietTail),
  }));

function buildLog(
  scenario: Scenario,
  alliances: (string | undefined)[],
  minutes: Minute[],
  ended: boolean,
  quietTail: number,
): StoredEvent[] {
  const log = logBuilder('game-random').created(scenario);
  const teamIds = alliances.map((_, i) => `team-${i + 1}`);
  alliances.forEach((alliance, i) => log.team(teamIds[i], `Team ${i + 1}`, i + 1, alliance));
  log.start(60);
  const products = scenario.products.map((p) => p.id);
  const delivered = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  const responseInjects = new Set(scenario.timeline.filter((i) => i.kind !== 'attack' && i.response).map((i) => i.id));
  const attackInjects = scenario.timeline.flatMap((i) => (i.kind === 'attack' ? [i] : []));
  const teamOf = (n: number) => teamIds[n % teamIds.length];

  const total = minutes.length + quietTail;
  for (let m = 0; m < total; m++) {
    const minute: Minute | undefined = minutes[m];
    for (const inject of scenario.timeline.filter((i) => i.atMinute === m)) {
      teamIds.forEach((teamId, t) => {
        if (inject.kind === 'attack') {
          const attack = scenario.attacks.find((a) => a.id === inject.attackId);
          const outcome = minute?.attackOutcomes[t] ?? 'blocked';
          log.add('attack.finished', {
            injectId: inject.id,
            attackId: inject.attackId,
            teamId,
            atMinute: m,
            outcome,
            effects: outcome === 'succeeded' ? (attack?.effects ?? []) : [],
          });
        } else if (!minute?.skipDelivery[t]) {
          log.deliver(inject.id, teamId, m);
          delivered.get(teamId)?.push(inject.id);
        }
      });
    }
    for (const action of minute?.actions ?? []) {
      const teamId = teamOf(action.team);
      const answerable = (delivered.get(teamId) ?? []).filter((id) => responseInjects.has(id));
      switch (action.kind) {
        case 'respond':
          if (answerable.length === 0) break;
          log.add('response.submitted', {
            injectId: answerable[action.pick % answerable.length],
            teamId,
            text: action.words.length > 0 ? action.words.join(' ') : 'ok',
            ...(action.compensationYen === null ? {} : { compensationYen: action.compensationYen }),
            atMinute: m,
          });
          break;
        case 'grade':
          if (answerable.length === 0) break;
          log.add('response.graded', {
            injectId: answerable[action.pick % answerable.length],
            teamId,
            grade: action.grade,
            by: 'judge',
            atMinute: m,
          });
          break;
        case 'stock':
          log.add('stock.ordered', {
            teamId,
            productId: products[action.product % products.length],
            quantity: action.quantity,
            unitCostYen: action.unitCostYen,
            atMinute: m,
          });
          break;
        case 'price':
          log.add('price.set', {
            teamId,
            productId: products[action.product % products.length],
            priceYen: action.priceYen,
            atMinute: m,
          });
          break;
        case 'ad':
          log.add('ad.bought', {
            teamId,
            costYen: action.costYen,
            boost: action.boost,
            durationMinutes: action.durationMinutes,
            atMinute: m,
          });
          break;
        case 'loan':
          log.add(action.repay ? 'loan.repaid' : 'loan.taken', { teamId, amountYen: action.amountYen, atMinute: m });
          break;
        case 'notice':
          log.add('notice.published', { teamId, text: 'お知らせ / notice', atMinute: m });
          break;
        case 'adjust':
          log.add('score.adjusted', {
            teamId,
            target: action.target,
            amount: action.target === 'esc' ? action.amount * 1000 : action.amount,
            reason: 'random adjustment',
            by: 'control',
            atMinute: m,
          });
          break;
        case 'shop':
          log.add('shop.operated', { teamId, action: action.action, detail: {}, atMinute: m });
          break;
        case 'attack': {
          if (attackInjects.length === 0) break;
          const inject = attackInjects[action.pick % attackInjects.length];
          const attack = scenario.attacks.find((a) => a.id === inject.attackId);
          log.add('attack.finished', {
            injectId: inject.id,
            attackId: inject.attackId,
            teamId,
            atMinute: m,
            outcome: action.outcome,
            effects: action.outcome === 'succeeded' ? (attack?.effects ?? []) : [],
          });
          break;
        }
      }
    }
    const tick = m + 1;
    teamIds.forEach((teamId, t) => {
      const crawl = minute?.crawls[t];
      if (!crawl) return log.crawl(teamId, tick);
      log.crawl(teamId, tick, {
        potential: crawl.potential,
        referenceYen: crawl.referenceYen,
        outcomes: crawl.outcomes,
        orders: crawl.orders.map((o) => ({
          productId: products[o.product % products.length],
          quantity: o.quantity,
          chargedYen: o.chargedYen,
          priceYen: o.priceYen,
        })),
        probe: crawl.probe,
        ...(crawl.platformFault ? { platformFault: true } : {}),
      });
    });
    log.close(tick);
  }
  if (ended) log.add('game.ended', { atMinute: total });
  return log.build();
}
