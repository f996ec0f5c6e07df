import { foldEvents } from '../fold/fold';
import { foldWithLedger } from '../testing-support/fold';
import { logBuilder } from '../testing-support/events';
import { testScenario } from '../testing-support/scenario';
import {
  decideAdjustment,
  decideAnnouncement,
  decideFire,
  decideFreeze,
  decideGrade,
  decidePause,
  decideReschedule,
  decideResume,
  decideSandboxReset,
  decideSkip,
  decideSpeed,
  decideStart,
  decideStop,
  decideTransfer,
  decideUnfreeze,
  memberAway,
} from './organiser-actions';
import { decideAd, decideMarketDecision, decideMarketRequest, decideMemberMove, RuleViolation } from './team-actions';
import { actionMinute, injectsDueAt, scheduledMinute } from './timeline';

const violation = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof RuleViolation) return error.code;
    throw error;
  }
  return 'allowed';
};

const scenario = testScenario({
  economy: { startingCashYen: 1_000_000, adCostYen: 400_000 },
  marketplace: [
    { id: 'waf', name: { ja: 'WAF', en: 'WAF' }, category: 'monitoring', priceYen: 700_000, leadMinutes: 10 },
  ],
});

function baseLog() {
  const log = logBuilder().created(scenario).team('t1', 'Team 1', 1).team('t2', 'Team 2', 2);
  log.add('member.registered', { memberId: 'alice', teamId: 't1', name: 'Alice', units: ['management'] });
  log.add('member.registered', { memberId: 'bob', teamId: 't1', name: 'Bob', units: ['support', 'pr'] });
  return log;
}

