import { useEffect, useState } from 'react';
import { fetchGames } from '../api/games';
import { useI18n } from '../i18n/i18n-context';
import { Link } from '../routing/link';
import { boardPath, controlGamePath } from '../routing/routes';
import { ErrorNotice } from '../ui/error-notice';
import type { GameSummary } from './control-types';
import { statusBadgeClass } from './status';

/** Every game with its status, each linking to its control room and its board. */
export function GamesList() {
  const { t, text } = useI18n();
  const [games, setGames] = useState<GameSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    fetchGames(abort.signal).then(
      (list) => {
        setGames(list);
        setError(null);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) setError(failure);
      },
    );
    return () => abort.abort();
  }, [nonce]);

  return (
    <section className="panel" aria-labelledby="control-games-title">
      <header className="control-panel-head">
        <h2 id="control-games-title">{t('control.games.title')}</h2>
        <button type="button" className="button button--secondary button--small" onClick={() => setNonce((n) => n + 1)}>
          {t('control.reload')}
        </button>
      </header>
      <ErrorNotice error={error} testId="control-games-error" />
      {games === null && !error && <p className="muted">{t('common.loading')}</p>}
      {games && games.length === 0 && <p className="muted">{t('control.games.empty')}</p>}
      <ul className="control-games" data-testid="control-games">
        {(games ?? []).map((game) => (
          <li key={game.gameId} className="control-games__item">
            <div>
              <Link
                to={controlGamePath(game.gameId)}
                className="control-games__link"
                data-testid="control-game-link"
                data-game-id={game.gameId}
              >
                {text(game.title)}
              </Link>
              <div className="muted control-games__meta">
                <code>{game.gameId}</code> · {t('control.games.teams', { count: game.teams.length })} ·{' '}
                {t('common.minutes', { count: game.durationMinutes })}
              </div>
            </div>
            <span className={statusBadgeClass(game.status)}>{t(`status.${game.status}`)}</span>
            <Link to={boardPath(game.gameId)} className="button button--secondary button--small">
              {t('control.games.board')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
