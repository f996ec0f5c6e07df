import type { LiveMessage } from '@mamoru/contracts';

export type LiveMessageKind = 'snapshot' | 'update';

/**
 * Keeping in step (docs/live-server.md): show the message only when its seq is higher than the seq
 * shown; ask for a `resync` when an update says the stream sent something after our seq that we
 * never got (`prevSeq` higher than our seq). Every message is a whole view, so the newer one is
 * shown at once even then.
 */
export function sequence(
  shownSeq: number | null,
  kind: LiveMessageKind,
  message: Pick<LiveMessage<unknown>, 'seq' | 'prevSeq'>,
): { apply: boolean; resync: boolean } {
  const apply = shownSeq === null || message.seq > shownSeq;
  const resync = kind === 'update' && shownSeq !== null && message.prevSeq !== null && message.prevSeq > shownSeq;
  return { apply, resync };
}
