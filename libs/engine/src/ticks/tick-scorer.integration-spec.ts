import type { TickClosedNotice } from '@mamoru/contracts';
import type { EngineFixture } from '../testing/engine-fixture';
import { closeSharedStore, engineFixture } from '../testing/engine-fixture';
import { TickScorer } from './tick-scorer';

describe('TickScorer', () => {
  let fx: EngineFixture;
  let scorer: TickScorer;
  let published: TickClosedNotice[];
  let game = 0;

  beforeEach(async () => {
    fx = await engineFixture(`ticks-${++game}`);
    published = [];
    scorer = new TickScorer(fx.ctx, { publish: async (n) => void published.push(n) });
  });

  afterEach(async () => {
    await fx.close();
  });

  afterAll(async () => {
    await closeSharedStore();
  });

  const events = () => fx.store.read(fx.ctx.gameId);

  it('appends one fact per team and tick.closed, snapshots the fold and publishes the sequence', async () => {
    const result = await scorer.scoreTick(1);
    const log = await events();
    expect(log.slice(-3).map((e) => [e.type, e.key])).toEqual([
      ['crawl.observed', 'crawl:1:team-1'],
      ['crawl.observed', 'crawl:1:team-2'],
      ['tick.closed', 'tick:1'],
    ]);
    expect(result).toMatchObject({ tick: 1, alreadyClosed: false, seq: log[log.length - 1].seq });
    expect(published).toEqual([{ gameId: fx.ctx.gameId, tick: 1, seq: result.seq, closedAtMs: expect.any(Number) }]);
    expect(published[0].closedAtMs).toBeLessThanOrEqual(Date.now()); // the commit's wall time
    const snapshot = await fx.store.loadSnapshot(fx.ctx.gameId);
    expect(snapshot?.seq).toBe(result.seq);
    expect((snapshot?.state as { tick: number }).tick).toBe(1);
  });

  it('counts a retried tick once: the second run appends nothing and publishes the same sequence', async () => {
    const first = await scorer.scoreTick(1);
    const count = (await events()).length;
    const again = await new TickScorer(fx.ctx, { publish: async (n) => void published.push(n) }).scoreTick(1);
    expect(again).toMatchObject({ alreadyClosed: true, seq: first.seq });
    expect((await events()).length).toBe(count);
    expect(published.map((p) => p.seq)).toEqual([first.seq, first.seq]);
  });

  it('records a dead shop as downtime for its team only, without failing the tick', async () => {
    await fx.shops.get('team-2')!.refuseConnections();
    await scorer.scoreTick(1);
    const state = await fx.ctx.projection.current();
    expect(state.teams['team-2'].lastProbe).toBe('down');
    expect(state.teams['team-2'].downtimeMinutes).toBe(1);
    expect(state.teams['team-1'].lastProbe).toBe('ok');
    expect(state.teams['team-1'].downtimeMinutes).toBe(0);
  });
});
