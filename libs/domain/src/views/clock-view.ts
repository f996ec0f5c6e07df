import { gameMsAt } from '../clock/clock';
import type { GameState } from '../fold/state';

/** The game clock as every screen shows it; clients run it forward from `wallMs` at `speed`. */
export interface ClockView {
  status: 'created' | 'running' | 'paused' | 'ended';
  /** Game time at `wallMs`. */
  gameMs: number;
  wallMs: number;
  speed: number;
  /** Last closed tick. */
  tick: number;
  durationMinutes: number;
  clockStartsAtMinutes?: number;
}

export function clockView(state: GameState, wallMs: number): ClockView {
  const scenario = state.scenario!;
  const status = state.ended ? 'ended' : state.clock.status;
  const duration = scenario.durationMinutes * 60_000;
  return {
    status,
    gameMs: Math.min(duration, Math.round(gameMsAt(state.clock, wallMs))),
    wallMs,
    speed: state.clock.speed,
    tick: state.tick,
    durationMinutes: scenario.durationMinutes,
    clockStartsAtMinutes: scenario.clockStartsAtMinutes,
  };
}
