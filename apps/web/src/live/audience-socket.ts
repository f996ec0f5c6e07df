import type { NAMESPACES } from '@mamoru/contracts';
import type { io } from 'socket.io-client';
import type { RevenueHistoryInput } from '../board/revenue-series';
import type { AudienceBoardStore } from './audience-store';
import type { LiveConnection } from './live-connection';
import { connectLive } from './live-connection';

/** `NAMESPACES.audience` of @mamoru/contracts (a type-only import keeps zod out of the bundle). */
const AUDIENCE_NAMESPACE: (typeof NAMESPACES)['audience'] = '/audience';

export interface AudienceConnectionOptions {
  /** The server's origin; the page's own by default (the game server serves the app). */
  origin?: string;
  /** For tests: another socket factory. */
  connect?: typeof io;
}

export type AudienceConnection = LiveConnection;

/**
 * The board's connection to `/audience` for `store`'s game (no sign-in). After each snapshot (a
 * first connection, a reconnect), the ticks closed while this board was not listening come from
 * the server's history, so the chart never starts in the middle.
 */
export function connectAudience(
  store: AudienceBoardStore,
  options: AudienceConnectionOptions = {},
): AudienceConnection {
  const { gameId } = store.getState();
  let closed = false;
  const fetchHistory = () => {
    fetch(`${options.origin ?? ''}/api/games/${encodeURIComponent(gameId)}/board/history`)
      .then((res) => (res.ok ? (res.json() as Promise<RevenueHistoryInput>) : null))
      .then((history) => {
        if (history && !closed) store.seedHistory(history);
      })
      .catch(() => undefined); // the live points still come; the next snapshot tries again
  };
  const connection = connectLive({
    namespace: AUDIENCE_NAMESPACE,
    gameId,
    sink: store,
    onSnapshot: fetchHistory,
    origin: options.origin,
    connect: options.connect,
  });
  return {
    close() {
      closed = true;
      connection.close();
      store.dispose();
    },
  };
}
