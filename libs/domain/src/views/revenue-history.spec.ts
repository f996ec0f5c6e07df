import { logBuilder } from '../testing-support/events';
import { testScenario } from '../testing-support/scenario';
import { RevenueHistoryProjection } from './revenue-history';

describe('RevenueHistoryProjection', () => {
  it('records every team’s revenue after each closed tick, fed in any split, and cuts at a seq', () => {
    const log = logBuilder().created(testScenario()).team('t1', 'Team 1', 1).team('t2', 'Team 2', 2).start();
    const order = (chargedYen: number) => ({
      outcomes: { ok: 1 },
      orders: [{ productId: 'tea', quantity: 1, chargedYen, priceYen: chargedYen }],
    });
    log.crawl('t1', 1, order(2000)).crawl('t2', 1, order(1000)).close(1);
    log.crawl('t1', 2, order(2000)).crawl('t2', 2, {}).close(2);
    const events = log.build();
    const whole = new RevenueHistoryProjection();
    whole.apply(events);
    const split = new RevenueHistoryProjection();
    split.apply(events.slice(0, 5));
    split.apply(events.slice(5));
    expect(split.upTo()).toEqual(whole.upTo());
    expect(whole.upTo()).toEqual({
      teams: [
        { teamId: 't1', name: 'Team 1' },
        { teamId: 't2', name: 'Team 2' },
      ],
      ticks: [1, 2],
      revenueYen: [
        [2000, 4000],
        [1000, 1000],
      ],
    });
    const firstClose = events.find((e) => e.type === 'tick.closed')!.seq;
    expect(whole.upTo(firstClose).ticks).toEqual([1]);
  });

  it('keeps each team’s own revenue, cash, trust and downtime for its dashboard', () => {
    const log = logBuilder().created(testScenario()).team('t1', 'Team 1', 1).team('t2', 'Team 2', 2).start();
    log
      .crawl('t1', 1, {
        outcomes: { ok: 1 },
        orders: [{ productId: 'tea', quantity: 1, chargedYen: 2000, priceYen: 2000 }],
      })
      .crawl('t2', 1, { outcomes: { down: 3 }, probe: 'down' })
      .close(1);
    log
      .crawl('t1', 2, {})
      .crawl('t2', 2, { outcomes: { down: 3 }, probe: 'down' })
      .close(2);
    const projection = new RevenueHistoryProjection();
    projection.apply(log.build());
    const t1 = projection.team('t1');
    const t2 = projection.team('t2');
    expect(t1.ticks).toEqual([1, 2]);
    expect(t1.revenueYen).toEqual([2000, 2000]);
    expect(t1.cashYen[0]).toBeGreaterThan(0);
    expect(t1.cashYen[1]).toBe(t1.cashYen[0]);
    expect(t2.revenueYen).toEqual([0, 0]);
    expect(t2.downtimeMinutes).toEqual([1, 2]);
    expect(t1.downtimeMinutes).toEqual([0, 0]);
    expect(t2.trust[1]).toBeLessThanOrEqual(t1.trust[1]);
    expect(projection.team('nobody').ticks).toEqual([]);
  });
});
