import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { ActionResult } from './team-api';
import type { BlockReason } from './team-logic';
import type { TeamScope } from './team-scope';

const BLOCK_SHORT = {
  'team.blocked.created': 'team.blockedShort.created',
  'team.blocked.paused': 'team.blockedShort.paused',
  'team.blocked.ended': 'team.blockedShort.ended',
} as const satisfies Record<BlockReason, string>;

/** Why the buttons beside it are disabled (the game is not running). */
export function BlockNote({ scope }: { scope: TeamScope }) {
  const { t } = useI18n();
  if (!scope.block) return null;
  return <span className="muted team-block-note">{t(BLOCK_SHORT[scope.block])}</span>;
}

/** After a successful action: done, or already done before (the same idempotency key). */
export function SavedNotice({
  result,
  testId,
  done = 'team.action.done',
}: {
  result: ActionResult | undefined;
  testId: string;
  done?: MessageKey;
}) {
  const { t } = useI18n();
  if (!result) return null;
  return (
    <p className="ok-notice" role="status" data-testid={testId}>
      {result.applied ? t(done) : t('team.action.alreadyDone')}
    </p>
  );
}
