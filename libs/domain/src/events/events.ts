import { z } from 'zod';
import type { Scenario } from '../scenario/scenario';
import { AttackEffectSchema, UnitIdSchema, UNIT_IDS } from '../scenario/schema';

/**
 * Every fact of a game is one of these events (architecture: "the log is the truth"). Each type
 * carries a version `v`; a change to a payload's meaning adds a new version and the fold keeps
 * reading the old one. The schemas validate events read from untrusted places (archives, jobs).
 */

const teamId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const memberId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
/** Who did an organiser action (the audit trail): an account login, or `system`. */
const by = z.string().min(1).max(100);
const reason = z.string().min(1).max(1000);
const yen = z.number().int();
const minute = z.number().int().nonnegative();

export const CRAWL_OUTCOMES = ['ok', 'down', 'error', 'defaced', 'out_of_stock', 'tampered'] as const;
export type CrawlOutcome = (typeof CRAWL_OUTCOMES)[number];
export const PROBE_OUTCOMES = ['ok', 'down', 'error', 'defaced'] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];
export const ATTACK_OUTCOMES = ['succeeded', 'blocked', 'error'] as const;
export type AttackOutcome = (typeof ATTACK_OUTCOMES)[number];

const ev = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ type: z.literal(type), v: z.literal(1), data });

