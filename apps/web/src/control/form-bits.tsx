import type { ControlView } from '@mamoru/domain';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import type { ActionState } from '../ui/use-action';
import type { Names } from './control-room';

/** A panel's head: its title (the section's label) and what stands beside it (a reload button, a badge). */
export function PanelHead({ titleId, title, children }: { titleId: string; title: string; children?: ReactNode }) {
  return (
    <header className="control-panel-head">
      <h2 id={titleId}>{title}</h2>
      {children}
    </header>
  );
}

export function ReloadButton({ onReload }: { onReload(): void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button button--secondary button--small" onClick={onReload}>
      {t('control.reload')}
    </button>
  );
}

/** Picks one of the game's teams (by id, showing its name). */
export function TeamSelect({
  label,
  teams,
  value,
  onChange,
  testId,
}: {
  label: string;
  teams: ControlView['teams'];
  value: string;
  onChange(teamId: string): void;
  testId: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {teams.map((team) => (
          <option key={team.teamId} value={team.teamId}>
            {team.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One `<option>` per unit, named in the page's language. */
export function UnitOptions({ names }: { names: Names }) {
  return names.units.map((u) => (
    <option key={u.id} value={u.id}>
      {names.unit(u.id)}
    </option>
  ));
}

/** The reason an organiser gives for an action (up to 1000 characters); `children` go below as a hint. */
export function ReasonField({
  label,
  value,
  onChange,
  testId,
  required,
  inline,
  children,
}: {
  label: string;
  value: string;
  onChange(reason: string): void;
  testId: string;
  required?: boolean;
  inline?: boolean;
  children?: ReactNode;
}) {
  return (
    <label className={inline ? 'field field--inline' : 'field'}>
      <span>{label}</span>
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={1000}
        required={required}
        data-testid={testId}
      />
      {children}
    </label>
  );
}

/**
 * A form's end: the action's error, what it did (`saved`: shown unless null, undefined or false) and
 * the submit button, disabled while the action runs or when `disabled`.
 */
export function ActionFooter({
  action,
  errorTestId,
  saved,
  savedTestId,
  submitTestId,
  variant = 'primary',
  disabled = false,
  working = false,
  children,
}: {
  action: Pick<ActionState<unknown>, 'pending' | 'error'>;
  errorTestId: string;
  saved?: ReactNode;
  savedTestId?: string;
  submitTestId: string;
  variant?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  /** Says "working" on the button while the action runs. */
  working?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <ErrorNotice error={action.error} testId={errorTestId} />
      {saved !== undefined && saved !== null && saved !== false && (
        <p className="ok-notice" role="status" data-testid={savedTestId}>
          {saved}
        </p>
      )}
      <button
        type="submit"
        className={`button button--${variant}`}
        disabled={action.pending || disabled}
        data-testid={submitTestId}
      >
        {working && action.pending ? t('common.working') : children}
      </button>
    </>
  );
}
