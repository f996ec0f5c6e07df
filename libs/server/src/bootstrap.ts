import type { AddressInfo } from 'node:net';
import type { EventStore } from '@mamoru/event-store';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { ServerConfig } from './config/server-config';
import { serveOpenApi } from './openapi/openapi';
import { ServerModule } from './server.module';

export interface GameServerOptions {
  config: ServerConfig;
  /** An event store the caller opened and closes; otherwise the server opens one from the config. */
  store?: EventStore;
  /** Feature modules to mount next to the infrastructure. */
  modules?: (Type | DynamicModule)[];
  /** false: no logs at all (tests). */
  logger?: boolean;
  /** Runs on the built app before it initialises and listens: the place for `useWebSocketAdapter`. */
  beforeListen?: (app: INestApplication) => void | Promise<void>;
  /**
   * Close the app on SIGTERM/SIGINT, then exit by the signal (default true). A caller that handles
   * the signals itself (`mamoru serve` ends its demo game first) turns it off and calls close().
   */
  shutdownHooks?: boolean;
}

export interface GameServer {
  app: INestApplication;
  /** Where it listens, with the actual port (`http://127.0.0.1:43117`). */
  url: string;
  /** Stops listening and closes what the server opened (Redis, and the store unless passed in). */
  close(): Promise<void>;
}

/**
 * Builds and starts the game server on config.host:config.port (port 0: any free port). Routes
 * carry their own prefix: the API under /api, /health and /metrics at the root.
 */
export async function createGameServer(options: GameServerOptions): Promise<GameServer> {
  const { config } = options;
  const app = await NestFactory.create<NestExpressApplication>(
    ServerModule.forRoot({ config, store: options.store, modules: options.modules, logger: options.logger }),
    {
      // JsonBodyMiddleware parses bodies instead, so that parse errors get the error shape.
      bodyParser: false,
      bufferLogs: true,
      // Throw start-up errors to the caller rather than exiting the process.
      abortOnError: false,
      ...(options.logger === false ? { logger: false } : {}),
    },
  );
  try {
    if (options.logger !== false) app.useLogger(app.get(Logger));
    app.set('trust proxy', config.trustProxy);
    app.disable('x-powered-by');
    if (options.shutdownHooks !== false) app.enableShutdownHooks();
    serveOpenApi(app);
    await options.beforeListen?.(app);
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { app, url: `http://${host}:${address.port}`, close: () => app.close() };
}
