import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

/** The one response whose status is set by hand: 503 carries the checks' report, not an error body. */
interface StatusSettable {
  status(code: number): unknown;
}

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: Redis, the database and the checks features register' })
  @ApiResponse({ status: 200, description: 'every check is up' })
  @ApiResponse({ status: 503, description: 'a check is down; the body shows each check (terminus format)' })
  async check(@Res({ passthrough: true }) res: StatusSettable): Promise<HealthCheckResult> {
    const { healthy, result } = await this.health.check();
    if (!healthy) res.status(503);
    return result;
  }
}
