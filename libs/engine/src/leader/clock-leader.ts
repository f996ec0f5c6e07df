import type { RedisOptions } from 'ioredis';
import Redis from 'ioredis';

/**
 * One clock leader per game across server processes (architecture: "the clock leader holds a
 * Redis lock per game"): the node that holds `mamoru:<game>:clock-leader` runs the game's
 * `GameRunner`; the others only serve requests. The lock is a key with a time to live, taken with
 * `SET NX PX`, renewed every ttl/3 only while its value is still this node's (compare-and-extend),
 * and deleted on release only if it is still this node's (compare-and-delete). A leader that dies
 * stops renewing, so the lock expires and another node takes over within the ttl.
 */

export interface ClockLeaderOptions {
  /** This contender, stored as the lock's value: unique per process and game (e.g. `<host>:<pid>`). */
  nodeId: string;
  /** How long the lock outlives its last renewal (default 10 s). */
  ttlMs?: number;
}

export const DEFAULT_LEADER_TTL_MS = 10_000;

export function clockLeaderKey(gameId: string): string {
  return `mamoru:${gameId}:clock-leader`;
}

const EXTEND_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const DELETE_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class ClockLeader {
  private readonly lostController = new AbortController();
  /**
   * Aborted when this node no longer leads: a renewal found the lock gone or held by another node,
   * or Redis could not confirm a renewal before the lock might have expired. Stop the runner then.
   */
  readonly lost: AbortSignal = this.lostController.signal;
  private renewTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private releasing: Promise<void> | undefined;

  private constructor(
    private readonly redis: Redis,
    readonly gameId: string,
    readonly nodeId: string,
    readonly ttlMs: number,
  ) {}

  /** Takes the game's clock lead if nobody holds it; null when another node leads. */
  static async acquire(redis: RedisOptions, gameId: string, options: ClockLeaderOptions): Promise<ClockLeader | null> {
    const ttlMs = options.ttlMs ?? DEFAULT_LEADER_TTL_MS;
    if (!(Number.isInteger(ttlMs) && ttlMs >= 30))
      throw new Error('the clock-leader ttl must be a whole number of milliseconds, at least 30');
    const connection = leaderConnection(redis, ttlMs);
    try {
      const sentAt = Date.now();
      const taken = await connection.set(clockLeaderKey(gameId), options.nodeId, 'PX', ttlMs, 'NX');
      if (taken !== 'OK') {
        await closeConnection(connection);
        return null;
      }
      const leader = new ClockLeader(connection, gameId, options.nodeId, ttlMs);
      leader.confirmed(sentAt);
      return leader;
    } catch (error) {
      connection.disconnect();
      throw error;
    }
  }

  /** Stops renewing and deletes the lock if it is still this node's. Idempotent; call it after `lost` too. */
  release(): Promise<void> {
    this.releasing ??= (async () => {
      this.stopTimers();
      await this.redis.eval(DELETE_IF_MINE, 1, clockLeaderKey(this.gameId), this.nodeId).catch(() => undefined);
      await closeConnection(this.redis);
    })();
    return this.releasing;
  }

  /** A renewal sent at `sentAt` succeeded: the lock lives at least until sentAt + ttl. */
  private confirmed(sentAt: number): void {
    if (this.releasing || this.lost.aborted) return;
    // Give up a sixth of the ttl before the lock could expire, so two nodes never both lead.
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(
      () => this.lose(new Error(`Redis did not confirm the clock lead of game "${this.gameId}" in time`)),
      Math.max(0, sentAt + (this.ttlMs * 5) / 6 - Date.now()),
    );
    this.scheduleRenewal();
  }

  private scheduleRenewal(): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.renew(), this.ttlMs / 3);
  }

  private async renew(): Promise<void> {
    if (this.releasing || this.lost.aborted) return;
    const sentAt = Date.now();
    let extended: unknown;
    try {
      extended = await this.redis.eval(EXTEND_IF_MINE, 1, clockLeaderKey(this.gameId), this.nodeId, this.ttlMs);
    } catch {
      this.scheduleRenewal(); // Redis may come back before the expiry timer gives up
      return;
    }
    if (extended === 1) this.confirmed(sentAt);
    else
      this.lose(
        new Error(`the clock lead of game "${this.gameId}" was lost: the lock expired or another node holds it`),
      );
  }

  private lose(reason: Error): void {
    if (this.releasing || this.lost.aborted) return;
    this.stopTimers();
    this.lostController.abort(reason);
  }

  private stopTimers(): void {
    clearTimeout(this.renewTimer);
    clearTimeout(this.expiryTimer);
  }
}

export interface LeadershipOptions extends ClockLeaderOptions {
  /** Between attempts to take the lead while another node holds it (default 3 s). */
  retryMs?: number;
  /** Told when Redis fails or `onLead` throws; the watch goes on. */
  onError?: (error: unknown) => void;
}

export interface LeadershipWatch {
  /** Whether this node leads the game's clock right now. */
  readonly leading: boolean;
  /** Settles when the watch is over: stopped, or `onLead` finished while still leading. */
  readonly done: Promise<void>;
  /** Stops watching: aborts the signal given to `onLead`, waits for it, releases the lock. */
  stop(): Promise<void>;
}

/**
 * Keeps trying to lead the game's clock, every `retryMs`, so that another node takes over when the
 * leader dies. While leading it runs `onLead(leader, signal)`; `signal` aborts when the lead is
 * lost or the watch is stopped, and `onLead` must then return (a `GameRunner` given it as its
 * signal does). When `onLead` returns while still leading, the game needs no leader any more (it
 * ended): the lock is released and the watch is over. After a lost lead or an error it tries again.
 */
export function watchLeadership(
  redis: RedisOptions,
  gameId: string,
  options: LeadershipOptions,
  onLead: (leader: ClockLeader, signal: AbortSignal) => Promise<void>,
): LeadershipWatch {
  const stopping = new AbortController();
  const retryMs = options.retryMs ?? 3000;
  const reportError = options.onError ?? (() => undefined);
  let leading = false;

  /** One turn as leader; true when `onLead` finished its work while still leading. */
  const lead = async (leader: ClockLeader): Promise<boolean> => {
    const signal = AbortSignal.any([leader.lost, stopping.signal]);
    leading = true;
    try {
      if (signal.aborted) return false;
      await onLead(leader, signal);
      return !signal.aborted;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      leading = false;
      await leader.release();
    }
  };

  const done = (async () => {
    while (!stopping.signal.aborted) {
      let leader: ClockLeader | null = null;
      try {
        leader = await ClockLeader.acquire(redis, gameId, options);
      } catch (error) {
        reportError(error);
      }
      if (leader && (await lead(leader))) return;
      await delay(retryMs, stopping.signal);
    }
  })();

  return {
    get leading() {
      return leading;
    },
    done,
    async stop() {
      stopping.abort();
      await done;
    },
  };
}

/**
 * The lock's own connection: commands time out (a hung Redis must not hold a renewal past the
 * ttl) and are retried once, unlike BullMQ's connections that wait for Redis forever.
 */
function leaderConnection(options: RedisOptions, ttlMs: number): Redis {
  const connection = new Redis({
    ...options,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: Math.max(10, Math.floor(ttlMs / 3)),
  });
  connection.on('error', () => undefined); // failures surface on the commands
  return connection;
}

async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
  else connection.disconnect();
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
