import type { StoredEvent } from '../events/events';

/**
 * Game time from wall time (game-model §3): game time runs at `speed` game seconds per wall
 * second while running and stands still while paused. The mapping is itself made of events
 * (clock.started/paused/resumed/speed-changed), so pausing shifts everything scheduled together.
 */
export interface ClockState {
  status: 'created' | 'running' | 'paused' | 'ended';
  speed: number;
  /** Wall time at which `anchorGameMs` held. */
  anchorWallMs: number;
  anchorGameMs: number;
}

export const INITIAL_CLOCK: ClockState = { status: 'created', speed: 1, anchorWallMs: 0, anchorGameMs: 0 };

export function gameMsAt(clock: ClockState, wallMs: number): number {
  if (clock.status !== 'running') return clock.anchorGameMs;
  return clock.anchorGameMs + Math.max(0, wallMs - clock.anchorWallMs) * clock.speed;
}

/** The wall time at which the running clock reaches `gameMs` (undefined while not running). */
export function wallMsWhen(clock: ClockState, gameMs: number): number | undefined {
  if (clock.status !== 'running') return undefined;
  return clock.anchorWallMs + (gameMs - clock.anchorGameMs) / clock.speed;
}

export function startClock(clock: ClockState, wallMs: number, speed: number): ClockState {
  if (clock.status !== 'created') throw new ClockError(`cannot start a clock that is ${clock.status}`);
  return { status: 'running', speed, anchorWallMs: wallMs, anchorGameMs: 0 };
}

export function pauseClock(clock: ClockState, wallMs: number): ClockState {
  if (clock.status !== 'running') throw new ClockError(`cannot pause a clock that is ${clock.status}`);
  return { ...clock, status: 'paused', anchorGameMs: gameMsAt(clock, wallMs), anchorWallMs: wallMs };
}

export function resumeClock(clock: ClockState, wallMs: number): ClockState {
  if (clock.status !== 'paused') throw new ClockError(`cannot resume a clock that is ${clock.status}`);
  return { ...clock, status: 'running', anchorWallMs: wallMs };
}

export function changeSpeed(clock: ClockState, wallMs: number, speed: number): ClockState {
  if (!(speed > 0)) throw new ClockError('speed must be positive');
  return { ...clock, speed, anchorGameMs: gameMsAt(clock, wallMs), anchorWallMs: wallMs };
}

export function endClock(clock: ClockState, wallMs: number): ClockState {
  return { ...clock, status: 'ended', anchorGameMs: gameMsAt(clock, wallMs), anchorWallMs: wallMs };
}

/** Applies a clock event; other events leave the clock as it is. */
export function applyClockEvent(clock: ClockState, event: StoredEvent): ClockState {
  switch (event.type) {
    case 'clock.started':
      return startClock(clock, event.wallMs, event.data.speed);
    case 'clock.paused':
      return pauseClock(clock, event.wallMs);
    case 'clock.resumed':
      return resumeClock(clock, event.wallMs);
    case 'clock.speed-changed':
      return changeSpeed(clock, event.wallMs, event.data.speed);
    case 'game.ended':
      return endClock(clock, event.wallMs);
    default:
      return clock;
  }
}

export class ClockError extends Error {
  readonly code = 'CLOCK_STATE';
}
