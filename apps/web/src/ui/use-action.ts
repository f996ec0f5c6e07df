import { useCallback, useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '../api/client';

export interface ActionState<R> {
  pending: boolean;
  error: unknown;
  /** The last successful result (cleared when the action runs again). */
  result: R | undefined;
  /** Runs the action; resolves to its result, or undefined when it failed (the error is in `error`). */
  run(...args: unknown[]): Promise<R | undefined>;
  reset(): void;
}

/**
 * One user action (a form's submit): pending and error state, and an idempotency key that stays the
 * same while the same action is retried after a failure and is new after a success, so a double
 * click or a retry after a lost answer acts once on the server.
 */
export function useAction<R>(action: (idempotencyKey: string, ...args: never[]) => Promise<R>): ActionState<R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<R | undefined>(undefined);
  const key = useRef<string>(newIdempotencyKey());
  const busy = useRef(false);
  const mounted = useRef(true);
  const latest = useRef(action);
  latest.current = action;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: unknown[]): Promise<R | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    setError(null);
    setResult(undefined);
    try {
      const value = await latest.current(key.current, ...(args as never[]));
      key.current = newIdempotencyKey();
      if (mounted.current) setResult(value);
      return value;
    } catch (failure) {
      if (mounted.current) setError(failure);
      return undefined;
    } finally {
      busy.current = false;
      if (mounted.current) setPending(false);
    }
  }, []);

  const reset = useCallback(() => {
    setError(null);
    setResult(undefined);
  }, []);

  return { pending, error, result, run, reset };
}
