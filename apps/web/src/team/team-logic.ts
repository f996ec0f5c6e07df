import type { ClockView, InboxEntry, TeamView, UnitId } from '@mamoru/domain';

/*
 * The team dashboard's rules of display, without React: who may do what, inbox states and
 * countdowns, the game minute now.
 */

const MINUTE_MS = 60_000;

/** Why team actions are refused now (409 on the server), as a message key; null while running. */
/**
 * Which unit may take each team action: `ACTION_UNITS` of @mamoru/domain (rules/action-units.ts),
 * restated because a value from the domain's index would bring zod into the page; team-logic.spec
 * checks the two are the same. The server decides; the page only shows each member their panels.
 */
export const ACTION_UNITS = {
  stockOrder: 'sales',
  price: 'sales',
  ad: 'sales',
  marketRequest: undefined,
  marketDecision: 'management',
  loan: 'management',
  repayment: 'management',
  notice: 'pr',
  memberMove: 'management',
  shopConsole: 'tech',
} as const satisfies Record<string, UnitId | undefined>;

/** Whether a member holding `units` may take `action` (an action of no unit: any member). */
export function mayTake(units: readonly UnitId[], action: keyof typeof ACTION_UNITS): boolean {
  const unit = ACTION_UNITS[action];
  return unit === undefined || units.includes(unit);
}

export type BlockReason = 'team.blocked.created' | 'team.blocked.paused' | 'team.blocked.ended';

export function actionBlock(status: ClockView['status']): BlockReason | null {
  switch (status) {
    case 'created':
      return 'team.blocked.created';
    case 'paused':
      return 'team.blocked.paused';
    case 'ended':
      return 'team.blocked.ended';
    default:
      return null;
  }
}

/** The units the member holds now (the log decides; management may change them live). */
export function memberUnits(view: Pick<TeamView, 'members'>, memberId: string | undefined): UnitId[] {
  return view.members.find((m) => m.memberId === memberId)?.units ?? [];
}

export type InboxStatus = 'open' | 'answered' | 'graded' | 'closed' | 'info';

/**
 * An inbox item's state at game minute `nowMinute`: `info` asks for no response; `graded` is final;
 * `answered` may still be replaced; `closed` was not answered before its closing minute.
 */
export function inboxStatus(entry: InboxEntry, nowMinute: number): InboxStatus {
  if (entry.points === undefined) return 'info';
  if (entry.grade) return 'graded';
  if (entry.response) return 'answered';
  if (entry.closesMinute !== undefined && nowMinute >= entry.closesMinute) return 'closed';
  return 'open';
}

/** Items of `unit` still waiting for a response. */
export function openCount(inbox: readonly InboxEntry[], unit: UnitId, nowMinute: number): number {
  return inbox.filter((e) => e.unit === unit && inboxStatus(e, nowMinute) === 'open').length;
}

/** Game time left before the deadline, in ms (negative once past); null without a deadline. */
export function msToDeadline(entry: Pick<InboxEntry, 'deadlineMinute'>, gameMs: number): number | null {
  return entry.deadlineMinute === undefined ? null : entry.deadlineMinute * MINUTE_MS - gameMs;
}

/** A countdown: `MM:SS`, or `H:MM:SS` from an hour up; null once the time is past. */
export function formatCountdown(ms: number): string | null {
  if (ms <= 0) return null;
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The current game minute (whole minutes elapsed). */
export function minuteOf(gameMs: number): number {
  return Math.floor(Math.max(0, gameMs) / MINUTE_MS);
}
