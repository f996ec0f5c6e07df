/**
 * Story time (what people read: 09:00-17:00 when the scenario sets `clockStartsAt`) and game time
 * (00:00 at the start: what the server's rules and `reschedule` take).
 */

const HH_MM = /^\s*(\d{1,2}):([0-5]\d)\s*$/;

/** Minutes of an `H:MM` / `HH:MM` text, or null when it is not one. */
export function parseHhMm(text: string): number | null {
  const match = HH_MM.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** `HH:MM` of whole minutes (hours may pass 24 in game time; never negative). */
export function formatHhMm(minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * The game time `HH:MM` for a story time typed by the organiser: story minus `clockStartsAt`.
 * Null when the text is not a time or falls before the start of the game.
 */
export function storyToGameTime(story: string, clockStartsAtMinutes: number | undefined): string | null {
  const minutes = parseHhMm(story);
  if (minutes === null) return null;
  const game = minutes - (clockStartsAtMinutes ?? 0);
  return game < 0 ? null : formatHhMm(game);
}

/** The story time `HH:MM` of a game minute. */
export function gameMinuteToStory(minute: number, clockStartsAtMinutes: number | undefined): string {
  return formatHhMm(minute + (clockStartsAtMinutes ?? 0));
}
