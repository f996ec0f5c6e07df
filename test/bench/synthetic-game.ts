import type { CrawlOutcome, EventData, NewEvent, Scenario, StoredEvent } from '@mamoru/domain';
import { drawCrowd, MS_PER_MINUTE, newEvent, parseScenario } from '@mamoru/domain';
import type { TeamRegistration } from '@mamoru/engine';
import { gameCreationEvents } from '@mamoru/engine';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './bench-kit';

/**
 * A realistic game log for the benchmarks, built without shops or Redis: the classic scenario,
 * N teams, T ticks. Every minute has the scenario's inbox injects and attacks (teams fix early,
 * late or never, as `--bots mixed` does), responses to the mail, stock orders, price changes and
 * notices; every tick has one `crawl.observed` per team (customers from the scenario's own crowd
 * draw, orders, defaced and tampered shops after successful attacks) and `tick.closed`, keyed and
 * timed exactly as `TickScorer` appends them. Deterministic for a given seed.
 */

export type CrawlObservation = EventData<'crawl.observed'>;

export interface SyntheticMinute {
  tick: number;
  /** What happens during minute tick-1, before the tick closes: injects, attacks, team actions. */
  before: NewEvent[];
  /** The tick's crawler facts, one per team, in team order. */
  crawl: CrawlObservation[];
}

export interface SyntheticGame {
  scenario: Scenario;
  seed: number;
  teams: TeamRegistration[];
  /** game.created, team.registered × N, clock.started. */
  creation: NewEvent[];
  minutes: SyntheticMinute[];
}

export function loadScenario(file: string): Scenario {
  const path = join(REPO_ROOT, file);
  const result = parseScenario(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`${file} does not load: ${JSON.stringify(result.issues[0])}`);
  return result.scenario;
}

export function benchTeams(count: number): TeamRegistration[] {
  return Array.from({ length: count }, (_, i) => ({ teamId: `team-${i + 1}`, name: `Team ${i + 1}` }));
}

/** The events of one tick as `TickScorer.scoreTick` appends them: the crawl facts, then tick.closed. */
export function tickEvents(minute: SyntheticMinute): NewEvent[] {
  const gameMs = minute.tick * MS_PER_MINUTE;
  const events = minute.crawl.map((o) => newEvent('crawl.observed', o, `crawl:${minute.tick}:${o.teamId}`, gameMs));
  events.push(newEvent('tick.closed', { tick: minute.tick }, `tick:${minute.tick}`, gameMs));
  return events;
}

/** Every event of the game in log order. */
export function newEvents(game: SyntheticGame): NewEvent[] {
  return [...game.creation, ...game.minutes.flatMap((m) => [...m.before, ...tickEvents(m)])];
}

/** The log as the store hands it out (seq from 1, wall time at speed 1). */
export function storedEvents(game: SyntheticGame, gameId: string): StoredEvent[] {
  const wallStart = Date.UTC(2025, 5, 1);
  return newEvents(game).map(
    (event, i) => ({ ...event, gameId, seq: i + 1, wallMs: wallStart + event.gameMs }) as StoredEvent,
  );
}

// ----- generation -----

type Profile = 'early' | 'late' | 'never';
const PROFILES: Profile[] = ['early', 'late', 'never'];
/** Minute at which a team of each profile has fixed every vulnerability. */
const FIXED_AT: Record<Profile, number> = { early: 30, late: 200, never: Infinity };

interface TeamSim {
  teamId: string;
  number: number;
  profile: Profile;
  prices: Record<string, number>;
  stock: Record<string, number>;
  defaced: boolean;
  tamperedPrices: boolean;
}

