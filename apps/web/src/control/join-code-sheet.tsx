import { useI18n } from '../i18n/i18n-context';
import { TEAM_PATH } from '../routing/routes';
import type { Names } from './control-room';
import type { IssuedMember } from './control-types';

/**
 * The printable join-code sheet: one card per member with a fresh code (team, name, units, login,
 * code, where to go and what to do, in Japanese and English). Only the sheet prints; cards never
 * break across pages. Codes are shown once by the server: print before leaving the page.
 */
export function JoinCodeSheet({
  members,
  names,
  gameTitle,
  origin,
  onClear,
}: {
  members: readonly IssuedMember[];
  names: Names;
  gameTitle: string;
  origin: string;
  onClear(): void;
}) {
  const { t } = useI18n();
  const url = `${origin}${TEAM_PATH}`;
  const sorted = [...members].sort(
    (a, b) => a.teamId.localeCompare(b.teamId, 'en', { numeric: true }) || a.login.localeCompare(b.login),
  );
  return (
    <section className="panel join-code-sheet" data-testid="join-code-sheet" aria-labelledby="join-code-sheet-title">
      <header className="control-panel-head no-print">
        <h2 id="join-code-sheet-title">{t('control.sheet.title', { count: members.length })}</h2>
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => window.print()}
            data-testid="join-code-print"
          >
            {t('control.sheet.print')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClear} data-testid="join-code-clear">
            {t('control.sheet.clear')}
          </button>
        </div>
      </header>
      <p className="muted no-print">{t('control.sheet.note')}</p>
      <div className="join-code-sheet__cards">
        {sorted.map((m) => (
          <article
            key={m.memberId}
            className="join-code-card"
            data-testid="join-code-card"
            data-login={m.login}
            data-join-code={m.joinCode}
          >
            <header className="join-code-card__head">
              <span className="join-code-card__game">{gameTitle}</span>
              <span className="join-code-card__team">{names.team(m.teamId)}</span>
            </header>
            <p className="join-code-card__name">{m.name}</p>
            <dl className="join-code-card__facts">
              <div>
                <dt>部門 / Units</dt>
                <dd>{m.units.map((u) => names.unit(u)).join(' / ') || '—'}</dd>
              </div>
              <div>
                <dt>ログイン ID / Login</dt>
                <dd>
                  <code>{m.login}</code>
                </dd>
              </div>
              <div>
                <dt>参加コード / Join code</dt>
                <dd>
                  <code className="join-code-card__code">{m.joinCode}</code>
                </dd>
              </div>
              <div>
                <dt>URL</dt>
                <dd>
                  <code className="join-code-card__url">{url}</code>
                </dd>
              </div>
            </dl>
            <p className="join-code-card__howto" lang="ja">
              {`${url} を開き、「初回参加（参加コード）」を選んで参加コードと新しいパスワード（8 文字以上）を入力してください。次回からはログイン ID とパスワードでログインします。コードは一度しか使えません。`}
            </p>
            <p className="join-code-card__howto" lang="en">
              {`Open ${url}, choose “First time (join code)”, enter the join code and a new password (8 characters or more). Afterwards, sign in with your login and password. The code works once.`}
            </p>
          </article>
        ))}
      </div>
    </section>
  );
}
