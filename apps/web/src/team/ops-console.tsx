import type { FormEvent } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import { ActionRow, BlockNote } from './panel-bits';
import { teamAction } from './team-api';
import type { TeamScope } from './team-scope';

export interface ShopSettings {
  searchSafeQueries: boolean;
  priceApiRequireAuth: boolean;
  backupExposed: boolean;
}

type SettingId = keyof ShopSettings;

/** Each setting, what it means, and which value is the safe one. */
const SETTINGS: { id: SettingId; label: MessageKey; help: MessageKey; safe: boolean }[] = [
  { id: 'searchSafeQueries', label: 'team.ops.searchSafeQueries', help: 'team.ops.searchSafeQueriesHelp', safe: true },
  {
    id: 'priceApiRequireAuth',
    label: 'team.ops.priceApiRequireAuth',
    help: 'team.ops.priceApiRequireAuthHelp',
    safe: true,
  },
  { id: 'backupExposed', label: 'team.ops.backupExposed', help: 'team.ops.backupExposedHelp', safe: false },
];

/** While the settings cannot be read, ask again after this. */
const SETTINGS_RETRY_MS = 5000;

type Operation = 'restart' | 'backup' | 'restore' | 'resync';
const OPERATIONS: { id: Operation; label: MessageKey; done: MessageKey; help: MessageKey }[] = [
  { id: 'restart', label: 'team.ops.restart', done: 'team.ops.restartDone', help: 'team.ops.restartHelp' },
  { id: 'backup', label: 'team.ops.backup', done: 'team.ops.backupDone', help: 'team.ops.backupHelp' },
  { id: 'restore', label: 'team.ops.restore', done: 'team.ops.restoreDone', help: 'team.ops.restoreHelp' },
  { id: 'resync', label: 'team.ops.resync', done: 'team.ops.resyncDone', help: 'team.ops.resyncHelp' },
];

/** Tech: the team's shop, through the server (its settings, admin password, access log and operations). */
export function OpsConsole({
  scope,
  confirm = defaultConfirm,
}: {
  scope: TeamScope;
  confirm?: (message: string) => boolean;
}) {
  const { t } = useI18n();
  const [message, setMessage] = useState<MessageKey | null>(null);
  return (
    <section className="panel team-ops" data-testid="ops-console" aria-labelledby="team-ops-title">
      <h2 id="team-ops-title">{t('team.ops.title')}</h2>
      <p className="muted">{t('team.ops.intro')}</p>
      {message && (
        <p className="ok-notice" role="status" data-testid="ops-result">
          {t(message)}
        </p>
      )}
      <div className="team-ops__grid">
        <div>
          <SettingsForm scope={scope} onDone={setMessage} />
          <AdminPasswordForm scope={scope} onDone={setMessage} />
          <Operations scope={scope} onDone={setMessage} confirm={confirm} />
        </div>
        <ShopLogs scope={scope} />
      </div>
    </section>
  );
}

function defaultConfirm(message: string): boolean {
  return typeof window === 'undefined' || typeof window.confirm !== 'function' ? true : window.confirm(message);
}

