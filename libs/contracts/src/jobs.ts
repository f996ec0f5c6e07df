import { z } from 'zod';

/**
 * Everything that crosses a process boundary through BullMQ: one map from job name to queue and
 * payload schema (immich's JobName → payload map). Producers and processors both parse with it,
 * and a worker refuses to start when a job name has no handler or two.
 */
const gameId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export const JOBS = {
  'tick.score': {
    queue: 'ticks',
    payload: z.strictObject({ gameId, tick: z.number().int().min(1) }),
  },
  'attack.run': {
    queue: 'attacks',
    payload: z.strictObject({
      gameId,
      injectId: z.string().min(1),
      teamId: z.string().min(1),
      atMinute: z.number().int().nonnegative(),
    }),
  },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export type QueueName = (typeof JOBS)[JobName]['queue'];
export const QUEUE_NAMES: QueueName[] = [...new Set(Object.values(JOBS).map((j) => j.queue))];

export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOBS[name].payload.parse(data) as JobPayload<N>;
}

/** Job ids avoid ':' (BullMQ rejects most ids containing it). They only spare duplicate work. */
export function tickJobId(gameId: string, tick: number): string {
  return `tick-${gameId}-${tick}`;
}

export function attackJobId(gameId: string, injectId: string, teamId: string): string {
  return `attack-${gameId}-${injectId}-${teamId}`;
}

/** Each game has its own BullMQ prefix, so games and parallel test runs never collide. */
export function queuePrefix(gameId: string): string {
  return `mamoru-${gameId}`;
}
