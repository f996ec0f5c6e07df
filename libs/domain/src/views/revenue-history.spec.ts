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
});
