import type { JobName, JobPayload, QueueName } from '@mamoru/contracts';
import { JOBS, parseJobPayload, queuePrefix, QUEUE_NAMES } from '@mamoru/contracts';
import type { Job } from 'bullmq';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';

/** Finished jobs are trimmed so that Redis memory stays flat over an 8-hour game. */
const POLL_MS = 1000;

const RETENTION = { removeOnComplete: { count: 200 }, removeOnFail: { count: 500 } } as const;

/** The producer side of a game's queues: enqueue a job and, in fast-forward, wait for it. */
export class GameQueues {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly events = new Map<QueueName, Promise<QueueEvents>>();

  constructor(
    readonly gameId: string,
    private readonly connection: RedisOptions,
  ) {
    const prefix = queuePrefix(gameId);
    for (const name of QUEUE_NAMES) {
      this.queues.set(
        name,
        new Queue(name, {
          connection,
          prefix,
          defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 500 }, ...RETENTION },
        }),
      );
    }
  }

  async add<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<Job> {
    const data = parseJobPayload(name, payload);
    return this.queue(JOBS[name].queue).add(name, data, { jobId });
  }

  /**
   * Adds a job and resolves when it completed; rejects when it failed for good. Completion comes
   * from QueueEvents, with a slow poll of the job's state as a safety net: a notification missed
   * (e.g. while the events stream was being re-read) must never stall a game.
   */
  async run<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string, timeoutMs = 600_000): Promise<unknown> {
    const queueName = JOBS[name].queue;
    const events = await this.queueEvents(queueName);
    const job = await this.add(name, payload, jobId);
    const stop = new AbortController();
    try {
      return await Promise.race([
        job.waitUntilFinished(events, timeoutMs),
        this.pollUntilFinished(queueName, jobId, timeoutMs, stop.signal),
      ]);
    } finally {
      stop.abort();
    }
  }

  private async pollUntilFinished(
    queueName: QueueName,
    jobId: string,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<unknown> {
    const queue = this.queue(queueName);
    const deadline = Date.now() + timeoutMs;
    while (!signal.aborted && Date.now() < deadline) {
      const state = await queue.getJobState(jobId);
      if (state === 'completed' || state === 'unknown') return (await queue.getJob(jobId))?.returnvalue;
      if (state === 'failed') {
        const job = await queue.getJob(jobId);
        throw new Error(`job ${jobId} failed: ${job?.failedReason ?? 'unknown reason'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return new Promise(() => undefined); // aborted (the event arrived) or timed out (waitUntilFinished rejects)
  }

  /** Removes every job of this game (a fresh run of the same game id). */
  async obliterate(): Promise<void> {
    for (const queue of this.queues.values()) await queue.obliterate({ force: true });
  }

  async counts(): Promise<Record<string, Record<string, number>>> {
    const result: Record<string, Record<string, number>> = {};
    for (const [name, queue] of this.queues)
      result[name] = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    return result;
  }

  /** Worker connections on each of the game's queues (from any process). */
  async workerCounts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const [name, queue] of this.queues) result[name] = await queue.getWorkersCount();
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([...this.events.values()].map(async (e) => (await e).close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  private queueEvents(name: QueueName): Promise<QueueEvents> {
    // Every caller waits until the listener is ready, not only the first one.
    let events = this.events.get(name);
    if (!events) {
      const created = new QueueEvents(name, { connection: this.connection, prefix: queuePrefix(this.gameId) });
      events = created.waitUntilReady().then(() => created);
      this.events.set(name, events);
    }
    return events;
  }
}

export type JobHandlers = { [N in JobName]: (payload: JobPayload<N>) => Promise<unknown> };

export interface WorkerTuning {
  /** Concurrency per queue. */
  concurrency?: Partial<Record<QueueName, number>>;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/**
 * The consumer side: one BullMQ worker per queue of the game, dispatching by job name. The handler
 * map is typed to cover every job name exactly once, and an unknown name fails the job loudly.
 */
export class GameWorkers {
  private readonly workers: Worker[] = [];

  constructor(
    readonly gameId: string,
    connection: RedisOptions,
    handlers: JobHandlers,
    tuning: WorkerTuning = {},
  ) {
    const names = Object.keys(JOBS) as JobName[];
    const missing = names.filter((n) => typeof handlers[n] !== 'function');
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
    for (const queueName of QUEUE_NAMES) {
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const name = job.name as JobName;
          if (!(name in JOBS) || JOBS[name].queue !== queueName)
            throw new Error(`unknown job "${job.name}" on queue ${queueName}`);
          const handler = handlers[name] as (payload: unknown) => Promise<unknown>;
          return handler(parseJobPayload(name, job.data));
        },
        {
          connection,
          prefix: queuePrefix(gameId),
          concurrency: tuning.concurrency?.[queueName] ?? (queueName === 'ticks' ? 1 : 8),
          lockDuration: tuning.lockDurationMs ?? 30_000,
          stalledInterval: tuning.stalledIntervalMs ?? 30_000,
          maxStalledCount: 3,
          ...RETENTION,
        },
      );
      worker.on('error', () => undefined); // connection errors are retried by ioredis; failures surface on the job
      this.workers.push(worker);
    }
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
