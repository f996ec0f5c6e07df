import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Socket.IO across server processes (architecture, "scale past one machine"): the Redis streams
 * adapter carries room broadcasts between nodes and resumes its stream after a Redis blip without
 * losing packets. Websocket first; long-polling stays allowed for clients behind proxies.
 */
export class StreamsIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: Redis,
    private readonly streamName: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: true, credentials: false },
      serveClient: false,
      // A push carries a whole view; the board at 20 teams is a few KB, a team view tens of KB.
      maxHttpBufferSize: 64 * 1024,
    }) as Server;
    server.adapter(createAdapter(this.redis, { streamName: this.streamName }));
    return server;
  }
}
