import { z } from 'zod';

/** Published by the worker when a tick's facts are folded; game servers push from it. */
export const TickClosedNoticeSchema = z.strictObject({
  gameId: z.string(),
  tick: z.number().int().min(1),
  seq: z.number().int().min(1),
  /** Wall time at which the tick's facts were committed (push latency is measured from it). */
  closedAtMs: z.number().optional(),
});
export type TickClosedNotice = z.infer<typeof TickClosedNoticeSchema>;

export function gameChannel(gameId: string): string {
  return `mamoru:${gameId}:tick-closed`;
}

/**
 * Published by whoever appended to a game's log outside a tick (a team action, an organiser
 * action): every game server refreshes its projection, and the game's leader pushes.
 */
export const LogAppendedNoticeSchema = z.strictObject({
  gameId: z.string(),
  seq: z.number().int().min(1),
});
export type LogAppendedNotice = z.infer<typeof LogAppendedNoticeSchema>;

export function logChannel(gameId: string): string {
  return `mamoru:${gameId}:log`;
}

/** A game was created or deleted: servers and workers look at the list of games again. */
export const GAMES_CHANNEL = 'mamoru:games';
