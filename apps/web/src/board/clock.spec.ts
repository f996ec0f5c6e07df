import type { ClockView } from '@mamoru/domain';
import { gameMsAt, remainingMs, ServerClock, steadyGameMs } from './clock';

const clock = (patch: Partial<ClockView> = {}): ClockView => ({
  status: 'running',
  gameMs: 60_000,
  wallMs: 1_000_000,
  speed: 60,
  tick: 1,
  durationMinutes: 480,
  clockStartsAtMinutes: 540,
  ...patch,
});

describe('the game clock in the browser', () => {
  it('runs from gameMs at wallMs at the game speed while running', () => {
    expect(gameMsAt(clock(), 1_000_000)).toBe(60_000);
    expect(gameMsAt(clock(), 1_001_000)).toBe(120_000);
    expect(gameMsAt(clock({ speed: 1 }), 1_000_500)).toBe(60_500);
  });

  it('stands still when paused, ended or not started', () => {
    for (const status of ['paused', 'ended', 'created'] as const) {
      expect(gameMsAt(clock({ status }), 9_000_000)).toBe(60_000);
    }
  });

  it('stops at the end of the game and never goes before the last message', () => {
    expect(gameMsAt(clock(), 1_000_000 + 10 * 3_600_000)).toBe(480 * 60_000);
    expect(gameMsAt(clock(), 999_000)).toBe(60_000);
    expect(remainingMs(clock(), 60_000)).toBe(479 * 60_000);
    expect(remainingMs(clock(), 480 * 60_000 + 5)).toBe(0);
  });

  it('does not step back for jitter smaller than a wall second, but takes real corrections', () => {
    const running = clock({ speed: 60 });
    expect(steadyGameMs(null, 100_000, running)).toBe(100_000);
    expect(steadyGameMs(100_000, 130_000, running)).toBe(130_000);
    expect(steadyGameMs(100_000, 70_000, running)).toBe(100_000); // 30 s of game time at 60× = 0.5 s
    expect(steadyGameMs(100_000, 30_000, running)).toBe(30_000);
    expect(steadyGameMs(100_000, 90_000, clock({ status: 'paused' }))).toBe(90_000);
  });
});

describe('ServerClock', () => {
  it('takes the least delayed message as the offset between the local and the server clock', () => {
    const server = new ServerClock();
    expect(server.ready).toBe(false);
    expect(server.serverNow(500)).toBe(500);
    server.sample(1_000_000, 5_080); // arrived 80 ms late
    server.sample(1_010_000, 15_020); // 20 ms late: the better estimate
    server.sample(1_020_000, 25_300);
    expect(server.offsetMs).toBe(15_020 - 1_010_000);
    expect(server.serverNow(30_020)).toBe(1_025_000);
  });

  it('forgets old samples', () => {
    const server = new ServerClock(3, 60_000);
    server.sample(0, 0); // offset 0
    server.sample(100_000, 100_100);
    expect(server.offsetMs).toBe(100); // the first is more than a minute old
    for (let i = 0; i < 3; i++) server.sample(200_000 + i, 200_500 + i);
    expect(server.offsetMs).toBe(500);
  });
});
