import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevel } from '../config/server-config';
import { logParams } from './log-options';

/**
 * JSON logs through pino (nestjs-pino, a global module): one line per request with its id, secrets
 * redacted. `enabled: false` silences everything (tests); request ids are still generated and echoed.
 */
export function loggingModule(level: LogLevel, enabled: boolean): DynamicModule {
  return LoggerModule.forRoot(logParams(enabled ? level : 'silent'));
}
