import { Logger } from '@nestjs/common';
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('exposes the mamoru metrics and the default process metrics', async () => {
    const metrics = new MetricsService();
    metrics.socketConnected('/team');
    metrics.socketConnected('/team');
    metrics.socketDisconnected('/team');
    metrics.observeTickClose('g1', 0.4);
    metrics.observePush('/audience', 0.02);
    metrics.observeHttpRequest('GET', '/api/auth/me', 200, 0.003);
    metrics.setQueueDepthSource(async () => [
      { game: 'g1', queue: 'ticks', state: 'waiting', count: 3 },
      { game: 'g1', queue: 'attacks', state: 'active', count: 8 },
    ]);
    const text = await metrics.scrape();
    expect(text).toContain('mamoru_sockets_connected{namespace="/team"} 1');
    expect(text).toContain('mamoru_tick_close_seconds_count{game="g1"} 1');
    expect(text).toContain('mamoru_push_latency_seconds_count{namespace="/audience"} 1');
    expect(text).toContain(
      'mamoru_http_request_duration_seconds_count{method="GET",route="/api/auth/me",status="200"} 1',
    );
    expect(text).toContain('mamoru_queue_jobs{game="g1",queue="ticks",state="waiting"} 3');
    expect(text).toContain('mamoru_queue_jobs{game="g1",queue="attacks",state="active"} 8');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('reads queue depths afresh on every scrape, and survives a failing source', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const metrics = new MetricsService();
    let depth = 1;
    metrics.setQueueDepthSource(async () => [{ game: 'g', queue: 'ticks', state: 'waiting', count: depth }]);
    expect(await metrics.scrape()).toContain('mamoru_queue_jobs{game="g",queue="ticks",state="waiting"} 1');
    depth = 5;
    expect(await metrics.scrape()).toContain('mamoru_queue_jobs{game="g",queue="ticks",state="waiting"} 5');
    metrics.setQueueDepthSource(() => Promise.reject(new Error('redis down')));
    const text = await metrics.scrape();
    expect(text).not.toContain('mamoru_queue_jobs{');
    expect(text).toContain('mamoru_sockets_connected');
    jest.restoreAllMocks();
  });

  it('keeps each server on its own registry', async () => {
    const a = new MetricsService();
    const b = new MetricsService();
    a.socketConnected('/control');
    expect(await b.scrape()).not.toContain('namespace="/control"');
  });
});
