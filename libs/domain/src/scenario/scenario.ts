import type { Bilingual } from '../text/text';
import { parseGameTime } from '../time/game-time';
import type { AttackEffect, AttackStep, InboxKind, ScenarioFile, UnitId, VulnerabilityId } from './schema';

/**
 * The compiled scenario the engine and the fold work with: game times in minutes, defaults filled
 * in, references resolved. It is embedded in the `game.created` event, so a log is self-contained.
 */
export interface Scenario {
  id: string;
  version: number;
  title: Bilingual;
  description?: Bilingual;
  durationMinutes: number;
  tickMinutes: number;
  clockStartsAtMinutes?: number;
  seed: number;
  units: { id: UnitId; name: Bilingual }[];
  economy: ScenarioFile['economy'];
  trust: ScenarioFile['trust'];
  scoring: ScenarioFile['scoring'];
  crawler: ScenarioFile['crawler'];
  shop: { vulnerabilities: VulnerabilityId[]; customers: number };
  products: Product[];
  /** Piecewise-linear demand: customers per tick at given minutes, sorted by minute. */
  demand: { atMinute: number; customersPerTick: number }[];
  attacks: AttackScript[];
  marketplace: MarketItem[];
  timeline: Inject[];
}

export type MarketItem = ScenarioFile['marketplace'][number];

export interface Product {
  id: string;
  name: Bilingual;
  listPriceYen: number;
  unitCostYen: number;
  initialStock: number;
  popularity: number;
}

export interface AttackScript {
  id: string;
  name: Bilingual;
  exploits?: VulnerabilityId;
  steps: AttackStep[];
  effects: AttackEffect[];
}

export interface RubricItem {
  id: string;
  text: Bilingual;
  weight: number;
  keywords: string[];
}

export interface ResponseSpec {
  points: number;
  deadlineMinutes: number;
  rubric: RubricItem[];
}

interface InjectBase {
  id: string;
  atMinute: number;
  /** Team numbers (1-based, in registration order), or every team. */
  targets: 'all' | number[];
}

export interface AttackInject extends InjectBase {
  kind: 'attack';
  unit: 'tech';
  attackId: string;
}

export interface InboxInject extends InjectBase {
  kind: InboxKind;
  unit: UnitId;
  from?: Bilingual;
  subject: Bilingual;
  body: Bilingual;
  response?: ResponseSpec;
}

export type Inject = AttackInject | InboxInject;

export const DEFAULT_UNITS: Scenario['units'] = [
  { id: 'management', name: { ja: '経営', en: 'Management' } },
  { id: 'sales', name: { ja: '販売・仕入れ', en: 'Sales & purchasing' } },
  { id: 'support', name: { ja: 'カスタマーサポート', en: 'Customer support' } },
  { id: 'pr', name: { ja: '広報', en: 'Public relations' } },
  { id: 'tech', name: { ja: '技術', en: 'Engineering' } },
  { id: 'csirt', name: { ja: 'CSIRT', en: 'CSIRT' } },
];

/** The unit an inject of each kind is addressed to unless the scenario says otherwise. */
export const DEFAULT_UNIT_OF_KIND: Record<InboxKind, UnitId> = {
  inquiry: 'support',
  complaint: 'support',
  order: 'management',
  briefing: 'management',
  press: 'pr',
  'external-report': 'csirt',
  notice: 'management',
};

/** Turns a schema-valid file into the compiled scenario. References are checked by the loader. */
export function compileScenario(file: ScenarioFile): Scenario {
  const demand = file.demand
    .map((p) => ({ atMinute: parseGameTime(p.at), customersPerTick: p.customersPerTick }))
    .sort((a, b) => a.atMinute - b.atMinute);
  const timeline: Inject[] = file.timeline
    .map((entry): Inject => {
      const atMinute = parseGameTime(entry.at);
      if (entry.kind === 'attack') {
        return { id: entry.id, kind: 'attack', unit: 'tech', atMinute, targets: entry.targets, attackId: entry.attack };
      }
      return {
        id: entry.id,
        kind: entry.kind,
        unit: entry.unit ?? DEFAULT_UNIT_OF_KIND[entry.kind],
        atMinute,
        targets: entry.targets,
        from: entry.from,
        subject: entry.subject,
        body: entry.body,
        response: entry.response,
      };
    })
    .sort((a, b) => a.atMinute - b.atMinute || a.id.localeCompare(b.id));
  return {
    id: file.id,
    version: file.version,
    title: file.title,
    description: file.description,
    durationMinutes: parseGameTime(file.duration),
    tickMinutes: file.tickMinutes,
    clockStartsAtMinutes: file.clockStartsAt === undefined ? undefined : parseGameTime(file.clockStartsAt),
    seed: file.seed,
    units: file.units ?? DEFAULT_UNITS,
    economy: file.economy,
    trust: file.trust,
    scoring: file.scoring,
    crawler: file.crawler,
    shop: file.shop,
    products: file.products,
    demand,
    attacks: file.attacks,
    marketplace: file.marketplace,
    timeline,
  };
}

export function injectTargetsTeam(inject: Inject, teamNumber: number): boolean {
  return inject.targets === 'all' || inject.targets.includes(teamNumber);
}

export function injectById(scenario: Scenario, injectId: string): Inject | undefined {
  return scenario.timeline.find((i) => i.id === injectId);
}

export function marketItemById(scenario: Scenario, itemId: string): MarketItem | undefined {
  return scenario.marketplace.find((i) => i.id === itemId);
}

export function productById(scenario: Scenario, productId: string): Product | undefined {
  return scenario.products.find((p) => p.id === productId);
}
