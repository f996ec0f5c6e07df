import type { EventStore } from '@mamoru/event-store';
import type { INestApplication } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { GameServer } from './bootstrap';
import { createGameServer } from './bootstrap';
import type { ServerConfig } from './config/server-config';
import { ControlModule } from './control/control.module';
import type { LiveGameOptions } from './games/game-server-options';
import { GamesModule } from './games/games.module';
import { REDIS } from './infra/tokens';
import { LiveModule } from './live/live.module';
import { StreamsIoAdapter } from './live/streams-io.adapter';
import { TeamsModule } from './teams/teams.module';
import { defaultWebDir, mountWebApp } from './web/web-app';

export interface LiveServerOptions {
  config: ServerConfig;
  store?: EventStore;
  /** Overrides of what the config says (tests, `mamoru serve`'s demo bots). */
  live?: Partial<Omit<LiveGameOptions, 'dataDir' | 'redisUrl'>>;
  logger?: boolean;
  /** See GameServerOptions.shutdownHooks. */
  shutdownHooks?: boolean;
  /** The built web app to serve (default: the config's, else apps/web/dist); false: none. */
  webDir?: string | false;
}

/** The whole game server: infrastructure and auth, games, team and control APIs, live push, the web app. */
export async function startLiveServer(options: LiveServerOptions): Promise<GameServer> {
  const { config } = options;
  const live: LiveGameOptions = {
    nodeId: config.nodeId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    sandboxes: config.sandboxes,
    withWorkers: config.workers === 'embedded',
    resumeGames: config.resumeGames,
    version: packageVersion(),
    ...options.live,
    dataDir: config.dataDir,
    redisUrl: config.redisUrl,
  };
  return createGameServer({
    config,
    store: options.store,
    logger: options.logger,
    shutdownHooks: options.shutdownHooks,
    modules: [GamesModule.forRoot(live), TeamsModule, ControlModule, LiveModule],
    beforeListen: (app: INestApplication) => {
      app.useWebSocketAdapter(new StreamsIoAdapter(app, app.get<Redis>(REDIS), config.socketStream));
      if (options.webDir !== false) mountWebApp(app, { dir: options.webDir ?? config.webDir ?? defaultWebDir() });
    },
  });
}

/** The version in the workspace's package.json (written into archives). */
function packageVersion(): string {
  const manifest = readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
