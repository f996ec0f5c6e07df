import { MS_PER_MINUTE, newEvent } from '@mamoru/domain';
import type { EngineFixture } from '../testing/engine-fixture';
import { closeSharedStore, engineFixture } from '../testing/engine-fixture';
import { TeamActionError, TeamActionService } from './team-actions';

describe('TeamActionService', () => {
  let fx: EngineFixture;
  let actions: TeamActionService;
  let game = 0;

  beforeEach(async () => {
    fx = await engineFixture(`actions-${++game}`);
    await fx.store.append(fx.ctx.gameId, [newEvent('clock.started', { speed: 1 }, 'clock.started', 0)]);
    actions = new TeamActionService(fx.ctx);
  });

  it('refuses every action while the game is paused, and takes them again once resumed', async () => {
    await fx.store.append(fx.ctx.gameId, [newEvent('clock.paused', { by: 'admin' }, 'pause-1', 0)]);
    const order = { teamId: 'team-1', atMinute: 0, productId: 'apple', quantity: 1 };
    await expect(actions.orderStock({ ...order, key: 'k1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await fx.store.append(fx.ctx.gameId, [newEvent('clock.resumed', { by: 'admin' }, 'resume-1', 0)]);
    await expect(actions.orderStock({ ...order, key: 'k1' })).resolves.toMatchObject({ applied: true });
  });

  afterEach(async () => {
    await fx.close();
  });

  afterAll(async () => {
    await closeSharedStore();
  });

  const team = async (teamId = 'team-1') => (await fx.ctx.projection.current()).teams[teamId];
  const base = (key: string, atMinute = 3) => ({ teamId: 'team-1', atMinute, key });
  const eventCount = async () => (await fx.store.read(fx.ctx.gameId)).length;

  it('orders stock: pays from cash, adds to stock, and tells the shop', async () => {
    const result = await actions.orderStock({ ...base('o1'), productId: 'apple', quantity: 20 });
    expect(result.applied).toBe(true);
    const t = await team();
    expect(t.cashYen).toBe(100_000 - 20 * 400);
    expect(t.stock.apple).toBe(30);
    expect(fx.shops.get('team-1')!.products.get('apple')!.stock).toBe(30);
  });

  it('acts once per idempotency key, however often the request is retried', async () => {
    const first = await actions.orderStock({ ...base('same'), productId: 'apple', quantity: 5 });
    const before = await eventCount();
    const again = await actions.orderStock({ ...base('same'), productId: 'apple', quantity: 5 });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => actions.orderStock({ ...base('same'), productId: 'apple', quantity: 5 })),
    );
    expect(first.applied).toBe(true);
    expect([again, ...concurrent].every((r) => !r.applied)).toBe(true);
    expect(await eventCount()).toBe(before);
    expect((await team()).stock.apple).toBe(15);
  });

  it('serialises a team’s concurrent spending so cash never goes below zero', async () => {
    // 100,000 yen of cash, 30,000 yen per order: only three of six fit.
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        actions.orderStock({ ...base(`race-${i}`), productId: 'apple', quantity: 75 }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => (r.reason as TeamActionError).code === 'INSUFFICIENT_CASH')).toBe(true);
    expect((await team()).cashYen).toBe(10_000);
  });

  it.each([
    ['an unknown product', () => actions.orderStock({ ...base('x'), productId: 'durian', quantity: 1 }), 'NOT_FOUND'],
    ['a fractional quantity', () => actions.orderStock({ ...base('x'), productId: 'apple', quantity: 1.5 }), 'INVALID'],
    ['a zero price', () => actions.setPrice({ ...base('x'), productId: 'apple', priceYen: 0 }), 'INVALID'],
    ['a loan over the limit', () => actions.takeLoan({ ...base('x'), amountYen: 60_000 }), 'INVALID'],
    ['repaying more than owed', () => actions.repayLoan({ ...base('x'), amountYen: 1 }), 'INVALID'],
    [
      'a response to an unknown inject',
      () => actions.submitResponse({ ...base('x'), injectId: 'nope', text: 'hi' }),
      'NOT_FOUND',
    ],
    ['an empty notice', () => actions.publishNotice({ ...base('x'), text: '   ' }), 'INVALID'],
    ['a short admin password', () => actions.changeAdminPassword({ ...base('x'), password: 'short' }), 'INVALID'],
    [
      'another game’s team',
      () => actions.setPrice({ teamId: 'team-9', atMinute: 1, key: 'x', productId: 'apple', priceYen: 1 }),
      'NOT_FOUND',
    ],
  ])('refuses %s with a clear error and appends nothing', async (_what, act, code) => {
    const before = await eventCount();
    await expect(act()).rejects.toMatchObject({ code });
    expect(await eventCount()).toBe(before);
  });

  it('sets a price in the log and pushes it to the shop (repairing a tampered one)', async () => {
    fx.shops.get('team-1')!.products.get('apple')!.priceYen = 1;
    await actions.setPrice({ ...base('p'), productId: 'apple', priceYen: 950 });
    expect((await team()).pricesYen.apple).toBe(950);
    expect(fx.shops.get('team-1')!.products.get('apple')!.priceYen).toBe(950);
  });

  it('takes a response only for an inject with a response, replaceable until graded', async () => {
    await fx.store.append(fx.ctx.gameId, [
      newEvent(
        'inject.delivered',
        { injectId: 'ask', teamId: 'team-1', kind: 'inquiry', unit: 'support', atMinute: 1 },
        'inject:ask:team-1',
        MS_PER_MINUTE,
      ),
      newEvent(
        'inject.delivered',
        { injectId: 'note', teamId: 'team-1', kind: 'notice', unit: 'management', atMinute: 1 },
        'inject:note:team-1',
        MS_PER_MINUTE,
      ),
    ]);
    await expect(actions.submitResponse({ ...base('n'), injectId: 'note', text: 'ok' })).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(
      actions.submitResponse({ ...base('c'), injectId: 'ask', text: 'ok', compensationYen: 100 }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await actions.submitResponse({
      ...base('r1'),
      injectId: 'ask',
      text: '<script>alert(1)</script> delivery in 2 days',
    });
    await actions.submitResponse({ ...base('r2', 4), injectId: 'ask', text: 'delivery in 3 days' });
    expect((await team()).inbox.ask.response).toMatchObject({ text: 'delivery in 3 days', atMinute: 4 });
    await fx.store.append(fx.ctx.gameId, [
      newEvent(
        'response.graded',
        { injectId: 'ask', teamId: 'team-1', grade: 1, by: 'grader', atMinute: 5 },
        'grade:ask:team-1:1',
        5 * MS_PER_MINUTE,
      ),
    ]);
    await expect(actions.submitResponse({ ...base('r3', 6), injectId: 'ask', text: 'again' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('changes shop settings and the admin password through the ops API, logging no secret', async () => {
    await actions.updateShopSettings({ ...base('s'), settings: { searchSafeQueries: true } });
    await actions.changeAdminPassword({ ...base('pw'), password: 'correct horse battery' });
    const shop = fx.shops.get('team-1')!;
    expect(shop.settings.searchSafeQueries).toBe(true);
    expect(shop.adminPassword).toBe('correct horse battery');
    const log = JSON.stringify(await fx.store.read(fx.ctx.gameId));
    expect(log).not.toContain('correct horse battery');
    expect(log).toContain('"action":"admin-password"');
  });

  it('takes a shop backup on request and records it', async () => {
    expect((await actions.backupShop(base('b'))).applied).toBe(true);
    const log = await fx.store.read(fx.ctx.gameId);
    expect(log[log.length - 1]).toMatchObject({ type: 'shop.operated', data: { action: 'backup', teamId: 'team-1' } });
  });

  it('records nothing when the shop cannot be reached', async () => {
    await fx.shops.get('team-1')!.refuseConnections();
    const before = await eventCount();
    await expect(
      actions.updateShopSettings({ ...base('s'), settings: { searchSafeQueries: true } }),
    ).rejects.toMatchObject({
      code: 'SHOP_UNREACHABLE',
    });
    expect(await eventCount()).toBe(before);
    // a price change still lands in the log (the log owns prices); the shop catches up later
    expect((await actions.setPrice({ ...base('p'), productId: 'apple', priceYen: 900 })).applied).toBe(true);
  });

  it('refuses every action after the game ended', async () => {
    await fx.store.append(fx.ctx.gameId, [newEvent('game.ended', { atMinute: 30 }, 'game.ended', 30 * MS_PER_MINUTE)]);
    await expect(actions.setPrice({ ...base('late'), productId: 'apple', priceYen: 900 })).rejects.toBeInstanceOf(
      TeamActionError,
    );
  });
});
