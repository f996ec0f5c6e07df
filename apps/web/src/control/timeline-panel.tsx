import type { TimelineEntry } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ErrorNotice } from '../ui/error-notice';
import { useAction } from '../ui/use-action';
import type { ControlPanelProps } from './control-types';
import { gamePath } from './control-types';
import { PanelHead, ReasonField } from './form-bits';
import { storyToGameTime } from './story-time';

const STATUS_BADGE: Record<TimelineEntry['status'], string> = {
  waiting: 'badge',
  done: 'badge badge--good',
  fired: 'badge badge--good',
  skipped: 'badge badge--bad',
};

type InjectCommand = 'fire' | 'skip' | 'reschedule';

/**
 * Every inject of the timeline with its status; organisers fire, skip or reschedule the waiting
 * ones. Times are shown and typed in story time; `reschedule` sends game time (story − start).
 */
export function TimelinePanel({ view, names, organiser, api, gameId }: ControlPanelProps & { organiser: boolean }) {
  const { t, text, time } = useI18n();
  const starts = view.clock.clockStartsAtMinutes;
  const story = starts !== undefined;
  const [reason, setReason] = useState('');
  const [hideDone, setHideDone] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const action = useAction(async (key: string, injectId: string, which: InjectCommand, body: object) => {
    setFailed(injectId);
    const answer = await api.request(gamePath(gameId, `/injects/${encodeURIComponent(injectId)}/${which}`), {
      method: 'POST',
      body,
      idempotencyKey: which === 'reschedule' ? key : undefined,
    });
    setReason('');
    return answer;
  });

  const withReason = (body: object) => (reason.trim() ? { ...body, reason: reason.trim() } : body);
  // In time order (a rescheduled inject moves to its new time); the scenario's order breaks ties.
  const rows = (hideDone ? view.timeline.filter((e) => e.status === 'waiting') : view.timeline)
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) => (a.entry.dueMinute ?? a.entry.atMinute) - (b.entry.dueMinute ?? b.entry.atMinute) || a.index - b.index,
    )
    .map(({ entry }) => entry);
  // Opened mid-game, the list starts at what comes next (the done injects stay above, a scroll away).
  const scroller = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  const firstWaiting = rows.find((e) => e.status === 'waiting')?.injectId;
  useEffect(() => {
    const box = scroller.current;
    if (scrolled.current || !box || !firstWaiting) return;
    scrolled.current = true;
    const row = [...box.querySelectorAll<HTMLElement>('tr[data-inject-id]')].find(
      (tr) => tr.dataset.injectId === firstWaiting,
    );
    const head = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    if (row) box.scrollTop = Math.max(0, row.offsetTop - head - 8);
  }, [firstWaiting]);
  const targets = (entry: TimelineEntry) =>
    entry.targets === 'all'
      ? t('control.timeline.allTeams')
      : entry.targets.map((n) => view.teams.find((team) => team.number === n)?.name ?? `#${n}`).join(', ');

  return (
    <section className="panel control-timeline" id="control-timeline" aria-labelledby="control-timeline-title">
      <PanelHead titleId="control-timeline-title" title={t('control.timeline.title')}>
        <label className="field field--inline control-small">
          <input type="checkbox" checked={hideDone} onChange={(e) => setHideDone(e.target.checked)} />
          <span>{t('control.timeline.hideDone')}</span>
        </label>
      </PanelHead>
      {organiser && (
        <ReasonField label={t('control.timeline.reason')} value={reason} onChange={setReason} testId="timeline-reason">
          <small>{story ? t('control.timeline.storyHint') : t('control.timeline.gameHint')}</small>
        </ReasonField>
      )}
      <ErrorNotice error={action.error} testId="timeline-error" />
      {action.error !== null && failed && (
        <p className="muted control-small">{t('control.timeline.failedFor', { inject: failed })}</p>
      )}
      <div className="control-scroll-y control-timeline__scroll" ref={scroller}>
        <table className="data-table" data-testid="timeline">
          <thead>
            <tr>
              <th className="num">{story ? t('control.timeline.storyTime') : t('control.timeline.gameTime')}</th>
              <th>{t('control.timeline.inject')}</th>
              <th>{t('control.timeline.targets')}</th>
              <th>{t('control.timeline.status')}</th>
              {organiser && <th>{t('control.timeline.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <TimelineRow
                key={entry.injectId}
                entry={entry}
                organiser={organiser}
                pending={action.pending}
                clockStartsAtMinutes={starts}
                unitName={names.unit(entry.unit)}
                title={text(entry.title)}
                targets={targets(entry)}
                statusText={t(`control.timeline.status.${entry.status}`)}
                time={time}
                onFire={() => void action.run(entry.injectId, 'fire', withReason({}))}
                onSkip={() => void action.run(entry.injectId, 'skip', withReason({}))}
                onReschedule={(at) => action.run(entry.injectId, 'reschedule', withReason({ at }))}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TimelineRow({
  entry,
  organiser,
  pending,
  clockStartsAtMinutes,
  unitName,
  title,
  targets,
  statusText,
  time,
  onFire,
  onSkip,
  onReschedule,
}: {
  entry: TimelineEntry;
  organiser: boolean;
  pending: boolean;
  clockStartsAtMinutes: number | undefined;
  unitName: string;
  title: string;
  targets: string;
  statusText: string;
  time(minute: number, starts: number | undefined): string;
  onFire(): void;
  onSkip(): void;
  onReschedule(at: string): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [at, setAt] = useState('');
  const [bad, setBad] = useState(false);
  const waiting = entry.status === 'waiting';
  const moved = entry.dueMinute !== undefined && entry.dueMinute !== entry.atMinute;
  const gameAt = at.trim() ? storyToGameTime(at, clockStartsAtMinutes) : null;

  const reschedule = (event: FormEvent) => {
    event.preventDefault();
    if (gameAt === null) {
      setBad(true);
      return;
    }
    setBad(false);
    void onReschedule(gameAt).then((ok) => ok && setAt(''));
  };

  return (
    <tr data-testid="timeline-row" data-inject-id={entry.injectId} data-status={entry.status}>
      <td className="num">
        {time(entry.dueMinute ?? entry.atMinute, clockStartsAtMinutes)}
        {moved && (
          <div className="control-small muted">
            <s>{time(entry.atMinute, clockStartsAtMinutes)}</s>
          </div>
        )}
      </td>
      <td>
        <div>{title}</div>
        <div className="control-small muted">
          {entry.kind} · {unitName} · <code>{entry.injectId}</code>
        </div>
      </td>
      <td className="control-small">{targets}</td>
      <td>
        <span className={STATUS_BADGE[entry.status]}>{statusText}</span>
      </td>
      {organiser && (
        <td>
          {waiting && (
            <div className="control-inject-actions">
              <button
                type="button"
                className="button button--primary button--small"
                disabled={pending}
                onClick={onFire}
                data-testid="inject-fire"
              >
                {t('control.timeline.fire')}
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={pending}
                onClick={onSkip}
                data-testid="inject-skip"
              >
                {t('control.timeline.skip')}
              </button>
              <form className="control-reschedule" onSubmit={reschedule}>
                <label>
                  <span className="visually-hidden">
                    {clockStartsAtMinutes !== undefined
                      ? t('control.timeline.newStoryTime')
                      : t('control.timeline.newGameTime')}
                  </span>
                  <input
                    value={at}
                    onChange={(e) => {
                      setAt(e.target.value);
                      setBad(false);
                    }}
                    placeholder="HH:MM"
                    inputMode="numeric"
                    className="input num control-reschedule__input"
                    aria-invalid={bad}
                    data-testid="inject-reschedule-time"
                  />
                </label>
                <button
                  type="submit"
                  className="button button--secondary button--small"
                  disabled={pending || !at.trim()}
                  data-testid="inject-reschedule"
                >
                  {t('control.timeline.reschedule')}
                </button>
                {at.trim() && (
                  <span
                    className={gameAt === null ? 'control-small control-bad' : 'control-small muted'}
                    data-testid="inject-reschedule-game-time"
                  >
                    {gameAt === null
                      ? t('control.timeline.badTime')
                      : clockStartsAtMinutes !== undefined
                        ? t('control.timeline.asGameTime', { time: gameAt })
                        : ''}
                  </span>
                )}
              </form>
            </div>
          )}
        </td>
      )}
    </tr>
  );
}
