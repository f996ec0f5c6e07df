import { probeLabel } from '../ui/probe-label';
import type { ControlView } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useAction } from '../ui/use-action';
import type { Names } from './control-room';
import type { ControlApi, ControlPanelProps } from './control-types';
import { gamePath } from './control-types';
import { teamNamesOf } from './create-game-form';
import { ActionFooter, ReasonField, TeamSelect, UnitOptions } from './form-bits';

function probeBadge(probe: string | null): string {
  if (probe === null) return 'badge';
  return probe === 'ok' ? 'badge badge--good' : 'badge badge--bad';
}

/** Organisers' team tools: adding teams (before the start), adjustments and sandbox resets. */
export function TeamToolsPanel({
  view,
  names,
  api,
  gameId,
  onTeamsAdded,
}: ControlPanelProps & {
  onTeamsAdded(): void;
}) {
  const { t } = useI18n();
  return (
    <section
      className="panel control-team-tools-panel"
      id="control-team-tools"
      aria-labelledby="control-team-tools-title"
    >
      <h2 id="control-team-tools-title">{t('control.teamTools.title')}</h2>
      <div className="control-team-tools">
        {view.clock.status === 'created' && <AddTeamsForm api={api} gameId={gameId} onAdded={onTeamsAdded} />}
        <AdjustmentForm view={view} names={names} api={api} gameId={gameId} />
        <SandboxResetForm view={view} api={api} gameId={gameId} />
      </div>
    </section>
  );
}

