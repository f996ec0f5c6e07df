import { z } from 'zod';

/**
 * Request bodies of the REST API (`/api`), shared by the game server (validation, OpenAPI) and the
 * web app. Every object is strict: an unknown field is a 400, never silently dropped.
 */

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-", at most 63');
const unit = z.enum(['management', 'sales', 'support', 'pr', 'tech', 'csirt']);
const name = z.string().trim().min(1).max(100);
const reason = z.string().trim().min(1).max(1000);
const yen = z.number().int();

/** As the scenario loader allows (1 MiB). */
const MAX_SCENARIO_CHARS = 1024 * 1024;

export const CreateGameBodySchema = z
  .strictObject({
    /** The scenario as YAML text (an upload), or the name of a bundled scenario (`classic`). */
    scenarioYaml: z.string().min(1).max(MAX_SCENARIO_CHARS).optional(),
    scenarioName: slug.optional(),
    gameId: slug.optional(),
    seed: z
      .number()
      .int()
      .nonnegative()
      .max(2 ** 31)
      .optional(),
    teams: z
      .array(z.strictObject({ name, alliance: name.optional() }))
      .max(100)
      .optional(),
  })
  .refine((b) => (b.scenarioYaml === undefined) !== (b.scenarioName === undefined), {
    message: 'give either scenarioYaml or scenarioName',
  });
export type CreateGameBody = z.infer<typeof CreateGameBodySchema>;

export const RegisterTeamsBodySchema = z.strictObject({
  teams: z
    .array(z.strictObject({ name, alliance: name.optional() }))
    .min(1)
    .max(100),
});

export const MemberInputSchema = z.strictObject({
  teamId: slug,
  name,
  units: z.array(unit).min(1).max(2),
  /** Login name (default `<game>.<team>.<n>`). */
  login: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/)
    .optional(),
});
export type MemberInput = z.infer<typeof MemberInputSchema>;

/** Members one by one, or a CSV (`team,name,units,login`; units separated by `|` or `;`). */
export const CreateMembersBodySchema = z
  .strictObject({
    members: z.array(MemberInputSchema).min(1).max(1000).optional(),
    csv: z
      .string()
      .min(1)
      .max(256 * 1024)
      .optional(),
  })
  .refine((b) => (b.members === undefined) !== (b.csv === undefined), { message: 'give either members or csv' });

export const SpeedBodySchema = z.strictObject({ speed: z.number().positive().max(10_000) });
export const StartBodySchema = z.strictObject({ speed: z.number().positive().max(10_000).default(1) });
export const ReasonBodySchema = z.strictObject({ reason: reason.optional() });
export const RescheduleBodySchema = z.strictObject({
  at: z.string().regex(/^\d{1,2}:[0-5]\d$/, 'game time HH:MM'),
  reason: reason.optional(),
});
export const GradeBodySchema = z
  .strictObject({
    items: z.record(z.string().max(100), z.number().min(0).max(1)).optional(),
    grade: z.number().min(0).max(1).optional(),
    comment: z.string().max(5000).optional(),
  })
  .refine((b) => b.items !== undefined || b.grade !== undefined, { message: 'give rubric item scores or a grade' });
export const AdjustBodySchema = z.strictObject({
  target: z.enum(['esc', 'management', 'sales', 'support', 'pr', 'tech', 'csirt']),
  amount: z.number().finite(),
  reason,
});
export const AnnouncementBodySchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });
export const ResetSandboxBodySchema = z.strictObject({ reason });
export const TransferBodySchema = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  reason: reason.optional(),
});

// ----- team actions (each needs an Idempotency-Key header) -----

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters');

export const ResponseBodySchema = z.strictObject({
  text: z.string().min(1).max(20_000),
  compensationYen: yen.nonnegative().max(1e12).optional(),
});
export const StockOrderBodySchema = z.strictObject({
  productId: z.string().min(1).max(100),
  quantity: z.number().int(),
});
export const PriceBodySchema = z.strictObject({ productId: z.string().min(1).max(100), priceYen: yen });
export const EmptyBodySchema = z.strictObject({});
export const MarketRequestBodySchema = z.strictObject({
  itemId: z.string().min(1).max(100),
  note: z.string().max(2000).optional(),
});
export const MarketDecisionBodySchema = z.strictObject({ approved: z.boolean() });
export const AmountBodySchema = z.strictObject({ amountYen: yen.min(1).max(1e12) });
export const NoticeBodySchema = z.strictObject({ text: z.string().min(1).max(5000) });
export const MoveMemberBodySchema = z.strictObject({ units: z.array(unit).min(1).max(2) });
export const ShopSettingsBodySchema = z.strictObject({
  searchSafeQueries: z.boolean().optional(),
  priceApiRequireAuth: z.boolean().optional(),
  backupExposed: z.boolean().optional(),
});
export const AdminPasswordBodySchema = z.strictObject({ password: z.string().min(8).max(200) });
