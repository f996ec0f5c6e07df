import type { AttackOutcome, StoredEvent } from '../events/events';
import type { Scenario } from '../scenario/scenario';
import type { ScenarioFileInput } from '../scenario/schema';
import type { LedgerEntry } from '../scoring/ledger';
import { autoGrade, timeliness } from '../scoring/responses';
import { awards, standings } from '../scoring/standings';
import { judgedRatio, unitScores } from '../scoring/units';
import type { LogBuilder } from '../testing-support/events';
import { logBuilder } from '../testing-support/events';
import { foldWithLedger } from '../testing-support/fold';
import { testScenario } from '../testing-support/scenario';
import { foldEvents, FoldError } from './fold';

/**
 * One focused case per rule of game-model.md §4-§6 and §9. testScenario(): tea ¥2,000 (stock 50),
 * cup ¥5,000 (stock 3); inq-shipping (support, 10 points, deadline 30), press-leak (pr, 20 points,
 * deadline 20), cmp-broken (complaint, 10 points, deadline 5), brief-exec (management, 5 points,
 * deadline 4), info-holiday (no response); attacks sqli-search (leak) and price-tamper (tamper).
 */

const T1 = 'team-1';
const T2 = 'team-2';
const T3 = 'team-3';
const T4 = 'team-4';
const T5 = 'team-5';

/** A scenario whose healthy ticks give nothing back, so that trust moves only by the rule under test. */
function calm(trust: ScenarioFileInput['trust'] = {}): Scenario {
  return testScenario({ trust: { healthyTick: 0, ...trust } });
}

function game(scenario: Scenario = testScenario(), teams = 1, alliances: (string | undefined)[] = []): LogBuilder {
  const log = logBuilder().created(scenario);
  for (let i = 1; i <= teams; i++) log.team(`team-${i}`, `Team ${i}`, i, alliances[i - 1]);
  return log.start();
}

const teamIds = (n: number) => Array.from({ length: n }, (_, i) => `team-${i + 1}`);

function order(productId: 'tea' | 'cup', chargedYen: number, quantity = 1, priceYen = chargedYen) {
  return { productId, quantity, chargedYen, priceYen };
}

function attack(
  log: LogBuilder,
  teamId: string,
  injectId: 'atk-sqli' | 'atk-tamper',
  outcome: AttackOutcome,
  atMinute: number,
): void {
  const attackId = injectId === 'atk-sqli' ? 'sqli-search' : 'price-tamper';
  const effects =
    outcome !== 'succeeded'
      ? []
      : injectId === 'atk-sqli'
        ? [{ kind: 'leak' as const }]
        : [{ kind: 'tamper' as const }];
  log.add('attack.finished', { injectId, attackId, teamId, atMinute, outcome, effects });
}

function respond(
  log: LogBuilder,
  teamId: string,
  injectId: string,
  atMinute: number,
  text = 'ok',
  compensationYen?: number,
) {
  log.add('response.submitted', {
    injectId,
    teamId,
    text,
    atMinute,
    ...(compensationYen === undefined ? {} : { compensationYen }),
  });
}

function grade(log: LogBuilder, teamId: string, injectId: string, value: number, atMinute: number) {
  log.add('response.graded', { injectId, teamId, grade: value, by: 'judge', atMinute });
}

const fold = (log: LogBuilder | StoredEvent[]) => foldWithLedger(Array.isArray(log) ? log : log.build());

function of(ledger: LedgerEntry[], teamId: string, component: LedgerEntry['component'], kind?: string) {
  return ledger.filter((e) => e.teamId === teamId && e.component === component && (!kind || e.cause.kind === kind));
}

// ---------------------------------------------------------------------------------------------

