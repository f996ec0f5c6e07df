import { AudienceBoard } from './board/audience-board';
import { ControlGamePage, ControlPage } from './control/control-page';
import { GamesPage } from './games/games-page';
import { I18nProvider } from './i18n/i18n-context';
import { NotFoundPage } from './not-found-page';
import { usePathname } from './routing/navigation';
import { matchRoute } from './routing/routes';
import { TeamPage } from './team/team-page';

export function App() {
  return (
    <I18nProvider>
      <Page />
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
