import { inboxEntry, teamTestView } from './test-team-view';
import { ACTION_UNITS as DOMAIN_ACTION_UNITS } from '@mamoru/domain';
import {
  ACTION_UNITS,
  actionBlock,
  formatCountdown,
  inboxStatus,
  mayTake,
  memberUnits,
  msToDeadline,
  openCount,
} from './team-logic';

describe('team dashboard rules', () => {
  it("gates each action by the domain's units", () => {
    expect(ACTION_UNITS).toEqual(DOMAIN_ACTION_UNITS);
    expect(mayTake(['sales', 'management'], 'loan')).toBe(true);
    expect(mayTake(['tech', 'support'], 'loan')).toBe(false);
    expect(mayTake(['tech'], 'shopConsole')).toBe(true);
    expect(mayTake(['pr'], 'marketRequest')).toBe(true);
  });

  it('refuses actions unless the game runs', () => {
    expect(actionBlock('running')).toBeNull();
    expect(actionBlock('created')).toBe('team.blocked.created');
    expect(actionBlock('paused')).toBe('team.blocked.paused');
    expect(actionBlock('ended')).toBe('team.blocked.ended');
  });

  it("reads the member's units from the view's members, not the token", () => {
    const view = teamTestView();
    expect(memberUnits(view, 'm-tech')).toEqual(['tech', 'support']);
    expect(memberUnits(view, 'nobody')).toEqual([]);
    expect(memberUnits(view, undefined)).toEqual([]);
  });

  it('says where each inbox item stands', () => {
    const base = { injectId: 'i', unit: 'support' as const, points: 10, deadlineMinute: 8, closesMinute: 14 };
    expect(inboxStatus(inboxEntry(base), 5)).toBe('open');
    expect(inboxStatus(inboxEntry(base), 13)).toBe('open');
    expect(inboxStatus(inboxEntry(base), 14)).toBe('closed');
    const response = { text: 'x', atMinute: 4, compensationYen: 0 };
    expect(inboxStatus(inboxEntry({ ...base, response }), 20)).toBe('answered');
    expect(inboxStatus(inboxEntry({ ...base, response, grade: { value: 0.5, atMinute: 9 } }), 9)).toBe('graded');
    expect(inboxStatus(inboxEntry({ injectId: 'n', unit: 'support' }), 5)).toBe('info');
  });

  it('counts the open items of one unit', () => {
    const inbox = [
      inboxEntry({ injectId: 'a', unit: 'support', points: 10, closesMinute: 30 }),
      inboxEntry({
        injectId: 'b',
        unit: 'support',
        points: 10,
        closesMinute: 30,
        response: { text: 'x', atMinute: 3, compensationYen: 0 },
      }),
      inboxEntry({ injectId: 'c', unit: 'tech', points: 10, closesMinute: 30 }),
      inboxEntry({ injectId: 'd', unit: 'support' }),
    ];
    expect(openCount(inbox, 'support', 10)).toBe(1);
    expect(openCount(inbox, 'tech', 10)).toBe(1);
    expect(openCount(inbox, 'tech', 30)).toBe(0);
  });

  it('counts down to the deadline in game time', () => {
    expect(msToDeadline({ deadlineMinute: 8 }, 5 * 60_000)).toBe(180_000);
    expect(msToDeadline({}, 0)).toBeNull();
    expect(formatCountdown(180_000)).toBe('03:00');
    expect(formatCountdown(61_500)).toBe('01:02');
    expect(formatCountdown(2 * 3600_000 + 5 * 60_000 + 9_000)).toBe('2:05:09');
    expect(formatCountdown(0)).toBeNull();
    expect(formatCountdown(-1000)).toBeNull();
  });
});
