import type { Bilingual, ClockView } from '@mamoru/domain';

/**
 * A game as `GET /api/games` lists it (docs/live-server.md, "Games and their clock"; the server's
 * `gameSummary`). Only what the web app reads is typed here.
 */
export interface GameSummary {
  gameId: string;
  title: Bilingual;
  scenarioId: string;
  status: ClockView['status'];
  speed: number;
  tick: number;
  durationMinutes: number;
  clockStartsAtMinutes?: number;
  teams: { teamId: string; name: string; number: number; alliance?: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Every game's summary (public). */
export async function fetchGames(signal?: AbortSignal): Promise<GameSummary[]> {
  const response = await fetch('/api/games', { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw await apiError(response);
  const body: unknown = await response.json();
  if (!Array.isArray(body)) throw new ApiError(response.status, 'MALFORMED', 'unexpected answer');
  return body as GameSummary[];
}

/** The server's error body `{ message, code }`, or the HTTP status when there is none. */
async function apiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { message?: unknown; code?: unknown };
    if (typeof body.message === 'string')
      return new ApiError(response.status, String(body.code ?? response.status), body.message);
  } catch {
    // not JSON (a proxy's error page)
  }
  return new ApiError(
    response.status,
    String(response.status),
    `HTTP ${response.status} ${response.statusText}`.trim(),
  );
}
