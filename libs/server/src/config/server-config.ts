import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The game server's one validated config object: nothing else reads process.env. */
export interface ServerConfig {
  host: string;
  /** 0 picks a free port (the server reports the URL it got). */
  port: number;
  /** Absolute. */
  dataDir: string;
  /** PostgreSQL; when absent the event log is the embedded PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir: string;
  redisUrl: string;
  /** Prefix of the server's own Redis keys (login throttling); queues keep their own prefixes. */
  redisKeyPrefix: string;
  /** HS256 key of access and refresh tokens: every server process of one deployment needs the same. */
  jwtSecret: string;
  /** Password of the `admin` organiser created on first start; generated (and printed) when absent. */
  adminPassword?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Largest JSON body accepted, in body-parser's notation (`1mb`, `100kb`, a byte count). */
  bodyLimit: string;
  /** Sign-in attempts (login, join, refresh, password change) per client IP and minute, per route. */
  loginLimitPerMinute: number;
  logLevel: LogLevel;
  /** Express' `trust proxy`: set it behind a reverse proxy so the client IP (throttling, logs) is right. */
  trustProxy: boolean | number | string;
  /** Shops: started by this process (`embedded`) or read from each game's sandboxes.json (`shared`). */
  sandboxes: 'embedded' | 'shared';
  /** Tick and attack processors: in this process (`embedded`) or in scoring-worker processes (`external`). */
  workers: 'embedded' | 'external';
  /** Redis stream of the Socket.IO adapter: the same for every server process of one deployment. */
  socketStream: string;
  /** This process in clock-leader locks (default `<host>:<pid>`). */
  nodeId?: string;
  /** Resume (lead) the running games of the log at start (default true). */
  resumeGames: boolean;
  /** The built web app to serve (default: apps/web/dist of this workspace). */
  webDir?: string;
}

export const SERVER_CONFIG = Symbol('SERVER_CONFIG');

export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
}

const MIN_SECRET_CHARS = 32;
const DURATION_UNITS_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `15m`, `7d`, `3600` (seconds) → seconds. */
const duration = z
  .string()
  .regex(/^\d+(s|m|h|d)?$/, 'must be a duration such as 900, 30s, 15m, 12h or 7d')
  .transform((text) => {
    const unit = /[smhd]$/.test(text) ? text.slice(-1) : 's';
    return Number.parseInt(text, 10) * DURATION_UNITS_S[unit];
  })
  .refine((seconds) => seconds > 0, 'must be longer than 0');

/** An unset variable and an empty one mean the same: the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const EnvSchema = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//i, 'must be a postgres:// or postgresql:// URL')),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')),
  MAMORU_REDIS_KEY_PREFIX: optional(z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 of [A-Za-z0-9:_-]')),
  PORT: optional(z.coerce.number().int('must be an integer').min(0).max(65_535)),
  HOST: optional(z.string().min(1)),
  MAMORU_DATA_DIR: optional(z.string().min(1)),
  MAMORU_JWT_SECRET: optional(z.string().min(MIN_SECRET_CHARS, `must be at least ${MIN_SECRET_CHARS} characters`)),
  MAMORU_ADMIN_PASSWORD: optional(z.string().min(8, 'must be at least 8 characters').max(200)),
  MAMORU_ACCESS_TOKEN_TTL: optional(duration),
  MAMORU_REFRESH_TOKEN_TTL: optional(duration),
  MAMORU_BODY_LIMIT: optional(z.string().regex(/^\d+(\.\d+)?\s*(b|kb|mb)?$/i, 'must be a size such as 1mb or 100kb')),
  MAMORU_LOGIN_LIMIT_PER_MINUTE: optional(z.coerce.number().int('must be an integer').min(1).max(100_000)),
  MAMORU_LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  MAMORU_TRUST_PROXY: optional(z.string()),
  MAMORU_SHOPS: optional(z.enum(['embedded', 'shared'], { error: 'must be embedded or shared' })),
  MAMORU_WORKERS: optional(z.enum(['embedded', 'external'], { error: 'must be embedded or external' })),
  MAMORU_SOCKET_STREAM: optional(z.string().regex(/^[A-Za-z0-9:._-]{1,100}$/, 'must be 1-100 of [A-Za-z0-9:._-]')),
  MAMORU_WEB_DIR: optional(z.string().min(1)),
  MAMORU_RESUME_GAMES: optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
  MAMORU_NODE_ID: optional(z.string().regex(/^[A-Za-z0-9:._-]{1,100}$/, 'must be 1-100 of [A-Za-z0-9:._-]')),
});

/**
 * Reads the config from `env` (the process environment in main.ts). Throws a ServerConfigError
 * naming each bad variable. Without MAMORU_JWT_SECRET it reads the secret from
 * `<dataDir>/server/jwt-secret`, creating it (mode 0600) on first start, so restarts keep tokens valid.
 */
