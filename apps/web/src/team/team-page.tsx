import type { TeamView } from '@mamoru/domain';
import { useMemo } from 'react';
import type { Principal, SessionStore } from '../auth/session';
import { sessionStore } from '../auth/session';
import { SignInForm } from '../auth/sign-in-form';
import { useSession } from '../auth/use-session';
import { useGameClock } from '../board/use-game-clock';
import { useI18n } from '../i18n/i18n-context';
import type { Refusal } from '../live/live-connection';
import { useLiveView } from '../live/use-live-view';
import { AppHeader } from '../ui/app-header';
import { useDocumentTitle } from '../use-document-title';
import { teamBasePath } from './team-api';
import { TeamDashboard } from './team-dashboard';
import { useTeamHistory } from './use-team-history';
import './team.css';

/**
 * The team dashboard `/team`: sign in (or join with the one-time code), then the team's live view
 * for the signed-in member.
 */
export function TeamPage() {
  const { t } = useI18n();
  const store = sessionStore('team');
  const { session } = useSession(store);
  useDocumentTitle(`${t('team.pageTitle')} | ${t('app.name')}`);

  if (!session) {
    return (
      <main className="app-page" data-testid="team-page">
        <AppHeader title={t('team.pageTitle')} />
        <SignInForm store={store} allowJoin />
      </main>
    );
  }
  const principal = session.principal;
  if (principal.role !== 'member' || !principal.gameId || !principal.teamId) {
    return (
      <main className="app-page" data-testid="team-page">
        <AppHeader title={t('team.pageTitle')} login={principal.login} onSignOut={() => store.signOut()} />
        <div className="panel sign-in" data-testid="team-not-member">
          <h2>{t('team.notMember.title')}</h2>
          <p>{t('team.notMember.body', { role: principal.role })}</p>
          <button type="button" className="button button--primary" onClick={() => store.signOut()}>
            {t('common.signOut')}
          </button>
        </div>
      </main>
    );
  }
  return (
    <TeamLive
      key={`${principal.gameId}/${principal.teamId}/${principal.memberId ?? ''}`}
      store={store}
      principal={principal as Principal & { gameId: string; teamId: string }}
    />
  );
}

function TeamLive({
  store,
  principal,
}: {
  store: SessionStore;
  principal: Principal & { gameId: string; teamId: string };
}) {
  const { t } = useI18n();
  const live = useLiveView<TeamView>('/team', principal.gameId, store);
  const view = live.view;
  const gameMs = useGameClock(view?.clock ?? null, live.serverClock) ?? view?.clock.gameMs ?? 0;
  const base = teamBasePath(principal.gameId, principal.teamId);
  const api = useMemo(() => ({ request: store.request.bind(store) }), [store]);
  const history = useTeamHistory(api, base, view);
  const signOut = () => store.signOut();

  if (!view) {
    return (
      <main className="app-page" data-testid="team-page">
        <AppHeader
          title={t('team.pageTitle')}
          connection={live.connection}
          login={principal.login}
          onSignOut={signOut}
        />
        {live.refusal ? (
          <RefusalNotice refusal={live.refusal} view={null} onSignOut={signOut} memberId={principal.memberId} />
        ) : (
          <p className="muted" data-testid="team-loading">
            {t('team.connecting')}
          </p>
        )}
      </main>
    );
  }
  return (
    <TeamDashboard
      view={view}
      gameMs={gameMs}
      memberId={principal.memberId}
      login={principal.login}
      connection={live.connection}
      api={api}
      base={base}
      history={history}
      onSignOut={signOut}
      notice={
        live.refusal ? (
          <RefusalNotice refusal={live.refusal} view={view} onSignOut={signOut} memberId={principal.memberId} />
        ) : null
      }
    />
  );
}

/** Why the server refused the live connection, said plainly. */
export function RefusalNotice({
  refusal,
  view,
  onSignOut,
  memberId,
}: {
  refusal: Refusal;
  view: TeamView | null;
  onSignOut: () => void;
  memberId?: string;
}) {
  const { t, time } = useI18n();
  const away = view?.members.find((m) => m.memberId === memberId)?.awayUntilMinute;
  let text: string;
  switch (refusal.code) {
    case 'MEMBER_DISABLED':
      text =
        away !== undefined && view
          ? t('team.refused.transferUntil', { time: time(away, view.clock.clockStartsAtMinutes) })
          : t('team.refused.transfer');
      break;
    case 'UNAUTHENTICATED':
      text = t('team.refused.unauthenticated');
      break;
    case 'NOT_FOUND':
      text = t('team.refused.notFound');
      break;
    case 'FORBIDDEN':
      text = t('team.refused.forbidden');
      break;
    default:
      text = t('team.refused.other', { message: refusal.message });
  }
  return (
    <div className="error-notice team-refused" role="alert" data-testid="team-refused" data-code={refusal.code}>
      <strong>{text}</strong>
      {refusal.message && <p className="muted">{refusal.message}</p>}
      <small className="error-notice__code">{t('common.error.code', { code: refusal.code })}</small>
      {refusal.code === 'UNAUTHENTICATED' && (
        <div className="button-row">
          <button type="button" className="button button--primary button--small" onClick={onSignOut}>
            {t('team.refused.signInAgain')}
          </button>
        </div>
      )}
    </div>
  );
}
