import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One row of the queue-depth gauge: how many jobs of a game's queue are in a state. */
export interface QueueDepth {
  game: string;
  queue: string;
  /** BullMQ's states: waiting, active, delayed, failed, completed... */
  state: string;
  count: number;
}

export type QueueDepthSource = () => Promise<QueueDepth[]>;

/**
 * The server's Prometheus metrics, on a registry of its own (several servers in one process, as in
 * tests, do not collide). Features report through the methods here; `GET /metrics` serves them.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger('metrics');
  private readonly socketsConnectedGauge: Gauge<'namespace'>;
  private readonly tickCloseHistogram: Histogram<'game'>;
  private readonly tickLagHistogram: Histogram<'game'>;
  private readonly pushLatencyHistogram: Histogram<'namespace'>;
  private readonly httpDurationHistogram: Histogram<'method' | 'route' | 'status'>;
  private queueDepthSource?: QueueDepthSource;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.socketsConnectedGauge = new Gauge({
      name: 'mamoru_sockets_connected',
      help: 'Socket.IO clients connected to this server, by namespace',
      labelNames: ['namespace'],
      registers,
    });
    this.tickCloseHistogram = new Histogram({
      name: 'mamoru_tick_close_seconds',
      help: 'Wall time of a tick job as the clock leader waited for it (crawl, facts, fold, snapshot)',
      labelNames: ['game'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    this.tickLagHistogram = new Histogram({
      name: 'mamoru_tick_lag_seconds',
      help: 'How late a tick started against the wall time its game time came (0 when on time)',
      labelNames: ['game'],
      buckets: [0, 0.1, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    this.pushLatencyHistogram = new Histogram({
      name: 'mamoru_push_latency_seconds',
      help: 'Time from a tick-closed notice to the state pushed to clients, by namespace',
      labelNames: ['namespace'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.httpDurationHistogram = new Histogram({
      name: 'mamoru_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // Read on every scrape from whatever the games feature plugs in: nothing to keep in sync.
    const readQueueDepths = () => this.queueDepthSource?.() ?? Promise.resolve([]);
    const logger = this.logger;
    new Gauge({
      name: 'mamoru_queue_jobs',
      help: 'BullMQ jobs by game, queue and state, read at scrape time',
      labelNames: ['game', 'queue', 'state'],
      registers,
      async collect() {
        this.reset();
        try {
          for (const { game, queue, state, count } of await readQueueDepths()) this.set({ game, queue, state }, count);
        } catch (error) {
          logger.warn(`queue depths unavailable: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  }

  socketConnected(namespace: string): void {
    this.socketsConnectedGauge.inc({ namespace });
  }

  socketDisconnected(namespace: string): void {
    this.socketsConnectedGauge.dec({ namespace });
  }

  observeTickClose(game: string, seconds: number): void {
    this.tickCloseHistogram.observe({ game }, seconds);
  }

  observeTickLag(game: string, seconds: number): void {
    this.tickLagHistogram.observe({ game }, seconds);
  }

  observePush(namespace: string, seconds: number): void {
    this.pushLatencyHistogram.observe({ namespace }, seconds);
  }

  /** Where the queue-depth gauge reads from; replaces an earlier source. */
  setQueueDepthSource(source: QueueDepthSource): void {
    this.queueDepthSource = source;
  }

  /** `route` is the route pattern (`/api/accounts/:id/disable`), never the raw URL: labels stay few. */
  observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDurationHistogram.observe({ method, route, status: String(status) }, seconds);
  }

  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
