import type { ChangeEvent, FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import type { Names } from './control-room';
import type { ControlApi, ControlPanelProps, IssuedMember, MemberRow } from './control-types';
import { gamePath } from './control-types';
import { ActionFooter, PanelHead, ReasonField, ReloadButton, TeamSelect, UnitOptions } from './form-bits';
import type { Loaded } from './use-control-data';

const CSV_EXAMPLE = 'team,name,units,login\nteam-1,Aiko Sato,management|sales,aiko\nteam-1,Ren Ito,tech;support,';

/** The game's members: the list, adding one or many (CSV), reissuing codes, transfers. */
export function MembersPanel({
  view,
  names,
  api,
  gameId,
  members,
  onIssued,
}: ControlPanelProps & {
  members: Loaded<MemberRow[]>;
  onIssued(members: IssuedMember[]): void;
}) {
  const { t, time } = useI18n();
  const starts = view.clock.clockStartsAtMinutes;
  const reissue = useAction(async (_key: string, memberId: string) => {
    const answer = await api.request<{ memberId: string; login: string; joinCode: string }>(
      gamePath(gameId, `/members/${encodeURIComponent(memberId)}/join-code`),
      { method: 'POST', body: {} },
    );
    const row = members.data?.find((m) => m.memberId === memberId);
    onIssued([
      {
        memberId: answer.memberId,
        login: answer.login,
        joinCode: answer.joinCode,
        teamId: row?.teamId ?? '',
        name: row?.name ?? answer.login,
        units: row?.units ?? [],
      },
    ]);
    members.reload();
    return answer;
  });

  return (
    <section className="panel control-members" id="control-members" aria-labelledby="control-members-title">
      <PanelHead titleId="control-members-title" title={t('control.members.title')}>
        <ReloadButton onReload={members.reload} />
      </PanelHead>
      <div className="control-members__body">
        <div className="control-scroll-y control-members__list">
          <ErrorNotice error={members.error} testId="members-load-error" />
          <ErrorNotice error={reissue.error} testId="member-reissue-error" />
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('control.members.name')}</th>
                <th>{t('standings.team')}</th>
                <th>{t('control.members.units')}</th>
                <th>{t('control.members.login')}</th>
                <th>{t('control.members.joined')}</th>
                <th>{t('control.members.away')}</th>
                <th>
                  <span className="visually-hidden">{t('control.timeline.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data?.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {t('control.members.empty')}
                  </td>
                </tr>
              )}
              {(members.data ?? []).map((m) => (
                <tr key={m.memberId} data-testid="member-list-row" data-member-id={m.memberId} data-login={m.login}>
                  <td>{m.name}</td>
                  <td>{names.team(m.teamId)}</td>
                  <td>{m.units.map((u) => names.unit(u)).join(' / ')}</td>
                  <td>
                    <code>{m.login}</code>
                  </td>
                  <td>
                    {m.joined ? (
                      <span className="badge badge--good">{t('control.members.joinedYes')}</span>
                    ) : (
                      <span className="badge">{t('control.members.joinedNo')}</span>
                    )}
                  </td>
                  <td className="num">
                    {m.awayUntilMinute !== null && m.awayUntilMinute > view.clock.tick
                      ? t('control.members.awayUntil', { time: time(m.awayUntilMinute, starts) })
                      : '—'}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={reissue.pending}
                      onClick={() => {
                        if (!m.joined || window.confirm(t('control.members.reissueConfirm', { name: m.name }))) {
                          void reissue.run(m.memberId);
                        }
                      }}
                      data-testid="member-reissue"
                    >
                      {t('control.members.reissue')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="control-members__forms">
          <CsvImportForm api={api} gameId={gameId} onIssued={onIssued} onChanged={members.reload} />
          <AddMemberForm
            view={view}
            names={names}
            api={api}
            gameId={gameId}
            onIssued={onIssued}
            onChanged={members.reload}
          />
          <TransferForm
            members={members.data ?? []}
            names={names}
            api={api}
            gameId={gameId}
            onChanged={members.reload}
          />
        </div>
      </div>
    </section>
  );
}

function CsvImportForm({
  api,
  gameId,
  onIssued,
  onChanged,
}: {
  api: ControlApi;
  gameId: string;
  onIssued(members: IssuedMember[]): void;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [csv, setCsv] = useState('');
  const action = useAction(async (_key: string, text: string) => {
    try {
      const answer = await api.request<{ members: IssuedMember[] }>(gamePath(gameId, '/members'), {
        method: 'POST',
        body: { csv: text },
      });
      onIssued(answer.members);
      setCsv('');
      return answer;
    } finally {
      onChanged();
    }
  });
  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void file.text().then(setCsv);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (csv.trim()) void action.run(csv);
  };
  return (
    <form className="control-subform" onSubmit={submit} aria-labelledby="control-csv-title">
      <h3 id="control-csv-title">{t('control.members.csvTitle')}</h3>
      <label className="field">
        <span>{t('control.members.csvFile')}</span>
        <input type="file" accept=".csv,text/csv" onChange={readFile} data-testid="members-csv-file" />
      </label>
      <label className="field">
        <span>{t('control.members.csv')}</span>
        <textarea
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          rows={4}
          placeholder={CSV_EXAMPLE}
          spellCheck={false}
          className="control-mono"
          data-testid="members-csv"
        />
        <small>{t('control.members.csvHint')}</small>
      </label>
      <ActionFooter
        action={action}
        errorTestId="members-error"
        saved={action.result && t('control.members.imported', { count: action.result.members.length })}
        savedTestId="members-imported"
        submitTestId="members-import"
        disabled={!csv.trim()}
      >
        {t('control.members.import')}
      </ActionFooter>
    </form>
  );
}

function AddMemberForm({
  view,
  names,
  api,
  gameId,
  onIssued,
  onChanged,
}: ControlPanelProps & {
  onIssued(members: IssuedMember[]): void;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [teamId, setTeamId] = useState('');
  const [name, setName] = useState('');
  const [unit1, setUnit1] = useState('');
  const [unit2, setUnit2] = useState('');
  const [login, setLogin] = useState('');
  const chosenTeam = teamId || view.teams[0]?.teamId || '';
  const firstUnit = unit1 || names.units[0]?.id || '';
  const action = useAction(async (_key: string, member: object) => {
    const answer = await api.request<{ members: IssuedMember[] }>(gamePath(gameId, '/members'), {
      method: 'POST',
      body: { members: [member] },
    });
    onIssued(answer.members);
    onChanged();
    setName('');
    setLogin('');
    return answer;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosenTeam || !name.trim() || !firstUnit) return;
    const units = unit2 && unit2 !== firstUnit ? [firstUnit, unit2] : [firstUnit];
    void action.run({ teamId: chosenTeam, name: name.trim(), units, ...(login.trim() ? { login: login.trim() } : {}) });
  };
  return (
    <form className="control-subform" onSubmit={submit} aria-labelledby="control-add-member-title">
      <h3 id="control-add-member-title">{t('control.members.addTitle')}</h3>
      <div className="control-form-row">
        <TeamSelect
          label={t('standings.team')}
          teams={view.teams}
          value={chosenTeam}
          onChange={setTeamId}
          testId="member-add-team"
        />
        <label className="field">
          <span>{t('control.members.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            data-testid="member-add-name"
          />
        </label>
      </div>
      <div className="control-form-row">
        <label className="field">
          <span>{t('control.members.unit1')}</span>
          <select value={firstUnit} onChange={(e) => setUnit1(e.target.value)} data-testid="member-add-unit">
            <UnitOptions names={names} />
          </select>
        </label>
        <label className="field">
          <span>{t('control.members.unit2')}</span>
          <select value={unit2} onChange={(e) => setUnit2(e.target.value)} data-testid="member-add-unit2">
            <option value="">{t('common.none')}</option>
            <UnitOptions names={names} />
          </select>
        </label>
        <label className="field">
          <span>{t('control.members.loginOptional')}</span>
          <input
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoCapitalize="off"
            spellCheck={false}
            data-testid="member-add-login"
          />
        </label>
      </div>
      <ActionFooter
        action={action}
        errorTestId="member-add-error"
        submitTestId="member-add-submit"
        disabled={!name.trim() || !chosenTeam}
      >
        {t('control.members.add')}
      </ActionFooter>
    </form>
  );
}

function TransferForm({
  members,
  names,
  api,
  gameId,
  onChanged,
}: {
  members: MemberRow[];
  names: Names;
  api: ControlApi;
  gameId: string;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [memberId, setMemberId] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [reason, setReason] = useState('');
  const chosen = memberId || members[0]?.memberId || '';
  const action = useAction(async (_key: string, id: string, body: object) => {
    const answer = await api.request(gamePath(gameId, `/members/${encodeURIComponent(id)}/transfer`), {
      method: 'POST',
      body,
    });
    onChanged();
    setReason('');
    return answer;
  });
  const value = Number(minutes);
  const valid = chosen && Number.isInteger(value) && value >= 1 && value <= 1440;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    void action.run(chosen, { minutes: value, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
  return (
    <form className="control-subform" onSubmit={submit} aria-labelledby="control-transfer-title">
      <h3 id="control-transfer-title">{t('control.transfer.title')}</h3>
      <div className="control-form-row">
        <label className="field">
          <span>{t('control.transfer.member')}</span>
          <select value={chosen} onChange={(e) => setMemberId(e.target.value)} data-testid="transfer-member">
            {members.map((m) => (
              <option key={m.memberId} value={m.memberId}>
                {m.name} ({names.team(m.teamId)})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('control.transfer.minutes')}</span>
          <input
            type="number"
            min={1}
            max={1440}
            step={1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            className="num"
            data-testid="transfer-minutes"
          />
        </label>
      </div>
      <ReasonField label={t('control.transfer.reason')} value={reason} onChange={setReason} testId="transfer-reason" />
      <ActionFooter
        action={action}
        errorTestId="transfer-error"
        saved={action.result !== undefined && t('control.transfer.done')}
        submitTestId="transfer-submit"
        variant="secondary"
        disabled={!valid}
      >
        {t('control.transfer.submit')}
      </ActionFooter>
    </form>
  );
}