describe('organiser rules', () => {
  it('moves the clock only from a state that allows it', () => {
    const created = foldEvents(undefined, baseLog().build());
    expect(decideStart(created, { speed: 60, by: 'admin' })).toEqual({ speed: 60, by: 'admin' });
    expect(violation(() => decidePause(created, { by: 'admin' }))).toBe('CONFLICT');
    expect(violation(() => decideStart(created, { speed: 0, by: 'admin' }))).toBe('INVALID');
    expect(violation(() => decideStart(created, { speed: 1e9, by: 'admin' }))).toBe('INVALID');
    const running = foldEvents(undefined, baseLog().start(60).build());
    expect(violation(() => decideStart(running, { speed: 1, by: 'admin' }))).toBe('CONFLICT');
    expect(violation(() => decideResume(running, { by: 'admin' }))).toBe('CONFLICT');
    expect(decideSpeed(running, { speed: 120, by: 'admin' }).speed).toBe(120);
    expect(decideStop(running, { by: 'admin', atMinute: 3 })).toEqual({ atMinute: 3, by: 'admin' });
  });

  it('fires, skips and reschedules only injects still waiting, and the timeline follows', () => {
    const log = baseLog().start();
    const state = foldEvents(undefined, log.build());
    expect(decideFire(state, { injectId: 'press-leak', by: 'admin', atMinute: 1 }).injectId).toBe('press-leak');
    expect(violation(() => decideFire(state, { injectId: 'nope', by: 'admin', atMinute: 1 }))).toBe('NOT_FOUND');
    expect(
      violation(() => decideReschedule(state, { injectId: 'press-leak', toMinute: 0, by: 'a', atMinute: 1 })),
    ).toBe('INVALID');
    log.add('inject.skipped', { injectId: 'press-leak', by: 'admin', atMinute: 1 });
    log.add('inject.rescheduled', { injectId: 'atk-sqli', toMinute: 9, by: 'admin', atMinute: 1 });
    log.add('inject.fired', { injectId: 'cmp-broken', by: 'admin', atMinute: 1 });
    const after = foldEvents(undefined, log.build());
    const inject = (id: string) => after.scenario!.timeline.find((i) => i.id === id)!;
    expect(scheduledMinute(after, inject('press-leak'))).toBeUndefined();
    expect(scheduledMinute(after, inject('cmp-broken'))).toBeUndefined();
    expect(scheduledMinute(after, inject('atk-sqli'))).toBe(9);
    expect(injectsDueAt(after, 2).map((i) => i.id)).toEqual([]);
    expect(injectsDueAt(after, 9).map((i) => i.id)).toEqual(['atk-sqli']);
    expect(violation(() => decideSkip(after, { injectId: 'press-leak', by: 'admin', atMinute: 1 }))).toBe('CONFLICT');
  });

  it('grades by rubric weights, and refuses unknown or missing items', () => {
    const log = baseLog().start().deliver('inq-shipping', 't1', 1);
    log.add('response.submitted', { injectId: 'inq-shipping', teamId: 't1', text: 'we ship', atMinute: 2 });
    const state = foldEvents(undefined, log.build());
    const grade = decideGrade(state, {
      teamId: 't1',
      injectId: 'inq-shipping',
      items: { apology: 1, 'ship-date': 1, contact: 0 },
      by: 'grader',
      atMinute: 3,
    });
    expect(grade.grade).toBeCloseTo(3 / 5, 6);
    const request = { teamId: 't1', injectId: 'inq-shipping', by: 'g', atMinute: 3 };
    expect(violation(() => decideGrade(state, { ...request, items: { apology: 1 } }))).toBe('INVALID');
    expect(
      violation(() => decideGrade(state, { ...request, items: { apology: 1, 'ship-date': 1, contact: 1, x: 1 } })),
    ).toBe('INVALID');
    expect(violation(() => decideGrade(state, { ...request, grade: 1.5 }))).toBe('INVALID');
    expect(violation(() => decideGrade(state, { ...request, teamId: 't2', grade: 1 }))).toBe('NOT_FOUND');
  });

  it('needs a reason for an adjustment, and freezes once', () => {
    const state = foldEvents(undefined, baseLog().start().build());
    const adjust = { teamId: 't1', target: 'esc' as const, amount: 1000, by: 'admin', atMinute: 1 };
    expect(violation(() => decideAdjustment(state, { ...adjust, reason: '  ' }))).toBe('INVALID');
    expect(decideAdjustment(state, { ...adjust, reason: ' bonus ' }).reason).toBe('bonus');
    expect(violation(() => decideUnfreeze(state, { by: 'admin', atMinute: 1 }))).toBe('CONFLICT');
    const log = baseLog().start();
    log.add('board.frozen', { by: 'admin', atMinute: 5 });
    const frozen = foldEvents(undefined, log.build());
    expect(frozen.freeze).toEqual({ seq: frozen.seq, atMinute: 5, by: 'admin' });
    expect(violation(() => decideFreeze(frozen, { by: 'admin', atMinute: 6 }))).toBe('CONFLICT');
  });

  it('sends a member away on a transfer for a while', () => {
    const log = baseLog().start();
    const state = foldEvents(undefined, log.build());
    const transfer = decideTransfer(state, { memberId: 'bob', minutes: 30, by: 'admin', atMinute: 10 });
    log.add('member.transferred', transfer);
    const after = foldEvents(undefined, log.build());
    expect(memberAway(after, 'bob', 39)).toBe(true);
    expect(memberAway(after, 'bob', 40)).toBe(false);
    expect(memberAway(after, 'alice', 20)).toBe(false);
    expect(violation(() => decideTransfer(state, { memberId: 'zed', minutes: 3, by: 'a', atMinute: 1 }))).toBe(
      'NOT_FOUND',
    );
  });

  it('counts an action in the clock minute, never before the last closed tick', () => {
    const log = baseLog().start(60);
    const state = foldEvents(undefined, log.build());
    const started = state.clock.anchorWallMs;
    expect(actionMinute(state, started + 2500)).toBe(2); // 150 game seconds
    state.tick = 5;
    expect(actionMinute(state, started + 2500)).toBe(5);
    expect(actionMinute(state, started + 10_000_000)).toBe(scenario.durationMinutes - 1);
  });
});

