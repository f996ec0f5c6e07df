import type { ClientToServerEvents, LiveMessage, NAMESPACES, ServerToClientEvents } from '@mamoru/contracts';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { LiveMessageKind } from './sequencing';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface Refusal {
  code: string;
  message: string;
}

/** Where a connection delivers what it receives: a store of one view (`LiveViewStore`, `AudienceBoardStore`). */
export interface LiveSink<V> {
  getState(): { seq: number | null; view: V | null };
  /** Takes a message; returns whether to ask for a `resync`. */
  receive(kind: LiveMessageKind, message: LiveMessage<V>): { resync: boolean };
  setConnection(connection: ConnectionState, refusal?: Refusal | null): void;
}

type Namespace = (typeof NAMESPACES)[keyof typeof NAMESPACES];

export interface LiveConnectionOptions<V> {
  /** `/audience`, `/team` or `/control` (`NAMESPACES` of @mamoru/contracts). */
  namespace: Namespace;
  gameId: string;
  sink: LiveSink<V>;
  /** The rest of the handshake, read at every (re)connect: `{ token }` with a fresh access token. */
  auth?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** After each snapshot (first connection, reconnect, resync). */
  onSnapshot?: () => void;
  /** Refusals that may pass (an unknown game that gets created, a token refreshed, a transfer ending): retried. */
  retryableRefusals?: ReadonlySet<string>;
  /** The server's origin; the page's own by default (the game server serves the app). */
  origin?: string;
  /** For tests: another socket factory. */
  connect?: typeof io;
}

export interface LiveConnection {
  close(): void;
}

type LiveSocket<V> = Socket<ServerToClientEvents<V>, ClientToServerEvents>;

/** A `resync` not answered within this time may be asked again. */
const RESYNC_TIMEOUT_MS = 5000;
/** After a refusal that may pass, try again after this. */
const REFUSED_RETRY_MS = 10_000;
/** The server closed the connection on purpose (shutting down, a transfer): come back after this. */
const SERVER_DISCONNECT_RETRY_MS = 2000;
export const DEFAULT_RETRYABLE_REFUSALS: ReadonlySet<string> = new Set(['NOT_FOUND', 'INTERNAL']);

/**
 * One Socket.IO connection to a namespace for one game (docs/live-server.md, "Socket.IO"):
 * websocket first (long-polling when a proxy refuses websockets), reconnecting forever, the
 * handshake read afresh at every attempt; snapshots and updates go to the sink, which keeps the
 * highest seq. A gap in the stream asks for a `resync`; after a reconnect the new connection's
 * snapshot brings the page up to date, without a reload.
 */
export function connectLive<V>(options: LiveConnectionOptions<V>): LiveConnection {
  const { sink, gameId } = options;
  const connect = options.connect ?? io;
  const retryable = options.retryableRefusals ?? DEFAULT_RETRYABLE_REFUSALS;
  const socket: LiveSocket<V> = connect(`${options.origin ?? ''}${options.namespace}`, {
    auth: options.auth
      ? (callback: (data: object) => void) => {
          Promise.resolve()
            .then(() => options.auth!())
            .then(
              (extra) => callback({ ...extra, gameId }),
              () => callback({ gameId }), // the server refuses it, and the refusal is shown
            );
        }
      : { gameId },
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
    const seq = sink.getState().seq;
    socket.emit('resync', seq === null ? {} : { lastSeq: seq });
  };

  const receive = (kind: LiveMessageKind) => (message: LiveMessage<V>) => {
    if (!isLiveMessage<V>(message)) return;
    if (kind === 'snapshot') resyncAskedAt = null;
    refused = false;
    const { resync } = sink.receive(kind, message);
    if (kind === 'snapshot') options.onSnapshot?.();
    if (resync) askResync();
  };

  socket.on('snapshot', receive('snapshot'));
  socket.on('update', receive('update'));

  socket.on('refused', (refusal: Refusal) => {
    refused = true;
    const code = String(refusal?.code ?? 'REFUSED');
    sink.setConnection('refused', { code, message: String(refusal?.message ?? '') });
    if (retryable.has(code)) retryLater(REFUSED_RETRY_MS);
  });

  socket.on('connect', () => {
    resyncAskedAt = null;
    // A refused page stays refused until a snapshot shows it is admitted (a retry is refused again).
    if (!refused) sink.setConnection('connected');
  });

  socket.on('disconnect', (reason) => {
    if (closed || reason === 'io client disconnect') return;
    // Socket.IO does not come back by itself after the server closed the connection on purpose.
    if (reason === 'io server disconnect' && !refused) retryLater(SERVER_DISCONNECT_RETRY_MS);
    if (refused) return;
    sink.setConnection('reconnecting');
  });

  socket.on('connect_error', () => {
    if (closed || refused) return;
    sink.setConnection(sink.getState().view ? 'reconnecting' : 'connecting');
  });

  return {
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

function isLiveMessage<V>(message: unknown): message is LiveMessage<V> {
  if (!message || typeof message !== 'object') return false;
  const m = message as Partial<LiveMessage<{ clock?: unknown }>>;
  return typeof m.seq === 'number' && !!m.view && typeof m.view === 'object' && !!m.view.clock;
}
