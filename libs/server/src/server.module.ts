import type { EventStore } from '@mamoru/event-store';
import {
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import { AuthModule } from './auth/auth.module';
import type { ServerConfig } from './config/server-config';
import { AppExceptionFilter } from './errors/app-exception.filter';
import { HealthModule } from './health/health.module';
import { InfraModule } from './infra/infra.module';
import { JsonBodyMiddleware } from './infra/json-body.middleware';
import { loggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';

export interface ServerModuleOptions {
  config: ServerConfig;
  /** An event store opened by the caller (and closed by it); otherwise opened from the config. */
  store?: EventStore;
  /** Feature modules (games, control, teams, live, leader...). */
  modules?: (Type | DynamicModule)[];
  /** false: no logs at all (tests). Default true, at config.logLevel. */
  logger?: boolean;
}

/**
 * The game server: infrastructure (config, store, Redis), logs, errors, validation, auth, health
 * and metrics, plus the feature modules given. AuthModule, HealthModule, MetricsModule and
 * InfraModule are global, so features inject their services without importing them.
 */
@Module({})
export class ServerModule implements NestModule {
  static forRoot(options: ServerModuleOptions): DynamicModule {
    return {
      module: ServerModule,
      imports: [
        InfraModule.forRoot({ config: options.config, store: options.store }),
        loggingModule(options.config.logLevel, options.logger !== false),
        MetricsModule,
        HealthModule,
        AuthModule,
        ...(options.modules ?? []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        // Bodies, queries and params typed with createZodDto are validated; others pass untouched.
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        // Responses declared with @ZodResponse are parsed by their schema: nothing undeclared leaks.
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
