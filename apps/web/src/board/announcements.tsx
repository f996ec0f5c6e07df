import type { AudienceView } from '@mamoru/domain';
import { useI18n } from '../i18n/i18n-context';
import './announcements.css';

/** Organisers' announcements, newest first: the latest one large, two earlier ones below it. */
export function Announcements({
  announcements,
  clockStartsAtMinutes,
}: {
  announcements: AudienceView['announcements'];
  clockStartsAtMinutes: number | undefined;
}) {
  const { t, time } = useI18n();
  if (announcements.length === 0) return null;
  const [latest, ...earlier] = [...announcements].reverse();
  return (
    <section
      className={`announcements${earlier.length === 0 ? ' announcements--single' : ''}`}
      data-testid="announcements"
      aria-label={t('announcements.title')}
    >
      <div className="announcements__latest" key={latest.announcementId} role="status" aria-live="assertive">
        <span className="announcements__label">{t('announcements.title')}</span>
        <time className="announcements__time num">{time(latest.atMinute, clockStartsAtMinutes)}</time>
        <p className="announcements__text">{latest.text}</p>
      </div>
      {earlier.length > 0 && (
        <ol className="announcements__earlier">
          {earlier.slice(0, 2).map((item) => (
            <li key={item.announcementId}>
              <time className="num">{time(item.atMinute, clockStartsAtMinutes)}</time> {item.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
