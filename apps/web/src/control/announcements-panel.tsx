import type { ControlView } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useAction } from '../ui/use-action';
import type { ControlApi } from './control-types';
import { gamePath } from './control-types';
import { ActionFooter } from './form-bits';

const MAX = 2000;

/** Announcements on every screen: the form (organisers) and the list with authors, newest first. */
export function AnnouncementsPanel({
  view,
  organiser,
  api,
  gameId,
}: {
  view: ControlView;
  organiser: boolean;
  api: ControlApi;
  gameId: string;
}) {
  const { t, time } = useI18n();
  const [text, setText] = useState('');
  const action = useAction(async (key: string, body: { text: string }) => {
    const answer = await api.request(gamePath(gameId, '/announcements'), { method: 'POST', body, idempotencyKey: key });
    setText('');
    return answer;
  });
  const trimmed = text.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed && trimmed.length <= MAX) void action.run({ text: trimmed });
  };
  const list = [...view.announcements].reverse();
  return (
    <section
      className="panel control-announcements"
      id="control-announcements"
      aria-labelledby="control-announcements-title"
    >
      <h2 id="control-announcements-title">{t('control.announcements.title')}</h2>
      {organiser && (
        <form onSubmit={submit}>
          <label className="field">
            <span>{t('control.announcements.text')}</span>
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={MAX}
              rows={2}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
              }}
              data-testid="announcement-text"
            />
            <small className="num">
              {t('control.announcements.count', { count: text.length, max: MAX })} · {t('control.announcements.hint')}
            </small>
          </label>
          <ActionFooter
            action={action}
            errorTestId="announcement-error"
            submitTestId="announcement-submit"
            disabled={!trimmed}
          >
            {t('control.announcements.submit')}
          </ActionFooter>
        </form>
      )}
      <ul className="control-announcements__list control-scroll-y" data-testid="control-announcements">
        {list.length === 0 && <li className="muted">{t('control.announcements.empty')}</li>}
        {list.map((a) => (
          <li key={a.announcementId} data-testid="control-announcement">
            <div className="control-small muted">
              <span className="num">{time(a.atMinute, view.clock.clockStartsAtMinutes)}</span> · {a.by}
            </div>
            <div className="pre-text">{a.text}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