function SettingsForm({ scope, onDone }: { scope: TeamScope; onDone: (message: MessageKey) => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<ShopSettings | null>(null);
  const [draft, setDraft] = useState<ShopSettings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(() => {
    setLoading(true);
    setLoadError(null);
    scope.api
      .request<ShopSettings>(`${scope.base}/shop/settings`)
      .then((settings) => {
        setSaved(settings);
        setDraft(settings);
      })
      .catch((error: unknown) => setLoadError(error))
      .finally(() => setLoading(false));
  }, [scope.api, scope.base]);
  useEffect(load, [load]);
  // a shop that is not up yet (starting, restarting) is asked again, until the settings come
  useEffect(() => {
    if (loadError === null || draft !== null) return;
    const timer = setTimeout(load, SETTINGS_RETRY_MS);
    return () => clearTimeout(timer);
  }, [loadError, draft, load]);

  const save = useAction(async (key: string, next: ShopSettings) => {
    const result = await teamAction(scope.api, `${scope.base}/shop/settings`, next, key, 'PUT');
    setSaved(next);
    onDone('team.ops.settingsSaved');
    return result;
  });
  const dirty = saved !== null && draft !== null && SETTINGS.some((s) => saved[s.id] !== draft[s.id]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft || scope.block) return;
    void save.run(draft);
  };

  return (
    <form className="team-subsection" onSubmit={submit} aria-labelledby="team-ops-settings">
      <h3 id="team-ops-settings">{t('team.ops.settings')}</h3>
      {loading && !draft && <p className="muted">{t('common.loading')}</p>}
      <ErrorNotice error={loadError} testId="ops-settings-error" />
      {loadError !== null && (
        <button type="button" className="button button--secondary button--small" onClick={load}>
          {t('common.retry')}
        </button>
      )}
      {draft && (
        <ul className="team-ops__settings">
          {SETTINGS.map((s) => {
            const value = draft[s.id];
            const safe = value === s.safe;
            return (
              <li key={s.id}>
                <label className="team-check team-check--setting">
                  <input
                    type="checkbox"
                    checked={value}
                    onChange={(e) => setDraft({ ...draft, [s.id]: e.target.checked })}
                    data-testid="ops-setting"
                    data-setting={s.id}
                  />
                  <span>
                    <strong>{t(s.label)}</strong>{' '}
                    <span className={`badge ${safe ? 'badge--good' : 'badge--bad'}`}>
                      {t(safe ? 'team.ops.safe' : 'team.ops.unsafe')}
                    </span>
                    <br />
                    <small className="muted">{t(s.help)}</small>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <ActionRow
        state={save}
        scope={scope}
        testId="ops-settings-save"
        done={null}
        button={{ label: t('team.ops.saveSettings'), testId: 'ops-settings-save', disabled: !draft || !dirty }}
      />
    </form>
  );
}

function AdminPasswordForm({ scope, onDone }: { scope: TeamScope; onDone: (message: MessageKey) => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const action = useAction(async (key: string, next: string) => {
    const result = await teamAction(scope.api, `${scope.base}/shop/admin-password`, { password: next }, key);
    setPassword('');
    onDone('team.ops.passwordChanged');
    return result;
  });
  const valid = password.length >= 8 && password.length <= 200;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || scope.block) return;
    void action.run(password);
  };
  return (
    <form className="team-subsection" onSubmit={submit} aria-labelledby="team-ops-password">
      <h3 id="team-ops-password">{t('team.ops.adminPassword')}</h3>
      <label className="field">
        <span>{t('team.ops.newPassword')}</span>
        <input
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={200}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="ops-admin-password"
        />
        <small>{t('team.ops.passwordHint')}</small>
      </label>
      <ActionRow
        state={action}
        scope={scope}
        testId="ops-admin-password"
        done={null}
        button={{ label: t('team.ops.changePassword'), testId: 'ops-admin-password-submit', disabled: !valid }}
      />
    </form>
  );
}

function Operations({
  scope,
  onDone,
  confirm,
}: {
  scope: TeamScope;
  onDone: (message: MessageKey) => void;
  confirm: (message: string) => boolean;
}) {
  const { t } = useI18n();
  const [failed, setFailed] = useState<{ op: Operation; error: unknown } | null>(null);
  const action = useAction(async (key: string, op: Operation) => {
    try {
      const result = await teamAction(scope.api, `${scope.base}/shop/${op}`, {}, key);
      setFailed(null);
      onDone(OPERATIONS.find((o) => o.id === op)!.done);
      return result;
    } catch (error) {
      setFailed({ op, error });
      throw error;
    }
  });
  return (
    <div className="team-subsection">
      <h3>{t('team.ops.operations')}</h3>
      <ul className="team-ops__operations">
        {OPERATIONS.map((op) => (
          <li key={op.id}>
            <button
              type="button"
              className={`button button--small ${op.id === 'restore' ? 'button--danger' : 'button--secondary'}`}
              // resync is allowed at any time; the others only while the game runs
              disabled={action.pending || (op.id !== 'resync' && scope.block !== null)}
              onClick={() => {
                if (op.id === 'restore' && !confirm(t('team.ops.restoreConfirm'))) return;
                void action.run(op.id);
              }}
              data-testid={`ops-${op.id}`}
            >
              {t(op.label)}
            </button>
            <small className="muted">{t(op.help)}</small>
          </li>
        ))}
      </ul>
      {failed && (
        <>
          <p className="team-warning">
            {t('team.ops.failed', { operation: t(OPERATIONS.find((o) => o.id === failed.op)!.label) })}
          </p>
          <ErrorNotice error={failed.error} testId="ops-error" />
        </>
      )}
      <BlockNote scope={scope} />
    </div>
  );
}

function ShopLogs({ scope }: { scope: TeamScope }) {
  const { t } = useI18n();
  const [lines, setLines] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    scope.api
      .request<{ lines: string[] }>(`${scope.base}/shop/logs?limit=200`)
      .then((answer) => setLines(answer.lines))
      .catch((failure: unknown) => setError(failure))
      .finally(() => setLoading(false));
  }, [scope.api, scope.base]);
  useEffect(load, [load]);
  return (
    <div className="team-subsection team-ops__logs">
      <div className="team-subsection__head">
        <h3>{t('team.ops.logs')}</h3>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={load}
          disabled={loading}
          data-testid="ops-logs-refresh"
        >
          {loading ? t('common.loading') : t('team.ops.refreshLogs')}
        </button>
      </div>
      <ErrorNotice error={error} testId="ops-logs-error" />
      <pre
        className="team-logs"
        data-testid="ops-logs"
        tabIndex={0}
        aria-label={t('team.ops.logs')}
        data-lines={lines?.length ?? 0}
      >
        {lines === null ? '' : lines.length === 0 ? t('team.ops.noLogs') : lines.join('\n')}
      </pre>
    </div>
  );
}
