import type { ControlView } from '@mamoru/domain';
import type { ReactNode } from 'react';
import { sessionStore } from '../auth/session';
import type { SessionStore } from '../auth/session';
import { SignInForm } from '../auth/sign-in-form';
import { useSession } from '../auth/use-session';
import { useI18n } from '../i18n/i18n-context';
import { useLiveView } from '../live/use-live-view';
import { navigate } from '../routing/navigation';
import { controlGamePath } from '../routing/routes';
import { AppHeader } from '../ui/app-header';
import { useDocumentTitle } from '../use-document-title';
import { ControlRoom } from './control-room';
import type { StaffRole } from './control-types';
import { CreateGameForm } from './create-game-form';
import { GamesList } from './games-list';
import { useAudit, useHealth, useMembers, useServerHealth, useSummary } from './use-control-data';
import './control.css';

/** Signed out: the sign-in form; a member's account: this page is not theirs; staff: `signedIn(role)`. */
function StaffGate({
  store,
  testId,
  gameId,
  children,
}: {
  store: SessionStore;
  testId: string;
  gameId?: string;
  children(role: StaffRole, login: string): ReactNode;
}) {
  const { t } = useI18n();
  const { session } = useSession(store);
  if (session && session.principal.role !== 'member') return children(session.principal.role, session.principal.login);
  return (
    <main className="app-page" data-testid={testId} data-game-id={gameId}>
      <AppHeader
        title={t('control.title')}
        login={session?.principal.login}
        onSignOut={session ? () => store.signOut() : undefined}
      />
      {session ? (
        <section className="panel control-wrong-role" data-testid="control-wrong-role">
          <h2>{t('control.wrongRole.title')}</h2>
          <p>{t('control.wrongRole.body', { login: session.principal.login })}</p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={() => store.signOut()}>
              {t('common.signOut')}
            </button>
            <a className="button button--secondary" href="/team">
              {t('control.wrongRole.team')}
            </a>
          </div>
        </section>
      ) : (
        <SignInForm store={store} allowJoin={false} />
      )}
    </main>
  );
}

/** The control room's start `/control`: sign in, the games, create a game. */
export function ControlPage() {
  const { t } = useI18n();
  const store = sessionStore('control');
  useDocumentTitle(`${t('control.title')} — ${t('app.name')}`);
  return (
    <StaffGate store={store} testId="control-page">
      {(role, login) => (
        <main className="app-page" data-testid="control-page">
          <AppHeader title={t('control.title')} login={login} onSignOut={() => store.signOut()} />
          <div className="control-home">
            <GamesList />
            {role === 'organiser' ? (
              <CreateGameForm api={store} onCreated={(gameId) => navigate(controlGamePath(gameId))} />
            ) : (
              <p className="panel muted">{t('control.grader.note')}</p>
            )}
          </div>
        </main>
      )}
    </StaffGate>
  );
}

/** The control room of one game `/control/:gameId`. */
export function ControlGamePage({ gameId }: { gameId: string }) {
  const store = sessionStore('control');
  return (
    <StaffGate store={store} testId="control-room" gameId={gameId}>
      {(role, login) => <LiveControlRoom gameId={gameId} store={store} role={role} login={login} />}
    </StaffGate>
  );
}

function LiveControlRoom({
  gameId,
  store,
  role,
  login,
}: {
  gameId: string;
  store: SessionStore;
  role: StaffRole;
  login: string;
}) {
  const { t, text } = useI18n();
  const live = useLiveView<ControlView>('/control', gameId, store);
  const view = live.view;
  const organiser = role === 'organiser';
  const summary = useSummary(gameId, `${view?.teams.length ?? -1}:${view?.clock.status ?? ''}`);
  const health = useHealth(store, gameId);
  const serverHealth = useServerHealth();
  const members = useMembers(store, gameId, organiser, live.seq);
  const audit = useAudit(store, gameId, organiser, live.seq);
  useDocumentTitle(`${view ? text(view.title) : gameId} — ${t('control.title')}`);
  return (
    <ControlRoom
      gameId={gameId}
      role={role}
      login={login}
      onSignOut={() => store.signOut()}
      api={store}
      live={live}
      summary={summary.data}
      onSummaryChanged={summary.reload}
      health={health}
      serverHealth={serverHealth}
      members={members}
      audit={audit}
    />
  );
}
