import type { ClockView } from '@mamoru/domain';
import { useI18n } from '../i18n/i18n-context';
import { clockParts, formatDuration } from '../i18n/format';
import type { ServerClock } from './clock';
import { remainingMs } from './clock';
import { useGameClock } from './use-game-clock';
import './game-clock.css';

/** The game clock (story time when the scenario has one), its state and the time left. */
export function GameClock({ clock, serverClock }: { clock: ClockView; serverClock: ServerClock }) {
  const { t } = useI18n();
  const gameMs = useGameClock(clock, serverClock) ?? clock.gameMs;
  const { hhmm, ss } = clockParts(gameMs, clock.clockStartsAtMinutes);
  const left = formatDuration(remainingMs(clock, gameMs));
  return (
    <div className="game-clock" data-testid="clock" data-status={clock.status} data-game-ms={gameMs}>
      <div className="game-clock__time num" role="timer" aria-label={`${t('clock.label')} ${hhmm}`}>
        <span className="game-clock__hhmm">{hhmm}</span>
        <span className="game-clock__ss" aria-hidden="true">
          :{ss}
        </span>
      </div>
      <div className="game-clock__meta">
        <span className={`game-clock__status game-clock__status--${clock.status}`}>{t(`status.${clock.status}`)}</span>
        {clock.status === 'running' && clock.speed !== 1 && (
          <span className="game-clock__speed num">{t('clock.speed', { speed: clock.speed })}</span>
        )}
        <span className="game-clock__remaining">
          <span className="game-clock__remaining-label">{t('clock.remaining')}</span>{' '}
          <span className="num" data-testid="clock-remaining">
            {left}
          </span>
        </span>
      </div>
    </div>
  );
}
