import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health-registry';
import { HealthService } from './health.service';

/** `GET /health`; global so that every feature can inject HealthRegistry. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [HealthService, HealthRegistry],
  exports: [HealthRegistry],
})
export class HealthModule {}
