/**
 * Calls to the game server's REST API (docs/live-server.md): JSON in and out, the server's one error
 * shape `{ message, code, errors? }` turned into an `ApiError`. Same origin: the server serves the app.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per field (`VALIDATION`) or per scenario problem (`SCENARIO_INVALID`, `file:line:col: path: message`). */
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** Status 0: the request never got an answer (offline, server down). */
export const NETWORK_ERROR = 'NETWORK';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  token?: string;
  /** Team actions need one (a UUID per action, the same one when retrying it). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** `path` under the server (`/api/...`); the answer's JSON (null for an empty body), or an `ApiError`. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await apiError(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** The server's error body `{ message, code, errors? }`, or the HTTP status when there is none. */
export async function apiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { message?: unknown; code?: unknown; errors?: unknown };
    if (typeof body.message === 'string') {
      const errors = Array.isArray(body.errors)
        ? body.errors
            .filter((e): e is { path?: unknown; message: string } => typeof e?.message === 'string')
            .map((e) => ({ path: String(e.path ?? ''), message: e.message }))
        : [];
      return new ApiError(response.status, String(body.code ?? response.status), body.message, errors);
    }
  } catch {
    // not JSON (a proxy's error page)
  }
  return new ApiError(
    response.status,
    String(response.status),
    `HTTP ${response.status} ${response.statusText}`.trim(),
  );
}

/** A fresh idempotency key for one action. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