export function syntheticGame(options: {
  scenario: Scenario;
  teams: number;
  ticks: number;
  seed?: number;
}): SyntheticGame {
  const { scenario } = options;
  const seed = options.seed ?? scenario.seed;
  const ticks = Math.min(options.ticks, scenario.durationMinutes);
  const teams = benchTeams(options.teams);
  const rng = mulberry32(seed ^ 0x5eed);
  const sims: TeamSim[] = teams.map((t, i) => ({
    teamId: t.teamId,
    number: i + 1,
    profile: PROFILES[i % PROFILES.length],
    prices: Object.fromEntries(scenario.products.map((p) => [p.id, p.listPriceYen])),
    stock: Object.fromEntries(scenario.products.map((p) => [p.id, p.initialStock])),
    defaced: false,
    tamperedPrices: false,
  }));
  const creation = [
    ...gameCreationEvents('synthetic', scenario, seed, teams),
    newEvent('clock.started', { speed: 1 }, 'clock.started', 0),
  ];
  // Events scheduled for a later minute (responses, notices, fixes), by minute.
  const later = new Map<number, NewEvent[]>();
  const schedule = (minute: number, event: NewEvent) => {
    if (minute >= ticks) return;
    const list = later.get(minute) ?? [];
    list.push(event);
    later.set(minute, list);
  };

  const minutes: SyntheticMinute[] = [];
  for (let tick = 1; tick <= ticks; tick++) {
    const minute = tick - 1;
    const gameMs = minute * MS_PER_MINUTE;
    const before: NewEvent[] = [];
    for (const inject of scenario.timeline) {
      if (inject.atMinute !== minute) continue;
      for (const sim of sims) {
        if (inject.targets !== 'all' && !inject.targets.includes(sim.number)) continue;
        if (inject.kind === 'attack') {
          const attack = scenario.attacks.find((a) => a.id === inject.attackId);
          const blocked = minute >= FIXED_AT[sim.profile];
          before.push(
            newEvent(
              'attack.finished',
              {
                injectId: inject.id,
                attackId: inject.attackId,
                teamId: sim.teamId,
                atMinute: minute,
                outcome: blocked ? 'blocked' : 'succeeded',
                effects: blocked ? [] : (attack?.effects ?? []),
                ...(blocked ? { stoppedAtStep: 0 } : {}),
              },
              `attack:${inject.id}:${sim.teamId}`,
              gameMs,
            ),
          );
          if (!blocked) {
            for (const effect of attack?.effects ?? []) {
              if (effect.kind === 'deface') sim.defaced = true;
              if (effect.kind === 'tamper') sim.tamperedPrices = true;
            }
            const noticeAt = minute + 5 + Math.floor(rng() * 20);
            schedule(
              noticeAt,
              newEvent(
                'notice.published',
                {
                  teamId: sim.teamId,
                  text: 'ただいま調査中です。ご迷惑をおかけして申し訳ありません。We are investigating.',
                  atMinute: noticeAt,
                },
                `action:${sim.teamId}:notice:${noticeAt}:${inject.id}`,
                noticeAt * MS_PER_MINUTE,
              ),
            );
          }
        } else {
          before.push(
            newEvent(
              'inject.delivered',
              { injectId: inject.id, teamId: sim.teamId, kind: inject.kind, unit: inject.unit, atMinute: minute },
              `inject:${inject.id}:${sim.teamId}`,
              gameMs,
            ),
          );
          if (inject.response && rng() < 0.9) {
            const at = minute + 3 + Math.floor(rng() * inject.response.deadlineMinutes * 1.5);
            const words = inject.response.rubric.flatMap((r) => (rng() < 0.7 ? r.keywords.slice(0, 2) : []));
            schedule(
              at,
              newEvent(
                'response.submitted',
                {
                  injectId: inject.id,
                  teamId: sim.teamId,
                  text: `${inject.subject.ja} について: ${words.join('、')}。ご連絡ありがとうございます。`,
                  ...(inject.kind === 'complaint' ? { compensationYen: 1000 } : {}),
                  atMinute: at,
                },
                `action:${sim.teamId}:respond:${inject.id}:${at}`,
                at * MS_PER_MINUTE,
              ),
            );
          }
        }
      }
    }
    before.push(...(later.get(minute) ?? []));
    later.delete(minute);
    for (const sim of sims) {
      if (minute === FIXED_AT[sim.profile]) {
        sim.defaced = false;
        sim.tamperedPrices = false;
        sim.prices = Object.fromEntries(scenario.products.map((p) => [p.id, p.listPriceYen]));
        before.push(
          newEvent(
            'shop.operated',
            { teamId: sim.teamId, action: 'admin-password', detail: { changed: true }, atMinute: minute },
            `action:${sim.teamId}:ops:${minute}`,
            gameMs,
          ),
        );
      }
      if (minute > 0 && minute % 30 === sim.number % 30) {
        const product = scenario.products[Math.floor(rng() * scenario.products.length)];
        const quantity = 20 + Math.floor(rng() * 40);
        sim.stock[product.id] += quantity;
        before.push(
          newEvent(
            'stock.ordered',
            { teamId: sim.teamId, productId: product.id, quantity, unitCostYen: product.unitCostYen, atMinute: minute },
            `action:${sim.teamId}:stock:${minute}:${product.id}`,
            gameMs,
          ),
        );
      }
      if (minute > 0 && minute % 97 === sim.number % 97) {
        const product = scenario.products[Math.floor(rng() * scenario.products.length)];
        const priceYen = Math.round(product.listPriceYen * (0.9 + rng() * 0.2));
        sim.prices[product.id] = priceYen;
        before.push(
          newEvent(
            'price.set',
            { teamId: sim.teamId, productId: product.id, priceYen, atMinute: minute },
            `action:${sim.teamId}:price:${minute}:${product.id}`,
            gameMs,
          ),
        );
      }
    }

    const crowd = drawCrowd(scenario, seed, tick);
    const crawl = sims.map((sim): CrawlObservation => {
      const base = { tick, teamId: sim.teamId, potential: crowd.wants.length, referenceYen: crowd.referenceYen };
      if (sim.defaced) {
        const outcomes = crowd.wants.length > 0 ? { defaced: crowd.wants.length } : {};
        return { ...base, outcomes, orders: [], probe: 'defaced' };
      }
      const counts: Partial<Record<CrawlOutcome, number>> = {};
      const orders: CrawlObservation['orders'] = [];
      for (const productId of crowd.wants) {
        let outcome: CrawlOutcome = 'ok';
        if (rng() < 0.8) {
          if (sim.stock[productId] > 0) {
            sim.stock[productId]--;
            const priceYen = sim.prices[productId];
            const tampered = sim.tamperedPrices && (productId === 'sencha' || productId === 'matcha');
            orders.push({ productId, quantity: 1, chargedYen: tampered ? 1 : priceYen, priceYen });
            if (tampered) outcome = 'tampered';
          } else {
            outcome = 'out_of_stock';
          }
        }
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
      return { ...base, outcomes: counts, orders, probe: 'ok' };
    });
    minutes.push({ tick, before, crawl });
  }
  return { scenario, seed, teams, creation, minutes };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
