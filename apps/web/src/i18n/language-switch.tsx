import { useI18n } from './i18n-context';
import type { Locale } from './translate';
import { LOCALES } from './translate';
import './language-switch.css';

/** Two buttons (日本語 / English); the pressed one is the current language. Keyboard: Tab, then Enter or Space. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <div
      className={['lang-switch', className].filter(Boolean).join(' ')}
      role="group"
      aria-label={t('lang.label')}
      data-testid="lang-switch"
    >
      {LOCALES.map((option: Locale) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="lang-switch__option"
          aria-pressed={locale === option}
          data-locale={option}
          onClick={() => setLocale(option)}
        >
          {t(`lang.${option}`)}
        </button>
      ))}
    </div>
  );
}
