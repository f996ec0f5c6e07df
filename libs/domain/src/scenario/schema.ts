import { z } from 'zod';
import { BilingualSchema } from '../text/text';
import { GAME_TIME_PATTERN } from '../time/game-time';

/**
 * The scenario file format (game-model §3-§7, §9). This is the schema people write in YAML; the
 * loader checks references and compiles it into the normalised `Scenario` of `scenario.ts`.
 * Every object is strict: an unknown key is an error, so a typo never silently drops a rule.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and "-" (at most 63)');
const gameTime = z.string().regex(GAME_TIME_PATTERN, 'must be a game time HH:MM');
const yen = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1);

export const UNIT_IDS = ['management', 'sales', 'support', 'pr', 'tech', 'csirt'] as const;
export const UnitIdSchema = z.enum(UNIT_IDS);
export type UnitId = z.infer<typeof UnitIdSchema>;

export const VULNERABILITY_IDS = [
  'default-admin-password',
  'sqli-search',
  'price-api-unauth',
  'exposed-backup',
] as const;
export const VulnerabilityIdSchema = z.enum(VULNERABILITY_IDS);
export type VulnerabilityId = z.infer<typeof VulnerabilityIdSchema>;

const UnitFileSchema = z.strictObject({
  id: UnitIdSchema,
  name: BilingualSchema,
});

const ProductFileSchema = z.strictObject({
  id,
  name: BilingualSchema,
  listPriceYen: yen.min(1),
  unitCostYen: yen.min(1),
  initialStock: z.number().int().nonnegative(),
  /** Relative weight with which a customer wants this product. */
  popularity: z.number().positive().default(1),
});

const DemandPointSchema = z.strictObject({
  at: gameTime,
  customersPerTick: z.number().nonnegative().max(1000),
});

const EconomyFileSchema = z.strictObject({
  startingCashYen: yen.default(5_000_000),
  elasticity: z.number().min(0).max(10).default(1.5),
  loanLimitYen: yen.default(3_000_000),
  loanInterestPerHour: z.number().min(0).max(1).default(0.005),
  /** One advertising campaign bought by sales: its cost, conversion boost and length. */
  adCostYen: yen.min(0).default(300_000),
  adBoost: z.number().min(1).max(10).default(1.3),
  adMinutes: z.number().int().min(1).max(480).default(60),
});

const TrustFileSchema = z.strictObject({
  defacedTick: fraction.default(0.02),
  downTick: fraction.default(0.01),
  leak: fraction.default(0.2),
  unanswered: fraction.default(0.02),
  tamperedOrder: fraction.default(0.01),
  healthyTick: fraction.default(0.002),
  noticeWindowMinutes: z.number().int().nonnegative().default(30),
  noticeGivesBack: fraction.default(0.5),
});

const ScoringFileSchema = z.strictObject({
  techAvailabilityWeight: z.number().nonnegative().default(60),
  techBlockedWeight: z.number().nonnegative().default(40),
  /** ESC multiplier is base + judged: 0.5-1.5 by default. */
  escJudgedBase: z.number().nonnegative().default(0.5),
});

const CrawlerFileSchema = z.strictObject({
  journeyTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
  probeTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
  concurrency: z.number().int().min(1).max(256).default(16),
});

const ShopFileSchema = z.strictObject({
  vulnerabilities: z.array(VulnerabilityIdSchema).default([]),
  customers: z.number().int().min(1).max(10_000).default(50),
});

// ----- attack scripts -----

const TextMatcherSchema = z.strictObject({
  contains: z.string().optional(),
  notContains: z.string().optional(),
  matches: z.string().optional(),
});

const httpStatus = z.number().int().min(100).max(599);

export const MatcherSchema = z.strictObject({
  status: z.union([httpStatus, z.array(httpStatus).min(1)]).optional(),
  headers: z.record(z.string(), TextMatcherSchema).optional(),
  body: TextMatcherSchema.optional(),
});
export type Matcher = z.infer<typeof MatcherSchema>;

const ExtractionSchema = z.strictObject({
  from: z.enum(['body', 'header', 'json']),
  /** Header name for `from: header`. */
  header: z.string().optional(),
  /** Dot path for `from: json`, e.g. `rows.0.card`. */
  path: z.string().optional(),
  /** Regex with one capture group for `from: body` or `header`. */
  regex: z.string().optional(),
});

