import { Injectable } from '@nestjs/common';

export interface HealthCheckOutcome {
  up: boolean;
  /** Shown under the check's name in `GET /health` (no secrets: the route is public). */
  detail?: Record<string, unknown>;
}

export type HealthCheck = () => Promise<HealthCheckOutcome>;

/** Checks that features contribute to `GET /health` (the games feature adds `workers` and `shops`). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  /** Adds a check, or replaces the one of that name. `redis` and `database` are the server's own. */
  register(name: string, check: HealthCheck): void {
    if (!/^[a-z][a-z0-9_-]{0,39}$/.test(name)) {
      throw new Error(`health check name "${name}" must be 1-40 of [a-z0-9_-], starting with a letter`);
    }
    this.checks.set(name, check);
  }

  entries(): [string, HealthCheck][] {
    return [...this.checks.entries()];
  }
}
