import type { StoredEvent } from '../events/events';
import type { ClockState } from './clock';
import {
  applyClockEvent,
  changeSpeed,
  ClockError,
  gameMsAt,
  INITIAL_CLOCK,
  pauseClock,
  resumeClock,
  startClock,
  wallMsWhen,
} from './clock';

describe('the game clock', () => {
  const started = startClock(INITIAL_CLOCK, 1_000, 60);

  it('runs at its speed from the start', () => {
    expect(gameMsAt(started, 1_000)).toBe(0);
    expect(gameMsAt(started, 2_000)).toBe(60_000); // one wall second = one game minute at speed 60
    expect(wallMsWhen(started, 120_000)).toBe(3_000);
  });

  it('stands still while paused, so everything scheduled shifts together', () => {
    const paused = pauseClock(started, 3_000);
    expect(gameMsAt(paused, 3_000)).toBe(120_000);
    expect(gameMsAt(paused, 100_000)).toBe(120_000);
    expect(wallMsWhen(paused, 180_000)).toBeUndefined();
    const resumed = resumeClock(paused, 10_000);
    expect(gameMsAt(resumed, 10_000)).toBe(120_000);
    expect(gameMsAt(resumed, 11_000)).toBe(180_000);
    expect(wallMsWhen(resumed, 180_000)).toBe(11_000); // a deadline one game minute away moved by the pause
  });

  it('changes speed without a jump in game time', () => {
    const faster = changeSpeed(started, 2_000, 600);
    expect(gameMsAt(faster, 2_000)).toBe(60_000);
    expect(gameMsAt(faster, 3_000)).toBe(660_000);
  });

  it('never runs backwards for a wall time before its anchor', () => {
    expect(gameMsAt(started, 0)).toBe(0);
  });

  it('refuses transitions that make no sense', () => {
    expect(() => startClock(started, 5, 1)).toThrow(ClockError);
    expect(() => resumeClock(started, 5)).toThrow(ClockError);
    expect(() => pauseClock(INITIAL_CLOCK, 5)).toThrow(ClockError);
    expect(() => changeSpeed(started, 5, 0)).toThrow(ClockError);
  });

  it('follows clock events from the log', () => {
    const event = (type: string, wallMs: number, data: object = {}): StoredEvent =>
      ({ type, v: 1, data, gameId: 'g', seq: 1, key: type, gameMs: 0, wallMs }) as StoredEvent;
    let clock: ClockState = INITIAL_CLOCK;
    clock = applyClockEvent(clock, event('clock.started', 0, { speed: 2 }));
    clock = applyClockEvent(clock, event('clock.paused', 1_000));
    clock = applyClockEvent(clock, event('clock.resumed', 5_000));
    clock = applyClockEvent(clock, event('clock.speed-changed', 6_000, { speed: 1 }));
    expect(gameMsAt(clock, 7_000)).toBe(2_000 + 2_000 + 1_000);
    clock = applyClockEvent(clock, event('game.ended', 8_000, { atMinute: 1 }));
    expect(clock.status).toBe('ended');
    expect(gameMsAt(clock, 60_000)).toBe(6_000);
  });
});
