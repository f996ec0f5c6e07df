import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The CLI's one validated config object (conventions: nothing else reads process.env). Bad values
 * stop the process with a message naming the variable.
 */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAMORU_DATA_DIR: z.string().min(1).optional(),
});

export interface CliConfig {
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    redisUrl: parsed.data.REDIS_URL,
    dataDir: resolve(parsed.data.MAMORU_DATA_DIR ?? '.data'),
  };
}
