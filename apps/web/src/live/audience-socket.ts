import type { ClientToServerEvents, LiveMessage, NAMESPACES, ServerToClientEvents } from '@mamoru/contracts';
import type { AudienceView } from '@mamoru/domain';
import type { RevenueHistoryInput } from '../board/revenue-series';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { AudienceBoardStore, Refusal } from './audience-store';

type AudienceSocket = Socket<ServerToClientEvents<AudienceView>, ClientToServerEvents>;

/** `NAMESPACES.audience` of @mamoru/contracts (a type-only import keeps zod out of the bundle). */
const AUDIENCE_NAMESPACE: (typeof NAMESPACES)['audience'] = '/audience';
/** A `resync` not answered within this time may be asked again. */
const RESYNC_TIMEOUT_MS = 5000;
/** After a refusal that may pass (the game is not created yet, a server error), try again after this. */
const REFUSED_RETRY_MS = 10_000;
/** The server closed the connection on purpose (shutting down): come back after this. */
const SERVER_DISCONNECT_RETRY_MS = 2000;
const RETRYABLE_REFUSALS = new Set(['NOT_FOUND', 'INTERNAL']);

export interface AudienceConnectionOptions {
  /** The server's origin; the page's own by default (the game server serves the app). */
  origin?: string;
  /** For tests: another socket factory. */
  connect?: typeof io;
}

export interface AudienceConnection {
  close(): void;
}

/**
 * One Socket.IO connection to `/audience` for `store`'s game: websocket first (long-polling when a
 * proxy refuses websockets), reconnecting forever; snapshots and updates go to the store, which
 * keeps the highest seq. A gap in the stream asks for a `resync`; after a reconnect the new
 * connection's snapshot brings the board up to date, without a page reload.
 */
export function connectAudience(
  store: AudienceBoardStore,
  options: AudienceConnectionOptions = {},
): AudienceConnection {
  const { gameId } = store.getState();
  const connect = options.connect ?? io;
  const url = `${options.origin ?? ''}${AUDIENCE_NAMESPACE}`;
  const socket: AudienceSocket = connect(url, {
    auth: { gameId },
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    forceNew: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
  });

  let closed = false;
  let refused = false;
  let resyncAskedAt: number | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const retryLater = (delayMs: number) => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!closed && socket.disconnected) socket.connect();
    }, delayMs);
  };

  const askResync = () => {
    const now = Date.now();
    if (resyncAskedAt !== null && now - resyncAskedAt < RESYNC_TIMEOUT_MS) return;
    resyncAskedAt = now;
    const seq = store.getState().seq;
    socket.emit('resync', seq === null ? {} : { lastSeq: seq });
  };

  // After each snapshot (a first connection, a reconnect), the ticks closed while this board was
  // not listening come from the server's history, so the chart never starts in the middle.
  const fetchHistory = () => {
    fetch(`/api/games/${encodeURIComponent(gameId)}/board/history`)
      .then((res) => (res.ok ? (res.json() as Promise<RevenueHistoryInput>) : null))
      .then((history) => {
        if (history && !closed) store.seedHistory(history);
      })
      .catch(() => undefined); // the live points still come; the next snapshot tries again
  };

  const receive = (kind: 'snapshot' | 'update') => (message: LiveMessage<AudienceView>) => {
    if (!isLiveMessage(message)) return;
    if (kind === 'snapshot') resyncAskedAt = null;
    refused = false;
    const { resync } = store.receive(kind, message);
    if (kind === 'snapshot') fetchHistory();
    if (resync) askResync();
  };

  socket.on('snapshot', receive('snapshot'));
  socket.on('update', receive('update'));

  socket.on('refused', (refusal: Refusal) => {
    refused = true;
    store.setConnection('refused', {
      code: String(refusal?.code ?? 'REFUSED'),
      message: String(refusal?.message ?? ''),
    });
    if (RETRYABLE_REFUSALS.has(refusal?.code)) retryLater(REFUSED_RETRY_MS);
  });

  socket.on('connect', () => {
    resyncAskedAt = null;
    // A refused board stays refused until a snapshot shows the game exists (a retry is refused again).
    if (!refused) store.setConnection('connected');
  });

  socket.on('disconnect', (reason) => {
    if (closed || refused || reason === 'io client disconnect') return;
    store.setConnection('reconnecting');
    // Socket.IO does not come back by itself after the server closed the connection on purpose.
    if (reason === 'io server disconnect') retryLater(SERVER_DISCONNECT_RETRY_MS);
  });

  socket.on('connect_error', () => {
    if (closed || refused) return;
    store.setConnection(store.getState().view ? 'reconnecting' : 'connecting');
  });

  return {
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      store.dispose();
    },
  };
}

function isLiveMessage(message: unknown): message is LiveMessage<AudienceView> {
  if (!message || typeof message !== 'object') return false;
  const m = message as Partial<LiveMessage<AudienceView>>;
  return typeof m.seq === 'number' && !!m.view && typeof m.view === 'object' && !!m.view.clock;
}
