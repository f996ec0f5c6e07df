import type { TickClosedNotice } from '@mamoru/contracts';
import { gameChannel } from '@mamoru/contracts';
import type { RedisOptions } from 'ioredis';
import Redis from 'ioredis';
import type { TickNoticePublisher } from '../ticks/tick-scorer';

/** Workers never talk to sockets: they publish `{game, tick, seq}` and game servers push. */
export class RedisTickPublisher implements TickNoticePublisher {
  private readonly redis: Redis;

  constructor(options: RedisOptions) {
    this.redis = new Redis({ ...options, lazyConnect: false });
  }

  async publish(notice: TickClosedNotice): Promise<void> {
    await this.redis.publish(gameChannel(notice.gameId), JSON.stringify({ closedAtMs: Date.now(), ...notice }));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
