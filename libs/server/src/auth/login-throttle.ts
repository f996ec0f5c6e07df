import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { applyDecorators, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';

export const LOGIN_THROTTLER = 'login';
const MINUTE_MS = 60_000;

/**
 * Counts sign-in attempts in Redis, so the limit holds across server processes. Its own connection
 * gives up on a command after one reconnect attempt (the shared client waits forever, as BullMQ
 * wants): a sign-in fails fast when Redis is down rather than hanging.
 */
function throttlerOptions(config: ServerConfig): ThrottlerModuleOptions {
  const storage = new ThrottlerStorageRedisService(config.redisUrl, { maxRetriesPerRequest: 1 });
  // The shared client already reports Redis trouble (infra.module.ts); this keeps ioredis from printing it again.
  storage.redis.on('error', () => undefined);
  return {
    throttlers: [{ name: LOGIN_THROTTLER, ttl: MINUTE_MS, limit: config.loginLimitPerMinute }],
    storage,
    // Per route and client IP, under the server's key prefix.
    generateKey: (context, tracker, throttler) =>
      `${config.redisKeyPrefix}throttle:${throttler}:${context.getClass().name}.${context.getHandler().name}:${tracker}`,
  };
}

/** The throttler module: it only acts where @LoginThrottle() puts its guard. */
export const LoginThrottlerModule = ThrottlerModule.forRootAsync({
  inject: [SERVER_CONFIG],
  useFactory: throttlerOptions,
});

/**
 * At most MAMORU_LOGIN_LIMIT_PER_MINUTE calls per client IP and minute to this route (429
 * RATE_LIMITED after, for a minute). Other routes are not throttled.
 */
export const LoginThrottle = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    ApiTooManyRequestsResponse({ description: 'too many attempts from this address: wait a minute' }),
  );
