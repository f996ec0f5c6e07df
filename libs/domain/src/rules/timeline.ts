import { MS_PER_MINUTE } from '../time/game-time';
import { gameMsAt } from '../clock/clock';
import type { GameState } from '../fold/state';
import type { Inject } from '../scenario/scenario';

/**
 * The timeline as organisers have left it (game-model §6): a skipped inject never fires, a
 * rescheduled one fires at its new minute, one fired by hand does not fire again when its time
 * comes. Returns the minute an inject is due, or undefined when it is no longer scheduled.
 */
export function scheduledMinute(state: GameState, inject: Inject): number | undefined {
  const override = state.injectOverrides[inject.id];
  if (override?.skipped || override?.firedAtMinute !== undefined) return undefined;
  return override?.toMinute ?? inject.atMinute;
}

/** The injects due in game minute `minute`, in timeline order. */
export function injectsDueAt(state: GameState, minute: number): Inject[] {
  return state.scenario!.timeline.filter((inject) => scheduledMinute(state, inject) === minute);
}

/**
 * The game minute in which an action taken now counts: the clock's minute, never before the
 * last closed tick (its facts are settled) and never past the last minute of the game.
 */
export function actionMinute(state: GameState, wallMs: number): number {
  const clockMinute = Math.floor(gameMsAt(state.clock, wallMs) / MS_PER_MINUTE);
  const last = Math.max(0, state.scenario!.durationMinutes - 1);
  return Math.min(last, Math.max(state.tick, clockMinute));
}
