import type { EventData } from '../events/events';
import type { GameState } from '../fold/state';
import { injectById } from '../scenario/scenario';
import type { UnitId } from '../scenario/schema';
import { UNIT_IDS } from '../scenario/schema';
import { RuleViolation } from './team-actions';
import { scheduledMinute } from './timeline';

/**
 * The rules of what organisers may do (game-model §1, §6, §9, §10): each decision returns the
 * payload of the event to append (it carries the organiser's identity and reason: the audit
 * trail), or throws a RuleViolation.
 */

export const MAX_SPEED = 10_000;

export function decideStart(state: GameState, request: { speed: number; by: string }): EventData<'clock.started'> {
  if (state.clock.status !== 'created')
    throw new RuleViolation('CONFLICT', `the game is already ${state.clock.status}`);
  return { speed: checkSpeed(request.speed), by: request.by };
}

export function decidePause(state: GameState, request: { by: string; reason?: string }): EventData<'clock.paused'> {
  if (state.clock.status !== 'running')
    throw new RuleViolation('CONFLICT', `the game is ${state.clock.status}, not running`);
  return { by: request.by, reason: request.reason };
}

export function decideResume(state: GameState, request: { by: string }): EventData<'clock.resumed'> {
  if (state.clock.status !== 'paused')
    throw new RuleViolation('CONFLICT', `the game is ${state.clock.status}, not paused`);
  return { by: request.by };
}

export function decideSpeed(
  state: GameState,
  request: { speed: number; by: string },
): EventData<'clock.speed-changed'> {
  if (state.clock.status === 'ended' || state.ended) throw new RuleViolation('GAME_OVER', 'the game has ended');
  return { speed: checkSpeed(request.speed), by: request.by };
}

export function decideStop(
  state: GameState,
  request: { by: string; reason?: string; atMinute: number },
): EventData<'game.ended'> {
  if (state.ended) throw new RuleViolation('GAME_OVER', 'the game has already ended');
  return { atMinute: request.atMinute, by: request.by, reason: request.reason };
}

function checkSpeed(speed: number): number {
  if (!(Number.isFinite(speed) && speed > 0 && speed <= MAX_SPEED))
    throw new RuleViolation('INVALID', `speed must be greater than 0 and at most ${MAX_SPEED}`);
  return speed;
}

/** An inject can be fired, skipped or moved only while it is still waiting on the timeline. */
function waitingInject(state: GameState, injectId: string, atMinute: number) {
  if (state.ended) throw new RuleViolation('GAME_OVER', 'the game has ended');
  const inject = injectById(state.scenario!, injectId);
  if (!inject) throw new RuleViolation('NOT_FOUND', `no inject "${injectId}" in the timeline`);
  const due = scheduledMinute(state, inject);
  if (due === undefined) throw new RuleViolation('CONFLICT', `inject "${injectId}" was already fired or skipped`);
  if (due < atMinute || (due === atMinute && state.tick > due))
    throw new RuleViolation('CONFLICT', `inject "${injectId}" has already fired at its scheduled time`);
  return inject;
}

export function decideFire(
  state: GameState,
  request: { injectId: string; by: string; reason?: string; atMinute: number },
): EventData<'inject.fired'> {
  if (state.clock.status !== 'running') throw new RuleViolation('CONFLICT', 'injects fire only while the game runs');
  waitingInject(state, request.injectId, request.atMinute);
  return request;
}

export function decideSkip(
  state: GameState,
  request: { injectId: string; by: string; reason?: string; atMinute: number },
): EventData<'inject.skipped'> {
  waitingInject(state, request.injectId, request.atMinute);
  return request;
}

export function decideReschedule(
  state: GameState,
  request: { injectId: string; toMinute: number; by: string; reason?: string; atMinute: number },
): EventData<'inject.rescheduled'> {
  waitingInject(state, request.injectId, request.atMinute);
  const last = state.scenario!.durationMinutes - 1;
  if (!Number.isInteger(request.toMinute) || request.toMinute <= request.atMinute || request.toMinute > last)
    throw new RuleViolation('INVALID', `the new time must be a later minute of the game (up to ${last})`);
  return request;
}

/**
 * A grade by rubric: each item scored in [0, 1], weighted as the rubric says; or one overall
 * grade. Regrading is allowed at any time and logged like the first grade.
 */
