/** Game time is counted in minutes from 00:00; `HH:MM` strings are how people write it. */
export const GAME_TIME_PATTERN = /^(\d{1,2}):([0-5]\d)$/;

export function parseGameTime(text: string): number {
  const match = GAME_TIME_PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not a game time (expected HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function formatGameTime(minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Story time: game time shifted by the scenario's `clockStartsAt` (e.g. 00:30 → 09:30). */
export function formatStoryTime(minutes: number, clockStartsAtMinutes: number | undefined): string {
  return formatGameTime(minutes + (clockStartsAtMinutes ?? 0));
}

export const MS_PER_MINUTE = 60_000;
