import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ScoringWorkerModule } from './worker.module';

/** The scoring worker: a NestJS application context without HTTP (twenty's queue-worker shape). */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ScoringWorkerModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + '\n');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
