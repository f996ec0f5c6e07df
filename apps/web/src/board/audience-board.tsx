import { useId } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../i18n/language-switch';
import type { AudienceBoardState } from '../live/audience-store';
import { useAudienceBoard } from '../live/use-audience-board';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../use-document-title';
import { Announcements } from './announcements';
import { ConnectionStatus } from './connection-status';
import { FreezeBanner } from './freeze-banner';
import { GameClock } from './game-clock';
import { RevenueChart } from './revenue-chart';
import { StandingsTable } from './standings-table';
import { Ticker } from './ticker';
import { UnitLeaders } from './unit-leaders';
import './audience-board.css';

/** `/board/:gameId`: the public board for a big screen or a stream (no login). */
export function AudienceBoard({ gameId }: { gameId: string }) {
  const { t, text } = useI18n();
  const board = useAudienceBoard(gameId);
  const title = board.view ? text(board.view.title) : gameId;
  useDocumentTitle(`${title} · ${t('board.title')} · Mamoru`);
  if (!board.view) return <BoardMessage board={board} />;
  return <Board board={board} />;
}

function Board({ board }: { board: AudienceBoardState }) {
  const { t, text, time } = useI18n();
  const ids = useId();
  const view = board.view!;
  const startsAt = view.clock.clockStartsAtMinutes;
  const frozenAt = view.frozen ? time(view.frozen.atMinute, startsAt) : null;

  return (
    <div
      className="board"
      data-testid="board"
      data-game-id={view.gameId}
      data-seq={board.seq ?? undefined}
      data-status={view.clock.status}
      data-frozen={view.frozen ? 'true' : 'false'}
    >
      <header className="board__header">
        <div className="board__heading">
          <p className="board__brand">
            {t('app.name')} · {t('board.title')}
          </p>
          <h1 className="board__title">{text(view.title)}</h1>
        </div>
        <GameClock clock={view.clock} serverClock={board.serverClock} />
        <div className="board__tools">
          <ConnectionStatus state={board.connection} />
          <LanguageSwitch />
        </div>
      </header>

      {frozenAt && <FreezeBanner time={frozenAt} />}
      <Announcements announcements={view.announcements} clockStartsAtMinutes={startsAt} />

      <main className="board__main">
        <section className="panel board__standings" aria-labelledby={`${ids}-standings`}>
          <h2 className="panel__title" id={`${ids}-standings`}>
            {t('standings.title')}
            {frozenAt && <span className="panel__tag">❄︎ {frozenAt}</span>}
          </h2>
          <StandingsTable standings={view.standings} markers={board.rankMarkers} frozenAt={frozenAt} />
        </section>

        <div className="board__side">
          <section className="panel board__chart" aria-labelledby={`${ids}-chart`}>
            <h2 className="panel__title" id={`${ids}-chart`}>
              {t('chart.title')}
            </h2>
            <RevenueChart
              series={board.series}
              version={board.seriesVersion}
              durationMinutes={view.clock.durationMinutes}
              clockStartsAtMinutes={startsAt}
              frozenAtMinute={view.frozen?.atMinute ?? null}
            />
          </section>

          <section className="panel board__leaders" aria-labelledby={`${ids}-leaders`}>
            <h2 className="panel__title" id={`${ids}-leaders`}>
              {t('leaders.title')}
            </h2>
            <UnitLeaders leaders={view.unitLeaders} standings={view.standings} />
          </section>

          <section className="panel board__ticker" aria-labelledby={`${ids}-ticker`}>
            <h2 className="panel__title" id={`${ids}-ticker`}>
              {t('ticker.title')}
            </h2>
            <Ticker lines={view.ticker} standings={view.standings} clockStartsAtMinutes={startsAt} />
          </section>
        </div>
      </main>
    </div>
  );
}

/** Before the first view: connecting, or why the server refused (an unknown game). */
function BoardMessage({ board }: { board: AudienceBoardState }) {
  const { t } = useI18n();
  const refusal = board.connection === 'refused' ? board.refusal : null;
  let message = t('board.connecting');
  if (refusal?.code === 'NOT_FOUND') message = t('board.refused.NOT_FOUND', { gameId: board.gameId });
  else if (refusal?.code === 'VALIDATION') message = t('board.refused.VALIDATION', { gameId: board.gameId });
  else if (refusal) message = t('board.refused.other', { message: refusal.message || refusal.code });

  return (
    <div className="board-message" data-testid="board-message" data-state={board.connection}>
      <header className="board-message__header">
        <p className="board__brand">
          {t('app.name')} · {t('board.title')}
        </p>
        <div className="board__tools">
          <ConnectionStatus state={board.connection} />
          <LanguageSwitch />
        </div>
      </header>
      <div className={`notice${refusal ? ' notice--error' : ''}`} role={refusal ? 'alert' : 'status'}>
        <p className="board-message__text">{message}</p>
        {refusal?.code === 'NOT_FOUND' && <p className="board-message__hint">{t('board.refused.retrying')}</p>}
        {refusal && (
          <p>
            <Link to="/">{t('board.backToGames')}</Link>
          </p>
        )}
      </div>
    </div>
  );
}
