import type { Bilingual, ClockView } from '@mamoru/domain';
import { ApiError, apiError } from './client';

export { ApiError };

/**
 * A game as `GET /api/games` lists it (docs/live-server.md, "Games and their clock"; the server's
 * `gameSummary`). Only what the web app reads is typed here.
 */
export interface GameSummary {
  gameId: string;
  title: Bilingual;
  scenarioId: string;
  seed?: number;
  status: ClockView['status'];
  speed: number;
  tick: number;
  durationMinutes: number;
  clockStartsAtMinutes?: number;
  units?: { id: string; name: Bilingual }[];
  teams: { teamId: string; name: string; number: number; alliance?: string }[];
}

/** Every game's summary (public). */
export async function fetchGames(signal?: AbortSignal): Promise<GameSummary[]> {
  const response = await fetch('/api/games', { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw await apiError(response);
  const body: unknown = await response.json();
  if (!Array.isArray(body)) throw new ApiError(response.status, 'MALFORMED', 'unexpected answer');
  return body as GameSummary[];
}
