import { z } from 'zod';

/** Published by the worker when a tick's facts are folded; game servers push from it. */
export const TickClosedNoticeSchema = z.strictObject({
  gameId: z.string(),
  tick: z.number().int().min(1),
  seq: z.number().int().min(1),
});
export type TickClosedNotice = z.infer<typeof TickClosedNoticeSchema>;

export function gameChannel(gameId: string): string {
  return `mamoru:${gameId}:tick-closed`;
}
