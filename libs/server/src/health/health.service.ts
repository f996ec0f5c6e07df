import type { EventStore } from '@mamoru/event-store';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { EVENT_STORE, REDIS } from '../infra/tokens';
import { HealthRegistry, type HealthCheck } from './health-registry';

/** A check that has not answered by then is down: a hung Redis must not hang the probe. */
export const HEALTH_CHECK_TIMEOUT_MS = 3000;

export interface HealthReport {
  healthy: boolean;
  result: HealthCheckResult;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Every check, run at once: the server's own (redis, database) and the registered ones. */
  async check(): Promise<HealthReport> {
    const checks: [string, HealthCheck][] = [
      ['redis', async () => ({ up: (await this.redis.ping()) === 'PONG' })],
      [
        'database',
        async () => {
          // Any statement proves the database answers; this one reads one row at most.
          await this.store.lastSeq('__health__');
          return { up: true, detail: { kind: this.store.kind } };
        },
      ],
      ...this.registry.entries(),
    ];
    try {
      const result = await this.health.check(
        checks.map(
          ([name, check]) =>
            () =>
              this.indicate(name, check),
        ),
      );
      return { healthy: true, result };
    } catch (error) {
      // Terminus reports "some check is down" as a 503 exception carrying the full result.
      if (error instanceof ServiceUnavailableException) {
        return { healthy: false, result: error.getResponse() as HealthCheckResult };
      }
      throw error;
    }
  }

  private async indicate(name: string, check: HealthCheck) {
    const indicator = this.indicators.check(name);
    try {
      const outcome = await withTimeout(check(), HEALTH_CHECK_TIMEOUT_MS);
      return outcome.up ? indicator.up(outcome.detail ?? {}) : indicator.down(outcome.detail ?? {});
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
