import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import type { SessionStore } from './session';

/**
 * Signing in for a page: login and password, and for members the first sign-in with their one-time
 * join code (which sets the password). Keyboard-only friendly: labelled fields, Enter submits.
 */
export function SignInForm({ store, allowJoin }: { store: SessionStore; allowJoin: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [mode, setMode] = useState<'password' | 'join'>('password');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [joinCode, setJoinCode] = useState('');
  const expired = store.getState().expired;
  const action = useAction(() =>
    mode === 'join' ? store.join(joinCode.trim(), password) : store.signIn(login.trim(), password),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };

  return (
    <form className="panel sign-in" onSubmit={submit} data-testid="sign-in" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('signIn.title')}</h2>
      {expired && <p className="sign-in__note">{t('signIn.expired')}</p>}
      {allowJoin && (
        <div className="segmented" role="group" aria-label={t('signIn.title')}>
          <button
            type="button"
            aria-pressed={mode === 'password'}
            onClick={() => setMode('password')}
            data-testid="sign-in-mode-password"
          >
            {t('signIn.withPassword')}
          </button>
          <button
            type="button"
            aria-pressed={mode === 'join'}
            onClick={() => setMode('join')}
            data-testid="sign-in-mode-join"
          >
            {t('signIn.join')}
          </button>
        </div>
      )}
      {mode === 'password' ? (
        <label className="field">
          <span>{t('signIn.login')}</span>
          <input
            name="login"
            autoComplete="username"
            required
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            data-testid="sign-in-login"
          />
        </label>
      ) : (
        <label className="field">
          <span>{t('signIn.joinCode')}</span>
          <input
            name="joinCode"
            autoComplete="one-time-code"
            required
            value={joinCode}
            onChange={(e) => setJoinCode(e.target.value)}
            aria-describedby={`${id}-hint`}
            data-testid="sign-in-join-code"
          />
          <small id={`${id}-hint`}>{t('signIn.joinCodeHint')}</small>
        </label>
      )}
      <label className="field">
        <span>{mode === 'join' ? t('signIn.newPassword') : t('signIn.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete={mode === 'join' ? 'new-password' : 'current-password'}
          required
          minLength={mode === 'join' ? 8 : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="sign-in-password"
        />
      </label>
      <ErrorNotice error={action.error} testId="sign-in-error" />
      <button className="button button--primary" type="submit" disabled={action.pending} data-testid="sign-in-submit">
        {action.pending ? t('common.working') : mode === 'join' ? t('signIn.joinSubmit') : t('signIn.submit')}
      </button>
    </form>
  );
}