describe('team rules for ads, the marketplace and staffing', () => {
  const log = baseLog().start();
  const state = foldEvents(undefined, log.build());
  const team = state.teams.t1;

  it('buys a campaign on the scenario terms', () => {
    expect(decideAd(state, team, { atMinute: 2 })).toEqual({
      teamId: 't1',
      costYen: 400_000,
      boost: 1.3,
      durationMinutes: 60,
      atMinute: 2,
    });
  });

  it('charges an approved item once, after a request, and only with the cash', () => {
    const request = decideMarketRequest(state, team, { requestId: 'r1', itemId: 'waf', memberId: 'bob', atMinute: 2 });
    expect(violation(() => decideMarketRequest(state, team, { requestId: 'r2', itemId: 'ids', atMinute: 2 }))).toBe(
      'NOT_FOUND',
    );
    log.add('market.requested', request);
    const requested = foldEvents(undefined, log.build());
    expect(
      violation(() =>
        decideMarketRequest(requested, requested.teams.t1, { requestId: 'r2', itemId: 'waf', atMinute: 3 }),
      ),
    ).toBe('CONFLICT');
    const approval = decideMarketDecision(requested, requested.teams.t1, {
      requestId: 'r1',
      approved: true,
      by: 'alice',
      atMinute: 4,
    });
    expect(approval.priceYen).toBe(700_000);
    log.add('market.decided', approval);
    const { state: after, ledger } = foldWithLedger(log.build());
    expect(after.teams.t1.cashYen).toBe(300_000);
    expect(after.teams.t1.market.r1).toMatchObject({ status: 'approved', activeFromMinute: 14, decidedBy: 'alice' });
    expect(ledger.filter((e) => e.teamId === 't1').at(-1)).toMatchObject({ component: 'cash', amount: -700_000 });
    expect(
      violation(() =>
        decideMarketDecision(after, after.teams.t1, { requestId: 'r1', approved: true, by: 'alice', atMinute: 5 }),
      ),
    ).toBe('CONFLICT');
  });

  it('moves members within their team between the game units', () => {
    expect(decideMemberMove(state, team, { memberId: 'bob', units: ['tech'], by: 'alice', atMinute: 3 }).units).toEqual(
      ['tech'],
    );
    expect(
      violation(() =>
        decideMemberMove(state, state.teams.t2, { memberId: 'bob', units: ['tech'], by: 'x', atMinute: 3 }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      violation(() =>
        decideMemberMove(state, team, { memberId: 'bob', units: ['tech', 'tech'], by: 'alice', atMinute: 3 }),
      ),
    ).toBe('INVALID');
    expect(state.members.bob).toMatchObject({ teamId: 't1', order: 2, units: ['support', 'pr'] });
  });
});

describe('organiser rules for announcements and sandbox resets', () => {
  it('keeps an announcement as written, trimmed, within 2,000 characters', () => {
    const text = '  <script>alert(1)</script> 13:00 から記者会見  ';
    expect(decideAnnouncement({ announcementId: 'a1', text, by: 'admin', atMinute: 4 })).toEqual({
      announcementId: 'a1',
      text: text.trim(),
      by: 'admin',
      atMinute: 4,
    });
    expect(violation(() => decideAnnouncement({ announcementId: 'a1', text: '   ', by: 'a', atMinute: 4 }))).toBe(
      'INVALID',
    );
    expect(
      violation(() => decideAnnouncement({ announcementId: 'a1', text: 'x'.repeat(2001), by: 'a', atMinute: 4 })),
    ).toBe('INVALID');
  });

  it("resets a known team's shop, with a reason, until the game ends", () => {
    const log = baseLog().start();
    const state = foldEvents(undefined, log.build());
    const reset = { teamId: 't1', by: 'admin', reason: ' locked out ', atMinute: 7 };
    expect(decideSandboxReset(state, reset)).toEqual({ ...reset, reason: 'locked out' });
    expect(violation(() => decideSandboxReset(state, { ...reset, teamId: 't9' }))).toBe('NOT_FOUND');
    expect(violation(() => decideSandboxReset(state, { ...reset, reason: ' ' }))).toBe('INVALID');
    log.add('game.ended', { atMinute: 8 });
    expect(violation(() => decideSandboxReset(foldEvents(undefined, log.build()), reset))).toBe('GAME_OVER');
  });
});
