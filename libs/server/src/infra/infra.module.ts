import { openEventStore, type EventStore } from '@mamoru/event-store';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { EVENT_STORE, REDIS } from './tokens';

export interface InfraOptions {
  config: ServerConfig;
  /** A store the caller opened (and closes); otherwise one is opened from the config and closed here. */
  store?: EventStore;
}

const OWNS_EVENT_STORE = Symbol('OWNS_EVENT_STORE');
/** Redis retries forever while it is down: one log line per this many ms is enough. */
const REDIS_ERROR_LOG_INTERVAL_MS = 10_000;

/** Closes on shutdown what this module opened: the Redis client, and the store unless it was passed in. */
@Injectable()
class InfraShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(OWNS_EVENT_STORE) private readonly ownsStore: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
    if (this.ownsStore) await this.store.close();
  }
}

function connectRedis(url: string): Redis {
  const logger = new Logger('redis');
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  let lastLoggedMs = 0;
  // Without a listener ioredis prints every failed reconnect; with one, we log at a sane rate.
  redis.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastLoggedMs < REDIS_ERROR_LOG_INTERVAL_MS) return;
    lastLoggedMs = now;
    logger.warn(`Redis at ${new URL(url).host}: ${error.message}`);
  });
  return redis;
}

/** The server's connections, global: SERVER_CONFIG, EVENT_STORE and REDIS are injectable everywhere. */
@Global()
@Module({})
export class InfraModule {
  static forRoot({ config, store }: InfraOptions): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: SERVER_CONFIG, useValue: config },
        { provide: OWNS_EVENT_STORE, useValue: store === undefined },
        {
          provide: EVENT_STORE,
          useFactory: (): Promise<EventStore> | EventStore => {
            if (store) return store;
            const logger = new Logger('event-store');
            return openEventStore({
              databaseUrl: config.databaseUrl,
              dataDir: config.pgliteDir,
              logger: (message) => logger.log(message),
            });
          },
        },
        { provide: REDIS, useFactory: () => connectRedis(config.redisUrl) },
        InfraShutdown,
      ],
      exports: [SERVER_CONFIG, EVENT_STORE, REDIS],
    };
  }
}