export function loadServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ServerConfigError(`game-server: invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.MAMORU_DATA_DIR ?? '.data');
  const accessTokenTtlSeconds = e.MAMORU_ACCESS_TOKEN_TTL ?? 15 * 60;
  const refreshTokenTtlSeconds = e.MAMORU_REFRESH_TOKEN_TTL ?? 7 * 86_400;
  if (refreshTokenTtlSeconds <= accessTokenTtlSeconds) {
    throw new ServerConfigError(
      'game-server: invalid environment:\n  MAMORU_REFRESH_TOKEN_TTL: must be longer than MAMORU_ACCESS_TOKEN_TTL',
    );
  }
  return {
    host: e.HOST ?? '127.0.0.1',
    port: e.PORT ?? 3000,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: join(dataDir, 'server', 'events'),
    redisUrl: e.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisKeyPrefix: e.MAMORU_REDIS_KEY_PREFIX ?? 'mamoru:',
    jwtSecret: e.MAMORU_JWT_SECRET ?? persistedJwtSecret(join(dataDir, 'server', 'jwt-secret')),
    adminPassword: e.MAMORU_ADMIN_PASSWORD,
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds,
    bodyLimit: e.MAMORU_BODY_LIMIT ?? '1mb',
    loginLimitPerMinute: e.MAMORU_LOGIN_LIMIT_PER_MINUTE ?? 10,
    logLevel: e.MAMORU_LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(e.MAMORU_TRUST_PROXY),
    sandboxes: e.MAMORU_SHOPS ?? 'embedded',
    workers: e.MAMORU_WORKERS ?? 'embedded',
    socketStream: e.MAMORU_SOCKET_STREAM ?? 'mamoru:socket.io',
    nodeId: e.MAMORU_NODE_ID,
    resumeGames: e.MAMORU_RESUME_GAMES !== 'false',
    webDir: e.MAMORU_WEB_DIR === undefined ? undefined : resolve(e.MAMORU_WEB_DIR),
  };
}

/** `true`/`false`, a hop count, or Express' names and subnets (`loopback`, `10.0.0.0/8, uniquelocal`). */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function persistedJwtSecret(file: string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length < MIN_SECRET_CHARS) {
      throw new ServerConfigError(
        `game-server: the JWT secret in ${file} is shorter than ${MIN_SECRET_CHARS} characters: delete the file ` +
          `(a new one is generated; signed-in users sign in again) or set MAMORU_JWT_SECRET.`,
      );
    }
    return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(file, error);
  }
  const secret = randomBytes(48).toString('base64url');
  try {
    fs.mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // 'wx': when two processes start at once on one data dir, the second reads the first's secret.
    fs.writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return persistedJwtSecret(file);
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): Error {
  if (error instanceof ServerConfigError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ServerConfigError(
    `game-server: cannot read or create the JWT secret file ${file} (${reason}): make MAMORU_DATA_DIR writable ` +
      `or set MAMORU_JWT_SECRET.`,
  );
}
