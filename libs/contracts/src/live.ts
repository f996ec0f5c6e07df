import type { AudienceView, ControlView, TeamView } from '@mamoru/domain';
import { z } from 'zod';

/**
 * The Socket.IO contract (immich's ClientEventMap): three namespaces, each with a snapshot on
 * connect and sequenced updates. Every message carries the log seq it reflects; a client keeps
 * the highest seq it has seen, ignores anything older, and asks for `resync` after a gap or a
 * reconnect to be brought to the latest state.
 */
export const NAMESPACES = { audience: '/audience', team: '/team', control: '/control' } as const;
export type NamespaceName = keyof typeof NAMESPACES;

export interface LiveMessage<V> {
  seq: number;
  /** Seq of the previous update sent on this stream (a client that holds another seq has missed one). */
  prevSeq: number | null;
  /** Wall time of the latest tick.closed the view includes (push latency is measured from it). */
  tickClosedAtMs: number | null;
  view: V;
}

export interface ViewsByNamespace {
  audience: AudienceView;
  team: TeamView;
  control: ControlView;
}

/** Server → client events, per namespace. */
export interface ServerToClientEvents<V> {
  snapshot: (message: LiveMessage<V>) => void;
  update: (message: LiveMessage<V>) => void;
  /** Refused: bad or expired token, unknown game, disabled member. Sent before disconnecting. */
  refused: (error: { code: string; message: string }) => void;
}

/** Client → server events. */
export interface ClientToServerEvents {
  /** Bring me to the latest state (after a gap or a reconnect); answered with `snapshot`. */
  resync: (request: { lastSeq?: number }) => void;
}

/** The handshake: `auth` of the Socket.IO client. */
export const AudienceHandshakeSchema = z.strictObject({ gameId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
export const AuthenticatedHandshakeSchema = z.strictObject({
  gameId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  token: z.string().min(1).max(4096),
});
export const ResyncRequestSchema = z.strictObject({ lastSeq: z.number().int().nonnegative().optional() }).optional();
