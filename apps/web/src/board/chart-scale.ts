/** Axis helpers for the revenue chart (pure). */

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** A round top for the y axis, a little above `max` (so the leader's line does not touch the frame). */
export function niceMax(max: number, minimum = 10_000, headroom = 1.05): number {
  const target = Math.max(minimum, Number.isFinite(max) ? max * headroom : 0);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  for (const step of NICE_STEPS) {
    const candidate = step * magnitude;
    if (candidate >= target) return candidate;
  }
  return 10 * magnitude;
}

/** Tick spacings of the time axis, in game minutes. */
export const MINUTE_INCREMENTS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720];

export interface EndLabel {
  y: number;
  text: string;
  color: string;
}

/**
 * Labels at the ends of the lines, moved apart vertically so that none overlaps the next (`gap`
 * apart at least) and kept within [top, bottom]; their order by y is kept.
 */
export function spreadLabels<L extends { y: number }>(
  labels: readonly L[],
  gap: number,
  top: number,
  bottom: number,
): L[] {
  // More labels than fit: those of the highest lines (smallest y on a canvas) are kept.
  const room = Math.max(1, Math.floor((bottom - top) / gap) + 1);
  const sorted = [...labels]
    .sort((a, b) => a.y - b.y)
    .slice(0, room)
    .map((label) => ({ ...label }));
  for (let i = 0; i < sorted.length; i++) {
    const min = i === 0 ? top : sorted[i - 1].y + gap;
    if (sorted[i].y < min) sorted[i].y = min;
  }
  // Pushed past the bottom: move the tail back up, keeping the gaps.
  for (let i = sorted.length - 1; i >= 0; i--) {
    const max = i === sorted.length - 1 ? bottom : sorted[i + 1].y - gap;
    if (sorted[i].y > max) sorted[i].y = max;
  }
  return sorted;
}

/**
 * The right end of the time axis: a little past the latest point (so the lines use the width
 * early in the game too), on a round minute, at least an hour, at most the game's duration.
 */
export function timeAxisMax(lastMinute: number, durationMinutes: number): number {
  const duration = Math.max(1, durationMinutes);
  const wanted = Math.max(60, (Number.isFinite(lastMinute) ? lastMinute : 0) * 1.15 + 10);
  const step = wanted <= 180 ? 15 : 60;
  return Math.min(duration, Math.ceil(wanted / step) * step);
}
