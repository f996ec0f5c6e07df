import type { LedgerEntry } from '@mamoru/domain';
import { useEffect, useRef, useState } from 'react';
import type { TeamApi } from './team-api';

interface LedgerPage {
  teamId: string;
  seq: number;
  entries: LedgerEntry[];
  nextAfterSeq?: number;
}

/** At most one ledger fetch per this many ms, whatever the pace of the view's seq. */
export const LEDGER_MIN_INTERVAL_MS = 2000;
const PAGE_LIMIT = 1000;
const MAX_PAGES_PER_FETCH = 50;

export interface LedgerState {
  entries: LedgerEntry[];
  loaded: boolean;
  error: unknown;
}

/**
 * The team's ledger, all of it: read once from the start, then only what is new (from the seq the
 * last answer covered) whenever the live view's `seq` moves, at most every 2 s.
 */
export function useLedger(api: TeamApi, base: string, seq: number): LedgerState {
  const [state, setState] = useState<LedgerState>({ entries: [], loaded: false, error: null });
  const afterSeq = useRef(0);
  const lastFetchAt = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);

  const fetchNew = useRef<() => Promise<void>>(async () => undefined);
  fetchNew.current = async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    lastFetchAt.current = Date.now();
    try {
      const fresh: LedgerEntry[] = [];
      let from = afterSeq.current;
      for (let page = 0; page < MAX_PAGES_PER_FETCH; page++) {
        const answer = await api.request<LedgerPage>(`${base}/ledger?afterSeq=${from}&limit=${PAGE_LIMIT}`);
        fresh.push(...answer.entries);
        if (answer.nextAfterSeq === undefined || answer.nextAfterSeq <= from) {
          from = Math.max(from, answer.seq);
          break;
        }
        from = answer.nextAfterSeq;
      }
      afterSeq.current = from;
      if (alive.current)
        setState((s) => ({ entries: fresh.length ? [...s.entries, ...fresh] : s.entries, loaded: true, error: null }));
    } catch (error) {
      if (alive.current) setState((s) => ({ ...s, loaded: true, error }));
    } finally {
      running.current = false;
      if (again.current && alive.current) {
        again.current = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    if (timer.current !== null) return;
    const wait = Math.max(0, lastFetchAt.current + LEDGER_MIN_INTERVAL_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      void fetchNew.current();
    }, wait);
  };

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, []);

  useEffect(() => {
    schedule();
  }, [seq, api, base]);

  return state;
}