export const GameEventSchema = z.discriminatedUnion('type', [
  ev(
    'game.created',
    z.strictObject({
      gameId: z.string(),
      seed: z.number().int().nonnegative(),
      // The compiled scenario; validated by the loader when the game was made.
      scenario: z.custom<Scenario>((value) => typeof value === 'object' && value !== null && 'timeline' in value),
    }),
  ),
  ev(
    'team.registered',
    z.strictObject({
      teamId,
      name: z.string().min(1).max(100),
      number: z.number().int().min(1),
      alliance: z.string().optional(),
    }),
  ),
  ev(
    'member.registered',
    z.strictObject({
      memberId,
      teamId,
      name: z.string().min(1).max(100),
      units: z.array(UnitIdSchema).min(1).max(2),
    }),
  ),
  /** A management member (or an organiser) moved a member between units. */
  ev('member.moved', z.strictObject({ memberId, units: z.array(UnitIdSchema).min(1).max(2), by, atMinute: minute })),
  /** 人事異動: the member leaves the team until `untilMinute`; their login is refused meanwhile. */
  ev(
    'member.transferred',
    z.strictObject({ memberId, untilMinute: minute, by, reason: reason.optional(), atMinute: minute }),
  ),
  ev('clock.started', z.strictObject({ speed: z.number().positive(), by: by.optional() })),
  ev('clock.paused', z.strictObject({ by: by.optional(), reason: reason.optional() })),
  ev('clock.resumed', z.strictObject({ by: by.optional() })),
  ev('clock.speed-changed', z.strictObject({ speed: z.number().positive(), by: by.optional() })),
  /** Organiser timeline controls: fire an inject now, skip it, or move it to another minute. */
  ev('inject.fired', z.strictObject({ injectId: z.string(), by, atMinute: minute, reason: reason.optional() })),
  ev('inject.skipped', z.strictObject({ injectId: z.string(), by, atMinute: minute, reason: reason.optional() })),
  ev(
    'inject.rescheduled',
    z.strictObject({ injectId: z.string(), toMinute: minute, by, atMinute: minute, reason: reason.optional() }),
  ),
  ev('board.frozen', z.strictObject({ by, atMinute: minute })),
  ev('board.unfrozen', z.strictObject({ by, atMinute: minute })),
  ev(
    'announcement.posted',
    z.strictObject({
      announcementId: z.string().min(1).max(100),
      text: z.string().min(1).max(2000),
      by,
      atMinute: minute,
    }),
  ),
  ev('sandbox.reset', z.strictObject({ teamId, by, reason, atMinute: minute })),
  /** Marketplace (game-model §8): any member requests an item, a management member approves (稟議). */
  ev(
    'market.requested',
    z.strictObject({
      requestId: z.string().min(1).max(100),
      teamId,
      itemId: z.string(),
      memberId: memberId.optional(),
      note: z.string().max(2000).optional(),
      atMinute: minute,
    }),
  ),
  ev(
    'market.decided',
    z.strictObject({
      requestId: z.string().min(1).max(100),
      teamId,
      approved: z.boolean(),
      priceYen: yen.nonnegative(),
      by,
      atMinute: minute,
    }),
  ),
  ev('game.ended', z.strictObject({ atMinute: minute, by: by.optional(), reason: reason.optional() })),
  ev(
    'inject.delivered',
    z.strictObject({
      injectId: z.string(),
      teamId,
      kind: z.string(),
      unit: UnitIdSchema,
      atMinute: minute,
    }),
  ),
  ev(
    'attack.finished',
    z.strictObject({
      injectId: z.string(),
      attackId: z.string(),
      teamId,
      atMinute: minute,
      outcome: z.enum(ATTACK_OUTCOMES),
      effects: z.array(AttackEffectSchema),
      /** Index of the step whose matcher failed (blocked) or that could not run (error). */
      stoppedAtStep: z.number().int().nonnegative().optional(),
      reason: z.string().max(500).optional(),
    }),
  ),
  ev(
    'crawl.observed',
    z.strictObject({
      tick: z.number().int().min(1),
      teamId,
      potential: z.number().int().nonnegative(),
      referenceYen: yen.nonnegative(),
      outcomes: z.partialRecord(z.enum(CRAWL_OUTCOMES), z.number().int().nonnegative()),
      orders: z.array(
        z.strictObject({
          productId: z.string(),
          quantity: z.number().int().min(1),
          chargedYen: yen.nonnegative(),
          priceYen: yen.nonnegative(),
        }),
      ),
      probe: z.enum(PROBE_OUTCOMES),
      /** The platform itself failed for this team this tick: charged to nobody. */
      platformFault: z.boolean().optional(),
    }),
  ),
  ev('tick.closed', z.strictObject({ tick: z.number().int().min(1) })),
  ev(
    'response.submitted',
    z.strictObject({
      injectId: z.string(),
      teamId,
      memberId: z.string().optional(),
      text: z.string().max(20_000),
      compensationYen: yen.nonnegative().optional(),
      atMinute: minute,
    }),
  ),
  ev(
    'response.graded',
    z.strictObject({
      injectId: z.string(),
      teamId,
      grade: z.number().min(0).max(1),
      /** Per rubric item scores in [0, 1] the grade was computed from, when graded by rubric. */
      items: z.record(z.string(), z.number().min(0).max(1)).optional(),
      by: z.string(),
      comment: z.string().max(5000).optional(),
      atMinute: minute,
    }),
  ),
  ev(
    'stock.ordered',
    z.strictObject({
      teamId,
      productId: z.string(),
      quantity: z.number().int().min(1),
      unitCostYen: yen.nonnegative(),
      atMinute: minute,
    }),
  ),
  ev('price.set', z.strictObject({ teamId, productId: z.string(), priceYen: yen.min(1), atMinute: minute })),
  ev(
    'ad.bought',
    z.strictObject({
      teamId,
      costYen: yen.nonnegative(),
      boost: z.number().min(1).max(10),
      durationMinutes: z.number().int().min(1),
      atMinute: minute,
    }),
  ),
  ev('loan.taken', z.strictObject({ teamId, amountYen: yen.min(1), atMinute: minute })),
  ev('loan.repaid', z.strictObject({ teamId, amountYen: yen.min(1), atMinute: minute })),
  ev('notice.published', z.strictObject({ teamId, text: z.string().min(1).max(5000), atMinute: minute })),
  ev(
    'shop.operated',
    z.strictObject({
      teamId,
      action: z.enum(['settings', 'admin-password', 'restart', 'backup', 'restore']),
      /** What changed, without secrets (a new password is never logged). */
      detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      atMinute: minute,
    }),
  ),
  ev(
    'score.adjusted',
    z.strictObject({
      teamId,
      target: z.enum(['esc', ...UNIT_IDS]),
      amount: z.number(),
      reason: z.string().min(1).max(1000),
      by: z.string(),
      atMinute: minute,
    }),
  ),
]);

export type GameEvent = z.infer<typeof GameEventSchema>;
export type GameEventType = GameEvent['type'];
export type EventOf<T extends GameEventType> = Extract<GameEvent, { type: T }>;
export type EventData<T extends GameEventType> = EventOf<T>['data'];

/** An event as the store hands it out: the payload plus where and when it sits in the log. */
export type StoredEvent = GameEvent & {
  gameId: string;
  seq: number;
  /** Natural idempotency key: the same key is appended at most once per game. */
  key: string;
  gameMs: number;
  wallMs: number;
};

/** An event about to be appended. */
export type NewEvent = GameEvent & { key: string; gameMs: number; wallMs?: number };

export function newEvent<T extends GameEventType>(type: T, data: EventData<T>, key: string, gameMs: number): NewEvent {
  return { type, v: 1, data, key, gameMs } as NewEvent;
}
