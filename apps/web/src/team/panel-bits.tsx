import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { ErrorNotice } from '../ui/error-notice';
import type { ActionState } from '../ui/use-action';
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

/**
 * The end of an action's form: its error (`{testId}-error`), that it was saved (`{testId}-saved`,
 * with the text `done`; none where `done` is null), its button, further buttons (`children`) and why
 * they are disabled. The button submits the form, or runs `onClick` where it has one; it is
 * disabled while the action runs and while the game is not running.
 */
export function ActionRow({
  state,
  scope,
  testId,
  done,
  button,
  children,
}: {
  state: Pick<ActionState<ActionResult>, 'pending' | 'error' | 'result'>;
  scope: TeamScope;
  testId: string;
  done?: MessageKey | null;
  button: { label: string; testId: string; disabled?: boolean; onClick?: () => void; className?: string };
  children?: ReactNode;
}) {
  return (
    <>
      <ErrorNotice error={state.error} testId={`${testId}-error`} />
      {done !== null && <SavedNotice result={state.result} testId={`${testId}-saved`} done={done} />}
      <div className="button-row">
        <button
          type={button.onClick ? 'button' : 'submit'}
          className={button.className ?? 'button button--primary'}
          disabled={state.pending || button.disabled === true || scope.block !== null}
          onClick={button.onClick}
          data-testid={button.testId}
        >
          {button.label}
        </button>
        {children}
        <BlockNote scope={scope} />
      </div>
    </>
  );
}

/** A whole number (yen, a quantity) typed in, with its label and anything said below it (`children`). */
export function AmountField({
  label,
  value,
  onChange,
  testId,
  min = 1,
  max,
  required = true,
  describedBy,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  min?: number;
  max?: number;
  required?: boolean;
  describedBy?: string;
  children?: ReactNode;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required={required}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        data-testid={testId}
      />
      {children}
    </label>
  );
}

/** A table's header row: the column titles, the numeric ones (`num`) aligned right. */
export function TableHead({ columns }: { columns: readonly { label: string; num?: boolean }[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
