import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The worker's one validated config object; nothing else reads process.env. */
const EnvSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (a separate worker process needs PostgreSQL)'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .default('redis://127.0.0.1:6379'),
    MAMORU_GAME: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a game id ([a-z0-9-])')
      .optional(),
    MAMORU_DATA_DIR: z.string().min(1).default('.data'),
    MAMORU_SANDBOXES: z.string().min(1).optional(),
    MAMORU_DISCOVERY_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    MAMORU_STALLED_INTERVAL_MS: z.coerce.number().int().min(200).max(300_000).optional(),
    MAMORU_LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).optional(),
  })
  .refine((e) => e.MAMORU_GAME !== undefined || e.MAMORU_SANDBOXES === undefined, {
    path: ['MAMORU_SANDBOXES'],
    message: "names one game's shops: set MAMORU_GAME too (without it every game's own sandboxes.json is read)",
  });

export interface WorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  /**
   * The one game to serve (MAMORU_GAME) and its shop endpoints (written by the embedded driver, or
   * an external file); without it the worker serves every running game it finds.
   */
  game?: { gameId: string; sandboxesFile: string };
  /** `<MAMORU_DATA_DIR>`, absolute: games' shop endpoints are in `games/<game>/sandboxes.json` there. */
  dataDir: string;
  /** How often the worker looks for games that started or ended (without MAMORU_GAME). */
  discoveryIntervalMs: number;
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
  const dataDir = resolve(e.MAMORU_DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    game: e.MAMORU_GAME
      ? {
          gameId: e.MAMORU_GAME,
          sandboxesFile: resolve(e.MAMORU_SANDBOXES ?? gameSandboxesFile(dataDir, e.MAMORU_GAME)),
        }
      : undefined,
    dataDir,
    discoveryIntervalMs: e.MAMORU_DISCOVERY_INTERVAL_MS,
    stalledIntervalMs: e.MAMORU_STALLED_INTERVAL_MS,
    lockDurationMs: e.MAMORU_LOCK_DURATION_MS,
  };
}

/** Where the embedded driver writes a game's shop endpoints. */
export function gameSandboxesFile(dataDir: string, gameId: string): string {
  return join(dataDir, 'games', gameId, 'sandboxes.json');
}