export function decideGrade(
  state: GameState,
  request: {
    teamId: string;
    injectId: string;
    items?: Record<string, number>;
    grade?: number;
    comment?: string;
    by: string;
    atMinute: number;
  },
): EventData<'response.graded'> {
  const team = state.teams[request.teamId];
  if (!team) throw new RuleViolation('NOT_FOUND', `no team "${request.teamId}"`);
  const item = team.inbox[request.injectId];
  const inject = injectById(state.scenario!, request.injectId);
  if (!item || !inject || inject.kind === 'attack' || !inject.response)
    throw new RuleViolation('NOT_FOUND', `team "${request.teamId}" has no response to grade for "${request.injectId}"`);
  if (!item.response) throw new RuleViolation('CONFLICT', 'nothing has been submitted yet');
  let grade: number;
  if (request.items) {
    const rubric = inject.response.rubric;
    const unknown = Object.keys(request.items).find((id) => !rubric.some((r) => r.id === id));
    if (unknown) throw new RuleViolation('INVALID', `the rubric has no item "${unknown}"`);
    const missing = rubric.find((r) => request.items![r.id] === undefined);
    if (missing) throw new RuleViolation('INVALID', `rubric item "${missing.id}" has no score`);
    const total = rubric.reduce((sum, r) => sum + r.weight, 0);
    grade = rubric.reduce((sum, r) => sum + r.weight * request.items![r.id], 0) / total;
  } else if (request.grade !== undefined) {
    grade = request.grade;
  } else {
    throw new RuleViolation('INVALID', 'give a score for every rubric item, or an overall grade');
  }
  const scores = request.items ? Object.values(request.items) : [grade];
  if (scores.some((s) => !(s >= 0 && s <= 1))) throw new RuleViolation('INVALID', 'scores are from 0 to 1');
  return {
    injectId: request.injectId,
    teamId: request.teamId,
    grade: Math.round(grade * 1e6) / 1e6,
    items: request.items,
    by: request.by,
    comment: request.comment,
    atMinute: request.atMinute,
  };
}

export function decideAdjustment(
  state: GameState,
  request: { teamId: string; target: 'esc' | UnitId; amount: number; reason: string; by: string; atMinute: number },
): EventData<'score.adjusted'> {
  if (!state.teams[request.teamId]) throw new RuleViolation('NOT_FOUND', `no team "${request.teamId}"`);
  if (request.target !== 'esc' && !(UNIT_IDS as readonly string[]).includes(request.target))
    throw new RuleViolation('INVALID', `no score "${request.target}"`);
  if (!Number.isFinite(request.amount) || request.amount === 0)
    throw new RuleViolation('INVALID', 'an adjustment is a non-zero number');
  if (request.reason.trim().length === 0) throw new RuleViolation('INVALID', 'an adjustment needs a reason');
  return { ...request, reason: request.reason.trim() };
}

export function decideFreeze(state: GameState, request: { by: string; atMinute: number }): EventData<'board.frozen'> {
  if (state.freeze) throw new RuleViolation('CONFLICT', 'the board is already frozen');
  return request;
}

export function decideUnfreeze(
  state: GameState,
  request: { by: string; atMinute: number },
): EventData<'board.unfrozen'> {
  if (!state.freeze) throw new RuleViolation('CONFLICT', 'the board is not frozen');
  return request;
}

/** 人事異動 fired by hand: the member is away (login refused) for `minutes` game minutes. */
export function decideTransfer(
  state: GameState,
  request: { memberId: string; minutes: number; by: string; reason?: string; atMinute: number },
): EventData<'member.transferred'> {
  const member = state.members[request.memberId];
  if (!member) throw new RuleViolation('NOT_FOUND', `no member "${request.memberId}"`);
  if (!Number.isInteger(request.minutes) || request.minutes < 1 || request.minutes > 24 * 60)
    throw new RuleViolation('INVALID', 'a transfer lasts 1 to 1,440 game minutes');
  return {
    memberId: member.memberId,
    untilMinute: request.atMinute + request.minutes,
    by: request.by,
    reason: request.reason,
    atMinute: request.atMinute,
  };
}

/** Whether a member is away on a transfer at game minute `atMinute`. */
export function memberAway(state: GameState, memberId: string, atMinute: number): boolean {
  const until = state.members[memberId]?.transferredUntilMinute;
  return until !== undefined && atMinute < until;
}

const MAX_ANNOUNCEMENT_CHARS = 2000;

/** An announcement to every screen; its text is kept as written (trimmed), never rendered as markup. */
export function decideAnnouncement(request: {
  announcementId: string;
  text: string;
  by: string;
  atMinute: number;
}): EventData<'announcement.posted'> {
  const text = request.text.trim();
  if (text.length === 0 || text.length > MAX_ANNOUNCEMENT_CHARS)
    throw new RuleViolation('INVALID', 'an announcement is 1 to 2,000 characters');
  if (request.announcementId.length === 0 || request.announcementId.length > 100)
    throw new RuleViolation('INVALID', 'an announcement id is 1 to 100 characters');
  return { announcementId: request.announcementId, text, by: request.by, atMinute: request.atMinute };
}

/**
 * A team's shop put back to its initial state by organisers (a team locked itself out, or a fault
 * the team cannot repair): until the game ends, with a reason for the audit trail.
 */
export function decideSandboxReset(
  state: GameState,
  request: { teamId: string; by: string; reason: string; atMinute: number },
): EventData<'sandbox.reset'> {
  if (state.ended) throw new RuleViolation('GAME_OVER', 'the game has ended');
  if (!state.teams[request.teamId]) throw new RuleViolation('NOT_FOUND', `no team "${request.teamId}"`);
  const reason = request.reason.trim();
  if (reason.length === 0 || reason.length > 1000)
    throw new RuleViolation('INVALID', 'a sandbox reset needs a reason (at most 1,000 characters)');
  return { teamId: request.teamId, by: request.by, reason, atMinute: request.atMinute };
}
