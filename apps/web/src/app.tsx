import { lazy, Suspense } from 'react';
import { AudienceBoard } from './board/audience-board';
import { GamesPage } from './games/games-page';
import { I18nProvider } from './i18n/i18n-context';
import { NotFoundPage } from './not-found-page';
import { usePathname } from './routing/navigation';
import { matchRoute } from './routing/routes';
import { PageLoading } from './ui/page-loading';

// The signed-in pages load on demand: the board on the hall's screen loads only what it shows.
const TeamPage = lazy(() => import('./team/team-page').then((m) => ({ default: m.TeamPage })));
const ControlPage = lazy(() => import('./control/control-page').then((m) => ({ default: m.ControlPage })));
const ControlGamePage = lazy(() => import('./control/control-page').then((m) => ({ default: m.ControlGamePage })));

export function App() {
  return (
    <I18nProvider>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </I18nProvider>
  );
}

function Page() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'games':
      return <GamesPage />;
    case 'board':
      // A new game id is a new board (new connection, new history).
      return <AudienceBoard key={route.gameId} gameId={route.gameId} />;
    case 'team':
      return <TeamPage />;
    case 'control':
      return <ControlPage />;
    case 'control-game':
      return <ControlGamePage key={route.gameId} gameId={route.gameId} />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}
