import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The worker's one validated config object; nothing else reads process.env. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (a separate worker process needs PostgreSQL)'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  MAMORU_GAME: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a game id ([a-z0-9-])'),
  MAMORU_DATA_DIR: z.string().min(1).default('.data'),
  MAMORU_SANDBOXES: z.string().min(1).optional(),
  MAMORU_STALLED_INTERVAL_MS: z.coerce.number().int().min(200).max(300_000).optional(),
  MAMORU_LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).optional(),
});

export interface WorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  gameId: string;
  /** Shop endpoints of the game: written by the embedded driver, or an external sandboxes file. */
  sandboxesFile: string;
  stalledIntervalMs?: number;
  lockDurationMs?: number;
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export function loadWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`scoring-worker: invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    gameId: e.MAMORU_GAME,
    sandboxesFile: resolve(e.MAMORU_SANDBOXES ?? join(e.MAMORU_DATA_DIR, 'games', e.MAMORU_GAME, 'sandboxes.json')),
    stalledIntervalMs: e.MAMORU_STALLED_INTERVAL_MS,
    lockDurationMs: e.MAMORU_LOCK_DURATION_MS,
  };
}