export const AttackStepSchema = z.strictObject({
  name: z.string().optional(),
  request: z.strictObject({
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']).default('GET'),
    path: z.string().startsWith('/'),
    headers: z.record(z.string(), z.string()).optional(),
    form: z.record(z.string(), z.string()).optional(),
    json: z.unknown().optional(),
  }),
  expect: MatcherSchema,
  extract: z
    .record(
      z
        .string()
        .regex(
          /^[A-Za-z_][A-Za-z0-9_]*$/,
          'must be a variable name: letters, digits and "_", not starting with a digit',
        ),
      ExtractionSchema,
    )
    .optional(),
});
export type AttackStep = z.infer<typeof AttackStepSchema>;

export const ATTACK_EFFECT_KINDS = ['deface', 'leak', 'tamper', 'stop', 'backdoor'] as const;
export const AttackEffectSchema = z.strictObject({
  kind: z.enum(ATTACK_EFFECT_KINDS),
  /** For `leak`: how many customer records left the company (narration only). */
  records: z.number().int().nonnegative().optional(),
});
export type AttackEffect = z.infer<typeof AttackEffectSchema>;

const AttackFileSchema = z.strictObject({
  id,
  name: BilingualSchema,
  /** The vulnerability this attack exploits, for the report and the IDS. */
  exploits: VulnerabilityIdSchema.optional(),
  steps: z.array(AttackStepSchema).min(1).max(50),
  effects: z.array(AttackEffectSchema).default([]),
});

// ----- marketplace -----

/** The four service kinds of the Japanese information-security service list, plus business services. */
export const MARKET_CATEGORIES = ['assessment', 'monitoring', 'audit', 'forensics', 'business'] as const;

const MarketItemFileSchema = z.strictObject({
  id,
  name: BilingualSchema,
  vendor: BilingualSchema.optional(),
  description: BilingualSchema.optional(),
  category: z.enum(MARKET_CATEGORIES),
  priceYen: yen.min(0),
  leadMinutes: z.number().int().min(0).max(480).default(0),
  recurringYenPerHour: yen.min(0).default(0),
});

// ----- timeline -----

const RubricItemSchema = z.strictObject({
  id,
  text: BilingualSchema,
  weight: z.number().positive().default(1),
  keywords: z.array(z.string().min(1)).default([]),
});

const ResponseSpecSchema = z.strictObject({
  points: z.number().positive().max(10_000),
  deadlineMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  rubric: z.array(RubricItemSchema).min(1),
});

const targets = z.union([z.literal('all'), z.array(z.number().int().min(1)).min(1)]).default('all');

export const INBOX_KINDS = ['inquiry', 'complaint', 'order', 'briefing', 'press', 'external-report', 'notice'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

const InboxInjectFileSchema = z.strictObject({
  id,
  at: gameTime,
  kind: z.enum(INBOX_KINDS),
  targets,
  unit: UnitIdSchema.optional(),
  from: BilingualSchema.optional(),
  subject: BilingualSchema,
  body: BilingualSchema,
  response: ResponseSpecSchema.optional(),
});

const AttackInjectFileSchema = z.strictObject({
  id,
  at: gameTime,
  kind: z.literal('attack'),
  targets,
  attack: id,
});

export const InjectFileSchema = z.discriminatedUnion('kind', [AttackInjectFileSchema, InboxInjectFileSchema]);

export const ScenarioFileSchema = z.strictObject({
  id,
  version: z.number().int().min(1).default(1),
  title: BilingualSchema,
  description: BilingualSchema.optional(),
  duration: gameTime.default('08:00'),
  tickMinutes: z.literal(1).default(1),
  clockStartsAt: gameTime.optional(),
  seed: z.number().int().nonnegative().default(1),
  units: z.array(UnitFileSchema).min(1).optional(),
  economy: EconomyFileSchema.default(EconomyFileSchema.parse({})),
  trust: TrustFileSchema.default(TrustFileSchema.parse({})),
  scoring: ScoringFileSchema.default(ScoringFileSchema.parse({})),
  crawler: CrawlerFileSchema.default(CrawlerFileSchema.parse({})),
  shop: ShopFileSchema.default(ShopFileSchema.parse({})),
  products: z.array(ProductFileSchema).min(1).max(100),
  demand: z.array(DemandPointSchema).min(1),
  attacks: z.array(AttackFileSchema).default([]),
  marketplace: z.array(MarketItemFileSchema).max(100).default([]),
  timeline: z.array(InjectFileSchema).default([]),
});
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;
export type ScenarioFileInput = z.input<typeof ScenarioFileSchema>;

/** JSON Schema for editors, generated from the same zod schema (scenarios/schema.json). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(ScenarioFileSchema, { io: 'input', target: 'draft-2020-12' });
}
