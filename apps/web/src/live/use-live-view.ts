import type { NAMESPACES } from '@mamoru/contracts';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { SessionStore } from '../auth/session';
import { connectLive } from './live-connection';
import type { LiveViewState } from './live-view-store';
import { LiveViewStore } from './live-view-store';

/** Refusals that pass: the token is refreshed at the next attempt; a transfer ends; a game gets created. */
const SIGNED_IN_RETRYABLE = new Set(['NOT_FOUND', 'INTERNAL', 'UNAUTHENTICATED', 'MEMBER_DISABLED']);

/**
 * The live view of `/team` or `/control` for `gameId`, signed in with `session`'s access token
 * (fresh at every reconnect): one connection while mounted.
 */
export function useLiveView<V>(
  namespace: (typeof NAMESPACES)['team' | 'control'],
  gameId: string,
  session: SessionStore,
): LiveViewState<V> {
  const store = useMemo(() => new LiveViewStore<V>(), [namespace, gameId, session]);
  useEffect(() => {
    const connection = connectLive<V>({
      namespace,
      gameId,
      sink: store,
      auth: async () => ({ token: (await session.token()) ?? '' }),
      retryableRefusals: SIGNED_IN_RETRYABLE,
    });
    return () => connection.close();
  }, [store, namespace, gameId, session]);
  return useSyncExternalStore(store.subscribe, store.getState);
}
