import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest } from '../api/client';
import type { AuditEntry, AuditPage, ControlApi, ControlHealth, GameSummary, MemberRow } from './control-types';
import { gamePath } from './control-types';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload(): void;
}

/**
 * `load()` once, again whenever `trigger` changes (debounced by `debounceMs`), every `intervalMs`
 * when given, and on `reload()`. The last good data stays shown while a reload fails.
 */
export function useLoaded<T>(
  load: (() => Promise<T>) | null,
  trigger: unknown,
  { debounceMs = 0, intervalMs }: { debounceMs?: number; intervalMs?: number } = {},
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const enabled = load !== null;
  const first = useRef(true);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const run = () => {
      const fn = latest.current;
      if (!fn) return;
      fn().then(
        (value) => {
          if (!live) return;
          setData(value);
          setError(null);
        },
        (failure: unknown) => {
          if (live) setError(failure);
        },
      );
    };
    const wait = first.current ? 0 : debounceMs;
    first.current = false;
    const timer = setTimeout(run, wait);
    const interval = intervalMs ? setInterval(run, intervalMs) : undefined;
    return () => {
      live = false;
      clearTimeout(timer);
      if (interval) clearInterval(interval);
    };
  }, [enabled, trigger, nonce, debounceMs, intervalMs]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload };
}

/** The game's summary (public): units and teams; reloaded when `trigger` moves. */
export function useSummary(gameId: string, trigger: unknown): Loaded<GameSummary> {
  return useLoaded(() => apiRequest<GameSummary>(gamePath(gameId)), trigger, { debounceMs: 500 });
}

/** The health part of `GET .../control`, every 10 s. */
export function useHealth(api: ControlApi, gameId: string): Loaded<ControlHealth> {
  return useLoaded(
    async () => (await api.request<{ health: ControlHealth }>(gamePath(gameId, '/control'))).health,
    gameId,
    { intervalMs: 10_000 },
  );
}

/** `GET /health` (public): terminus' answer, 200 or 503 both with a body. */
export interface ServerHealth {
  status: string;
  error?: Record<string, { status: string; message?: string }>;
}

export function useServerHealth(): Loaded<ServerHealth> {
  return useLoaded(
    async () => {
      const response = await fetch('/health', { headers: { accept: 'application/json' } });
      try {
        return (await response.json()) as ServerHealth;
      } catch {
        return { status: response.ok ? 'ok' : `HTTP ${response.status}` };
      }
    },
    'health',
    { intervalMs: 10_000 },
  );
}

/** The members (organisers only); reloaded when the log moves (debounced) and on demand. */
export function useMembers(api: ControlApi, gameId: string, enabled: boolean, seq: number | null): Loaded<MemberRow[]> {
  return useLoaded(
    enabled ? async () => (await api.request<{ members: MemberRow[] }>(gamePath(gameId, '/members'))).members : null,
    seq,
    { debounceMs: 2000 },
  );
}

const AUDIT_PAGE = 200;
const AUDIT_MAX_PAGES = 20;

/**
 * The audit trail (organisers only), newest first: read page by page from the last entry seen,
 * again when the log's seq moves (debounced 2 s).
 */
export function useAudit(api: ControlApi, gameId: string, enabled: boolean, seq: number | null): Loaded<AuditEntry[]> {
  const seen = useRef<{ afterSeq: number; entries: AuditEntry[] }>({ afterSeq: 0, entries: [] });
  return useLoaded(
    enabled
      ? async () => {
          let afterSeq = seen.current.afterSeq;
          const fresh: AuditEntry[] = [];
          for (let page = 0; page < AUDIT_MAX_PAGES; page++) {
            const answer = await api.request<AuditPage>(
              gamePath(gameId, `/audit?afterSeq=${afterSeq}&limit=${AUDIT_PAGE}`),
            );
            fresh.push(...answer.entries);
            for (const entry of answer.entries) afterSeq = Math.max(afterSeq, entry.seq);
            if (answer.nextAfterSeq === undefined) break;
            afterSeq = Math.max(afterSeq, answer.nextAfterSeq);
          }
          const known = new Set(seen.current.entries.map((e) => e.seq));
          const entries = [...seen.current.entries, ...fresh.filter((e) => !known.has(e.seq))];
          seen.current = { afterSeq, entries };
          return [...entries].sort((a, b) => b.seq - a.seq);
        }
      : null,
    seq,
    { debounceMs: 2000 },
  );
}
