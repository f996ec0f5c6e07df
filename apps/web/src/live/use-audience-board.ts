import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AudienceBoardState } from './audience-store';
import { AudienceBoardStore } from './audience-store';
import { connectAudience } from './audience-socket';

/**
 * The live audience board of `gameId`: one `/audience` connection while the component is mounted,
 * the latest view (highest seq), the revenue history, rank markers and the connection state.
 */
export function useAudienceBoard(gameId: string): AudienceBoardState {
  const store = useMemo(() => new AudienceBoardStore(gameId), [gameId]);
  useEffect(() => {
    const connection = connectAudience(store);
    return () => connection.close();
  }, [store]);
  return useSyncExternalStore(store.subscribe, store.getState);
}