describe('money (§4)', () => {
  it("starts every team with the scenario's starting cash and full trust, each with a ledger entry", () => {
    const { state, ledger } = fold(game(testScenario({ economy: { startingCashYen: 1_000_000 } }), 2));
    for (const id of [T1, T2]) {
      expect(state.teams[id].cashYen).toBe(1_000_000);
      expect(state.teams[id].trustMicro).toBe(1_000_000);
      expect(ledger.filter((e) => e.teamId === id).map((e) => [e.component, e.amount, e.cause.kind])).toEqual([
        ['cash', 1_000_000, 'start'],
        ['trust', 1_000_000, 'start'],
      ]);
    }
  });

  it('counts Σ charged price × quantity as revenue and cash, one entry per tick, and takes the stock sold', () => {
    const log = game();
    log.crawl(T1, 1, {
      potential: 4,
      referenceYen: 13_000,
      outcomes: { ok: 3 },
      orders: [order('tea', 2000, 2), order('cup', 5000), order('tea', 2000)],
    });
    log.close(1);
    // Five cups wanted, two left: the stock never goes below zero.
    log.crawl(T1, 2, { potential: 1, referenceYen: 5000, outcomes: { ok: 1 }, orders: [order('cup', 5000, 5)] });
    log.close(2);
    const { state, ledger } = fold(log);
    const team = state.teams[T1];
    expect(team.revenueYen).toBe(11_000 + 25_000);
    expect(team.cashYen).toBe(5_000_000 + 36_000);
    expect(team.referenceYen).toBe(18_000);
    expect(team.stock).toEqual({ tea: 47, cup: 0 });
    expect(of(ledger, T1, 'revenue').map((e) => [e.amount, e.atMinute, e.cause.text.en])).toEqual([
      [11_000, 1, '3 orders, tick 1'],
      [25_000, 2, '1 orders, tick 2'],
    ]);
    expect(of(ledger, T1, 'cash', 'orders').map((e) => e.amount)).toEqual([11_000, 25_000]);
  });

  it('charges stock orders and ads to cash', () => {
    const log = game();
    log.add('stock.ordered', { teamId: T1, productId: 'tea', quantity: 10, unitCostYen: 1200, atMinute: 0 });
    log.add('ad.bought', { teamId: T1, costYen: 30_000, boost: 2, durationMinutes: 10, atMinute: 1 });
    const { state, ledger } = fold(log);
    expect(state.teams[T1].cashYen).toBe(5_000_000 - 12_000 - 30_000);
    expect(state.teams[T1].stock.tea).toBe(60);
    expect(state.teams[T1].ads).toEqual([{ fromMinute: 1, untilMinute: 11, boost: 2 }]);
    expect(of(ledger, T1, 'cash').map((e) => [e.cause.kind, e.amount])).toEqual([
      ['start', 5_000_000],
      ['stock', -12_000],
      ['ad', -30_000],
    ]);
  });

  it('adds a loan to cash and takes a repayment back, never more than is owed', () => {
    const log = game();
    log.add('loan.taken', { teamId: T1, amountYen: 1_000_000, atMinute: 0 });
    log.add('loan.repaid', { teamId: T1, amountYen: 1_500_000, atMinute: 1 });
    const { state, ledger } = fold(log);
    expect(state.teams[T1].cashYen).toBe(5_000_000);
    expect(state.teams[T1].loanYen).toBe(0);
    expect(of(ledger, T1, 'cash', 'loan').map((e) => e.amount)).toEqual([1_000_000, -1_000_000]);
  });

  it('charges interest (0.5 % per game hour) on the loan outstanding at each hour boundary', () => {
    const log = game(testScenario(), 2);
    const teams = teamIds(2);
    log.quietTicks(teams, 1, 10);
    log.add('loan.taken', { teamId: T1, amountYen: 2_000_000, atMinute: 10 });
    log.quietTicks(teams, 11, 61);
    log.add('loan.taken', { teamId: T2, amountYen: 1_000_000, atMinute: 61 });
    log.quietTicks(teams, 62, 70);
    log.add('loan.repaid', { teamId: T1, amountYen: 500_000, atMinute: 70 });
    log.quietTicks(teams, 71, 119);
    // Team 2 repays within the same hour: no boundary passed, no interest.
    log.add('loan.repaid', { teamId: T2, amountYen: 1_000_000, atMinute: 119 });
    log.quietTicks(teams, 120, 120);
    const { state, ledger } = fold(log);
    expect(of(ledger, T1, 'cash', 'interest').map((e) => [e.atMinute, e.amount])).toEqual([
      [60, -10_000],
      [120, -7_500],
    ]);
    expect(state.teams[T1].cashYen).toBe(5_000_000 + 2_000_000 - 10_000 - 500_000 - 7_500);
    expect(state.teams[T1].loanYen).toBe(1_500_000);
    expect(of(ledger, T2, 'cash', 'interest')).toEqual([]);
    expect(state.teams[T2].cashYen).toBe(5_000_000);
  });

  it('pays compensation from cash; a replaced response changes it by the difference until graded', () => {
    const log = game();
    log.deliver('cmp-broken', T1, 5);
    respond(log, T1, 'cmp-broken', 6, '返金します', 3000);
    respond(log, T1, 'cmp-broken', 7, '返金します', 5000);
    respond(log, T1, 'cmp-broken', 8, '返金します');
    respond(log, T1, 'cmp-broken', 8, 'We will refund you', 4000);
    grade(log, T1, 'cmp-broken', 1, 9);
    respond(log, T1, 'cmp-broken', 10, 'refund', 9000); // after the grade: ignored
    const { state, ledger } = fold(log);
    expect(of(ledger, T1, 'cash', 'compensation').map((e) => e.amount)).toEqual([-3000, -2000, 5000, -4000]);
    expect(state.teams[T1].cashYen).toBe(5_000_000 - 4000);
    expect(state.teams[T1].inbox['cmp-broken'].response?.compensationYen).toBe(4000);
    expect(state.teams[T1].units.support).toEqual({ earnedMilli: 10_000, offeredMilli: 10_000 });
  });

  it('counts a down, error or defaced probe as a downtime minute and charges a platform fault to nobody', () => {
    const log = game();
    log.crawl(T1, 1, { probe: 'down' }).close(1);
    log.crawl(T1, 2, { probe: 'error' }).close(2);
    log.crawl(T1, 3, { probe: 'defaced' }).close(3);
    log.crawl(T1, 4, { probe: 'ok' }).close(4);
    const fault = log.add('crawl.observed', {
      tick: 5,
      teamId: T1,
      potential: 4,
      referenceYen: 11_000,
      outcomes: { ok: 1, error: 3 },
      orders: [order('tea', 2000)],
      probe: 'down',
      platformFault: true,
    });
    log.close(5);
    const { state, ledger } = fold(log);
    const team = state.teams[T1];
    expect(team.downtimeMinutes).toBe(3);
    expect(team.ticks).toBe(4);
    expect(team.platformFaultTicks).toBe(1);
    expect([team.revenueYen, team.referenceYen, team.stock.tea]).toEqual([0, 0, 50]);
    expect(team.outcomes).toEqual({});
    expect(team.trustMicro).toBe(1_000_000 - 10_000 - 10_000 - 20_000 + 2000);
    expect(ledger.filter((e) => e.seq === fault.seq)).toEqual([]);
    expect(of(ledger, T1, 'downtime').map((e) => [e.atMinute, e.cause.kind])).toEqual([
      [1, 'down'],
      [2, 'error'],
      [3, 'defaced'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('trust (§5)', () => {
  it('takes 0.02 per defaced tick and 0.01 per down or error tick', () => {
    const log = game(calm());
    log.crawl(T1, 1, { probe: 'defaced' }).close(1);
    log.crawl(T1, 2, { probe: 'down' }).close(2);
    log.crawl(T1, 3, { probe: 'error' }).close(3);
    const { state, ledger } = fold(log);
    expect(of(ledger, T1, 'trust').map((e) => [e.cause.kind, e.amount, e.value])).toEqual([
      ['start', 1_000_000, 1_000_000],
      ['defaced', -20_000, 980_000],
      ['down', -10_000, 970_000],
      ['error', -10_000, 960_000],
    ]);
    expect(state.teams[T1].trustMicro).toBe(960_000);
  });

  it('gives 0.002 per healthy tick, up to 1.0', () => {
    const log = game();
    log.crawl(T1, 1, { probe: 'down' }).close(1);
    log.quietTicks([T1], 2, 8);
    const { state, ledger } = fold(log);
    expect(of(ledger, T1, 'trust', 'healthy').map((e) => [e.atMinute, e.amount])).toEqual([
      [2, 2000],
      [3, 2000],
      [4, 2000],
      [5, 2000],
      [6, 2000],
    ]);
    expect(state.teams[T1].trustMicro).toBe(1_000_000);
  });

  it('takes 0.20 per leak of a succeeded attack; blocked and failed runs cost no trust', () => {
    const log = game(calm());
    attack(log, T1, 'atk-sqli', 'succeeded', 2);
    attack(log, T1, 'atk-sqli', 'blocked', 3);
    attack(log, T1, 'atk-tamper', 'error', 4);
    attack(log, T1, 'atk-tamper', 'succeeded', 5);
    const { state, ledger } = fold(log);
    expect(of(ledger, T1, 'trust', 'leak').map((e) => [e.amount, e.cause.text.en])).toEqual([
      [-200_000, 'customer data leaked by attack SQL injection at 00:02'],
    ]);
    expect(state.teams[T1].trustMicro).toBe(800_000);
    // §7: `error` is a platform fault, never counted against the team.
    expect([state.teams[T1].attacksFaced, state.teams[T1].attacksBlocked]).toEqual([3, 1]);
  });

  it('takes 0.01 per order charged at a tampered price, in one entry for the tick', () => {
    const log = game(calm());
    log.crawl(T1, 1, {
      potential: 4,
      outcomes: { ok: 1, tampered: 3 },
      orders: [order('tea', 2000), order('tea', 1, 1, 2000), order('tea', 1, 1, 2000), order('tea', 1, 1, 2000)],
    });
    log.close(1);
    const { state, ledger } = fold(log);
    expect(of(ledger, T1, 'trust', 'tampered').map((e) => e.amount)).toEqual([-30_000]);
    expect(state.teams[T1].trustMicro).toBe(970_000);
    expect(state.teams[T1].revenueYen).toBe(2003); // what was charged (§4)
  });

  it('clamps trust at 0 and records only the change actually made', () => {
    const log = game(calm({ leak: 0.6 }));
    attack(log, T1, 'atk-sqli', 'succeeded', 1);
    attack(log, T1, 'atk-sqli', 'succeeded', 2);
    attack(log, T1, 'atk-sqli', 'succeeded', 3);
    log.add('notice.published', { teamId: T1, text: 'お詫び', atMinute: 4 });
    const { state, ledger } = fold(log);
    // Half of each harm actually suffered comes back: (600,000 + 400,000) / 2.
    expect(of(ledger, T1, 'trust').map((e) => [e.cause.kind, e.amount, e.value])).toEqual([
      ['start', 1_000_000, 1_000_000],
      ['leak', -600_000, 400_000],
      ['leak', -400_000, 0],
      ['notice', 500_000, 500_000],
    ]);
    expect(state.teams[T1].trustMicro).toBe(500_000);
  });

  it('gives back half of each harm of the last 30 minutes on a public notice, once', () => {
    const log = game(calm(), 2);
    const teams = teamIds(2);
    log.quietTicks(teams, 1, 2);
    attack(log, T1, 'atk-sqli', 'succeeded', 2);
    attack(log, T2, 'atk-sqli', 'succeeded', 2);
    log.quietTicks(teams, 3, 32);
    log.add('notice.published', { teamId: T1, text: 'お詫び', atMinute: 32 }); // exactly 30 minutes later
    log.quietTicks(teams, 33, 33);
    log.add('notice.published', { teamId: T1, text: '続報', atMinute: 33 }); // nothing left to give back
    log.add('notice.published', { teamId: T2, text: 'お詫び', atMinute: 33 }); // 31 minutes: too late
    const { state, ledger } = fold(log);
    expect(of(ledger, T1, 'trust', 'notice').map((e) => [e.atMinute, e.amount])).toEqual([[32, 100_000]]);
    expect(state.teams[T1].trustMicro).toBe(900_000);
    expect(of(ledger, T2, 'trust', 'notice')).toEqual([]);
    expect(state.teams[T2].trustMicro).toBe(800_000);
    expect(state.teams[T2].notices).toEqual([{ atMinute: 33, text: 'お詫び' }]);
  });

  it('gives nothing back for a harm that comes after the notice', () => {
    const log = game(calm());
    log.add('notice.published', { teamId: T1, text: '予告', atMinute: 1 });
    attack(log, T1, 'atk-sqli', 'succeeded', 2);
    const before = fold(log);
    expect(before.state.teams[T1].trustMicro).toBe(800_000);
    log.add('notice.published', { teamId: T1, text: 'お詫び', atMinute: 3 });
    expect(fold(log).state.teams[T1].trustMicro).toBe(900_000);
  });

  it('takes 0.02 once for an inquiry or complaint unanswered at its deadline, charged at the next tick', () => {
    const log = game(calm(), 3);
    const teams = teamIds(3);
    for (const id of teams) log.deliver('inq-shipping', id, 1); // deadline 00:31
    log.deliver('cmp-broken', T1, 1); // deadline 00:06
    log.deliver('press-leak', T1, 1); // a press inquiry is not a customer left unanswered
    log.quietTicks(teams, 1, 30);
    respond(log, T2, 'inq-shipping', 31); // on the deadline: on time
    log.quietTicks(teams, 31, 34);
    respond(log, T3, 'inq-shipping', 34); // late: the charge at tick 32 stands
    log.quietTicks(teams, 35, 70);
    const { ledger } = fold(log);
    expect(
      ledger.filter((e) => e.cause.kind === 'unanswered').map((e) => [e.teamId, e.atMinute, e.cause.ref, e.amount]),
    ).toEqual([
      [T1, 7, 'cmp-broken', -20_000],
      [T1, 32, 'inq-shipping', -20_000],
      [T3, 32, 'inq-shipping', -20_000],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('responses (§6, §9)', () => {
  it('timeliness is 1 up to the deadline, falls linearly to 0 at twice the deadline, 0 after', () => {
    expect(timeliness(1, 30, 0)).toBe(1);
    expect(timeliness(1, 30, 31)).toBe(1);
    expect(timeliness(1, 30, 46)).toBe(0.5);
    expect(timeliness(1, 30, 40)).toBeCloseTo(0.7, 12);
    expect(timeliness(1, 30, 61)).toBe(0);
    expect(timeliness(1, 30, 200)).toBe(0);
  });

  it('auto-grades by the weight of rubric items with a matching keyword (width and case folded)', () => {
    const inquiry = testScenario().timeline.find((i) => i.id === 'inq-shipping');
    const rubric = inquiry?.kind !== 'attack' ? (inquiry?.response?.rubric ?? []) : [];
    expect(autoGrade(rubric, 'ＳＨＩＰＰＥＤ today; call our Phone line')).toBeCloseTo(0.8, 12);
    expect(autoGrade(rubric, 'お詫び申し上げます。本日発送、電話で連絡します')).toBe(1);
    expect(autoGrade(rubric, 'nothing useful')).toBe(0);
    const needsHuman = [
      { id: 'a', text: { ja: 'a', en: 'a' }, weight: 1, keywords: [] },
      { id: 'b', text: { ja: 'b', en: 'b' }, weight: 1, keywords: ['x'] },
    ];
    expect(autoGrade(needsHuman, 'x')).toBe(0.5);
  });

  it('offers the points only when the window closes, with the auto-grade as provisional', () => {
    const log = game();
    log.deliver('inq-shipping', T1, 1); // deadline 00:31, window closes 01:01
    log.quietTicks([T1], 1, 10);
    respond(log, T1, 'inq-shipping', 10, '明日発送します。お電話ください');
    log.quietTicks([T1], 11, 60);
    const at60 = fold(log.build());
    expect(at60.state.teams[T1].units.support).toEqual({ earnedMilli: 0, offeredMilli: 0 });
    expect(unitScores(at60.state.scenario as Scenario, at60.state.teams[T1]).support).toBeNull();
    expect(judgedRatio(at60.state.teams[T1])).toBeUndefined();

    log.quietTicks([T1], 61, 62);
    const { state, ledger } = fold(log);
    expect(state.teams[T1].units.support).toEqual({ earnedMilli: 8000, offeredMilli: 10_000 });
    expect(state.teams[T1].inbox['inq-shipping'].counted).toEqual({ earnedMilli: 8000, provisional: true });
    expect(of(ledger, T1, 'offered').map((e) => [e.atMinute, e.unit, e.amount])).toEqual([[61, 'support', 10_000]]);
    expect(of(ledger, T1, 'earned').map((e) => [e.atMinute, e.amount, e.cause.text.en])).toEqual([
      [61, 8000, 'inq-shipping: auto-graded 0.80 (provisional), timeliness 1.00'],
    ]);
  });

  it('offers the points at grading when that comes first; a regrade corrects by the difference', () => {
    const log = game();
    log.deliver('inq-shipping', T1, 1);
    respond(log, T1, 'inq-shipping', 10);
    grade(log, T1, 'inq-shipping', 0.5, 20);
    grade(log, T1, 'inq-shipping', 1, 25);
    grade(log, T1, 'inq-shipping', 1, 26); // no change, no entry
    log.quietTicks([T1], 1, 70);
    const { state, ledger } = fold(log);
    expect(
      ledger
        .filter((e) => e.component === 'offered' || e.component === 'earned')
        .map((e) => [e.atMinute, e.component, e.amount]),
    ).toEqual([
      [20, 'offered', 10_000],
      [20, 'earned', 5000],
      [25, 'earned', 5000],
    ]);
    expect(state.teams[T1].inbox['inq-shipping'].counted).toEqual({ earnedMilli: 10_000, provisional: false });
  });

  it('scores points × timeliness × grade with the latest response, at its own time', () => {
    const log = game();
    log.deliver('inq-shipping', T1, 1);
    respond(log, T1, 'inq-shipping', 10, 'first');
    respond(log, T1, 'inq-shipping', 46, 'second'); // 15 minutes late of 30: timeliness 0.5
    grade(log, T1, 'inq-shipping', 1, 50);
    const { state } = fold(log);
    expect(state.teams[T1].inbox['inq-shipping'].response).toMatchObject({ text: 'second', atMinute: 46 });
    expect(state.teams[T1].units.support).toEqual({ earnedMilli: 5000, offeredMilli: 10_000 });
  });

  it('keeps the graded response: a response after the grade is ignored', () => {
    const log = game();
    log.deliver('inq-shipping', T1, 1);
    respond(log, T1, 'inq-shipping', 10, 'graded one');
    grade(log, T1, 'inq-shipping', 0.4, 11);
    respond(log, T1, 'inq-shipping', 12, 'too late to replace');
    const { state } = fold(log);
    expect(state.teams[T1].inbox['inq-shipping'].response?.text).toBe('graded one');
    expect(state.teams[T1].units.support.earnedMilli).toBe(4000);
  });

  it('offers the points of an unanswered inject at its close, with nothing earned', () => {
    const log = game();
    log.deliver('inq-shipping', T1, 1);
    log.quietTicks([T1], 1, 61);
    const { state } = fold(log);
    expect(state.teams[T1].units.support).toEqual({ earnedMilli: 0, offeredMilli: 10_000 });
    expect(unitScores(state.scenario as Scenario, state.teams[T1]).support).toBe(0);
  });

  it('asks nothing of an information-only inject', () => {
    const log = game();
    log.deliver('info-holiday', T1, 7);
    respond(log, T1, 'info-holiday', 8);
    grade(log, T1, 'info-holiday', 1, 9);
    log.quietTicks([T1], 1, 30);
    const { state, ledger } = fold(log);
    const item = state.teams[T1].inbox['info-holiday'];
    expect([item.deadlineMinute, item.pointsMilli, item.response, item.counted]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(ledger.filter((e) => e.component === 'offered' || e.component === 'earned')).toEqual([]);
  });

  it('credits the unit the inject is addressed to', () => {
    const log = game();
    log.deliver('press-leak', T1, 3);
    log.deliver('brief-exec', T1, 6);
    respond(log, T1, 'press-leak', 4);
    respond(log, T1, 'brief-exec', 7);
    grade(log, T1, 'press-leak', 1, 8);
    grade(log, T1, 'brief-exec', 1, 8);
    const { state } = fold(log);
    expect(state.teams[T1].units.pr).toEqual({ earnedMilli: 20_000, offeredMilli: 20_000 });
    expect(state.teams[T1].units.management).toEqual({ earnedMilli: 5000, offeredMilli: 5000 });
    expect(state.teams[T1].units.support).toEqual({ earnedMilli: 0, offeredMilli: 0 });
  });

  it('re-credits a response replaced after the window closed (the latest counts, with its own time)', () => {
    const log = game();
    log.deliver('inq-shipping', T1, 1);
    respond(log, T1, 'inq-shipping', 10, '明日発送します。お電話ください');
    log.quietTicks([T1], 1, 61);
    expect(fold(log.build()).state.teams[T1].units.support.earnedMilli).toBe(8000);
    respond(log, T1, 'inq-shipping', 62, '明日発送します。お電話ください'); // timeliness 0 now
    const { state, ledger } = fold(log);
    expect(state.teams[T1].units.support).toEqual({ earnedMilli: 0, offeredMilli: 10_000 });
    expect(of(ledger, T1, 'earned').map((e) => [e.atMinute, e.amount])).toEqual([
      [61, 8000],
      [62, -8000],
    ]);
    expect(of(ledger, T1, 'offered')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe('unit scores and ESC (§9)', () => {
  it('shows tech 100, "—" for sales and response units, and ESC multiplier 1.0 before anything happened', () => {
    const log = game();
    const fresh = fold(log.build()).state;
    expect(unitScores(fresh.scenario as Scenario, fresh.teams[T1])).toEqual({
      management: null,
      sales: null,
      support: null,
      pr: null,
      tech: 100,
      csirt: null,
    });
    log.crawl(T1, 1, { potential: 10, referenceYen: 20_000, outcomes: { ok: 5 }, orders: [order('tea', 2000, 5)] });
    log.close(1);
    const { state } = fold(log);
    expect(unitScores(state.scenario as Scenario, state.teams[T1]).sales).toBe(50);
    expect(state.teams[T1].escYen).toBe(10_000); // 10,000 × trust 1.0 × (0.5 + 0.5)
  });

  it('tech = 60 × availability + 40 × blocked / faced, platform-fault ticks left out', () => {
    const log = game(calm());
    log.crawl(T1, 1).close(1);
    log.crawl(T1, 2, { probe: 'down' }).close(2);
    log.crawl(T1, 3).close(3);
    log.crawl(T1, 4).close(4);
    log.crawl(T1, 5, { probe: 'down', platformFault: true }).close(5);
    attack(log, T1, 'atk-sqli', 'blocked', 5);
    attack(log, T1, 'atk-sqli', 'succeeded', 5);
    attack(log, T1, 'atk-tamper', 'succeeded', 5);
    attack(log, T1, 'atk-tamper', 'error', 5);
    const { state } = fold(log);
    // 60 × (1 − 1/4) + 40 × 1/3 = 45 + 13.33
    expect(unitScores(state.scenario as Scenario, state.teams[T1]).tech).toBe(58.33);
  });

  it('ESC = revenue × trust × (0.5 + earned / offered of all response points)', () => {
    const log = game(calm());
    log.crawl(T1, 1, { potential: 5, referenceYen: 10_000, outcomes: { ok: 5 }, orders: [order('tea', 2000, 5)] });
    log.close(1);
    log.deliver('inq-shipping', T1, 1);
    log.crawl(T1, 2, { probe: 'down' }).close(2); // trust 0.99
    respond(log, T1, 'inq-shipping', 2);
    grade(log, T1, 'inq-shipping', 0.5, 3); // judged 5 / 10
    const halfJudged = fold(log.build()).state.teams[T1];
    expect(halfJudged.escYen).toBe(9900); // 10,000 × 0.99 × 1.0
    log.deliver('press-leak', T1, 3);
    grade(log, T1, 'press-leak', 0, 4); // judged 5 / 30
    const { state } = fold(log);
    expect(state.teams[T1].escYen).toBe(6600); // 10,000 × 0.99 × (0.5 + 1/6)
    expect(state.teams[T1].escReachedAtMinute).toBe(4);
    expect(unitScores(state.scenario as Scenario, state.teams[T1])).toMatchObject({ support: 50, pr: 0 });
  });

  it('adds organiser adjustments: yen on ESC, points on a unit, scores kept within 0-100', () => {
    const log = game();
    log.deliver('inq-shipping', T1, 1);
    respond(log, T1, 'inq-shipping', 2);
    grade(log, T1, 'inq-shipping', 0.8, 3);
    const adjust = (target: 'esc' | 'support' | 'csirt', amount: number, atMinute: number) =>
      log.add('score.adjusted', { teamId: T1, target, amount, reason: 'judges', by: 'control', atMinute });
    adjust('support', 30, 4);
    const over = fold(log.build()).state;
    expect(unitScores(over.scenario as Scenario, over.teams[T1]).support).toBe(100); // 80 + 30, capped
    adjust('support', -200, 5);
    adjust('csirt', 10, 5);
    adjust('esc', 1000, 6);
    const { state, ledger } = fold(log);
    const scores = unitScores(state.scenario as Scenario, state.teams[T1]);
    expect(scores.support).toBe(0); // 80 + 30 − 200, floored
    expect(scores.csirt).toBeNull(); // nothing offered: still "—"
    expect(state.teams[T1].escYen).toBe(1000);
    expect(state.teams[T1].unitAdjust).toEqual({ support: -170, csirt: 10 });
    expect(of(ledger, T1, 'adjustment').map((e) => [e.unit, e.amount, e.value])).toEqual([
      ['support', 30, 30],
      ['support', -200, -170],
      ['csirt', 10, 10],
      [undefined, 1000, 1000],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('ranking and awards (§9)', () => {
  /** Down ticks cost no trust here, so that downtime can differ while ESC ties. */
  const tieScenario = () => calm({ downTick: 0 });

  it('ranks by ESC, then fewer downtime minutes, then the earlier time of reaching the final score', () => {
    const log = game(tieScenario(), 5);
    const sale = (yen: number) => ({
      potential: 5,
      referenceYen: 20_000,
      outcomes: { ok: 1 },
      orders: [order('tea', yen)],
    });
    log.crawl(T1, 1, sale(10_000)).crawl(T2, 1).crawl(T3, 1, sale(10_000)).crawl(T4, 1, sale(10_000));
    log.crawl(T5, 1, sale(20_000)).close(1);
    log.crawl(T1, 2).crawl(T2, 2, sale(10_000)).crawl(T3, 2, { probe: 'down' }).crawl(T4, 2).crawl(T5, 2).close(2);
    const { state } = fold(log);
    expect(standings(state).map((r) => [r.team, r.rank, r.esc, r.downtimeMinutes])).toEqual([
      [T5, 1, 20_000, 0],
      [T1, 2, 10_000, 0], // reached 10,000 at tick 1
      [T4, 2, 10_000, 0], // the same in every respect: shares the rank, listed by number
      [T2, 4, 10_000, 0], // reached 10,000 only at tick 2
      [T3, 5, 10_000, 1], // one downtime minute
    ]);
    expect([state.teams[T1].escReachedAtMinute, state.teams[T2].escReachedAtMinute]).toEqual([1, 2]);
  });

  it('dates the final ESC by the events that changed it, not by values passed through within one event', () => {
    const log = game(tieScenario(), 2);
    const sale = { potential: 5, referenceYen: 20_000, outcomes: { ok: 1 }, orders: [order('tea', 10_000)] };
    log.crawl(T1, 1, sale).crawl(T2, 1).close(1);
    log.deliver('inq-shipping', T1, 1);
    log.crawl(T1, 2).crawl(T2, 2, sale).close(2);
    respond(log, T1, 'inq-shipping', 3);
    // Offering 10 points, then crediting 5, leaves the multiplier at 1.0: the ESC never moves.
    grade(log, T1, 'inq-shipping', 0.5, 5);
    const { state } = fold(log);
    expect([state.teams[T1].escYen, state.teams[T1].escReachedAtMinute]).toEqual([10_000, 1]);
    expect(standings(state).map((r) => [r.team, r.rank])).toEqual([
      [T1, 1],
      [T2, 2],
    ]);
  });

  it('gives the grand prix, unit awards (ties: fewer downtime minutes first) and the alliance ranking', () => {
    const log = game(tieScenario(), 4, ['east', 'west', 'east', undefined]);
    const teams = teamIds(4);
    const sale = (yen: number) => ({
      potential: 20,
      referenceYen: 40_000,
      outcomes: { ok: 1 },
      orders: [order('tea', yen)],
    });
    log.crawl(T1, 1, sale(30_000)).crawl(T2, 1, sale(10_000)).crawl(T3, 1, sale(5000)).crawl(T4, 1, sale(1000));
    log.close(1);
    for (const id of teams) log.deliver('inq-shipping', id, 1);
    log.crawl(T1, 2, { probe: 'down' }).crawl(T2, 2).crawl(T3, 2).crawl(T4, 2).close(2);
    for (const id of [T1, T2, T3]) respond(log, id, 'inq-shipping', 2);
    grade(log, T1, 'inq-shipping', 1, 3);
    grade(log, T2, 'inq-shipping', 1, 3);
    grade(log, T3, 'inq-shipping', 0.5, 3);
    log.quietTicks(teams, 3, 3);
    const { state } = fold(log);
    expect(standings(state).map((r) => [r.team, r.esc])).toEqual([
      [T1, 45_000], // 30,000 × 1.0 × 1.5
      [T2, 15_000],
      [T3, 5000],
      [T4, 1000],
    ]);
    expect(awards(state)).toEqual({
      grandPrix: [T1],
      units: {
        management: null,
        sales: T1, // 75
        support: T2, // 100, tied with team 1, which has a downtime minute
        pr: null,
        tech: T2, // 100 for teams 2-4 (team 1: 80); none was down: standings order
        csirt: null,
      },
      alliances: [
        { alliance: 'east', esc: 50_000, teams: [T1, T3] },
        { alliance: 'west', esc: 15_000, teams: [T2] },
      ],
    });
  });

  it('has no winners without teams', () => {
    const { state } = fold(game(testScenario(), 0));
    expect(standings(state)).toEqual([]);
    expect(awards(state)).toEqual({
      grandPrix: [],
      units: { management: null, sales: null, support: null, pr: null, tech: null, csirt: null },
      alliances: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('ledger and fold mechanics (§9, architecture)', () => {
  it('makes one entry of the orders of one tick', () => {
    const log = game();
    log.crawl(T1, 3, {
      potential: 7,
      referenceYen: 14_000,
      outcomes: { ok: 7 },
      orders: Array.from({ length: 7 }, () => order('tea', 2000)),
    });
    const { ledger } = fold(log);
    expect(of(ledger, T1, 'revenue').map((e) => [e.amount, e.cause.text])).toEqual([
      [14_000, { ja: '7 件の注文 (tick 3)', en: '7 orders, tick 3' }],
    ]);
  });

  it('refuses a log that does not start with game.created', () => {
    const events = game().build().slice(1);
    expect(() => foldEvents(undefined, events)).toThrow(FoldError);
  });

  it('ignores events of unknown teams and a second registration of a team', () => {
    const log = game();
    log.team(T1, 'Impostor', 9);
    log.crawl('team-9', 1, { orders: [order('tea', 2000)] });
    log.add('loan.taken', { teamId: 'team-9', amountYen: 1000, atMinute: 1 });
    const { state, ledger } = fold(log);
    expect(state.teamOrder).toEqual([T1]);
    expect(state.teams[T1].name).toBe('Team 1');
    expect(ledger.every((e) => e.teamId === T1)).toBe(true);
  });

  it('skips events a snapshot already holds', () => {
    const log = game();
    log.crawl(T1, 1, { orders: [order('tea', 2000)] }).close(1);
    const events = log.build();
    const once = fold(events);
    const again = foldWithLedger(events, once.state);
    expect(again.state).toEqual(once.state);
    expect(again.ledger).toEqual([]);
  });
});

describe('joint winners', () => {
  it('names every team that ties on ESC and on both tie-breaks as grand prix winners', () => {
    const log = game(calm({ downTick: 0 }), 4);
    const sale = (yen: number) => ({
      potential: 5,
      referenceYen: 20_000,
      outcomes: { ok: 1 },
      orders: [order('tea', yen)],
    });
    log.crawl(T1, 1, sale(10_000)).crawl(T2, 1, sale(10_000)).crawl(T3, 1, sale(5000)).crawl(T4, 1).close(1);
    const { state } = fold(log);
    expect(standings(state).map((r) => [r.team, r.rank])).toEqual([
      [T1, 1],
      [T2, 1],
      [T3, 3],
      [T4, 4],
    ]);
    expect(awards(state).grandPrix).toEqual([T1, T2]);
  });
});
