import type { Bilingual, ClockView } from '@mamoru/domain';
import { remainingMs } from '../board/clock';
import { useI18n } from '../i18n/i18n-context';
import { clockParts, formatDuration } from '../i18n/format';

/** The game's story time, what is left of it, and whether it runs, in the header. */
export function TeamClock({ clock, gameMs, title }: { clock: ClockView; gameMs: number; title: Bilingual }) {
  const { t, text } = useI18n();
  const { hhmm, ss } = clockParts(gameMs, clock.clockStartsAtMinutes);
  const status = clock.status;
  const tone = status === 'running' ? 'good' : status === 'ended' ? 'bad' : 'warn';
  return (
    <div className="team-clock" data-testid="team-clock" data-status={status} data-game-ms={gameMs}>
      <span className="team-clock__title muted">{text(title)}</span>
      <span className="team-clock__time num" role="timer" aria-label={`${t('clock.label')} ${hhmm}`}>
        {hhmm}
        <span className="team-clock__ss" aria-hidden="true">
          :{ss}
        </span>
      </span>
      <span className={`badge badge--${tone}`} data-testid="team-clock-status">
        {t(`status.${status}`)}
      </span>
      <span className="team-clock__remaining">
        {t('clock.remaining')} <span className="num">{formatDuration(remainingMs(clock, gameMs))}</span>
      </span>
    </div>
  );
}
