import { useCallback, useEffect, useState } from 'react';
import type { GameSummary } from '../api/games';
import { fetchGames } from '../api/games';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../i18n/language-switch';
import { Link } from '../routing/link';
import { boardPath, CONTROL_PATH, TEAM_PATH } from '../routing/routes';
import { useDocumentTitle } from '../use-document-title';
import './games-page.css';

const REFRESH_MS = 15_000;

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; games: GameSummary[] };

/** `/`: every game with a link to its audience board; refreshed every 15 s. */
export function GamesPage() {
  const { t, text, time } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(`${t('games.title')} · Mamoru`);

  useEffect(() => {
    let controller: AbortController | null = null;
    const run = async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        const games = await fetchGames(controller.signal);
        setLoad({ state: 'ready', games });
      } catch (error) {
        if (controller.signal.aborted) return;
        // Keep showing the games already listed when a refresh fails.
        setLoad((current) =>
          current.state === 'ready'
            ? current
            : { state: 'error', message: error instanceof Error ? error.message : String(error) },
        );
      }
    };
    void run();
    const timer = setInterval(() => void run(), REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller?.abort();
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setLoad({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <p className="page__brand">
            {t('app.name')} · {t('app.tagline')}
          </p>
          <h1 className="page__title">{t('games.title')}</h1>
        </div>
        <nav className="page__nav" aria-label={t('games.nav')}>
          <Link className="button button--secondary" to={TEAM_PATH} data-testid="nav-team">
            {t('games.teamLink')}
          </Link>
          <Link className="button button--secondary" to={CONTROL_PATH} data-testid="nav-control">
            {t('games.controlLink')}
          </Link>
          <LanguageSwitch />
        </nav>
      </header>
      <main>
        {load.state === 'loading' && (
          <p className="notice" role="status">
            {t('games.loading')}
          </p>
        )}
        {load.state === 'error' && (
          <div className="notice notice--error" role="alert">
            <p>{t('games.error', { message: load.message })}</p>
            <button type="button" className="button" onClick={retry}>
              {t('games.retry')}
            </button>
          </div>
        )}
        {load.state === 'ready' && load.games.length === 0 && <p className="notice">{t('games.empty')}</p>}
        {load.state === 'ready' && load.games.length > 0 && (
          <ul className="games" data-testid="games">
            {load.games.map((game) => (
              <li key={game.gameId} className="games__item" data-game-id={game.gameId}>
                <div className="games__main">
                  <h2 className="games__title">
                    <Link to={boardPath(game.gameId)}>{text(game.title)}</Link>
                  </h2>
                  <p className="games__meta">
                    <span className={`games__status games__status--${game.status}`}>{t(`status.${game.status}`)}</span>
                    <span className="num">{t('games.time', { time: time(game.tick, game.clockStartsAtMinutes) })}</span>
                    <span className="num">{t('games.teams', { count: game.teams.length })}</span>
                    <span>
                      {t('games.id')} <code>{game.gameId}</code>
                    </span>
                  </p>
                </div>
                <Link
                  className="button"
                  to={boardPath(game.gameId)}
                  aria-label={`${t('games.open')}: ${text(game.title)}`}
                >
                  {t('games.open')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
