import type { ReactNode } from 'react';
import { ConnectionStatus } from '../board/connection-status';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../i18n/language-switch';
import type { ConnectionState } from '../live/live-connection';
import { Link } from '../routing/link';

/** The top of a signed-in page: brand, title, what else the page puts there, connection, language, who and sign-out. */
export function AppHeader({
  title,
  connection,
  login,
  onSignOut,
  children,
}: {
  title: string;
  connection?: ConnectionState;
  login?: string;
  onSignOut?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div>
        <p className="app-header__brand">
          <Link to="/">{t('app.name')}</Link>
        </p>
        <h1 className="app-header__title">{title}</h1>
      </div>
      {children}
      <span className="app-header__spacer" />
      {connection && <ConnectionStatus state={connection} />}
      <LanguageSwitch />
      {login && (
        <span className="app-header__who" data-testid="signed-in-as">
          {t('common.signedInAs', { login })}
        </span>
      )}
      {onSignOut && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={onSignOut}
          data-testid="sign-out"
        >
          {t('common.signOut')}
        </button>
      )}
    </header>
  );
}
