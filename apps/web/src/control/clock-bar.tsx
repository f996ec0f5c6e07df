import type { ControlView } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { ServerClock } from '../board/clock';
import { remainingMs } from '../board/clock';
import { useGameClock } from '../board/use-game-clock';
import { clockParts, formatDuration } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import type { ControlApi } from './control-types';
import { gamePath } from './control-types';
import { ReasonField } from './form-bits';
import { statusBadgeClass } from './status';

type ClockCommand = 'start' | 'pause' | 'resume' | 'speed' | 'stop';

/**
 * The top of the control room: the game clock in story time, status, speed, time left and the
 * board's freeze; for organisers the clock's controls and the freeze toggle.
 */
export function ClockBar({
  view,
  serverClock,
  organiser,
  api,
  gameId,
}: {
  view: ControlView;
  serverClock: ServerClock;
  organiser: boolean;
  api: ControlApi;
  gameId: string;
}) {
  const { t, time } = useI18n();
  const clock = view.clock;
  const shownMs = useGameClock(clock, serverClock) ?? clock.gameMs;
  const parts = clockParts(shownMs, clock.clockStartsAtMinutes);
  const [speed, setSpeed] = useState(String(clock.speed));
  const [reason, setReason] = useState('');
  const [lastCommand, setLastCommand] = useState<ClockCommand | null>(null);

  const command = useAction(async (_key: string, which: ClockCommand, body: object) =>
    api.request(gamePath(gameId, `/${which}`), { method: 'POST', body }),
  );
  const freeze = useAction(async (key: string, frozen: boolean) =>
    api.request(gamePath(gameId, frozen ? '/unfreeze' : '/freeze'), { method: 'POST', body: {}, idempotencyKey: key }),
  );

  const speedValue = Number(speed);
  const speedValid = Number.isFinite(speedValue) && speedValue > 0 && speedValue <= 10_000;

  const run = (which: ClockCommand) => {
    setLastCommand(which);
    const trimmed = reason.trim();
    switch (which) {
      case 'start':
        return void command.run(which, speedValid ? { speed: speedValue } : {});
      case 'speed':
        return void command.run(which, { speed: speedValue });
      case 'pause':
        return void command.run(which, trimmed ? { reason: trimmed } : {}).then((ok) => ok && setReason(''));
      case 'stop':
        if (!window.confirm(t('control.clock.stopConfirm'))) return;
        return void command.run(which, trimmed ? { reason: trimmed } : {});
      case 'resume':
        return void command.run(which, {});
    }
  };

  const submitSpeed = (event: FormEvent) => {
    event.preventDefault();
    if (!speedValid) return;
    run(clock.status === 'created' ? 'start' : 'speed');
  };

  const status = clock.status;
  const frozen = view.frozen;
  const commandButton = (which: 'pause' | 'resume' | 'stop', variant: string, label: string) => (
    <button
      type="button"
      className={`button button--${variant}`}
      disabled={command.pending}
      onClick={() => run(which)}
      data-testid={`clock-${which}`}
    >
      {label}
    </button>
  );

  return (
    <section className="panel control-clock" data-testid="control-clock" aria-label={t('control.clock.title')}>
      <div className="control-clock__readout">
        <div className="control-clock__time num" aria-label={t('clock.label')}>
          {parts.hhmm}
          <span className="control-clock__seconds">:{parts.ss}</span>
        </div>
        <div className="control-clock__facts">
          <span className={statusBadgeClass(status)} data-testid="clock-status">
            {t(`status.${status}`)}
          </span>
          <span className="num">{t('clock.speed', { speed: clock.speed })}</span>
          {status !== 'ended' && (
            <span>
              {t('clock.remaining')} <span className="num">{formatDuration(remainingMs(clock, shownMs))}</span>
            </span>
          )}
          <span className="muted num">
            {t('control.clock.tick', { tick: clock.tick, duration: clock.durationMinutes })}
          </span>
          {frozen ? (
            <span className="badge badge--warn" data-testid="freeze-state">
              {t('control.freeze.frozen', { time: time(frozen.atMinute, clock.clockStartsAtMinutes), by: frozen.by })}
            </span>
          ) : (
            <span className="badge" data-testid="freeze-state">
              {t('control.freeze.live')}
            </span>
          )}
        </div>
      </div>
      {organiser && (
        <div className="control-clock__controls">
          {status !== 'ended' && (
            <form className="control-clock__form" onSubmit={submitSpeed}>
              <label className="field field--inline">
                <span>{t('control.clock.speed')}</span>
                <input
                  type="number"
                  min={0.1}
                  max={10000}
                  step="any"
                  value={speed}
                  onChange={(e) => setSpeed(e.target.value)}
                  className="num control-clock__speed"
                  data-testid="clock-speed"
                />
              </label>
              {status === 'created' && (
                <button
                  type="submit"
                  className="button button--primary"
                  disabled={command.pending || !speedValid}
                  data-testid="clock-start"
                >
                  {command.pending && lastCommand === 'start' ? t('control.clock.starting') : t('control.clock.start')}
                </button>
              )}
              {status !== 'created' && (
                <button
                  type="submit"
                  className="button button--secondary"
                  disabled={command.pending || !speedValid}
                  data-testid="clock-speed-apply"
                >
                  {t('control.clock.applySpeed')}
                </button>
              )}
            </form>
          )}
          {(status === 'running' || status === 'paused') && (
            <div className="control-clock__form">
              <ReasonField
                label={t('control.clock.reason')}
                value={reason}
                onChange={setReason}
                testId="clock-reason"
                inline
              />
              {status === 'running'
                ? commandButton('pause', 'secondary', t('control.clock.pause'))
                : commandButton('resume', 'primary', t('control.clock.resume'))}
              {commandButton('stop', 'danger', t('control.clock.stop'))}
            </div>
          )}
          <button
            type="button"
            className={frozen ? 'button button--primary' : 'button button--secondary'}
            disabled={freeze.pending}
            aria-pressed={Boolean(frozen)}
            onClick={() => void freeze.run(Boolean(frozen))}
            data-testid="freeze-toggle"
            data-frozen={frozen ? 'true' : 'false'}
          >
            {frozen ? t('control.freeze.unfreeze') : t('control.freeze.freeze')}
          </button>
        </div>
      )}
      {command.pending && lastCommand === 'start' && (
        <p className="muted" role="status">
          {t('control.clock.provisioning')}
        </p>
      )}
      <ErrorNotice error={command.error} testId="clock-error" />
      <ErrorNotice error={freeze.error} testId="freeze-error" />
    </section>
  );
}
