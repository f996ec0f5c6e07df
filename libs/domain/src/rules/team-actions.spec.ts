import { foldEvents } from '../fold/fold';
import { logBuilder } from '../testing-support/events';
import { testScenario } from '../testing-support/scenario';
import {
  actingTeam,
  decideLoan,
  decideNotice,
  decidePrice,
  decideRepayment,
  decideResponse,
  decideStockOrder,
  RuleViolation,
} from './team-actions';

/** The team-action rules are pure: a state and a request in, an event payload or a violation out. */
describe('team action rules', () => {
  const scenario = testScenario({ economy: { startingCashYen: 10_000, loanLimitYen: 5000 } });
  const log = logBuilder().created(scenario).team('t1', 'Team 1', 1).start();
  log.deliver('inq-shipping', 't1', 1).deliver('info-holiday', 't1', 1);
  const state = foldEvents(undefined, log.build());
  const team = state.teams.t1;
  const violation = (act: () => unknown) => {
    try {
      act();
    } catch (error) {
      if (error instanceof RuleViolation) return error.code;
      throw error;
    }
    return 'allowed';
  };

  it('pays stock at its unit cost, and only with the cash to pay', () => {
    expect(decideStockOrder(state, team, { productId: 'tea', quantity: 8, atMinute: 2 })).toEqual({
      teamId: 't1',
      productId: 'tea',
      quantity: 8,
      unitCostYen: 1200,
      atMinute: 2,
    });
    expect(violation(() => decideStockOrder(state, team, { productId: 'tea', quantity: 9, atMinute: 2 }))).toBe(
      'INSUFFICIENT_CASH',
    );
    expect(violation(() => decideStockOrder(state, team, { productId: 'ume', quantity: 1, atMinute: 2 }))).toBe(
      'NOT_FOUND',
    );
    expect(violation(() => decidePrice(state, team, { productId: 'tea', priceYen: 0.5, atMinute: 2 }))).toBe('INVALID');
  });

  it('keeps loans within the limit and repayments within what is owed and held', () => {
    expect(decideLoan(state, team, { amountYen: 5000, atMinute: 3 })).toEqual({
      teamId: 't1',
      amountYen: 5000,
      atMinute: 3,
    });
    expect(violation(() => decideLoan(state, team, { amountYen: 5001, atMinute: 3 }))).toBe('INVALID');
    expect(violation(() => decideRepayment(team, { amountYen: 1, atMinute: 3 }))).toBe('INVALID');
  });

  it('takes responses only where one is asked, with compensation only on complaints', () => {
    expect(decideResponse(team, { injectId: 'inq-shipping', text: 'ship tomorrow', atMinute: 4 }).text).toBe(
      'ship tomorrow',
    );
    expect(violation(() => decideResponse(team, { injectId: 'info-holiday', text: 'ok', atMinute: 4 }))).toBe(
      'INVALID',
    );
    expect(violation(() => decideResponse(team, { injectId: 'nope', text: 'ok', atMinute: 4 }))).toBe('NOT_FOUND');
    expect(
      violation(() =>
        decideResponse(team, { injectId: 'inq-shipping', text: 'ok', compensationYen: 100, atMinute: 4 }),
      ),
    ).toBe('INVALID');
  });

  it('trims notices and refuses empty ones; refuses every action once the game has ended', () => {
    expect(decideNotice(team, { text: '  お知らせ  ', atMinute: 5 }).text).toBe('お知らせ');
    expect(violation(() => decideNotice(team, { text: ' ', atMinute: 5 }))).toBe('INVALID');
    expect(violation(() => actingTeam(state, 'nobody'))).toBe('NOT_FOUND');
    expect(violation(() => actingTeam({ ...state, ended: true }, 't1'))).toBe('GAME_OVER');
  });
});
