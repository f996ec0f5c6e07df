import type { TeamView } from '@mamoru/domain';
import { useI18n } from '../i18n/i18n-context';

/** The organisers' announcements, newest first. */
export function AnnouncementsPanel({
  announcements,
  clockStartsAtMinutes,
}: {
  announcements: TeamView['announcements'];
  clockStartsAtMinutes: number | undefined;
}) {
  const { t, time } = useI18n();
  const newest = [...announcements].reverse();
  return (
    <section className="panel" data-testid="team-announcements" aria-labelledby="team-announcements-title">
      <h2 id="team-announcements-title">{t('team.announcements.title')}</h2>
      {newest.length === 0 ? (
        <p className="muted">{t('team.announcements.empty')}</p>
      ) : (
        <ol className="team-list">
          {newest.map((a) => (
            <li key={a.announcementId} className="team-list__item" data-testid="team-announcement">
              <time className="num muted">{time(a.atMinute, clockStartsAtMinutes)}</time>
              <p className="pre-text">{a.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