/** Every team live (never frozen). */
export function TeamsPanel({ view, names }: { view: ControlView; names: Names }) {
  const { t, yen, percent, score } = useI18n();
  const unitIds = names.units.map((u) => u.id);
  return (
    <section className="panel control-teams" id="control-teams" aria-labelledby="control-teams-title">
      <h2 id="control-teams-title">{t('control.teams.title')}</h2>
      <div className="control-scroll-x">
        <table className="data-table control-teams__table">
          <thead>
            <tr>
              <th className="num">{t('standings.rank')}</th>
              <th>{t('standings.team')}</th>
              <th className="num">{t('control.teams.esc')}</th>
              <th className="num">{t('control.teams.cash')}</th>
              <th className="num">{t('standings.revenue')}</th>
              <th className="num">{t('standings.trust')}</th>
              <th className="num">{t('control.teams.downtime')}</th>
              <th>{t('control.teams.probe')}</th>
              <th className="num">{t('control.teams.attacks')}</th>
              <th className="num">{t('control.teams.members')}</th>
              <th className="num">{t('control.teams.awaiting')}</th>
              {unitIds.map((id) => (
                <th key={id} className="num control-unit-head" title={names.unit(id)}>
                  {names.unit(id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.teams.length === 0 && (
              <tr>
                <td colSpan={11 + unitIds.length} className="muted">
                  {t('standings.empty')}
                </td>
              </tr>
            )}
            {view.teams.map((team) => (
              <tr key={team.teamId} data-testid="control-team-row" data-team-id={team.teamId}>
                <td className="num">{team.rank}</td>
                <td className="control-team-name">
                  <strong>{team.name}</strong> <span className="muted control-small">{team.teamId}</span>
                </td>
                <td className="num">{yen(team.escYen)}</td>
                <td className={team.cashYen < 0 ? 'num control-bad' : 'num'}>{yen(team.cashYen)}</td>
                <td className="num">{yen(team.revenueYen)}</td>
                <td className="num">{percent(team.trust)}</td>
                <td className="num">{team.downtimeMinutes}</td>
                <td>
                  <span className={probeBadge(team.lastProbe)} data-probe={team.lastProbe ?? ''}>
                    {team.lastProbe ? probeLabel(t, team.lastProbe) : '—'}
                  </span>
                </td>
                <td className="num">
                  {team.attacksBlocked} / {team.attacksFaced}
                </td>
                <td className="num">{team.members}</td>
                <td className="num">
                  {team.awaitingGrade > 0 ? <span className="badge badge--warn">{team.awaitingGrade}</span> : 0}
                </td>
                {unitIds.map((id) => (
                  <td key={id} className="num">
                    {score(team.units[id])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted control-note">{t('control.teams.note')}</p>
    </section>
  );
}

function AddTeamsForm({ api, gameId, onAdded }: { api: ControlApi; gameId: string; onAdded(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const action = useAction(async (_key: string, teams: { name: string }[]) => {
    const answer = await api.request(gamePath(gameId, '/teams'), { method: 'POST', body: { teams } });
    setText('');
    onAdded();
    return answer;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const teams = teamNamesOf(text).map((name) => ({ name }));
    if (teams.length > 0) void action.run(teams);
  };
  return (
    <form className="control-subform" onSubmit={submit}>
      <h3>{t('control.teams.add')}</h3>
      <label className="field">
        <span>{t('control.teams.addNames')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} data-testid="teams-add-names" />
        <small>{t('control.teams.addHint')}</small>
      </label>
      <ActionFooter
        action={action}
        errorTestId="teams-add-error"
        submitTestId="teams-add-submit"
        disabled={!text.trim()}
      >
        {t('control.teams.addSubmit')}
      </ActionFooter>
    </form>
  );
}

function AdjustmentForm({ view, names, api, gameId }: ControlPanelProps) {
  const { t, yen } = useI18n();
  const [teamId, setTeamId] = useState('');
  const [target, setTarget] = useState('esc');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const chosenTeam = teamId || view.teams[0]?.teamId || '';
  const action = useAction(
    async (key: string, body: { target: string; amount: number; reason: string }, team: string) => {
      const answer = await api.request(gamePath(gameId, `/teams/${encodeURIComponent(team)}/adjustments`), {
        method: 'POST',
        body,
        idempotencyKey: key,
      });
      setAmount('');
      setReason('');
      return answer;
    },
  );
  const value = Number(amount);
  const valid = amount.trim() !== '' && Number.isFinite(value) && value !== 0 && reason.trim().length > 0 && chosenTeam;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    void action.run({ target, amount: value, reason: reason.trim() }, chosenTeam);
  };
  return (
    <form className="control-subform" onSubmit={submit} aria-labelledby="control-adjust-title">
      <h3 id="control-adjust-title">{t('control.adjust.title')}</h3>
      <div className="control-form-row">
        <TeamSelect
          label={t('control.adjust.team')}
          teams={view.teams}
          value={chosenTeam}
          onChange={setTeamId}
          testId="adjust-team"
        />
        <label className="field">
          <span>{t('control.adjust.target')}</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="adjust-target">
            <option value="esc">{t('control.adjust.esc')}</option>
            <UnitOptions names={names} />
          </select>
        </label>
        <label className="field">
          <span>{target === 'esc' ? t('control.adjust.amountYen') : t('control.adjust.amountPoints')}</span>
          <input
            type="number"
            step="any"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            className="num"
            required
            data-testid="adjust-amount"
          />
          <small>
            {target === 'esc' && amount.trim() && Number.isFinite(value) ? yen(value) : t('control.adjust.signed')}
          </small>
        </label>
      </div>
      <ReasonField
        label={t('control.adjust.reason')}
        value={reason}
        onChange={setReason}
        testId="adjust-reason"
        required
      />
      <ActionFooter
        action={action}
        errorTestId="adjust-error"
        saved={action.result !== undefined && t('control.adjust.saved')}
        savedTestId="adjust-saved"
        submitTestId="adjust-submit"
        disabled={!valid}
      >
        {t('control.adjust.submit')}
      </ActionFooter>
    </form>
  );
}

function SandboxResetForm({ view, api, gameId }: { view: ControlView; api: ControlApi; gameId: string }) {
  const { t } = useI18n();
  const [teamId, setTeamId] = useState('');
  const [reason, setReason] = useState('');
  const chosenTeam = teamId || view.teams[0]?.teamId || '';
  const action = useAction(async (key: string, team: string, why: string) => {
    const answer = await api.request<{ applied: boolean; resynced?: boolean }>(
      gamePath(gameId, `/teams/${encodeURIComponent(team)}/sandbox/reset`),
      { method: 'POST', body: { reason: why }, idempotencyKey: key },
    );
    setReason('');
    return answer;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosenTeam || !reason.trim()) return;
    const name = view.teams.find((x) => x.teamId === chosenTeam)?.name ?? chosenTeam;
    if (!window.confirm(t('control.reset.confirm', { team: name }))) return;
    void action.run(chosenTeam, reason.trim());
  };
  return (
    <form className="control-subform" onSubmit={submit} aria-labelledby="control-reset-title">
      <h3 id="control-reset-title">{t('control.reset.title')}</h3>
      <p className="muted control-note">{t('control.reset.note')}</p>
      <TeamSelect
        label={t('control.adjust.team')}
        teams={view.teams}
        value={chosenTeam}
        onChange={setTeamId}
        testId="reset-team"
      />
      <ReasonField
        label={t('control.adjust.reason')}
        value={reason}
        onChange={setReason}
        testId="reset-reason"
        required
      />
      <ActionFooter
        action={action}
        errorTestId="reset-error"
        saved={
          action.result &&
          (action.result.resynced === false ? t('control.reset.doneNotResynced') : t('control.reset.done'))
        }
        savedTestId="reset-done"
        submitTestId="reset-submit"
        variant="danger"
        disabled={!reason.trim() || !chosenTeam}
        working
      >
        {t('control.reset.submit')}
      </ActionFooter>
    </form>
  );
}
