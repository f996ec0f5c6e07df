import type { TeamView } from '@mamoru/domain';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useAction } from '../ui/use-action';
import { ActionRow } from './panel-bits';
import { teamAction } from './team-api';
import type { TeamScope } from './team-scope';

const MAX_NOTICE_CHARS = 5000;

function PublishedNotices({ view }: { view: TeamView }) {
  const { t, time } = useI18n();
  const notices = [...view.team.notices].reverse();
  if (notices.length === 0) return <p className="muted">{t('team.notices.none')}</p>;
  return (
    <ol className="team-list">
      {notices.map((n, i) => (
        <li key={`${n.atMinute}-${i}`} className="team-list__item" data-testid="team-notice">
          <time className="num muted">{time(n.atMinute, view.clock.clockStartsAtMinutes)}</time>
          <p className="pre-text">{n.text}</p>
        </li>
      ))}
    </ol>
  );
}

/** The team's published notices, for members outside PR. */
export function NoticesList({ view }: { view: TeamView }) {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="notices-list" aria-labelledby="team-notices-list-title">
      <h2 id="team-notices-list-title">{t('team.notices.published')}</h2>
      <PublishedNotices view={view} />
    </section>
  );
}

/** PR: publish a notice on the team's shop (a notice soon after a harm gives back half of its trust). */
export function NoticesPanel({ view, scope }: { view: TeamView; scope: TeamScope }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const action = useAction(async (key: string, text: string) => {
    const result = await teamAction(scope.api, `${scope.base}/notices`, { text }, key);
    setDraft('');
    return result;
  });
  const empty = draft.trim().length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (empty || scope.block) return;
    void action.run(draft);
  };
  return (
    <section className="panel" data-testid="notices-panel" aria-labelledby="team-notices-title">
      <h2 id="team-notices-title">{t('team.notices.title')}</h2>
      <p className="muted">{t('team.notices.hint')}</p>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('team.notices.text')}</span>
          <textarea
            value={draft}
            maxLength={MAX_NOTICE_CHARS}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
            data-testid="notice-text"
          />
          <small className="num">
            {t('team.response.count', { count: draft.length, max: MAX_NOTICE_CHARS })} · {t('team.response.shortcut')}
          </small>
        </label>
        <ActionRow
          state={action}
          scope={scope}
          testId="notice"
          done="team.done.notice"
          button={{ label: t('team.notices.publish'), testId: 'notice-submit', disabled: empty }}
        />
      </form>
      <h3>{t('team.notices.published')}</h3>
      <PublishedNotices view={view} />
    </section>
  );
}
