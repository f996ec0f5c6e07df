import type { ClockView } from '@mamoru/domain';

/*
 * The game clock runs in the browser: the server sends where it stood (`gameMs` at its wall time
 * `wallMs`, at `speed`) only when the log moves, and the page runs it forward from there.
 */

const MINUTE_MS = 60_000;

export function durationMs(clock: Pick<ClockView, 'durationMinutes'>): number {
  return clock.durationMinutes * MINUTE_MS;
}

/** Game time at the server's wall time `serverNowMs`: running clocks move at `speed`, others stand still; never past the end. */
export function gameMsAt(clock: ClockView, serverNowMs: number): number {
  const end = durationMs(clock);
  if (clock.status !== 'running') return Math.min(end, Math.max(0, clock.gameMs));
  const elapsed = Math.max(0, serverNowMs - clock.wallMs);
  return Math.min(end, Math.max(0, clock.gameMs + elapsed * clock.speed));
}

export function remainingMs(clock: ClockView, gameMs: number): number {
  return Math.max(0, durationMs(clock) - gameMs);
}

/**
 * What to show after `lastShown`: the clock never steps back by less than a wall second's worth of
 * game time (jitter between two messages' estimates); a larger step back is a real correction.
 */
export function steadyGameMs(lastShown: number | null, computed: number, clock: ClockView): number {
  if (lastShown === null || clock.status !== 'running' || computed >= lastShown) return computed;
  const tolerance = Math.max(1000, clock.speed * 1000);
  return lastShown - computed <= tolerance ? lastShown : computed;
}

/**
 * Where the server's wall clock stands, from the browser's monotonic clock (`performance.now()`):
 * each message says the server's time when it was built; the smallest (local receipt − server
 * time) of the recent messages is the best estimate of the offset (the least delayed message), and
 * it ignores a wrong clock on the big-screen PC.
 */
export class ServerClock {
  private samples: { offset: number; at: number }[] = [];

  constructor(
    private readonly keep = 16,
    private readonly maxAgeMs = 10 * MINUTE_MS,
  ) {}

  /** A message built at `serverWallMs` arrived at the local monotonic time `localMs`. */
  sample(serverWallMs: number, localMs: number): void {
    this.samples.push({ offset: localMs - serverWallMs, at: localMs });
    const oldest = localMs - this.maxAgeMs;
    this.samples = this.samples.filter((s, i, all) => i === all.length - 1 || s.at >= oldest).slice(-this.keep);
  }

  get ready(): boolean {
    return this.samples.length > 0;
  }

  /** local − server, in ms (0 before the first message). */
  get offsetMs(): number {
    if (this.samples.length === 0) return 0;
    let best = Infinity;
    for (const s of this.samples) best = Math.min(best, s.offset);
    return best;
  }

  /** The server's wall time at the local monotonic time `localMs`. */
  serverNow(localMs: number): number {
    return localMs - this.offsetMs;
  }
}
