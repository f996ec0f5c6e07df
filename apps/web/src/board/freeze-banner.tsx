import { useI18n } from '../i18n/i18n-context';
import './freeze-banner.css';

/** Shown while organisers have frozen the board: the figures are those of the freeze minute. */
export function FreezeBanner({ time }: { time: string }) {
  const { t } = useI18n();
  return (
    <div className="freeze-banner" data-testid="freeze-banner" role="status">
      <span className="freeze-banner__icon" aria-hidden="true">
        ❄︎
      </span>
      <div>
        <p className="freeze-banner__title">{t('freeze.title', { time })}</p>
        <p className="freeze-banner__note">
          {t('freeze.detail', { time })} · {t('freeze.note')}
        </p>
      </div>
    </div>
  );
}
