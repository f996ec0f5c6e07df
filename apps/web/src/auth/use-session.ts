import { useSyncExternalStore } from 'react';
import type { SessionState, SessionStore } from './session';

/** The session of `store`; re-renders on sign-in, refresh and sign-out. */
export function useSession(store: SessionStore): SessionState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
