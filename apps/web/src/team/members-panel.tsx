import type { TeamView, UnitId } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import { SavedNotice } from './panel-bits';
import { teamAction } from './team-api';
import type { TeamScope } from './team-scope';

type Member = TeamView['members'][number];

/** The team's members, their units and who is away on a transfer; management moves people between units. */
export function MembersPanel({
  view,
  scope,
  canMove,
  memberId,
}: {
  view: TeamView;
  scope: TeamScope;
  canMove: boolean;
  memberId: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="members-panel" aria-labelledby="team-members-title">
      <h2 id="team-members-title">{t('team.members.title')}</h2>
      {canMove && <p className="muted">{t('team.members.moveHint')}</p>}
      <ul className="team-members">
        {view.members.map((m) => (
          <MemberRow
            key={m.memberId}
            member={m}
            view={view}
            scope={scope}
            canMove={canMove}
            isMe={m.memberId === memberId}
          />
        ))}
      </ul>
    </section>
  );
}

function MemberRow({
  member,
  view,
  scope,
  canMove,
  isMe,
}: {
  member: Member;
  view: TeamView;
  scope: TeamScope;
  canMove: boolean;
  isMe: boolean;
}) {
  const { t, text, time } = useI18n();
  const [chosen, setChosen] = useState<UnitId[] | null>(null);
  const units = chosen ?? member.units;
  const save = useAction(async (key: string, next: UnitId[]) => {
    const result = await teamAction(
      scope.api,
      `${scope.base}/members/${encodeURIComponent(member.memberId)}/units`,
      { units: next },
      key,
    );
    setChosen(null);
    return result;
  });
  const name = (unit: UnitId) => text(view.team.units.find((u) => u.unit === unit)?.name) || unit;
  const dirty =
    chosen !== null && (chosen.length !== member.units.length || chosen.some((u) => !member.units.includes(u)));
  const valid = units.length >= 1 && units.length <= 2;
  const toggle = (unit: UnitId, on: boolean) => {
    const next = on ? [...units, unit] : units.filter((u) => u !== unit);
    // in the scenario's order
    setChosen(view.team.units.map((u) => u.unit).filter((u) => next.includes(u)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || !valid || scope.block) return;
    void save.run(units);
  };

  return (
    <li
      className="team-member"
      data-testid="member-row"
      data-member-id={member.memberId}
      data-units={member.units.join(' ')}
    >
      <div className="team-member__head">
        <strong>{member.name}</strong>
        {isMe && <span className="badge">{t('team.members.you')}</span>}
        {member.awayUntilMinute !== undefined && (
          <span className="badge badge--warn" data-testid="member-away">
            {t('team.members.away', { time: time(member.awayUntilMinute, scope.clockStartsAtMinutes) })}
          </span>
        )}
        <span className="muted">{member.units.map(name).join(' / ')}</span>
      </div>
      {canMove && (
        <form className="team-member__move" onSubmit={submit}>
          <fieldset>
            <legend className="visually-hidden">{t('team.members.unitsOf', { name: member.name })}</legend>
            {view.team.units.map((u) => (
              <label key={u.unit} className="team-check">
                <input
                  type="checkbox"
                  checked={units.includes(u.unit)}
                  disabled={!units.includes(u.unit) && units.length >= 2}
                  onChange={(e) => toggle(u.unit, e.target.checked)}
                  data-testid="member-unit"
                  data-unit={u.unit}
                />
                {text(u.name)}
              </label>
            ))}
          </fieldset>
          {!valid && <p className="team-warning">{t('team.members.oneOrTwo')}</p>}
          <ErrorNotice error={save.error} testId="member-units-error" />
          <SavedNotice result={save.result} testId="member-units-saved" done="team.done.memberUnits" />
          <div className="button-row">
            <button
              type="submit"
              className="button button--secondary button--small"
              disabled={save.pending || !dirty || !valid || scope.block !== null}
              data-testid="member-units-save"
            >
              {t('team.members.save')}
            </button>
            {dirty && (
              <button type="button" className="button button--secondary button--small" onClick={() => setChosen(null)}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </li>
  );
}
