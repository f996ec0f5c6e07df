import type { RequestOptions } from '../api/client';

/** What the team panels need to call the server: the session's authenticated `request` (`SessionStore.request`). */
export interface TeamApi {
  request<T>(path: string, options?: Omit<RequestOptions, 'token'>): Promise<T>;
}

/** Every team action answers this (201). */
export interface ActionResult {
  applied: boolean;
  seq: number;
}

/** The team's routes: `/api/games/:g/teams/:t`. */
export function teamBasePath(gameId: string, teamId: string): string {
  return `/api/games/${encodeURIComponent(gameId)}/teams/${encodeURIComponent(teamId)}`;
}

/** A team action: POST (or PUT) with a JSON body and the action's idempotency key. */
export function teamAction(
  api: TeamApi,
  path: string,
  body: unknown,
  idempotencyKey: string,
  method: 'POST' | 'PUT' = 'POST',
): Promise<ActionResult> {
  return api.request<ActionResult>(path, { method, body, idempotencyKey });
}
